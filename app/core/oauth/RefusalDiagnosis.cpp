#include "RefusalDiagnosis.h"

#include "CallbackValidator.h"
#include "RefusalCauses.h"
#include "net/HttpExchange.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace oauth2dbg::RefusalDiagnosis {

namespace {
const QString kRule = QStringLiteral("TE-12");

QString answerOf(const EngineError& error)
{
    const QString status =
        error.httpStatus > 0 ? QStringLiteral("HTTP %1").arg(error.httpStatus) : QStringLiteral("an answer");
    if (!error.oauthError.isEmpty())
        return QStringLiteral("%1 with error \"%2\"").arg(status, error.oauthError.left(80));
    if (error.body.isEmpty())
        return status + QStringLiteral(" with an empty body");
    return status + QStringLiteral(" without an OAuth error code");
}

QString howSent(const ClientCredentialsSent& sent)
{
    switch (sent.method) {
    case ClientAuthMethod::ClientSecretBasic:
        return sent.basicForm == BasicForm::Raw
                   ? QStringLiteral("client_secret_basic in the raw form (base64 of id \":\" secret as they "
                                    "stand)")
                   : QStringLiteral("client_secret_basic in the RFC 6749 §2.3.1 form (id and secret "
                                    "form-encoded, then base64)");
    case ClientAuthMethod::ClientSecretPost:
        return QStringLiteral("client_secret_post (id and secret in the form body)");
    case ClientAuthMethod::PrivateKeyJwt:
        return QStringLiteral("private_key_jwt (a client_assertion signed with the client's key)");
    case ClientAuthMethod::ClientSecretJwt:
        return QStringLiteral("client_secret_jwt (a client_assertion with an HMAC of the secret)");
    case ClientAuthMethod::TlsClientAuth:
    case ClientAuthMethod::SelfSignedTlsClientAuth:
        return sent.certificateSubject.isEmpty()
                   ? QStringLiteral("%1 without a client certificate")
                         .arg(ClientAuthentication::methodName(sent.method))
                   : QStringLiteral("%1 with the client certificate %2 (issued by %3, SHA-256 %4)")
                         .arg(ClientAuthentication::methodName(sent.method),
                              sent.certificateSubject.left(200), sent.certificateIssuer.left(200),
                              sent.certificateThumbprint);
    case ClientAuthMethod::None:
        break;
    }
    return QStringLiteral("none (the client_id alone, as a public client)");
}

bool htmlBody(const EngineError& error)
{
    const QByteArray start = error.body.trimmed().left(64).toLower();
    return start.startsWith('<') || start.contains("<html");
}
} // namespace

bool isClientRefusal(const EngineError& error)
{
    if (error.oauthError == u"invalid_client" || error.oauthError == u"unauthorized_client")
        return true;
    return (error.httpStatus == 401 || error.httpStatus == 403) && error.oauthError.isEmpty();
}

QStringList listedStrings(const QJsonObject& metadata, QStringView member)
{
    QStringList values;
    for (const QJsonValue& value : metadata.value(member).toArray())
        if (value.isString())
            values << value.toString();
    return values;
}

Findings errorResponseShape(int status, const QByteArray& body)
{
    static const QStringList kDefined{
        // RFC 6749 §5.2, then RFC 8628 §3.5, RFC 8707 §2, RFC 9449 §5 and §8, RFC 9396 §5.
        QStringLiteral("invalid_request"),        QStringLiteral("invalid_client"),
        QStringLiteral("invalid_grant"),          QStringLiteral("unauthorized_client"),
        QStringLiteral("unsupported_grant_type"), QStringLiteral("invalid_scope"),
        QStringLiteral("authorization_pending"),  QStringLiteral("slow_down"),
        QStringLiteral("access_denied"),          QStringLiteral("expired_token"),
        QStringLiteral("invalid_target"),         QStringLiteral("invalid_dpop_proof"),
        QStringLiteral("use_dpop_nonce"),         QStringLiteral("invalid_authorization_details")};
    const QString rule = QStringLiteral("RFC 6749 §5.2");
    Findings findings;
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonValue error = object.value(u"error");
    if (!error.isString()) {
        findings << Finding{
            Severity::Warning, rule, QStringLiteral("error"),
            QStringLiteral("The error response is not RFC 6749 §5.2's shape: no JSON object with a "
                           "string \"error\" says what went wrong.")};
    } else if (!kDefined.contains(error.toString())) {
        findings << Finding{Severity::Warning, rule, QStringLiteral("error"),
                            QStringLiteral("\"%1\" is a non-standard error code: neither RFC 6749 §5.2 nor a "
                                           "registered extension defines it; error_description may say more.")
                                .arg(error.toString().left(80))};
    }
    if (status != 400 && status != 401)
        findings << Finding{
            Severity::Warning, rule, QString(),
            QStringLiteral("HTTP %1: RFC 6749 §5.2 answers a refused token request with 400 (401 "
                           "for invalid_client when the client sent an Authorization header).")
                .arg(status)};
    return findings;
}

