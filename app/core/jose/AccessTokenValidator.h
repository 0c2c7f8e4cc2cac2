#pragma once

#include "Jwk.h"
#include "TokenVerification.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace oauth2dbg {

// What a client can check of an access token (RFC 9068 for JWT access tokens). Most access tokens are opaque:
// only the server (introspection) can say what they mean, and the verdict says exactly that.
struct AccessTokenExpectations {
    QString issuer;
    QString clientId;
    QStringList supportedAlgs; // from the metadata, when it names any
    tokenchecks::Clock clock;
};

[[nodiscard]] TokenVerification validateAccessToken(const QByteArray& token, const JwkSet& keys,
                                                    const AccessTokenExpectations& expected);

// True when the token is a compact JWS whose payload is a claims object (so a key set is worth fetching).
[[nodiscard]] bool looksLikeJwt(const QByteArray& token);

} // namespace oauth2dbg
