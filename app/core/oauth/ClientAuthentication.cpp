#include "ClientAuthentication.h"

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

void apply(ClientAuthMethod method, const QString& clientId, const Secret& secret, FormPairs& body,
           HttpHeaders& headers)
{
    switch (method) {
    case ClientAuthMethod::ClientSecretBasic:
        headers.append({"Authorization", basicHeader(clientId, secret)});
        return;
    case ClientAuthMethod::ClientSecretPost:
        body.append({QStringLiteral("client_id"), clientId});
        body.append({QStringLiteral("client_secret"), QString::fromUtf8(secret.reveal())});
        return;
    case ClientAuthMethod::None:
        body.append({QStringLiteral("client_id"), clientId});
        return;
    }
}

QString explain(ClientAuthMethod method, const QString& clientId, const Secret& secret)
{
    switch (method) {
    case ClientAuthMethod::ClientSecretBasic: {
        QString text =
            QStringLiteral("client_secret_basic: Authorization: Basic base64(form-encode(client_id) \":\" "
                           "form-encode(client_secret)), as RFC 6749 §2.3.1 says.\n"
                           "User name sent: %1")
                .arg(QString::fromLatin1(FormEncoding::encode(clientId)));
        if (basicHeader(clientId, secret) != naiveBasicHeader(clientId, secret))
            text += QStringLiteral(
                "\nThe client_id or secret holds characters (such as : % + space or non-ASCII) "
                "that the common shortcut base64(id \":\" secret) gets wrong; a server following "
                "the RFC rejects that shortcut's header.");
        return text;
    }
    case ClientAuthMethod::ClientSecretPost:
        return QStringLiteral(
            "client_secret_post: client_id and client_secret in the form body (RFC 6749 §2.3.1); "
            "no Authorization header.");
    case ClientAuthMethod::None:
        return QStringLiteral(
            "none: a public client sends only its client_id; PKCE proves the code is its own.");
    }
    return {};
}

QString methodName(ClientAuthMethod method)
{
    switch (method) {
    case ClientAuthMethod::ClientSecretBasic:
        return QStringLiteral("client_secret_basic");
    case ClientAuthMethod::ClientSecretPost:
        return QStringLiteral("client_secret_post");
    case ClientAuthMethod::None:
        break;
    }
    return QStringLiteral("none");
}

bool methodFromName(const QString& name, ClientAuthMethod* method)
{
    for (const ClientAuthMethod m :
         {ClientAuthMethod::ClientSecretBasic, ClientAuthMethod::ClientSecretPost, ClientAuthMethod::None}) {
        if (name == methodName(m)) {
            *method = m;
            return true;
        }
    }
    return false;
}

} // namespace oauth2dbg::ClientAuthentication