Findings grantListed(const QString& grant, const QJsonObject& metadata)
{
    if (grant.isEmpty() || !metadata.value(u"grant_types_supported").isArray())
        return {};
    const QStringList listed = listedStrings(metadata, u"grant_types_supported");
    if (listed.contains(grant))
        return {};
    return {Finding{
        Severity::Warning, QStringLiteral("MD-06"), QStringLiteral("grant_types_supported"),
        QStringLiteral("grant_types_supported lists %1, not %2, which this request used: the metadata "
                       "leaves out a grant the server may well support (or refuses for that reason).")
            .arg(listed.join(QStringLiteral(", ")).left(200), grant)}};
}

QStringList tokenEndpointMethods(const QJsonObject& metadata, bool fromServer)
{
    const QJsonValue listed = metadata.value(u"token_endpoint_auth_methods_supported");
    if (!listed.isArray())
        return fromServer ? QStringList{QStringLiteral("client_secret_basic")} // RFC 8414 §2
                          : QStringList{};
    return listedStrings(metadata, u"token_endpoint_auth_methods_supported");
}

Findings methodNotListed(const ClientCredentialsSent& sent)
{
    const QString method = ClientAuthentication::methodName(sent.method);
    if (sent.serverMethods.isEmpty() || sent.serverMethods.contains(method))
        return {};
    return {
        Finding{Severity::Warning, QStringLiteral("TE-13"), QStringLiteral("client"),
                QStringLiteral("The server's metadata lists %1 for its %2 endpoint; this request uses %3, "
                               "which it may refuse.")
                    .arg(sent.serverMethods.join(QStringLiteral(", ")).left(200), sent.endpoint, method)}};
}

ClientCredentialsSent answered(ClientCredentialsSent sent, const HttpExchange& exchange)
{
    // RFC 9110 §5.6.7's IMF-fixdate, "Thu, 03 Dec 2026 18:20:08 GMT".
    QString date = QString::fromLatin1(exchange.responseHeader("Date")).trimmed();
    if (date.endsWith(u" GMT"))
        date.replace(date.size() - 3, 3, QStringLiteral("+0000"));
    sent.serverDate = QDateTime::fromString(date, Qt::RFC2822Date);
    return sent;
}

