#pragma once

#include "Jwk.h"
#include "TokenVerification.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace oauth2dbg {

// What the client knows when an ID token arrives (OIDC Core §3.1.3.7): who should have issued it, for whom,
// what the request asked for.
struct IdTokenExpectations {
    QString issuer; // the discovered issuer, compared exactly
    QString clientId;
    QString registeredAlg;        // id_token_signed_response_alg, when the client registered one
    QStringList supportedAlgs;    // id_token_signing_alg_values_supported from the metadata
    bool noneAllowed = false;     // the client registered "none", code flow, straight from the token endpoint
    Secret clientSecret;          // HS256/384/512 ID tokens are signed with it
    QString nonce;                // as sent; empty when the request sent none
    std::optional<qint64> maxAge; // as sent
    QStringList acrValues;        // as requested
    Secret accessToken;           // the one that came with it, for at_hash
    QByteArray code;              // for c_hash, when the code came with the ID token
    // An ID token from the authorization endpoint (implicit, hybrid): a nonce must have been sent and come
    // back (OIDC Core §3.2.2.11), at_hash is required beside an access token (§3.2.2.10, §3.3.2.11) and
    // c_hash beside a code (§3.3.2.11).
    bool frontChannel = false;
    bool requireAtHash = false;
    bool requireCHash = false;
    tokenchecks::Clock clock;
    qint64 iatWindowSeconds = 600;
    // After a refresh (OIDC Core §12.2): the first ID token's claims; iss, sub and aud must not change.
    std::optional<QJsonObject> original;
};

[[nodiscard]] TokenVerification validateIdToken(const QByteArray& token, const JwkSet& keys,
                                                const IdTokenExpectations& expected);

// at_hash / c_hash (OIDC Core §3.1.3.6, §3.3.2.11): base64url of the left half of the value's hash, the hash
// chosen by the token's alg. Empty for an alg without one.
[[nodiscard]] QString tokenHash(const QString& alg, const QByteArray& value);

} // namespace oauth2dbg
