#pragma once

#include "jose/AccessTokenValidator.h"
#include "jose/IdTokenValidator.h"
#include "oauth/AuthorizationRequest.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/TokenResponse.h"
#include "profiles/Profile.h"

#include <functional>
#include <optional>

namespace oauth2dbg {

// What the tokens of one response are held to, decided once for both faces (OIDC Core §3.1.3.7, §12.2;
// RFC 9068 §4): everything the request asked for, the code it traded, and after a refresh the first ID
// token's claims.
struct TokenContext {
    Profile profile;
    QJsonObject metadata;         // the discovered metadata, with the profile's endpoints over it
    Secret clientSecret;          // as the token request used it (none for a public client)
    QString grant;                // "authorization_code", "refresh_token", "client_credentials"
    AuthorizationRequest request; // of the sign-in (nonce, max_age, acr_values)
    QByteArray code;              // the code traded, for c_hash
    std::optional<QJsonObject> firstIdClaims;
    int clockSkewSeconds = 60;
    QString certificateThumbprint; // of the client certificate the token request sent (RFC 8705 §3)
    QString dpopThumbprint;        // of the DPoP key the token request's proof carried (RFC 9449 §6)
};

class JwksClient;

// The verdicts on one token response: the ID token's and the access token's (when there is one), and the key
// set when it could not be had.
struct TokenVerdicts {
    std::optional<TokenVerification> id;
    std::optional<TokenVerification> access;
    bool accessIsJwt = false;
    EngineError keysError;

    // OIDC Core §3.1.3.7: a client must validate the ID token; one that could not be verified fails the run.
    [[nodiscard]] EngineError error() const;
};

namespace TokenVerifier {

[[nodiscard]] IdTokenExpectations idExpectations(const TokenContext& context, const TokenSet& tokens);
[[nodiscard]] AccessTokenExpectations accessExpectations(const IdTokenExpectations& id);
// Whether the issuer's key set is needed: an ID token not signed with the client secret, or a JWT access
// token.
[[nodiscard]] bool needsKeys(const TokenSet& tokens);
// The JWT access token's cnf.x5t#S256 against the certificate sent (RFC 8705 §3), into its checklist.
void bindToCertificate(TokenVerification* access, const QString& thumbprint);
// The JWT access token's cnf.jkt against the DPoP key (RFC 9449 §6.1), into its checklist.
void bindToDpopKey(TokenVerification* access, const QString& thumbprint);
// Verifies `tokens` as `context` says, fetching the issuer's key set only when a signature needs it; `done`
// gets the verdicts (always later, and only while `receiver` lives).
void verify(JwksClient* keys, const TokenSet& tokens, const TokenContext& context, QObject* receiver,
            std::function<void(const TokenVerdicts&)> done);
// A token pasted or given on the command line: its signature, types and times, nothing about a flow.
[[nodiscard]] TokenVerification verifyPasted(const QByteArray& token, const JwkSet& keys,
                                             const Secret& secret, int clockSkewSeconds);

} // namespace TokenVerifier
} // namespace oauth2dbg
