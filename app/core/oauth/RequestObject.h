#pragma once

#include "FormEncoding.h"
#include "common/Finding.h"
#include "jose/ClientAssertion.h"

#include <QDateTime>
#include <QUrl>

namespace oauth2dbg {

// JWT-secured authorization requests (RFC 9101): the authorization parameters as the claims of a JWT signed
// with the client's key, sent by value (`request`) or through a pushed request.
namespace RequestObjects {

struct Claims {
    QString clientId; // iss, and client_id
    QString audience; // the issuer identifier (RFC 9101 §4)
    qint64 lifetime = 300;
};

// The request object for `parameters` (every one a claim; iss, aud, iat, nbf, exp and a fresh jti added),
// typ "oauth-authz-req+jwt" (RFC 9101 §10.8); its error set when it cannot be made.
[[nodiscard]] ClientAssertion make(const SigningKey& key, const QString& alg, const FormPairs& parameters,
                                   const Claims& claims, const QDateTime& now);
// What the browser carries with a request object by value: client_id, the request, and response_type and
// scope, which OpenID Connect wants outside it too (OIDC Core §6.1).
[[nodiscard]] FormPairs byValue(const QByteArray& jwt, const FormPairs& parameters);
// JR-01: what the object says of itself, checked before it is sent.
[[nodiscard]] Findings checks(const ClientAssertion& object, const Claims& claims);

} // namespace RequestObjects
} // namespace oauth2dbg
