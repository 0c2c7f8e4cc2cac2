#pragma once

#include "FormEncoding.h"
#include "common/Secret.h"
#include "net/HttpExchange.h"

#include <QString>

namespace oauth2dbg {

enum class ClientAuthMethod { ClientSecretBasic, ClientSecretPost, None };

// How a client proves who it is at the token, introspection and revocation endpoints: client_id and
// client_secret are its user name and password (RFC 6749 §2.3.1). Exactly one method per request (TE-03).
namespace ClientAuthentication {

// RFC 6749 §2.3.1: form-encode id and secret (Appendix B), join with ':', then base64 — not
// base64(id:secret).
[[nodiscard]] QByteArray basicHeader(const QString& clientId, const Secret& secret);
// What the common shortcut btoa(id + ":" + secret) produces; shown only to explain why it fails.
[[nodiscard]] QByteArray naiveBasicHeader(const QString& clientId, const Secret& secret);

// Adds the client's credentials to a request: the Authorization header (basic), body parameters (post), or
// client_id alone (none, a public client).
void apply(ClientAuthMethod method, const QString& clientId, const Secret& secret, FormPairs& body,
           HttpHeaders& headers);

// A few lines for the request view: how the credentials were sent, and, for Basic, whether the naive encoding
// would differ (and so be rejected by a server that follows the RFC). The secret is never in the text.
[[nodiscard]] QString explain(ClientAuthMethod method, const QString& clientId, const Secret& secret);

[[nodiscard]] QString methodName(ClientAuthMethod method); // client_secret_basic, client_secret_post, none
[[nodiscard]] bool methodFromName(const QString& name, ClientAuthMethod* method);

} // namespace ClientAuthentication
} // namespace oauth2dbg
