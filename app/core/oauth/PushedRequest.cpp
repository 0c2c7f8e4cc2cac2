#include "PushedRequest.h"

#include "ClientAuthentication.h"
#include "DiscoveryUrl.h"
#include "RefusalDiagnosis.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>

namespace oauth2dbg {

namespace {
const QString kPR01 = QStringLiteral("PR-01");
const QString kPR02 = QStringLiteral("PR-02");
const QString kPR05 = QStringLiteral("PR-05");

// RFC 9126 §2.3: what each refusal of a push means.
QString refusalMeaning(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("the request is malformed or a parameter is refused (invalid_request)");
    case 401:
        return QStringLiteral("the client did not authenticate (invalid_client)");
    case 405:
        return QStringLiteral("the endpoint takes POST only");
    case 413:
        return QStringLiteral("the request is too large for the server");
    case 429:
        return QStringLiteral("too many requests: wait and try again");
    default:
        return QStringLiteral("the server refused the push");
    }
}
} // namespace

PushedRequestClient::PushedRequestClient(NetworkAccess* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{
    qRegisterMetaType<PushedRequest>();
}

PushedRequestClient::~PushedRequestClient() = default;

QString PushedRequestClient::browserUrl(const QUrl& authorizationEndpoint, const QString& clientId,
                                        const QString& requestUri)
{
    QUrl url = authorizationEndpoint;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("client_id"), QString::fromLatin1(FormEncoding::encode(clientId)));
    query.addQueryItem(QStringLiteral("request_uri"), QString::fromLatin1(FormEncoding::encode(requestUri)));
    url.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return url.toString(QUrl::FullyEncoded);
}

void PushedRequestClient::refuse(const QString& why)
{
    PushedRequest result;
    result.error = {.kind = ErrorKind::InvalidInput, .message = why};
    QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
}

void PushedRequestClient::push(const QUrl& endpoint, const TokenEndpointConfig& client, FormPairs parameters)
{
    if (endpoint.isEmpty())
        return refuse(
            QStringLiteral("The server names no pushed_authorization_request_endpoint: it does not take "
                           "pushed requests (RFC 9126 §5)."));
    if (!DiscoveryUrl::isAllowedTarget(endpoint, client.allowHttp))
        return refuse(
            QStringLiteral("The pushed request endpoint \"%1\" is not an https URL (http only for a "
                           "local test server); nothing was sent.")
                .arg(endpoint.toDisplayString()));
    if (const QString refusal = unapprovedHostRefusal(client, endpoint); !refusal.isEmpty())
        return refuse(refusal);
    // RFC 9126 §2.1: never a request_uri in the push itself.
    parameters.removeIf([](const auto& pair) { return pair.first == u"request_uri"; });
    HttpHeaders headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Accept", "application/json"}};
    // RFC 9126 §2: the client authenticates as at the token endpoint, with its methods.
    ClientCredentialsSent sent = credentialsSent(client, QStringLiteral("token"));
    QByteArray assertion;
    if (ClientAuthentication::signsAssertion(client.method)) {
        QString refusal;
        assertion = assertionFor(client, endpoint, &sent, &refusal).jwt;
        if (!refusal.isEmpty())
            return refuse(refusal);
    }
    for (const auto& extra : client.extraParameters)
        parameters.append(extra);
    // client_id once: where the method puts it, else beside the parameters (Basic identifies the client too).
    parameters.removeIf([](const auto& pair) { return pair.first == u"client_id"; });
    ClientAuthentication::apply(client.method, client.clientId, client.clientSecret, parameters, headers,
                                client.basicForm, assertion);
    if (std::none_of(parameters.cbegin(), parameters.cend(),
                     [](const auto& p) { return p.first == u"client_id"; }))
        parameters.prepend({QStringLiteral("client_id"), client.clientId});
    m_call = m_network->send({.method = "POST",
                              .url = endpoint,
                              .headers = headers,
                              .body = FormEncoding::encode(parameters),
                              .timeout = client.timeout,
                              .tls = client.tls});
    connect(m_call, &HttpCall::finished, this,
            [this, sent](const HttpExchange& exchange) { answered(exchange, sent); });
}

