#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace oauth2dbg {

// A JSON object read the way JOSE needs it (RFC 7515 §4, RFC 7519 §4): valid UTF-8 JSON, an object at the
// top, and no member name twice in any object — QJsonDocument would silently keep one of two "alg"s, and a
// token whose two readers see different values is an attack.
struct StrictJson {
    QJsonObject object;
    QString error; // empty when the object can be used

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

// `what` names the part in messages: "header", "payload", "JWKS".
[[nodiscard]] StrictJson parseStrictObject(const QByteArray& json, const QString& what);

// The first member name that appears twice in one object, with its escapes resolved; empty if none. The text
// must already be valid JSON.
[[nodiscard]] QString firstDuplicateMember(const QByteArray& json);

} // namespace oauth2dbg