Findings clientRefusal(const ClientCredentialsSent& sent, const EngineError& error)
{
    const QString method = ClientAuthentication::methodName(sent.method);
    const bool listed = sent.serverMethods.isEmpty() || sent.serverMethods.contains(method);
    const bool unauthorized = error.oauthError == u"unauthorized_client";
    QStringList causes;
    if (!listed)
        causes << QStringLiteral("The server's metadata lists %1 for its %2 endpoint, not %3: choose one of "
                                 "those as the profile's Authentication.")
                      .arg(sent.serverMethods.join(QStringLiteral(", ")).left(200), sent.endpoint, method);
    if (sent.method == ClientAuthMethod::ClientSecretBasic && sent.formsDiffer) {
        causes << (sent.basicForm == BasicForm::FormEncoded
                       ? QStringLiteral(
                             "The client_id or secret holds ':', '%', '+', a space or non-ASCII, which the "
                             "RFC 6749 §2.3.1 form encodes before base64; a server that does not form-decode "
                             "the Basic header reads another secret. Try the raw Basic form (the profile's "
                             "Basic form) or client_secret_post.")
                       : QStringLiteral(
                             "The client_id or secret holds ':', '%', '+', a space or non-ASCII, and this "
                             "request used the raw Basic form; a server that follows RFC 6749 §2.3.1 "
                             "form-decodes the header and reads another secret. Try the form-encoded Basic "
                             "form or client_secret_post."));
    }
    if (unauthorized && !sent.grant.isEmpty())
        causes << QStringLiteral(
                      "This client may not use the %1 grant (RFC 6749 §5.2 unauthorized_client): the "
                      "server's settings for the client list its grants. Some servers say "
                      "unauthorized_client for an unknown client or a wrong secret, too.")
                      .arg(sent.grant);
    if (sent.method == ClientAuthMethod::None) {
        causes << QStringLiteral("The server holds this client as confidential, registered for another "
                                 "authentication method: it expects a secret (client_secret_basic or "
                                 "client_secret_post), which a public client does not send.");
    } else {
        if (ClientAuthentication::usesCertificate(sent.method))
            causes << certificateCauses(sent);
        else if (ClientAuthentication::signsAssertion(sent.method))
            causes << assertionCauses(sent);
        else
            causes << QStringLiteral(
                "The secret is wrong, expired or rotated, or belongs to another client or "
                "environment.");
        // The metadata says what the server accepts, not what this client was registered for.
        if (sent.serverMethods.isEmpty())
            causes << QStringLiteral("The client is registered for another authentication method than %1 (no "
                                     "metadata at hand says which ones the server accepts).")
                          .arg(method);
        else if (listed && sent.serverMethods.size() > 1)
            causes << QStringLiteral(
                          "The client is registered for another authentication method than %1: the "
                          "server accepts %2, but each client may be held to one of them.")
                          .arg(method, sent.serverMethods.join(QStringLiteral(", ")).left(200));
    }
    causes << QStringLiteral("The server does not know this client_id (a typo, or another tenant, realm or "
                             "environment).");
    if (htmlBody(error))
        causes << QStringLiteral("An HTML page answered: a proxy or gateway in front of the server may have "
                                 "refused the request before the server saw it.");

    Findings findings;
    findings << Finding{
        Severity::Error, kRule, QStringLiteral("client"),
        QStringLiteral("The %1 endpoint refused the client: %2. Sent: %3%4. Nothing was sent "
                       "again.")
            .arg(sent.endpoint, answerOf(error), howSent(sent),
                 sent.method == ClientAuthMethod::None ? QString()
                 : sent.method == ClientAuthMethod::PrivateKeyJwt
                     ? QStringLiteral(", %1, kid %2").arg(sent.assertionAlg, sent.assertionKid)
                 : sent.secretSent ? QStringLiteral(", with a secret")
                                   : QStringLiteral(", without a secret"))};
    for (qsizetype i = 0; i < causes.size(); ++i)
        findings << Finding{
            Severity::Warning, kRule, QStringLiteral("client"),
            QStringLiteral("Likely cause %1 of %2: %3").arg(i + 1).arg(causes.size()).arg(causes[i])};
    return findings;
}

QString clientRefusalSummary(const Findings& diagnosis)
{
    QStringList causes;
    for (const Finding& f : diagnosis)
        if (f.severity == Severity::Warning)
            causes << QString::number(causes.size() + 1) + u". " + f.message.section(QStringLiteral(": "), 1);
    return causes.isEmpty() ? QString()
                            : QStringLiteral("Likely causes, most likely first: ") + causes.join(u' ');
}

