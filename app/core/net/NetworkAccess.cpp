#include "NetworkAccess.h"

#include "HttpCall.h"
#include "traffic/TrafficLog.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkReply>

Q_LOGGING_CATEGORY(lcNet, "oauth2dbg.core.net", QtInfoMsg)

namespace oauth2dbg {

NetworkAccess::NetworkAccess(TrafficLog* log, QObject* parent)
    : QObject(parent)
    , m_log(log)
{
    // A debugger shows each hop: redirects are answers to look at, never followed silently.
    m_manager.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_manager.setAutoDeleteReplies(false);
}

NetworkAccess::~NetworkAccess() = default;

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

    QNetworkReply* reply = m_manager.sendCustomRequest(networkRequest, request.method, request.body);
    qCDebug(lcNet) << "send" << exchange.id << request.method
                   << request.url.toDisplayString(QUrl::RemoveQuery);
    if (m_log)
        m_log->record(exchange);

    auto* call = new HttpCall(reply, std::move(exchange), request.timeout, this);
    connect(call, &HttpCall::finished, this, [this](const HttpExchange& done) {
        qCDebug(lcNet) << "done" << done.id << done.status << done.durationMs << "ms";
        if (m_log)
            m_log->record(done);
    });
    return call;
}

} // namespace oauth2dbg
