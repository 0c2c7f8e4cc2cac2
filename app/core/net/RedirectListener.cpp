#include "RedirectListener.h"

#include "ListenerResponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcListener, "oauth2dbg.core.listener", QtInfoMsg)

namespace oauth2dbg {

struct RedirectListener::Connection {
    QTcpSocket* socket = nullptr;
    HttpRequestParser parser;
    QTimer deadline;
    bool answered = false;
    qint64 received = 0;         // bytes so far: none means an idle preconnect
    qsizetype bodyExpected = -1; // form_post only
};

namespace {
const QList<QByteArray> kKnownMethods = {"GET",     "HEAD",  "POST",  "PUT",    "DELETE",
                                         "OPTIONS", "TRACE", "PATCH", "CONNECT"};
} // namespace

RedirectListener::RedirectListener(QObject* parent)
    : QAbstractOAuthReplyHandler(parent)
{
    // NA-07: an application-wide proxy must never turn this into a remote bind.
    m_server.setProxy(QNetworkProxy::NoProxy);
    m_server.setMaxPendingConnections(64);
    m_timeout.setSingleShot(true);
    m_timeout.setTimerType(Qt::PreciseTimer); // the user watches this countdown
    m_grace.setSingleShot(true);
    m_twin.setProxy(QNetworkProxy::NoProxy);
    m_twin.setMaxPendingConnections(64);
    connect(&m_server, &QTcpServer::newConnection, this, [this] { onNewConnection(&m_server); });
    connect(&m_twin, &QTcpServer::newConnection, this, [this] { onNewConnection(&m_twin); });
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        close(State::Closed);
        Q_EMIT timedOut();
    });
    connect(&m_grace, &QTimer::timeout, this, [this] { close(State::Completed); });
}

RedirectListener::~RedirectListener()
{
    for (auto& connection : m_connections)
        connection->socket->disconnect(this);
}

void RedirectListener::cancel()
{
    close(State::Closed);
}

void RedirectListener::close(State finalState)
{
    const bool wasOpen = m_server.isListening();
    m_server.close();
    m_twin.close();
    m_timeout.stop();
    m_grace.stop();
    for (auto& connection : m_connections) {
        connection->socket->disconnect(this);
        connection->socket->abort();
        connection->socket->deleteLater();
    }
    m_connections.clear();
    m_state = finalState;
    if (wasOpen)
        Q_EMIT closed();
}

