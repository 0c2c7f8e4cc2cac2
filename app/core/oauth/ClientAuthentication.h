#pragma once

#include "FormEncoding.h"
#include "common/Secret.h"
#include "net/HttpExchange.h"

#include <QString>

namespace oauth2dbg {

enum class ClientAuthMethod {
    ClientSecretBasic,
    ClientSecretPost,
    None,
    PrivateKeyJwt,   // RFC 7523 §2.2: a JWT signed with the client's private key
    ClientSecretJwt, // OIDC Core §9: a JWT with an HMAC of the client secret
    // RFC 8705 §2: the TLS client certificate proves the client, issued by a CA the server trusts (tls) or
    // registered by itself (self-signed); client_id goes in the body.
    TlsClientAuth,
    SelfSignedTlsClientAuth,
};

// How client_secret_basic builds its header. RFC 6749 §2.3.1 form-encodes the id and the secret before
// base64; some servers do not form-decode, and accept only base64(id ":" secret) as it stands. The RFC form
// is the default; the raw one is a per-profile choice for such servers.
enum class BasicForm { FormEncoded, Raw };

// How a client proves who it is at the token, introspection and revocation endpoints: client_id and
// client_secret are its user name and password (RFC 6749 §2.3.1). Exactly one method per request (TE-03).
namespace ClientAuthentication {

// RFC 6749 §2.3.1: form-encode id and secret (Appendix B), join with ':', then base64 — not
// base64(id:secret).
[[nodiscard]] QByteArray basicHeader(const QString& clientId, const Secret& secret);
// base64(id ":" secret) with nothing encoded: what the raw form sends.
[[nodiscard]] QByteArray naiveBasicHeader(const QString& clientId, const Secret& secret);
[[nodiscard]] QByteArray basicHeader(BasicForm form, const QString& clientId, const Secret& secret);
// The two forms give different headers for this client: its id or secret holds ':', '%', '+', a space or
// another character that form-encoding changes. Only then does the choice matter.
[[nodiscard]] bool basicFormsDiffer(const QString& clientId, const Secret& secret);

// Adds the client's credentials to a request: the Authorization header (basic), body parameters (post), or
// client_id alone (none, a public client).
// `assertion`: the signed client_assertion for the two JWT methods (made fresh for each request).
void apply(ClientAuthMethod method, const QString& clientId, const Secret& secret, FormPairs& body,
           HttpHeaders& headers, BasicForm form = BasicForm::FormEncoded, const QByteArray& assertion = {});
// Whether the method signs a client assertion (private_key_jwt, client_secret_jwt).
[[nodiscard]] bool signsAssertion(ClientAuthMethod method);
// tls_client_auth and self_signed_tls_client_auth: a client certificate goes with the TLS handshake.
[[nodiscard]] bool usesCertificate(ClientAuthMethod method);

// A few lines for the request view: how the credentials were sent, and, for Basic, whether the naive encoding
// would differ (and so be rejected by a server that follows the RFC). The secret is never in the text.
[[nodiscard]] QString explain(ClientAuthMethod method, const QString& clientId, const Secret& secret,
                              BasicForm form = BasicForm::FormEncoded);

// client_secret_basic, client_secret_post, none, private_key_jwt, client_secret_jwt
[[nodiscard]] QString methodName(ClientAuthMethod method);
// `offered` with the methods the server lists (token_endpoint_auth_methods_supported) first, each group in
// its own order; all of them as they are when the server lists none.
[[nodiscard]] QList<ClientAuthMethod> serverOrder(const QList<ClientAuthMethod>& offered,
                                                  const QStringList& serverMethods);
[[nodiscard]] bool methodFromName(const QString& name, ClientAuthMethod* method);
[[nodiscard]] QString formName(BasicForm form); // form-encoded, raw (the profile's basicForm)
[[nodiscard]] bool formFromName(const QString& name, BasicForm* form);

} // namespace ClientAuthentication
} // namespace oauth2dbg
