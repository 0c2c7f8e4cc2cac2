// The loopback listener against raw sockets: one row per hostile or odd input of CONFORMANCE §3
// (LB-01..LB-30).
#include "net/RedirectListener.h"

#include <QElapsedTimer>
#include <QNetworkInterface>
#include <QNetworkProxy>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace oauth2dbg;
using namespace std::chrono_literals;

namespace {
const QString kIssuer = QStringLiteral("https://op.example.com");
const QByteArray kIss = "iss=https%3A%2F%2Fop.example.com";

struct Response {
    bool connected = false;
    int status = 0; // 0: closed without an answer
    QByteArray raw;
    [[nodiscard]] QByteArray header(const QByteArray& name) const
    {
        for (const QByteArray& line : raw.left(raw.indexOf("\r\n\r\n")).split('\n')) {
            if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
                return line.mid(name.size() + 1).trimmed();
        }
        return {};
    }
    [[nodiscard]] QByteArray body() const { return raw.mid(raw.indexOf("\r\n\r\n") + 4); }
};

// Connects, writes `bytes`, and collects the answer until the server closes (through the event loop: the
// listener lives on this thread).
Response roundTrip(quint16 port, const QByteArray& bytes, int timeoutMs = 5000,
                   const QHostAddress& address = QHostAddress(QHostAddress::LocalHost))
{
    Response response;
    QTcpSocket socket;
    socket.connectToHost(address, port);
    if (!QTest::qWaitFor(
            [&] {
                return socket.state() == QAbstractSocket::ConnectedState ||
                       socket.state() == QAbstractSocket::UnconnectedState;
            },
            2000) ||
        socket.state() != QAbstractSocket::ConnectedState)
        return response;
    response.connected = true;
    socket.write(bytes);
    (void)QTest::qWaitFor(
        [&] {
            response.raw += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
    response.raw += socket.readAll();
    static const QRegularExpression statusLine(QStringLiteral("^HTTP/1\\.1 (\\d{3}) "));
    const auto match = statusLine.match(QString::fromLatin1(response.raw.left(16)));
    response.status = match.hasMatch() ? match.captured(1).toInt() : 0;
    return response;
}

QByteArray get(quint16 port, const QByteArray& target, const QByteArray& extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n" +
           extraHeaders + "\r\n";
}

QByteArray goodQuery()
{
    return "/callback?code=the-code&state=S-good&" + kIss;
}
} // namespace

class tst_RedirectListener : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void bindsLoopbackWithAnEphemeralPort();
    void refusesOtherInterfaces();
    void fallsBackToIpv6();
    void portInUseIsNamed();
    void localhostIsServedOnBothFamilies();
    void localhostSquattedOnIpv6IsRefused();
    void ignoresTheApplicationProxy();
    void validCallbackCompletes();
    void badCallbacksDoNotEndTheFlow_data();
    void badCallbacksDoNotEndTheFlow();
    void answers_data();
    void answers();
    void serverErrorEndsTheFlowWithoutEcho();
    void absoluteFormForThisListener();
    void byteByByte();
    void idleConnectionsDoNotBlockTheCallback();
    void slowSenderGetsATimeout();
    void pipelinedRequestIsNotServed();
    void clientVanishesMidRequest();
    void timesOutAndCloses();
    void cancelCloses();
    void formPost();
    void pluggableIntoQtNetworkAuth();

private:
    void start(ListenerConfig config = {});
    [[nodiscard]] quint16 port() const { return m_listener->port(); }

    std::unique_ptr<RedirectListener> m_listener;
};

void tst_RedirectListener::init()
{
    qRegisterMetaType<CapturedCallback>();
    m_listener = std::make_unique<RedirectListener>();
}

void tst_RedirectListener::cleanup()
{
    m_listener.reset();
}

void tst_RedirectListener::start(ListenerConfig config)
{
    const EngineError error = m_listener->listen(config);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    m_listener->setExpectations({QStringLiteral("S-good"), kIssuer, true});
}

void tst_RedirectListener::bindsLoopbackWithAnEphemeralPort()
{
    start();
    QCOMPARE(m_listener->state(), RedirectListener::State::Listening);
    QCOMPARE(m_listener->address(), QHostAddress(QHostAddress::LocalHost)); // NA-04
    QVERIFY(port() > 0);
    static const QRegularExpression shape(
        QStringLiteral("^http://(127\\.0\\.0\\.1|\\[::1\\]):[0-9]+/callback$"));
    QVERIFY2(shape.match(m_listener->redirectUri()).hasMatch(),
             qPrintable(m_listener->redirectUri())); // NA-02
    QCOMPARE(m_listener->redirectUri(), u"http://127.0.0.1:" % QString::number(port()) % u"/callback");
}

void tst_RedirectListener::refusesOtherInterfaces()
{
    start();
    QHostAddress lan;
    for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
        if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol) {
            lan = address;
            break;
        }
    }
    if (lan.isNull())
        QSKIP("this machine has no non-loopback IPv4 address to try");
    QTcpSocket socket; // LB-01: the port is not open on the LAN address
    socket.connectToHost(lan, port());
    QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 3000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
}

