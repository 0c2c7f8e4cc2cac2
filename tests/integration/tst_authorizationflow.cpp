// Whole authorizations against the real provider, through the browser path users get: BrowserLauncher running
// a browser command, here the scripted browser (tests/provider/browser.mjs).
#include "ProviderInfo.h"
#include "net/BrowserLauncher.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/FormEncoding.h"
#include "traffic/TrafficLog.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace oauth2dbg;
using namespace std::chrono_literals;

namespace {
QString browserCommand(const QString& options = {})
{
    return u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet " % options % u" %u";
}

int rawGet(quint16 port, const QByteArray& target)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 2000))
        return -1;
    socket.write("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n");
    QByteArray response;
    (void)QTest::qWaitFor(
        [&] {
            response += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        5000);
    response += socket.readAll();
    return response.mid(9, 3).toInt();
}
} // namespace

class tst_AuthorizationFlow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void codeThroughTheBrowserCommand();
    void strangersCannotEndTheFlow();
    void cancelInTheBrowserGivesAccessDenied();
    void mixUpIsRejected();
    void manualCapture();
    void refusesNonHttpsUrls();
    void timesOut();
    void browserDoesNotInheritSecretVariables();

private:
    AuthorizationSettings settingsFor(const ProviderInfo& provider, const QString& issuer);
    AuthorizationOutcome waitForOutcome(int timeoutMs = 30'000);

    ProviderInfo m_provider;
    ProviderInfo m_other;
    std::unique_ptr<BrowserLauncher> m_launcher;
    std::unique_ptr<AuthorizationFlow> m_flow;
    std::unique_ptr<QSignalSpy> m_finished;
    std::unique_ptr<QSignalSpy> m_rejected;
};

void tst_AuthorizationFlow::initTestCase()
{
    qRegisterMetaType<AuthorizationOutcome>();
    qRegisterMetaType<CapturedCallback>();
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    m_other = ProviderInfo::load("OAUTH2DBG_PROVIDER_B_INFO");
    QVERIFY2(m_other.error.isEmpty(), qPrintable(m_other.error));
}

void tst_AuthorizationFlow::init()
{
    m_launcher = std::make_unique<BrowserLauncher>();
    m_launcher->setCommand(browserCommand());
    m_flow = std::make_unique<AuthorizationFlow>(m_launcher.get());
    m_finished = std::make_unique<QSignalSpy>(m_flow.get(), &AuthorizationFlow::finished);
    m_rejected = std::make_unique<QSignalSpy>(m_flow.get(), &AuthorizationFlow::callbackRejected);
}

void tst_AuthorizationFlow::cleanup()
{
    m_finished.reset();
    m_rejected.reset();
    m_flow.reset();
    m_launcher.reset();
}

AuthorizationSettings tst_AuthorizationFlow::settingsFor(const ProviderInfo& provider, const QString& issuer)
{
    AuthorizationSettings s;
    s.issuer = issuer;
    s.issRequired = true;
    s.allowHttp = true;
    s.parameters.authorizationEndpoint = QUrl(provider.origin() + u"/auth");
    s.parameters.clientId = QStringLiteral("debugger-public");
    s.parameters.scope = QStringLiteral("openid email");
    return s;
}

AuthorizationOutcome tst_AuthorizationFlow::waitForOutcome(int timeoutMs)
{
    if (m_finished->isEmpty() && !m_finished->wait(timeoutMs))
        return {.error = {.kind = ErrorKind::Timeout, .message = QStringLiteral("no outcome in time")}};
    return m_finished->first().first().value<AuthorizationOutcome>();
}

