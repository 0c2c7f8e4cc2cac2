#pragma once

#include <QByteArray>
#include <QString>

namespace oauth2dbg {

// Proof Key for Code Exchange (RFC 7636).
namespace Pkce {

enum class Method { S256, Plain, None };

// 32 octets from the system CSPRNG as base64url: 43 characters of [A-Za-z0-9-_] (RFC 7636 §4.1).
[[nodiscard]] QByteArray generateVerifier();

// §4.2: S256 is BASE64URL(SHA256(ASCII(verifier))); plain is the verifier itself; None gives nothing.
[[nodiscard]] QByteArray challenge(const QByteArray& verifier, Method method);

// Why `verifier` is not a valid code_verifier (43..128 characters of the unreserved set), or empty.
[[nodiscard]] QString verifierProblem(const QByteArray& verifier);

[[nodiscard]] QString methodName(Method method); // "S256", "plain", or an empty string

} // namespace Pkce

// A fresh random value from the system CSPRNG, base64url without padding: state, nonce, jti (RFC 6749
// §10.10).
[[nodiscard]] QByteArray randomToken(int octets = 32);

} // namespace oauth2dbg
