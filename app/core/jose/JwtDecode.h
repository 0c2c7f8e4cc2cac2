#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace oauth2dbg {

// A token taken apart for reading — not verified. Compact JWS (three segments) is decoded; JWE (five) is
// recognised and left sealed; anything else is an opaque token. Decoding is lenient where display allows it
// (padding, standard base64 characters) and says so in `warnings`; verification (separate) is strict.
struct DecodedToken {
    enum class Kind { Opaque, Jws, Jwe, Malformed };
    Kind kind = Kind::Opaque;
    QJsonObject header;
    QJsonObject payload;
    QByteArray payloadBytes; // as decoded, for a payload that is not a JSON object
    QStringList warnings;    // what was odd but readable
    QString error;           // Malformed: why it cannot be read

    [[nodiscard]] bool isJwt() const { return kind == Kind::Jws; }
    // "JWT (JWS, RS256, kid abc)", "JWE (encrypted: RSA-OAEP / A256GCM)", "opaque", ...
    [[nodiscard]] QString summary() const;
};

[[nodiscard]] DecodedToken decodeToken(const QByteArray& token);

// One claim in words: its value as a person reads it, and what it means.
struct ClaimLine {
    QString name;
    QString value;     // dates as local time with "in 4 min" / "2 h ago"
    QString meaning;   // one line; empty for claims without a registered meaning
    QStringList items; // aud, scope, amr ... as a list
};

[[nodiscard]] QList<ClaimLine> explainClaims(const QJsonObject& payload, const QDateTime& now);
// "in 4 min", "2 h ago", "in 3 days", "now".
[[nodiscard]] QString relativeTime(const QDateTime& when, const QDateTime& now);
// "4:32" for a positive remaining time, "expired 2 min ago" otherwise; empty without exp.
[[nodiscard]] QString countdown(const QJsonObject& payload, const QDateTime& now);

} // namespace oauth2dbg
