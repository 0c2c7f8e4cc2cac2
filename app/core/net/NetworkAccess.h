#pragma once

#include "HttpExchange.h"

#include <QNetworkAccessManager>
#include <QObject>

#include <map>
#include <memory>

namespace oauth2dbg {

class HttpCall;
class TrafficLog;

// The one place the engine talks HTTP: every request and its outcome land in the traffic log, so the log is
// complete by construction. Built on QNetworkAccessManager rather than QtNetworkAuth because a debugger must
// see and record every header and byte it sends, which QOAuth2AuthorizationCodeFlow does not expose.
class NetworkAccess final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkAccess)

public:
    explicit NetworkAccess(TrafficLog* log, QObject* parent = nullptr);
    ~NetworkAccess() override;

    // Starts the request. The returned call belongs to this object and deletes itself after finished().
    HttpCall* send(const HttpRequest& request);

    [[nodiscard]] TrafficLog* trafficLog() const { return m_log; }
    [[nodiscard]] static QByteArray userAgent();

private:
    // A call that never reaches the network and finishes at once with `message` (a request refused before
    // sending).
    HttpCall* failedCall(HttpExchange exchange, const QString& message);
    // One manager per trust setting: QNetworkAccessManager reuses connections per host whatever a request's
    // TLS configuration, so a connection made under one profile's trust must never serve another's request.
    QNetworkAccessManager* managerFor(const TlsOptions& tls);
    static void configure(QNetworkAccessManager& manager);

    std::unique_ptr<QNetworkAccessManager> m_manager; // made at the first request: start-up need not wait
    std::map<std::pair<QString, bool>, std::unique_ptr<QNetworkAccessManager>> m_tlsManagers;
    TrafficLog* m_log = nullptr;
    quint64 m_nextId = 1;
};

} // namespace oauth2dbg