void RedirectListener::onNewConnection(QTcpServer* server)
{
    while (QTcpSocket* socket = server->nextPendingConnection()) {
        if (!socket->peerAddress().isLoopback()) { // LB-01: defence in depth behind the loopback bind
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // LB-09: a bounded number of live sockets; the oldest (idle preconnects first of all) make room.
        while (static_cast<int>(m_connections.size()) >= m_config.maxConnections)
            drop(m_connections.front().get());

        auto connection = std::make_unique<Connection>();
        Connection* c = connection.get();
        c->socket = socket; // owned by its server until dropped, so none outlives the listener
        socket->setReadBufferSize(32 * 1024); // LB-05: Qt's own buffer is unbounded by default
        c->deadline.setSingleShot(true);
        connect(&c->deadline, &QTimer::timeout, this, [this, c] {
            // LB-07/LB-08: a slow sender gets 408; an idle preconnect is closed without a word.
            if (c->received == 0 && c->socket->bytesAvailable() == 0) {
                drop(c);
                return;
            }
            respond(c, 408,
                    ListenerResponse::page("Request timeout", "The request took too long to arrive."));
        });
        c->deadline.start(m_config.requestDeadline);
        connect(socket, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
        connect(socket, &QTcpSocket::disconnected, this, [this, c] { drop(c); });
        m_connections.push_back(std::move(connection));
    }
}

void RedirectListener::drop(Connection* connection)
{
    const auto it = std::find_if(m_connections.begin(), m_connections.end(),
                                 [connection](const auto& c) { return c.get() == connection; });
    if (it == m_connections.end())
        return;
    std::unique_ptr<Connection> owned = std::move(*it);
    m_connections.erase(it);
    owned->deadline.stop();
    owned->socket->disconnect(this);
    owned->socket->abort();
    owned->socket->deleteLater();
}

void RedirectListener::onReadyRead(Connection* c)
{
    if (c->answered) {
        c->socket->readAll(); // LB-22: one request per connection; the rest is discarded
        return;
    }
    const QByteArray bytes = c->socket->readAll();
    c->received += bytes.size();
    const auto state = c->parser.feed(bytes);
    if (state == HttpRequestParser::State::Error) {
        const int status = c->parser.errorStatus();
        respond(c, status, ListenerResponse::page("Bad request", "This request could not be read."));
        return;
    }
    if (state == HttpRequestParser::State::Complete)
        handle(c);
}

bool RedirectListener::hostAccepted(const QByteArray& host) const
{
    const QByteArray port = QByteArray::number(m_port);
    const QByteArray bound =
        QByteArray(m_server.serverAddress().protocol() == QAbstractSocket::IPv6Protocol ? "[::1]:"
                                                                                        : "127.0.0.1:") +
        port;
    return host == bound || (m_config.advertiseLocalhost && host.toLower() == "localhost:" + port);
}

void RedirectListener::handle(Connection* c)
{
    const HttpRequestHead& head = c->parser.head();
    CapturedCallback captured{
        .received = QDateTime::currentDateTime(), .peer = c->socket->peerAddress(), .request = head};
    const auto reject = [&](int status, const QString& problem, const QByteArray& body,
                            const HttpHeaders& extra = {}) {
        captured.problem = problem;
        captured.responseStatus = status;
        respond(c, status, body, extra);
    };

    // LB-16: exactly one Host, naming this listener (a DNS-rebinding page would send its own name).
    const QList<QByteArray> hosts = head.headerValues("Host");
    if (hosts.size() != 1 || !hostAccepted(hosts.first()))
        return reject(
            400, QStringLiteral("The Host header is missing, repeated, or names another server."),
            ListenerResponse::page("Bad request", "This request was not addressed to OAuth2 Debugger."));

    // LB-18: absolute-form only for this very listener; LB-20: fragments never travel on the wire.
    QByteArray target = head.target;
    if (target.startsWith("http://")) {
        const qsizetype slash = target.indexOf('/', 7);
        const QByteArray authority = target.mid(7, slash < 0 ? -1 : slash - 7);
        if (!hostAccepted(authority))
            return reject(
                400, QStringLiteral("The absolute request target names another server."),
                ListenerResponse::page("Bad request", "This request was not addressed to OAuth2 Debugger."));
        target = slash < 0 ? QByteArray("/") : target.mid(slash);
    }
    if (!target.startsWith('/') || target.contains('#'))
        return reject(400, QStringLiteral("The request target is malformed."),
                      ListenerResponse::page("Bad request", "Malformed request."));

    const qsizetype question = target.indexOf('?');
    const QByteArray path = question < 0 ? target : target.left(question);
    const QByteArray query = question < 0 ? QByteArray() : target.mid(question + 1);
    if (path != m_config.path.toUtf8()) // LB-04: exact, on the raw path, no normalisation
        return respond(c, 404, {});

    const bool formPost = (m_config.acceptFormPost || m_config.fragmentRelay) && head.method == "POST";
    if (!kKnownMethods.contains(head.method))
        return reject(501, QStringLiteral("Unknown method."),
                      ListenerResponse::page("Not implemented", "Unknown method."));
    if (head.method != "GET" && !formPost) {
        const QByteArray allow = m_config.acceptFormPost || m_config.fragmentRelay ? "GET, POST" : "GET";
        return reject(405, QStringLiteral("Only GET reaches the callback."),
                      ListenerResponse::page("Method not allowed", "Only GET is accepted here."),
                      {{"Allow", allow}});
    }
    // LB-30: a page's script may fetch this URL; only a top-level navigation may deliver the callback.
    const QList<QByteArray> fetchMode = head.headerValues("Sec-Fetch-Mode");
    if ((!fetchMode.isEmpty() && fetchMode.first() != "navigate") ||
        (!formPost && !head.headerValues("Origin").isEmpty()))
        return reject(
            403, QStringLiteral("The request came from a script, not a browser navigation."),
            ListenerResponse::page("Forbidden", "Only a browser navigation can deliver the callback."));

    if (m_state == State::Completed) // LB-25: a refresh of the tab, or a replay
        return reject(
            410, QStringLiteral("The flow was already completed."),
            ListenerResponse::page("Already completed",
                                   "This sign-in was already received. Return to OAuth2 Debugger."));

    const QList<QByteArray> transferEncoding = head.headerValues("Transfer-Encoding");
    const QList<QByteArray> contentLength = head.headerValues("Content-Length");
    if (!formPost) {
        // LB-21: a GET carries no body; never allocate or wait for one.
        if (!transferEncoding.isEmpty() ||
            (!contentLength.isEmpty() && contentLength != QList<QByteArray>{"0"}))
            return reject(400, QStringLiteral("A GET with a body."),
                          ListenerResponse::page("Bad request", "Malformed request."));
        return handleCallback(c, query);
    }

    // LB-15: form_post — one form body of bounded size, nothing else.
    bool lengthOk = false;
    const qsizetype length = contentLength.size() == 1 ? contentLength.first().toLongLong(&lengthOk) : -1;
    const bool formType =
        head.headerValues("Content-Type").value(0).toLower().startsWith("application/x-www-form-urlencoded");
    if (!transferEncoding.isEmpty() || !lengthOk || length < 0 || !formType)
        return reject(400, QStringLiteral("A form_post callback must be a form body with a Content-Length."),
                      ListenerResponse::page("Bad request", "Malformed request."));
    if (length > m_config.maxFormBody)
        return reject(413, QStringLiteral("The form body is too large."),
                      ListenerResponse::page("Too large", "The request is too large."));
    c->bodyExpected = length;
    const QByteArray body = c->parser.rest();
    if (body.size() >= length)
        return handleCallback(c, body.left(length));
    // The rest of the body arrives later; the parser keeps it (bounded by maxFormBody + one read).
    disconnect(c->socket, &QTcpSocket::readyRead, this, nullptr);
    connect(c->socket, &QTcpSocket::readyRead, this, [this, c] {
        c->parser.feed(c->socket->read(m_config.maxFormBody + 1));
        const QByteArray received = c->parser.rest();
        if (received.size() > m_config.maxFormBody)
            return respond(c, 413, ListenerResponse::page("Too large", "The request is too large."));
        if (received.size() >= c->bodyExpected)
            handleCallback(c, received.left(c->bodyExpected));
    });
}

void RedirectListener::handleCallback(Connection* c, const QByteArray& query)
{
    CapturedCallback captured{.received = QDateTime::currentDateTime(),
                              .peer = c->socket->peerAddress(),
                              .request = c->parser.head()};
    if (query.isEmpty() && m_config.fragmentRelay && c->parser.head().method != "POST") {
        // The response is in the fragment the browser kept: the relay page posts it back here.
        respond(c, 200, ListenerResponse::fragmentRelayPage(), ListenerResponse::fragmentRelayHeaders());
        return;
    }
    if (query.isEmpty() && !m_expectations.signOut) { // LB-17 (a way back without state is LO-02's)
        captured.problem =
            QStringLiteral("The callback has no parameters. A response in the URL fragment (#...) "
                           "never reaches a local server: check response_type and response_mode.");
        captured.responseStatus = 400;
        respond(c, 400,
                ListenerResponse::page("No parameters",
                                       "The callback carried no parameters. Return to OAuth2 Debugger."));
        Q_EMIT requestRejected(captured);
        return;
    }
    const FormEncoding::Decoded decoded = FormEncoding::decode(query); // AZ-09, LB-19
    if (!decoded.ok()) {
        captured.problem = decoded.error;
        captured.responseStatus = 400;
        respond(c, 400, ListenerResponse::page("Bad request", "The callback parameters could not be read."));
        Q_EMIT requestRejected(captured);
        return;
    }
    captured.parameters = decoded.pairs;
    captured.verdict = validateCallback(decoded.pairs, m_expectations);
    if (captured.verdict.outcome == CallbackVerdict::Outcome::Rejected) {
        captured.responseStatus = 400;
        respond(c, 400,
                ListenerResponse::page(
                    "Not accepted", "This response does not belong to the sign-in OAuth2 Debugger is waiting "
                                    "for. If you started one, return to OAuth2 Debugger."));
        Q_EMIT requestRejected(captured); // AZ-02: the flow keeps waiting
        return;
    }
    captured.responseStatus = 200;
    const bool code = captured.verdict.outcome != CallbackVerdict::Outcome::AuthorizationError;
    respond(
        c, 200,
        captured.verdict.outcome == CallbackVerdict::Outcome::SignedOut
            ? ListenerResponse::page("Signed out", "The server signed you out and sent you back to OAuth2 "
                                                   "Debugger. You can close this tab.")
        : code ? ListenerResponse::page(
                     "Signed in",
                     "OAuth2 Debugger received the response. You can close this tab and return to it.")
               : ListenerResponse::page("The server said no",
                                        "The authorization server answered with an error. Return to OAuth2 "
                                        "Debugger to see it."));
    m_state = State::Completed;
    m_timeout.stop();
    m_grace.start(m_config.completedGrace); // NA-06: the port closes shortly after the first valid response

    QVariantMap values;
    for (const auto& [name, value] : std::as_const(captured.parameters))
        values.insert(name, value);
    Q_EMIT completed(captured);
    Q_EMIT callbackReceived(values); // for QtNetworkAuth flows
}

void RedirectListener::respond(Connection* c, int status, const QByteArray& body, const HttpHeaders& extra)
{
    if (c->answered)
        return;
    c->answered = true;
    c->deadline.stop();
    c->socket->write(ListenerResponse::response(status, body, extra, c->parser.head().method == "HEAD"));
    c->socket->disconnectFromHost(); // closes once the answer is written; `disconnected` then drops it
    // A peer that never reads must not hold the slot: give it a moment, then cut it.
    QTimer::singleShot(std::chrono::seconds(5), c->socket, [this, c] { drop(c); });
}

void RedirectListener::networkReplyFinished(QNetworkReply* reply)
{
    const QByteArray data = reply->readAll();
    Q_EMIT replyDataReceived(data);
    const QJsonDocument document = QJsonDocument::fromJson(data);
    if (reply->error() == QNetworkReply::NoError && document.isObject())
        Q_EMIT tokensReceived(document.object().toVariantMap());
}

} // namespace oauth2dbg