void PushedRequestClient::cancel()
{
    if (m_call)
        m_call->cancel();
}

void PushedRequestClient::answered(const HttpExchange& exchange, const ClientCredentialsSent& sent)
{
    m_call = nullptr;
    PushedRequest result{.exchangeId = exchange.id};
    if (exchange.error.isError()) {
        result.error = exchange.error;
        return Q_EMIT finished(result);
    }
    const QJsonObject body = QJsonDocument::fromJson(exchange.responseBody).object();
    if (exchange.status != 201 && exchange.status != 200) {
        const QString code = body.value(u"error").toString();
        const QString description = body.value(u"error_description").toString();
        result.error = {.kind = ErrorKind::Http,
                        .message = QStringLiteral("The pushed request endpoint answered HTTP %1%2: %3.")
                                       .arg(exchange.status)
                                       .arg(code.isEmpty() ? QString() : QString(u" (" % code % u')'))
                                       .arg(refusalMeaning(exchange.status)),
                        .httpStatus = exchange.status,
                        .body = exchange.responseBody.left(4096),
                        .oauthError = code,
                        .oauthErrorDescription = description};
        result.checks << Finding{Severity::Error, kPR05, QStringLiteral("status"), result.error.message};
        if (code == u"invalid_request_object") // RFC 9101 §6.3, at the push
            result.checks << Finding{
                Severity::Error, QStringLiteral("JR-02"), QStringLiteral("request"),
                QStringLiteral("The server refused the request object%1: its aud must be the "
                               "issuer, its iss the client, in date, signed with a key the "
                               "server holds for this client.")
                    .arg(description.isEmpty() ? QString() : u" (\"" % description % u"\")")};
        if (RefusalDiagnosis::isClientRefusal(result.error))
            result.checks << RefusalDiagnosis::clientRefusal(RefusalDiagnosis::answered(sent, exchange),
                                                             result.error);
        return Q_EMIT finished(result);
    }
    result.checks << Finding{
        Severity::Info, kPR01, QString(),
        QStringLiteral("The parameters were pushed with the client's authentication (%1).")
            .arg(ClientAuthentication::methodName(sent.method))};
    // RFC 9126 §2.2: 201 Created, request_uri a string, expires_in a positive number.
    if (exchange.status != 201)
        result.checks << Finding{
            Severity::Warning, kPR02, QStringLiteral("status"),
            QStringLiteral("HTTP %1 instead of 201 Created (RFC 9126 §2.2).").arg(exchange.status)};
    const QJsonValue uri = body.value(u"request_uri");
    const QJsonValue lifetime = body.value(u"expires_in");
    if (!uri.isString() || uri.toString().isEmpty()) {
        result.error = {.kind = ErrorKind::Protocol,
                        .message = QStringLiteral("The pushed request answer has no request_uri string."),
                        .body = exchange.responseBody.left(4096)};
        result.checks << Finding{Severity::Error, kPR02, QStringLiteral("request_uri"), result.error.message};
        return Q_EMIT finished(result);
    }
    result.requestUri = uri.toString();
    if (!lifetime.isDouble() || lifetime.toDouble() <= 0 ||
        lifetime.toDouble() != double(lifetime.toInteger()))
        result.checks << Finding{Severity::Warning, kPR02, QStringLiteral("expires_in"),
                                 QStringLiteral("expires_in is not a positive whole number of seconds.")};
    else
        result.expiresIn = lifetime.toInteger();
    if (exchange.status == 201 && result.expiresIn > 0)
        result.checks << Finding{Severity::Info, kPR02, QStringLiteral("request_uri"),
                                 QStringLiteral("201 Created: request_uri %1, good for %2 s.")
                                     .arg(result.requestUri)
                                     .arg(result.expiresIn)};
    Q_EMIT finished(result);
}

} // namespace oauth2dbg