void tst_AuthorizationFlow::codeThroughTheBrowserCommand()
{
    QVERIFY(!m_flow->prepare(settingsFor(m_provider, m_provider.issuer)).isError());
    QCOMPARE(m_flow->stage(), AuthorizationFlow::Stage::Prepared);
    QVERIFY(m_flow->request().url.startsWith(m_provider.issuer + u"/auth?response_type=code&"));
    QVERIFY(!m_flow->launchBrowser().isError());
    QCOMPARE(m_flow->stage(), AuthorizationFlow::Stage::WaitingForBrowser);

    const AuthorizationOutcome outcome = waitForOutcome();
    QVERIFY2(outcome.hasCode(), qPrintable(outcome.error.message));
    QCOMPARE(m_flow->stage(), AuthorizationFlow::Stage::Completed);
    QStringList passed;
    for (const Finding& check : outcome.callback.verdict.checks) {
        QCOMPARE(check.severity, Severity::Info);
        passed << check.rule;
    }
    QCOMPARE(passed, QStringList({QStringLiteral("AZ-03"), QStringLiteral("AZ-05"), QStringLiteral("AZ-01"),
                                  QStringLiteral("AZ-04")}));
    QCOMPARE(outcome.callback.request.method, QByteArray("GET"));

    // The code, verifier and redirect URI are real: the provider exchanges them for tokens.
    TrafficLog log;
    NetworkAccess network(&log);
    const FormPairs form = {
        {QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
        {QStringLiteral("code"), outcome.callback.verdict.code},
        {QStringLiteral("redirect_uri"), outcome.request.redirectUri},
        {QStringLiteral("code_verifier"), QString::fromLatin1(outcome.request.codeVerifier)},
        {QStringLiteral("client_id"), QStringLiteral("debugger-public")}};
    HttpCall* call = network.send({.method = "POST",
                                   .url = QUrl(m_provider.issuer + u"/token"),
                                   .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                                   .body = FormEncoding::encode(form)});
    QSignalSpy exchanged(call, &HttpCall::finished);
    QVERIFY(exchanged.wait(10'000));
    const auto reply = exchanged.first().first().value<HttpExchange>();
    QVERIFY2(reply.status == 200, reply.responseBody.constData());
    QVERIFY(QJsonDocument::fromJson(reply.responseBody).object().value(u"access_token").isString());

    // NA-06: the listener closes shortly after the first valid response.
    QSignalSpy closed(m_flow->listener(), &RedirectListener::closed);
    QVERIFY(closed.wait(15'000));
}

void tst_AuthorizationFlow::strangersCannotEndTheFlow()
{
    QVERIFY(!m_flow->prepare(settingsFor(m_provider, m_provider.issuer)).isError());
    const quint16 port = m_flow->listener()->port();
    const QByteArray iss = "&iss=" + FormEncoding::encode(m_provider.issuer);
    // Before the browser comes back: a wrong path, a forged error, a wrong state, a missing iss.
    QCOMPARE(rawGet(port, "/favicon.ico"), 404);
    QCOMPARE(rawGet(port, "/callback?error=access_denied&state=WRONG" + iss), 400);
    QCOMPARE(rawGet(port, "/callback?code=stolen&state=WRONG" + iss), 400);
    QCOMPARE(rawGet(port, "/callback?code=x&state=" + m_flow->request().state), 400); // iss promised, missing
    QCOMPARE(m_rejected->size(), 3);
    QVERIFY(m_finished->isEmpty());
    QVERIFY(!m_flow->launchBrowser().isError());
    QVERIFY(waitForOutcome().hasCode());
}

void tst_AuthorizationFlow::cancelInTheBrowserGivesAccessDenied()
{
    m_launcher->setCommand(browserCommand(QStringLiteral("--cancel")));
    QVERIFY(!m_flow->prepare(settingsFor(m_provider, m_provider.issuer)).isError());
    QVERIFY(!m_flow->launchBrowser().isError());
    const AuthorizationOutcome outcome = waitForOutcome();
    QVERIFY(!outcome.hasCode());
    QCOMPARE(outcome.error.oauthError, QStringLiteral("access_denied"));
    QVERIFY2(outcome.error.oauthErrorDescription.contains(u"aborted"),
             qPrintable(outcome.error.oauthErrorDescription));
    QCOMPARE(m_flow->stage(), AuthorizationFlow::Stage::Failed);
}

void tst_AuthorizationFlow::mixUpIsRejected()
{
    // The flow believes it talks to provider A, but the browser is sent to provider B, whose response says
    // so.
    AuthorizationSettings settings = settingsFor(m_other, m_provider.issuer);
    QVERIFY(!m_flow->prepare(settings).isError());
    QVERIFY(!m_flow->launchBrowser().isError());
    QVERIFY(m_rejected->wait(30'000));
    const auto rejected = m_rejected->first().first().value<CapturedCallback>();
    QCOMPARE(rejected.verdict.checks.constLast().rule, QStringLiteral("AZ-05"));
    QVERIFY2(rejected.verdict.reason.contains(m_other.issuer), qPrintable(rejected.verdict.reason));
    QCOMPARE(m_flow->stage(), AuthorizationFlow::Stage::WaitingForBrowser); // still waiting for the real one
    m_flow->cancel();
    QCOMPARE(m_flow->stage(), AuthorizationFlow::Stage::Cancelled);
}

void tst_AuthorizationFlow::manualCapture()
{
    // A redirect URI the debugger does not serve: the browser ends on an error page, the user copies its
    // address.
    AuthorizationSettings settings = settingsFor(m_provider, m_provider.issuer);
    settings.manualCapture = true;
    settings.parameters.redirectUri =
        u"http://127.0.0.1:" % QString::number(unusedLoopbackPort()) % u"/callback";
    QVERIFY(!m_flow->prepare(settings).isError());
    QProcess browser;
    QStringList command = BrowserLauncher::commandArguments(browserCommand(), m_flow->request().url);
    browser.start(command.takeFirst(), command);
    QVERIFY(browser.waitForFinished(30'000));
    const QString stderrText = QString::fromUtf8(browser.readAllStandardError());
    const qsizetype at = stderrText.indexOf(settings.parameters.redirectUri);
    QVERIFY2(at >= 0, qPrintable(stderrText));
    const QString addressBar = stderrText.mid(at).section(QStringLiteral(": "), 0, 0);

    const EngineError noQuery =
        m_flow->submitPasted(settings.parameters.redirectUri); // an address without '?'
    QVERIFY2(noQuery.isError() && noQuery.message.contains(u"no query"), qPrintable(noQuery.message));
    const EngineError error = m_flow->submitPasted(addressBar);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    const AuthorizationOutcome outcome = waitForOutcome(1000);
    QVERIFY(outcome.hasCode());
}

void tst_AuthorizationFlow::refusesNonHttpsUrls()
{
    AuthorizationSettings settings = settingsFor(m_provider, m_provider.issuer);
    settings.allowHttp = false; // NA-09: the http endpoint is refused without the local opt-in
    QVERIFY(!m_flow->prepare(settings).isError());
    const EngineError error = m_flow->launchBrowser();
    QVERIFY(error.isError());
    QVERIFY2(error.message.contains(u"only https"), qPrintable(error.message));
    BrowserLauncher launcher;
    QVERIFY(launcher.launch(QStringLiteral("file:///etc/passwd"), true).isError());
    QVERIFY(launcher.launch(QStringLiteral("javascript:alert(1)"), true).isError());
    QVERIFY(launcher.launch(QStringLiteral("http://evil.example/auth"), true).isError());
}

void tst_AuthorizationFlow::timesOut()
{
    AuthorizationSettings settings = settingsFor(m_provider, m_provider.issuer);
    settings.listener.timeout = 300ms;
    QVERIFY(!m_flow->prepare(settings).isError());
    const quint16 port = m_flow->listener()->port();
    const AuthorizationOutcome outcome = waitForOutcome(5000);
    QCOMPARE(outcome.error.kind, ErrorKind::Timeout);
    QCOMPARE(m_flow->stage(), AuthorizationFlow::Stage::TimedOut);
    QCOMPARE(rawGet(port, "/callback"), -1); // closed: connection refused
}

// The variables that carried this run's secrets (--client-secret-env and the like) stay out of the browser's
// environment; everything else (PATH, HOME, DISPLAY) is still there.
void tst_AuthorizationFlow::browserDoesNotInheritSecretVariables()
{
#ifdef Q_OS_UNIX
    QTemporaryDir dir;
    const QString dump = dir.filePath(QStringLiteral("browser-env"));
    qputenv("OAUTH2DBG_TEST_SECRET", "s3cret-in-the-environment");
    qputenv("OAUTH2DBG_TEST_PLAIN", "an-ordinary-variable");
    BrowserLauncher launcher;
    launcher.setCommand(QStringLiteral("sh -c \"env > $1\" browser %1").arg(dump));
    launcher.setHiddenVariables({QStringLiteral("OAUTH2DBG_TEST_SECRET")});
    QVERIFY(!launcher.launch(QStringLiteral("https://op.example.com/auth?x=1"), false).isError());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(dump).size() > 0, 5000);
    QTest::qWait(200); // the shell finishes writing
    QFile file(dump);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray environment = file.readAll();
    QVERIFY(environment.contains("OAUTH2DBG_TEST_PLAIN=an-ordinary-variable"));
    QVERIFY2(!environment.contains("s3cret-in-the-environment"), environment.constData());
    qunsetenv("OAUTH2DBG_TEST_SECRET");
    qunsetenv("OAUTH2DBG_TEST_PLAIN");
#else
    QSKIP("a POSIX shell writes the environment");
#endif
}

QTEST_GUILESS_MAIN(tst_AuthorizationFlow)
#include "tst_authorizationflow.moc"
