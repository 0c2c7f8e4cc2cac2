#include "ClientAuthentication.h"

#include "common/VisibleText.h"

namespace oauth2dbg::ClientAuthentication {

QByteArray basicHeader(const QString& clientId, const Secret& secret)
{
    const QByteArray user = FormEncoding::encode(clientId);
    const QByteArray password = FormEncoding::encode(QString::fromUtf8(secret.reveal()));
    // QByteArray::toBase64 never wraps lines (TE-02).
    return "Basic " + QByteArray(user + ':' + password).toBase64();
}

QByteArray naiveBasicHeader(const QString& clientId, const Secret& secret)
{
    return "Basic " + QByteArray(clientId.toUtf8() + ':' + secret.reveal()).toBase64();
}

QByteArray basicHeader(BasicForm form, const QString& clientId, const Secret& secret)
{
    return form == BasicForm::Raw ? naiveBasicHeader(clientId, secret) : basicHeader(clientId, secret);
}

bool basicFormsDiffer(const QString& clientId, const Secret& secret)
{
    return basicHeader(clientId, secret) != naiveBasicHeader(clientId, secret);
}

bool signsAssertion(ClientAuthMethod method)
{
    return method == ClientAuthMethod::PrivateKeyJwt || method == ClientAuthMethod::ClientSecretJwt;
}

bool usesCertificate(ClientAuthMethod method)
{
    return method == ClientAuthMethod::TlsClientAuth || method == ClientAuthMethod::SelfSignedTlsClientAuth;
}

void apply(ClientAuthMethod method, const QString& clientId, const Secret& secret, FormPairs& body,
           HttpHeaders& headers, BasicForm form, const QByteArray& assertion)
{
    switch (method) {
    case ClientAuthMethod::PrivateKeyJwt:
    case ClientAuthMethod::ClientSecretJwt:
        // RFC 7523 §3 and RFC 7521 §4.2: client_id may accompany the assertion; servers that route by it need
        // it.
        body.append({QStringLiteral("client_id"), clientId});
        body.append({QStringLiteral("client_assertion_type"),
                     QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")});
        body.append({QStringLiteral("client_assertion"), QString::fromLatin1(assertion)});
        return;
    case ClientAuthMethod::ClientSecretBasic:
        headers.append({"Authorization", basicHeader(form, clientId, secret)});
        return;
    case ClientAuthMethod::ClientSecretPost:
        body.append({QStringLiteral("client_id"), clientId});
        body.append({QStringLiteral("client_secret"), QString::fromUtf8(secret.reveal())});
        return;
    case ClientAuthMethod::None:
    case ClientAuthMethod::TlsClientAuth: // RFC 8705 §2.1: client_id in the body, the certificate in TLS
    case ClientAuthMethod::SelfSignedTlsClientAuth:
        body.append({QStringLiteral("client_id"), clientId});
        return;
    }
}

QString explain(ClientAuthMethod method, const QString& clientId, const Secret& secret, BasicForm form)
{
    switch (method) {
    case ClientAuthMethod::ClientSecretBasic: {
        if (form == BasicForm::Raw) {
            QString text = QStringLiteral("client_secret_basic, raw form: Authorization: Basic "
                                          "base64(client_id \":\" client_secret), nothing form-encoded.\n"
                                          "User name sent: %1")
                               .arg(VisibleText::escaped(clientId));
            if (basicFormsDiffer(clientId, secret))
                text += QStringLiteral(
                    "\nThe client_id or secret holds characters (such as : % + space or non-ASCII) that RFC "
                    "6749 §2.3.1 form-encodes: this header differs from the RFC form, and a server that "
                    "form-decodes the header reads another secret.");
            return text;
        }
        QString text =
            QStringLiteral("client_secret_basic: Authorization: Basic base64(form-encode(client_id) \":\" "
                           "form-encode(client_secret)), as RFC 6749 §2.3.1 says.\n"
                           "User name sent: %1")
                .arg(QString::fromLatin1(FormEncoding::encode(clientId)));
        if (basicFormsDiffer(clientId, secret))
            text += QStringLiteral(
                "\nThe client_id or secret holds characters (such as : % + space or non-ASCII) that the "
                "shortcut base64(id \":\" secret) gets wrong by the RFC: this header differs from that raw "
                "form, which only a server that does not form-decode expects (the profile's Basic form "
                "chooses).");
        return text;
    }
    case ClientAuthMethod::ClientSecretPost:
        return QStringLiteral(
            "client_secret_post: client_id and client_secret in the form body (RFC 6749 §2.3.1); "
            "no Authorization header.");
    case ClientAuthMethod::None:
        return QStringLiteral(
            "none: a public client sends only its client_id; PKCE proves the code is its own.");
    case ClientAuthMethod::PrivateKeyJwt:
        return QStringLiteral("private_key_jwt: a client_assertion JWT signed with the client's private key "
                              "(RFC 7523 §2.2), made fresh for this request.");
    case ClientAuthMethod::ClientSecretJwt:
        return QStringLiteral("client_secret_jwt: a client_assertion JWT with an HMAC of the client secret "
                              "(OIDC Core §9), made fresh for this request; the secret itself is not sent.");
    case ClientAuthMethod::TlsClientAuth:
        return QStringLiteral("tls_client_auth: the client certificate, issued by a CA the server trusts, "
                              "proves the client in the TLS handshake (RFC 8705 §2.1); client_id in the form "
                              "body, no secret.");
    case ClientAuthMethod::SelfSignedTlsClientAuth:
        return QStringLiteral("self_signed_tls_client_auth: the client's self-signed certificate, registered "
                              "in its jwks, proves the client in the TLS handshake (RFC 8705 §2.2); "
                              "client_id in the form body, no secret.");
    }
    return {};
}

QList<ClientAuthMethod> serverOrder(const QList<ClientAuthMethod>& offered, const QStringList& serverMethods)
{
    QList<ClientAuthMethod> listed;
    QList<ClientAuthMethod> others;
    for (const ClientAuthMethod method : offered)
        (serverMethods.contains(methodName(method)) ? listed : others) << method;
    return serverMethods.isEmpty() ? offered : listed + others;
}

QString methodName(ClientAuthMethod method)
{
    switch (method) {
    case ClientAuthMethod::ClientSecretBasic:
        return QStringLiteral("client_secret_basic");
    case ClientAuthMethod::ClientSecretPost:
        return QStringLiteral("client_secret_post");
    case ClientAuthMethod::PrivateKeyJwt:
        return QStringLiteral("private_key_jwt");
    case ClientAuthMethod::ClientSecretJwt:
        return QStringLiteral("client_secret_jwt");
    case ClientAuthMethod::TlsClientAuth:
        return QStringLiteral("tls_client_auth");
    case ClientAuthMethod::SelfSignedTlsClientAuth:
        return QStringLiteral("self_signed_tls_client_auth");
    case ClientAuthMethod::None:
        break;
    }
    return QStringLiteral("none");
}

bool methodFromName(const QString& name, ClientAuthMethod* method)
{
    for (const ClientAuthMethod m :
         {ClientAuthMethod::ClientSecretBasic, ClientAuthMethod::ClientSecretPost, ClientAuthMethod::None,
          ClientAuthMethod::PrivateKeyJwt, ClientAuthMethod::ClientSecretJwt, ClientAuthMethod::TlsClientAuth,
          ClientAuthMethod::SelfSignedTlsClientAuth}) {
        if (name == methodName(m)) {
            *method = m;
            return true;
        }
    }
    return false;
}

QString formName(BasicForm form)
{
    return form == BasicForm::Raw ? QStringLiteral("raw") : QStringLiteral("form-encoded");
}

bool formFromName(const QString& name, BasicForm* form)
{
    for (const BasicForm f : {BasicForm::FormEncoded, BasicForm::Raw}) {
        if (name == formName(f)) {
            *form = f;
            return true;
        }
    }
    return false;
}

} // namespace oauth2dbg::ClientAuthentication
