#include "NetworkAccess.h"

#include "ClientCertificate.h"
#include "HttpCall.h"
#include "common/SafeFile.h"
#include "traffic/TrafficLog.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <optional>

Q_LOGGING_CATEGORY(lcNet, "oauth2dbg.core.net", QtInfoMsg)

namespace oauth2dbg {

NetworkAccess::NetworkAccess(TrafficLog* log, QObject* parent)
    : QObject(parent)
    , m_log(log)
{}

void NetworkAccess::configure(QNetworkAccessManager& manager)
{
    // A debugger shows each hop: redirects are answers to look at, never followed silently.
    manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    manager.setAutoDeleteReplies(false);
}

QNetworkAccessManager* NetworkAccess::managerFor(const TlsOptions& tls)
{
    // Connections are kept per manager: a client certificate gets managers of its own, so that a connection
    // made with one certificate (or none) never carries a request meant for another.
    const QString certificate =
        tls.clientCertificate.isEmpty()
            ? QString()
            : QString::fromLatin1(
                  QCryptographicHash::hash(QByteArray(tls.clientCertificate + tls.clientKey.reveal()),
                                           QCryptographicHash::Sha256)
                      .toHex());
    auto& manager = tls == TlsOptions{}
                        ? m_manager
                        : m_tlsManagers[{tls.caFile + u'\n' + certificate, tls.allowSelfSigned}];
    if (!manager) {
        manager = std::make_unique<QNetworkAccessManager>();
        configure(*manager);
    }
    return manager.get();
}

NetworkAccess::~NetworkAccess() = default;

HttpCall* NetworkAccess::failedCall(HttpExchange exchange, const QString& message)
{
    exchange.error = {.kind = ErrorKind::InvalidInput, .message = message};
    if (m_log)
        m_log->record(exchange);
    auto* call = new HttpCall(nullptr, std::move(exchange), std::chrono::milliseconds(0), this);
    connect(call, &HttpCall::finished, this, [this](const HttpExchange& done) {
        if (m_log)
            m_log->record(done);
    });
    return call;
}

QByteArray NetworkAccess::userAgent()
{
    return "OAuth2Debugger/" + QCoreApplication::applicationVersion().toUtf8();
}

HttpCall* NetworkAccess::send(const HttpRequest& request)
{
    HttpExchange exchange;
    exchange.id = m_nextId++;
    exchange.started = QDateTime::currentDateTime();
    exchange.method = request.method;
    exchange.url = request.url;
    exchange.requestHeaders = request.headers;
    exchange.requestBody = request.body;
    if (exchange.requestHeader("User-Agent").isEmpty())
        exchange.requestHeaders.append({"User-Agent", userAgent()});

    QNetworkRequest networkRequest(request.url);
    for (const auto& [name, value] : std::as_const(exchange.requestHeaders))
        networkRequest.setRawHeader(name, value);
    // Cookies are a browser's business; the debugger sends only what the exchange shows.
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);

    // Only an https request with its own certificate or CA file touches the TLS configuration: asking for it
    // loads the TLS backend and OpenSSL, which a plain-http run (the local demo) never needs.
    const bool https = request.url.scheme() == u"https";
    const bool configured =
        https && (!request.tls.clientCertificate.isEmpty() || !request.tls.caFile.isEmpty());
    std::optional<QSslConfiguration> tls;
    if (configured)
        tls = QSslConfiguration::defaultConfiguration();
    if (https && !request.tls.clientCertificate.isEmpty()) {
        const ClientCertificate client =
            ClientCertificate::fromPem(request.tls.clientCertificate, request.tls.clientKey);
        if (!client.usable())
            return failedCall(std::move(exchange), client.problem % QStringLiteral(" Nothing was sent."));
        tls->setLocalCertificateChain(client.chain);
        tls->setPrivateKey(client.key);
        exchange.clientCertificate = client.describe();
    }
    if (https && !request.tls.caFile.isEmpty()) {
        // A path is read with a bound and only when it is a regular file (never /dev/zero or a FIFO).
        const SafeFile::Read file =
            SafeFile::readFile(request.tls.caFile, SafeFile::kMaxInputFile, QStringLiteral("The CA file"));
        if (!file.ok())
            return failedCall(std::move(exchange), file.error.message % QStringLiteral(" Nothing was sent."));
        const QList<QSslCertificate> certificates = QSslCertificate::fromData(file.data, QSsl::Pem);
        if (certificates.isEmpty())
            return failedCall(
                std::move(exchange),
                QStringLiteral("The CA file \"%1\" could not be read as PEM certificates; nothing was "
                               "sent.")
                    .arg(request.tls.caFile));
        tls->addCaCertificates(certificates);
    }
    if (tls)
        networkRequest.setSslConfiguration(*tls);

    QNetworkReply* reply =
        managerFor(request.tls)->sendCustomRequest(networkRequest, request.method, request.body);
    if (request.tls.allowSelfSigned) {
        // Only the self-signed complaint is waived, and the exchange says so; any other TLS error still
        // fails.
        connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError>& errors) {
            QList<QSslError> waived;
            for (const QSslError& error : errors) {
                if (error.error() == QSslError::SelfSignedCertificate ||
                    error.error() == QSslError::SelfSignedCertificateInChain)
                    waived << error;
            }
            if (waived.size() == errors.size())
                reply->ignoreSslErrors(waived);
        });
    }
    qCDebug(lcNet) << "send" << exchange.id << request.method
                   << request.url.toDisplayString(QUrl::RemoveQuery);
    if (m_log)
        m_log->record(exchange);

    auto* call = new HttpCall(reply, std::move(exchange), request.timeout, this);
    call->setAllowSelfSigned(request.tls.allowSelfSigned);
    connect(call, &HttpCall::finished, this, [this](const HttpExchange& done) {
        qCDebug(lcNet) << "done" << done.id << done.status << done.durationMs << "ms";
        if (m_log)
            m_log->record(done);
    });
    return call;
}

} // namespace oauth2dbg
