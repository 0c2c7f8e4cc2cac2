#pragma once

#include "FormEncoding.h"
#include "TokenResponse.h"
#include "common/Finding.h"
#include "common/Secret.h"
#include "jose/ClientAssertion.h"

#include <QDateTime>
#include <QStringList>

namespace oauth2dbg {

// The token endpoint's other grants: token exchange (RFC 8693), the JWT bearer grant (RFC 7523 §2.1) and the
// resource owner password grant (RFC 6749 §4.3, which RFC 9700 §2.4 forbids): what each request carries, and
// the rules their answers and their use are held to.
namespace TokenGrants {

inline constexpr char kTokenExchange[] = "urn:ietf:params:oauth:grant-type:token-exchange";
inline constexpr char kJwtBearer[] = "urn:ietf:params:oauth:grant-type:jwt-bearer";
inline constexpr char kPassword[] = "password";

// RFC 8693 §3's token type identifiers by their short names: access_token, refresh_token, id_token, jwt,
// saml1, saml2. A full URI is taken as it is; an unknown short name gives an empty string.
[[nodiscard]] QString tokenTypeUri(const QString& name);
[[nodiscard]] QStringList tokenTypeNames();

// RFC 8693 §2.1: the subject (and optional actor) token with their types, what is asked for in return.
struct Exchange {
    Secret subjectToken;
    QString subjectTokenType; // a short name or a URI
    Secret actorToken;
    QString actorTokenType;
    QString requestedTokenType; // empty: the server's choice (usually an access token)
    QStringList audiences;
    QStringList resources;
    QString scope;
};
// The request body; empty with `problem` set when a required part is missing or a type is unknown.
[[nodiscard]] FormPairs exchangeBody(const Exchange& exchange, QString* problem);

// RFC 7523 §3: the claims of a JWT bearer assertion, as the user edits them.
struct BearerClaims {
    QString issuer;         // iss: who made the assertion (the client, by default)
    QString subject;        // sub: the principal the token is for
    QString audience;       // aud: the issuer or the token endpoint
    qint64 lifetime = 300;  // exp - iat, in seconds
    qint64 clockOffset = 0; // seconds added to this machine's clock (to reproduce a skewed client)
};
// Signed with `key` (its first algorithm, or `alg`); a fresh jti and iat each time.
[[nodiscard]] ClientAssertion bearerAssertion(const SigningKey& key, const QString& alg,
                                              const BearerClaims& claims, const QDateTime& now);
// What is wrong with the claims before anything is signed; empty when nothing is.
[[nodiscard]] QString bearerProblem(const BearerClaims& claims);
[[nodiscard]] FormPairs bearerBody(const QByteArray& assertion, const QString& scope);

[[nodiscard]] FormPairs passwordBody(const QString& username, const Secret& password, const QString& scope);

// TX-01, TX-02: the token exchange answer's issued_token_type (required) against what was asked for, and
// token_type N_A for what is not an access token (§2.2.1).
[[nodiscard]] Findings exchangeChecks(const TokenResult& result, const QString& requestedTokenType);
// LG-01 (the password grant) and LG-02 (the implicit grant): why it is dangerous and what to use instead.
[[nodiscard]] Finding legacyWarning(const QString& grant);

} // namespace TokenGrants
} // namespace oauth2dbg