void tst_RedirectListener::fallsBackToIpv6()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP("IPv6 loopback is not available here");
    probe.close();
    start({.preferIpv6 = true});
    QCOMPARE(m_listener->address(), QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(m_listener->redirectUri(), u"http://[::1]:" % QString::number(port()) % u"/callback");
}

void tst_RedirectListener::portInUseIsNamed()
{
    QTcpServer squatter; // LB-29
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    const EngineError error = m_listener->listen({.port = squatter.serverPort()});
    QVERIFY(error.isError());
    QVERIFY2(error.message.contains(QString::number(squatter.serverPort())) &&
                 error.message.contains(u"in use"),
             qPrintable(error.message));
    QCOMPARE(m_listener->state(), RedirectListener::State::Idle);
}

// RFC 8252 §8.3: a browser may send "localhost" to [::1]; the listener must be there too.
void tst_RedirectListener::localhostIsServedOnBothFamilies()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP("no IPv6 loopback on this machine");
    const quint16 fixed = probe.serverPort();
    probe.close();
    start({.port = fixed, .advertiseLocalhost = true});
    QCOMPARE(m_listener->redirectUri(), u"http://localhost:" % QString::number(fixed) % u"/callback");
    QSignalSpy completed(m_listener.get(), &RedirectListener::completed);
    const QByteArray request =
        "GET " + goodQuery() + " HTTP/1.1\r\nHost: localhost:" + QByteArray::number(fixed) + "\r\n\r\n";
    QCOMPARE(roundTrip(fixed, request, 5000, QHostAddress(QHostAddress::LocalHostIPv6)).status, 200);
    QCOMPARE(completed.size(), 1);
}

void tst_RedirectListener::localhostSquattedOnIpv6IsRefused()
{
    QTcpServer squatter; // another local user's program, waiting on [::1] for the code
    if (!squatter.listen(QHostAddress::LocalHostIPv6, 0))
        QSKIP("no IPv6 loopback on this machine");
    const EngineError error = m_listener->listen({.port = squatter.serverPort(), .advertiseLocalhost = true});
    QVERIFY(error.isError());
    QVERIFY2(error.message.contains(u"[::1]:" % QString::number(squatter.serverPort())) &&
                 error.message.contains(u"RFC 8252 §8.3"),
             qPrintable(error.message));
    QCOMPARE(m_listener->state(), RedirectListener::State::Idle);
    // Nothing is left listening on 127.0.0.1 either.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, squatter.serverPort());
    QVERIFY(!socket.waitForConnected(500));
}

