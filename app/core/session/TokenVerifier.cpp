#include "TokenVerifier.h"

#include "ProfileFlow.h"
#include "jose/Jws.h"

namespace oauth2dbg::TokenVerifier {

IdTokenExpectations idExpectations(const TokenContext& c, const TokenSet& tokens)
{
    DiscoveryResult discovery;
    discovery.metadata = c.metadata;
    IdTokenExpectations expected =
        ProfileFlow::idTokenExpectations(c.profile, discovery, c.clientSecret, c.clockSkewSeconds);
    expected.accessToken = tokens.accessToken;
    if (c.grant == u"refresh_token") {
        // OIDC Core §12.2: no nonce, nothing the sign-in asked for; iss, sub and aud as the first one.
        expected.original = c.firstIdClaims;
        return expected;
    }
    if (c.grant != u"authorization_code")
        return expected;
    expected.nonce = QString::fromLatin1(c.request.nonce);
    expected.code = c.code;
    for (const auto& [name, value] : c.request.parameters) {
        // What the request asked for is what the ID token is held to (OIDC Core §3.1.3.7 steps 12-13).
        if (name == u"max_age")
            expected.maxAge = value.toLongLong();
        else if (name == u"acr_values")
            expected.acrValues = value.split(u' ', Qt::SkipEmptyParts);
    }
    return expected;
}

AccessTokenExpectations accessExpectations(const IdTokenExpectations& id)
{
    return {.issuer = id.issuer, .clientId = id.clientId, .clock = id.clock};
}

bool needsKeys(const TokenSet& tokens)
{
    const QByteArray id = tokens.idToken.reveal();
    return (!id.isEmpty() && !CompactJws::parse(id).alg.startsWith(u"HS")) ||
           looksLikeJwt(tokens.accessToken.reveal());
}

TokenVerification verifyPasted(const QByteArray& token, const JwkSet& keys, const Secret& secret,
                               int clockSkewSeconds)
{
    return verifyStandalone(token, keys, secret,
                            {.now = QDateTime::currentDateTimeUtc(), .skewSeconds = clockSkewSeconds});
}

} // namespace oauth2dbg::TokenVerifier
