#pragma once

#include "HttpRequestParser.h"
#include "common/EngineError.h"
#include "oauth/CallbackValidator.h"

#include <QAbstractOAuthReplyHandler>
#include <QDateTime>
#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

#include <chrono>
#include <list>
#include <memory>

class QTcpSocket;

namespace oauth2dbg {

struct ListenerConfig {
    QString path = QStringLiteral("/callback");
    quint16 port = 0;                // 0: an ephemeral port chosen now (RFC 8252 §7.3)
    bool advertiseLocalhost = false; // redirect URI says "localhost": binds 127.0.0.1 and [::1], same port
    bool preferIpv6 = false;         // bind [::1] first; also the test seam for the IPv6 fallback (NA-05)
    bool acceptFormPost = false;     // response_mode=form_post was requested
    // Implicit and hybrid in the fragment: a callback without a query gets the page that posts the fragment
    // back (ListenerResponse::fragmentRelayPage); its post is taken as form_post is.
    bool fragmentRelay = false;
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};
    std::chrono::milliseconds requestDeadline{std::chrono::seconds(10)}; // for one request head to arrive
    std::chrono::milliseconds completedGrace{
        std::chrono::seconds(10)}; // "already completed" pages, then close
    int maxConnections = 128;
    qsizetype maxFormBody = 16 * 1024;
};

// One request the listener received on the callback path, with what became of it.
struct CapturedCallback {
    QDateTime received;
    QHostAddress peer;
    HttpRequestHead request; // method, target and headers exactly as received
    FormPairs parameters;    // decoded query (or form_post body)
    CallbackVerdict verdict;
    int responseStatus = 0; // what the browser was answered
    QString problem;        // why it was refused before validation (bad Host, bad encoding, ...)
};

// The loopback redirect receiver (RFC 8252 §7.3, §8.3). It binds 127.0.0.1 (or [::1]) only, answers each
// connection independently within fixed bounds, and lets only a callback that passes every check end the
// flow: a stranger who finds the port can neither complete nor cancel the user's login.
class RedirectListener final : public QAbstractOAuthReplyHandler {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RedirectListener)

public:
    enum class State { Idle, Listening, Completed, Closed };

    explicit RedirectListener(QObject* parent = nullptr);
    ~RedirectListener() override;

    // Opens the port. On failure the error names the address and port and says why.
    EngineError listen(const ListenerConfig& config);
    // What the next valid callback must carry. Set before the browser opens.
    void setExpectations(const CallbackExpectations& expectations) { m_expectations = expectations; }
    void cancel();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString redirectUri() const { return m_redirectUri; }
    [[nodiscard]] QHostAddress address() const { return m_server.serverAddress(); }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] int openConnections() const { return static_cast<int>(m_connections.size()); }
    [[nodiscard]] qint64 remainingMs() const { return m_timeout.isActive() ? m_timeout.remainingTime() : 0; }

    // QAbstractOAuthReplyHandler, so Qt's own OAuth flows can use this receiver too.
    [[nodiscard]] QString callback() const override { return m_redirectUri; }
    void networkReplyFinished(QNetworkReply* reply) override;

Q_SIGNALS:
    void requestRejected(const oauth2dbg::CapturedCallback& request); // the flow keeps waiting
    void completed(const oauth2dbg::CapturedCallback& callback);      // a code, or the server's error
    void timedOut();
    void closed();

private:
    struct Connection;
    void onNewConnection(QTcpServer* server);
    EngineError bindTwin();
    void onReadyRead(Connection* connection);
    void handle(Connection* connection);
    void handleCallback(Connection* connection, const QByteArray& query);
    void respond(Connection* connection, int status, const QByteArray& page, const HttpHeaders& extra = {});
    void drop(Connection* connection);
    void close(State finalState);
    [[nodiscard]] bool hostAccepted(const QByteArray& host) const;

    QTcpServer m_server;
    QTcpServer m_twin; // the other loopback family, for a redirect URI that says "localhost"
    ListenerConfig m_config;
    CallbackExpectations m_expectations;
    State m_state = State::Idle;
    QString m_redirectUri;
    quint16 m_port = 0;
    QTimer m_timeout;
    QTimer m_grace;
    std::list<std::unique_ptr<Connection>> m_connections; // oldest first
};

} // namespace oauth2dbg