void tst_RedirectListener::ignoresTheApplicationProxy()
{
    // NA-07: an application-wide SOCKS proxy must not turn listen() into a bind on the proxy's side.
    QNetworkProxy::setApplicationProxy(
        QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1));
    start();
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
    QCOMPARE(m_listener->address(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(roundTrip(port(), get(port(), goodQuery())).status, 200);
}

void tst_RedirectListener::validCallbackCompletes()
{
    start({.completedGrace = 300ms});
    QSignalSpy completed(m_listener.get(), &RedirectListener::completed);
    QSignalSpy closed(m_listener.get(), &RedirectListener::closed);
    const Response r = roundTrip(port(), get(port(), goodQuery()));
    QCOMPARE(r.status, 200);
    QCOMPARE(completed.size(), 1);
    const auto captured = completed.first().first().value<CapturedCallback>();
    QCOMPARE(captured.verdict.outcome, CallbackVerdict::Outcome::Code);
    QCOMPARE(captured.verdict.code, QStringLiteral("the-code"));
    QCOMPARE(captured.request.method, QByteArray("GET"));
    QCOMPARE(captured.request.target, goodQuery());
    QVERIFY(captured.peer.isLoopback());
    // LB-27: static page and protective headers.
    QCOMPARE(r.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(r.header("Content-Security-Policy").startsWith("default-src 'none'"));
    QCOMPARE(r.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(r.header("Referrer-Policy"), QByteArray("no-referrer"));
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(!r.body().contains("the-code"));
    QVERIFY(r.header("Access-Control-Allow-Origin").isEmpty());
    // LB-25: a refresh gets "already completed" and no second callback.
    const Response again = roundTrip(port(), get(port(), goodQuery()));
    QCOMPARE(again.status, 410);
    QCOMPARE(completed.size(), 1);
    // NA-06, LB-26: then the port closes.
    QVERIFY(closed.wait(3000));
    QCOMPARE(roundTrip(port(), get(port(), goodQuery())).connected, false);
}

void tst_RedirectListener::badCallbacksDoNotEndTheFlow_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("reasonContains");
    // LB-03, AZ-02: each is answered 400 and the real callback still completes afterwards.
    QTest::addRow("state wrong") << "/callback?code=x&state=WRONG&" + kIss
                                 << QStringLiteral("does not match");
    QTest::addRow("state missing") << "/callback?code=x&" + kIss << QStringLiteral("no \"state\"");
    QTest::addRow("state duplicated")
        << "/callback?code=x&state=S-good&state=S-good&" + kIss << QStringLiteral("appears 2 times");
    QTest::addRow("iss wrong") << QByteArray("/callback?code=x&state=S-good&iss=https%3A%2F%2Fevil.example")
                               << QStringLiteral("mix-up");
    QTest::addRow("iss missing though promised")
        << QByteArray("/callback?code=x&state=S-good") << QStringLiteral("no \"iss\"");
    QTest::addRow("forged access_denied")
        << "/callback?error=access_denied&state=WRONG&" + kIss << QStringLiteral("does not match");
    QTest::addRow("no parameters") << QByteArray("/callback") << QStringLiteral("fragment");
    QTest::addRow("bad escape") << "/callback?code=%zz&state=S-good&" + kIss
                                << QStringLiteral("percent escape");
    QTest::addRow("NUL") << "/callback?code=%00&state=S-good&" + kIss << QStringLiteral("NUL");
    QTest::addRow("overlong UTF-8") << "/callback?code=%C0%AF&state=S-good&" + kIss
                                    << QStringLiteral("UTF-8");
    QTest::addRow("10,000 pairs") << "/callback?" + QByteArray("a=1&").repeated(1500)
                                  << QStringLiteral("more than 64");
    QTest::addRow("script in description")
        << "/callback?error=x&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
           "&state=WRONG&" +
               kIss
        << QStringLiteral("does not match");
}

void tst_RedirectListener::badCallbacksDoNotEndTheFlow()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, reasonContains);
    start();
    QSignalSpy rejected(m_listener.get(), &RedirectListener::requestRejected);
    QSignalSpy completed(m_listener.get(), &RedirectListener::completed);
    const Response r = roundTrip(port(), get(port(), target));
    QCOMPARE(r.status, 400);
    QVERIFY2(!r.body().contains("WRONG") && !r.body().contains("<script") && !r.body().contains("evil"),
             "a page never echoes the request");
    QCOMPARE(rejected.size(), 1);
    const auto captured = rejected.first().first().value<CapturedCallback>();
    const QString why = captured.problem.isEmpty() ? captured.verdict.reason : captured.problem;
    QVERIFY2(why.contains(reasonContains), qPrintable(why));
    QCOMPARE(completed.size(), 0);
    QCOMPARE(m_listener->state(), RedirectListener::State::Listening);
    QCOMPARE(roundTrip(port(), get(port(), goodQuery())).status, 200);
    QCOMPARE(completed.size(), 1);
}