namespace {
QString sentValue(const FormPairs& sent, QStringView name)
{
    for (const auto& [key, value] : sent)
        if (key == name)
            return value;
    return {};
}

QString invalidRequest(const FormPairs& sent, const QJsonObject& metadata)
{
    const QStringList pkce = listedStrings(metadata, u"code_challenge_methods_supported");
    const QString challengeMethod = sentValue(sent, u"code_challenge_method");
    const bool challenged = !sentValue(sent, u"code_challenge").isEmpty();
    if (challenged && !pkce.isEmpty()) {
        const QString used = challengeMethod.isEmpty() ? QStringLiteral("plain") : challengeMethod;
        if (!pkce.contains(used))
            return QStringLiteral("the request used PKCE %1, and the server's metadata lists only %2: the "
                                  "server most likely refused code_challenge_method (the profile's PKCE "
                                  "setting).")
                .arg(used, pkce.join(QStringLiteral(", ")).left(100));
    }
    const QString responseType = sentValue(sent, u"response_type");
    const QStringList types = listedStrings(metadata, u"response_types_supported");
    if (!types.isEmpty() && !types.contains(responseType))
        return QStringLiteral("response_type=%1 is not among the server's response_types_supported (%2).")
            .arg(responseType.left(60), types.join(QStringLiteral(", ")).left(120));
    const QString mode = sentValue(sent, u"response_mode");
    const QStringList modes = listedStrings(metadata, u"response_modes_supported");
    if (!mode.isEmpty() && !modes.isEmpty() && !modes.contains(mode))
        return QStringLiteral("response_mode=%1 is not among the server's response_modes_supported (%2).")
            .arg(mode.left(60), modes.join(QStringLiteral(", ")).left(120));
    if (!challenged && !pkce.isEmpty())
        return QStringLiteral("no PKCE was sent, and this server offers it (%1): it may require PKCE for "
                              "this client.")
            .arg(pkce.join(QStringLiteral(", ")).left(100));
    return QStringLiteral(
        "a parameter is missing, repeated or has a value the server does not accept; nothing "
        "in the request contradicts the server's metadata.");
}

// login_required, consent_required, interaction_required, account_selection_required: what they mean depends
// on whether prompt=none was sent (OIDC Core §3.1.2.6).
QString interactionError(const QString& error, const FormPairs& sent)
{
    const QString prompt = sentValue(sent, u"prompt");
    const bool silent = prompt.split(u' ', Qt::SkipEmptyParts).contains(u"none");
    const QString needed = error == u"login_required"               ? QStringLiteral("sign in")
                           : error == u"consent_required"           ? QStringLiteral("consent")
                           : error == u"account_selection_required" ? QStringLiteral("choose an account")
                                                                    : QStringLiteral("interact");
    if (silent)
        return QStringLiteral("prompt=none was sent, but the user must %1.").arg(needed);
    const QString asked = prompt.isEmpty()
                              ? QStringLiteral("no prompt was sent")
                              : QStringLiteral("the request carried prompt=%1").arg(prompt.left(40));
    if (error == u"consent_required")
        return QStringLiteral("the user did not give consent (they refused, or the server could not ask "
                              "them); %1.")
            .arg(asked);
    return QStringLiteral("the server needs the user to %1 and did not let them (%2): a server policy or the "
                          "session stopped it.")
        .arg(needed, asked);
}
} // namespace

QString authorizationError(const QString& error, const FormPairs& sent, const QJsonObject& metadata)
{
    if (error == u"invalid_request")
        return invalidRequest(sent, metadata);
    if (error == u"login_required" || error == u"consent_required" || error == u"interaction_required" ||
        error == u"account_selection_required")
        return interactionError(error, sent);
    if (error == u"unsupported_response_type") {
        const QStringList types = listedStrings(metadata, u"response_types_supported");
        return QStringLiteral("the server does not support response_type=%1%2.")
            .arg(sentValue(sent, u"response_type").left(60),
                 types.isEmpty()
                     ? QString()
                     : QStringLiteral(" (it lists %1)").arg(types.join(QStringLiteral(", ")).left(120)));
    }
    if (error == u"invalid_scope") {
        const QStringList supported = listedStrings(metadata, u"scopes_supported");
        QStringList unknown;
        for (const QString& scope : sentValue(sent, u"scope").split(u' ', Qt::SkipEmptyParts))
            if (!supported.isEmpty() && !supported.contains(scope))
                unknown << scope;
        if (!unknown.isEmpty())
            return QStringLiteral("the server's scopes_supported does not list %1.")
                .arg(unknown.join(QStringLiteral(", ")).left(120));
        return supported.isEmpty()
                   ? QStringLiteral("a requested scope is unknown, malformed or not allowed for this client "
                                    "(the server's metadata lists no scopes to compare with).")
                   : QStringLiteral("a requested scope is not allowed for this client or user (each one is "
                                    "among the scopes the server lists).");
    }
    if (error == u"unauthorized_client")
        return QStringLiteral(
                   "this client may not use response_type=%1 here, or the server does not know it.")
            .arg(sentValue(sent, u"response_type").left(60));
    return explainAuthorizationError(error);
}

} // namespace oauth2dbg::RefusalDiagnosis
