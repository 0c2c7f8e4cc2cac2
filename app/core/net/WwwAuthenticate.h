#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace oauth2dbg {

// One challenge of a WWW-Authenticate header (RFC 9110 §11.6.1): its scheme and its auth-params (names
// lowercased, quoted values unquoted), or the token68 some schemes carry instead.
struct AuthChallenge {
    QString scheme;
    QMap<QString, QString> params;
    QString token68;

    [[nodiscard]] QString param(const QString& name) const { return params.value(name.toLower()); }
};

namespace WwwAuthenticate {

// Every challenge in `header` (one header may carry several, comma-separated), read leniently: a malformed
// part ends the reading, what came before it is kept. At most 16 challenges, values cut at 1,000 characters.
[[nodiscard]] QList<AuthChallenge> parse(const QByteArray& header);
// The first challenge of `scheme` (case-insensitive); an empty scheme when there is none.
[[nodiscard]] AuthChallenge find(const QList<AuthChallenge>& challenges, const QString& scheme);
// What a challenge's error says, in words (RFC 6750 §3.1 for Bearer, RFC 9449 §7.1 for DPoP); empty when it
// names no error.
[[nodiscard]] QString explain(const AuthChallenge& challenge);

} // namespace WwwAuthenticate
} // namespace oauth2dbg