void tst_RedirectListener::answers_data()
{
    QTest::addColumn<QByteArray>("request"); // %PORT% stands for the listener's port
    QTest::addColumn<int>("status");         // 0: closed without an answer
    const QByteArray host = "Host: 127.0.0.1:%PORT%\r\n";
    const auto req = [&host](const QByteArray& line, const QByteArray& headers = {}) -> QByteArray {
        return line + "\r\n" + host + headers + "\r\n";
    };
    const QByteArray good = goodQuery();
    // LB-04: exact path match on the raw path.
    for (const char* path : {"/favicon.ico", "/robots.txt", "/", "/callback/", "/CALLBACK", "/callback;x",
                             "/%63allback", "//callback", "/callback/../callback", "/callbackx"})
        QTest::addRow("path %s", path)
            << req("GET " + QByteArray(path) + "?code=x&state=S-good HTTP/1.1") << 404;
    // LB-13, LB-14
    QTest::addRow("HEAD") << req("HEAD " + good + " HTTP/1.1") << 405;
    for (const char* method : {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"})
        QTest::addRow("%s", method) << req(QByteArray(method) + ' ' + good + " HTTP/1.1") << 405;
    QTest::addRow("OPTIONS *") << req("OPTIONS * HTTP/1.1") << 400;
    QTest::addRow("CONNECT") << req("CONNECT 127.0.0.1:443 HTTP/1.1") << 400;
    QTest::addRow("unknown method") << req("BREW " + good + " HTTP/1.1") << 501;
    // LB-10, LB-11, LB-12
    QTest::addRow("lower-case get") << req("get " + good + " HTTP/1.1") << 400;
    QTest::addRow("HTTP/0.9 style") << QByteArray("GET /callback\r\n\r\n") << 400;
    QTest::addRow("TLS ClientHello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400;
    QTest::addRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::addRow("HTTP/9.9") << req("GET " + good + " HTTP/9.9") << 505;
    // LB-05, LB-06
    QTest::addRow("request line over 8 KiB")
        << req("GET /callback?x=" + QByteArray(9000, 'a') + " HTTP/1.1") << 414;
    QTest::addRow("1 MiB header") << "GET " + good + " HTTP/1.1\r\nX: " + QByteArray(1 << 20, 'a') << 431;
    // LB-16
    QTest::addRow("no Host") << QByteArray("GET " + good + " HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("foreign Host") << QByteArray("GET " + good + " HTTP/1.1\r\nHost: attacker.example\r\n\r\n")
                                  << 400;
    QTest::addRow("Host without port")
        << QByteArray("GET " + good + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") << 400;
    QTest::addRow("two Hosts") << req("GET " + good + " HTTP/1.1", host) << 400;
    // LB-18, LB-20, LB-21
    QTest::addRow("absolute-form, other host") << req("GET http://evil.example" + good + " HTTP/1.1") << 400;
    QTest::addRow("fragment") << req("GET " + good + "#frag HTTP/1.1") << 400;
    QTest::addRow("GET with a huge Content-Length")
        << req("GET " + good + " HTTP/1.1", "Content-Length: 100000000000\r\n") << 400;
    QTest::addRow("GET chunked") << req("GET " + good + " HTTP/1.1", "Transfer-Encoding: chunked\r\n") << 400;
    // LB-30
    QTest::addRow("fetch from a script")
        << req("GET " + good + " HTTP/1.1", "Sec-Fetch-Mode: cors\r\n") << 403;
    QTest::addRow("foreign Origin") << req("GET " + good + " HTTP/1.1", "Origin: https://evil.example\r\n")
                                    << 403;
}

void tst_RedirectListener::answers()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    start();
    QSignalSpy completed(m_listener.get(), &RedirectListener::completed);
    request.replace("%PORT%", QByteArray::number(port()));
    const Response r = roundTrip(port(), request);
    QVERIFY(r.connected);
    QCOMPARE(r.status, status);
    if (status == 405)
        QCOMPARE(r.header("Allow"), QByteArray("GET"));
    if (status == 404)
        QCOMPARE(r.header("Content-Length"), QByteArray("0"));
    if (status != 0)
        QCOMPARE(r.header("Connection"), QByteArray("close"));
    QCOMPARE(completed.size(), 0);
    QCOMPARE(m_listener->state(), RedirectListener::State::Listening);
    QCOMPARE(roundTrip(port(), get(port(), goodQuery())).status, 200); // the real callback still lands
}

void tst_RedirectListener::serverErrorEndsTheFlowWithoutEcho()
{
    start();
    QSignalSpy completed(m_listener.get(), &RedirectListener::completed);
    const Response r = roundTrip(
        port(),
        get(port(), "/callback?error=access_denied&error_description=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
                    "&state=S-good&" +
                        kIss));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.body().contains("<script"));
    QCOMPARE(completed.size(), 1);
    const auto captured = completed.first().first().value<CapturedCallback>();
    QCOMPARE(captured.verdict.outcome, CallbackVerdict::Outcome::AuthorizationError);
    QCOMPARE(captured.verdict.errorDescription, QStringLiteral("<script>alert(1)</script>"));
}

void tst_RedirectListener::absoluteFormForThisListener()
{
    start();
    const QByteArray authority = "127.0.0.1:" + QByteArray::number(port());
    const Response r = roundTrip(port(), "GET http://" + authority + goodQuery() +
                                             " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n");
    QCOMPARE(r.status, 200);
}

void tst_RedirectListener::byteByByte()
{
    start(); // LB-23
    QSignalSpy completed(m_listener.get(), &RedirectListener::completed);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port());
    QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 2000));
    const QByteArray request = get(port(), goodQuery());
    for (const char c : request) {
        socket.write(&c, 1);
        socket.flush();
        QTest::qWait(1);
    }
    QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 3000);
}

void tst_RedirectListener::idleConnectionsDoNotBlockTheCallback()
{
    start(); // LB-08, LB-09: 200 idle sockets (speculative preconnects), then the real callback
    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 200; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(QHostAddress::LocalHost, port());
    }
    QVERIFY(QTest::qWaitFor(
        [&] {
            return std::all_of(idle.begin(), idle.end(),
                               [](const auto& s) { return s->state() != QAbstractSocket::ConnectingState; });
        },
        5000));
    QTest::qWait(50);
    QVERIFY2(m_listener->openConnections() <= 128, "live sockets are capped");
    QElapsedTimer clock;
    clock.start();
    const Response r = roundTrip(port(), get(port(), goodQuery()), 1000);
    qInfo("callback answered after %lld ms with 200 idle connections open", clock.elapsed());
    QCOMPARE(r.status, 200);
    QCOMPARE(m_listener->state(), RedirectListener::State::Completed);
}

void tst_RedirectListener::slowSenderGetsATimeout()
{
    start({.requestDeadline = 300ms}); // LB-07
    const Response partial = roundTrip(port(), "GET /callback?co", 3000);
    QCOMPARE(partial.status, 408);
    const Response silent =
        roundTrip(port(), QByteArray(), 3000); // an idle preconnect: closed without a word
    QVERIFY(silent.connected);
    QCOMPARE(silent.raw, QByteArray());
    QCOMPARE(m_listener->state(), RedirectListener::State::Listening);
}

void tst_RedirectListener::pipelinedRequestIsNotServed()
{
    start(); // LB-22
    QSignalSpy rejected(m_listener.get(), &RedirectListener::requestRejected);
    const QByteArray first = get(port(), "/callback?code=x&state=WRONG&" + kIss);
    const Response r = roundTrip(port(), first + get(port(), goodQuery()));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.raw.count("HTTP/1.1 "), 1);
    QCOMPARE(m_listener->state(), RedirectListener::State::Listening);
}

void tst_RedirectListener::clientVanishesMidRequest()
{
    start(); // LB-24
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port());
        QVERIFY(QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 2000));
        socket.write("GET /callback?code=x&sta");
        socket.flush();
        QTest::qWait(20);
        socket.abort();
    }
    QTRY_COMPARE(m_listener->openConnections(), 0);
    QCOMPARE(roundTrip(port(), get(port(), goodQuery())).status, 200);
}

void tst_RedirectListener::timesOutAndCloses()
{
    start({.timeout = 300ms}); // NA-06, LB-26
    QSignalSpy timedOut(m_listener.get(), &RedirectListener::timedOut);
    QVERIFY(timedOut.wait(3000));
    QCOMPARE(m_listener->state(), RedirectListener::State::Closed);
    QCOMPARE(roundTrip(port(), get(port(), goodQuery())).connected, false);
}

void tst_RedirectListener::cancelCloses()
{
    start();
    m_listener->cancel();
    QCOMPARE(m_listener->state(), RedirectListener::State::Closed);
    QCOMPARE(roundTrip(port(), get(port(), goodQuery())).connected, false);
}

void tst_RedirectListener::formPost()
{
    start({.acceptFormPost = true}); // LB-15
    QSignalSpy completed(m_listener.get(), &RedirectListener::completed);
    const QByteArray body = "code=posted&state=S-good&" + kIss;
    const QByteArray head = "POST /callback HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port()) +
                            "\r\nContent-Type: application/x-www-form-urlencoded\r\n";
    QCOMPARE(roundTrip(port(), head + "Transfer-Encoding: chunked\r\n\r\n").status, 400);
    QCOMPARE(roundTrip(port(), head + "Content-Length: 99999\r\n\r\n").status, 413);
    QCOMPARE(
        roundTrip(port(), head + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body)
            .status,
        200);
    QCOMPARE(completed.size(), 1);
    QCOMPARE(completed.first().first().value<CapturedCallback>().verdict.code, QStringLiteral("posted"));
}

void tst_RedirectListener::pluggableIntoQtNetworkAuth()
{
    start();
    QAbstractOAuthReplyHandler* handler = m_listener.get();
    QCOMPARE(handler->callback(), m_listener->redirectUri());
    QSignalSpy received(handler, &QAbstractOAuthReplyHandler::callbackReceived);
    QCOMPARE(roundTrip(port(), get(port(), goodQuery())).status, 200);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().first().toMap().value(QStringLiteral("code")).toString(),
             QStringLiteral("the-code"));
}

QTEST_GUILESS_MAIN(tst_RedirectListener)
#include "tst_redirectlistener.moc"
