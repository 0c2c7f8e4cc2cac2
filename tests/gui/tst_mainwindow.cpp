#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "DecodePanel.h"
#include "DiscoveryPanel.h"
#include "FindingsView.h"
#include "FlowTimeline.h"
#include "LogPanel.h"
#include "MainWindow.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "ProviderInfo.h"
#include "SettingsDialog.h"
#include "Theme.h"
#include "TokenInspector.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "WindowFixture.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "net/RedirectListener.h"
#include "oauth/DiscoveryClient.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "traffic/TrafficLog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace oauth2dbg;

class tst_MainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void showsTheDemoProfile();
    void discoversFromTheWindow();
    void errorsAppearInline();
    void keychainStateIsShown();
    void authorizesThroughTheBrowserCommand();
    void waitingCanBeCancelled();
    void tokensAfterAuthorization();
    void confidentialClientFromTheWindow();
    void connectionSettingsReachEveryStep();
    void decodeAnyToken();
    void settingsAndLayoutAreKept();
    void followsADarkPalette();
    void slowTokenRequestCanBeCancelled();
    void aboutNamesTheVersions();
    void userinfoIntrospectRevokeFromTheWindow();
    void decodeTabVerifiesWithTheIssuerKeys();

private:
    QStringList findingTexts() const;
    void screenshot(const QString& name) const;
    // The demo sign-in through the window's own Authorize button and the scripted browser.
    void signInFromTheWindow();

    ProviderInfo m_provider;
    std::unique_ptr<WindowFixture> m_fixture;
    MainWindow* m_window = nullptr;
    TrafficLog* m_log = nullptr;
};

void tst_MainWindow::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_MainWindow::init()
{
    m_fixture = std::make_unique<WindowFixture>(QStringLiteral("OAuth2 Debugger GUI test"));
    m_window = m_fixture->open(m_provider.issuer);
    m_log = &m_fixture->log;
}

void tst_MainWindow::cleanup()
{
    m_fixture.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

namespace {
QString readFileText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
} // namespace

QStringList tst_MainWindow::findingTexts() const
{
    return m_window->discoveryPanel()->findingsView()->rowTexts();
}

// Saves what the window shows when OAUTH2DBG_SCREENSHOT_DIR is set (README screenshots come from here).
void tst_MainWindow::screenshot(const QString& name) const
{
    WindowFixture::screenshot(m_window, name);
}

void tst_MainWindow::showsTheDemoProfile()
{
    QCOMPARE(m_window->profileList()->visibleNames(), QStringList{QStringLiteral("Local demo")});
    QCOMPARE(m_window->profileList()->currentId(), QStringLiteral("local-demo"));
    QCOMPARE(m_window->discoveryPanel()->issuerEdit()->text(), m_provider.issuer);
    QVERIFY(!m_window->discoveryPanel()->banner()->isVisible());
}

void tst_MainWindow::discoversFromTheWindow()
{
    DiscoveryPanel* panel = m_window->discoveryPanel();
    QTest::mouseClick(panel->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->text().contains(u"passed the checks"), 15'000);
    QVERIFY(panel->discoverButton()->isEnabled());
    const QStringList findings = findingTexts();
    QVERIFY2(findings.contains(u"OK The issuer matches exactly: " + m_provider.issuer),
             qPrintable(findings.join(u'\n')));
    QVERIFY2(!findings.join(u'\n').contains(u"Problem"), qPrintable(findings.join(u'\n')));
    QVERIFY(panel->documentView()->toPlainText().contains(u"\"token_endpoint\": \"" % m_provider.issuer %
                                                          u"/token\""));

    // The traffic tab holds the exchange, selected, with the raw request and response.
    QCOMPARE(m_log->rowCount(), 1);
    QCOMPARE(m_log->data(m_log->index(0, TrafficLog::Status)).toString(), QStringLiteral("200"));
    TrafficPanel* traffic = m_window->trafficPanel();
    QTRY_VERIFY(traffic->requestText().startsWith(u"GET /.well-known/openid-configuration HTTP/1.1"));
    QVERIFY(traffic->responseText().startsWith(u"HTTP/1.1 200 OK"));
    screenshot(QStringLiteral("discovery"));
}

void tst_MainWindow::errorsAppearInline()
{
    DiscoveryPanel* panel = m_window->discoveryPanel();
    const QString dead = u"http://127.0.0.1:" % QString::number(unusedLoopbackPort());
    panel->issuerEdit()->setText(dead);
    QTest::keyClick(panel->issuerEdit(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->text().contains(u"refused the connection"), 15'000);
    QCOMPARE(m_window->timeline()->status(FlowTimeline::Step::Discovery), FlowTimeline::Status::Failed);
    QVERIFY(m_window->timeline()->detail(FlowTimeline::Step::Discovery).contains(u"refused the connection"));
    QVERIFY(panel->banner()->isVisible());
    QVERIFY2(QApplication::activeModalWidget() == nullptr, "a normal error must not open a modal dialog");
    QTRY_COMPARE(m_window->trafficPanel()->table()->model()->rowCount(), 1);

    // An HTML page instead of JSON: the raw body stays visible in the Document tab.
    panel->issuerEdit()->setText(m_provider.issuer + u"/__shapes/html");
    QTest::mouseClick(panel->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->text().contains(u"HTML page"), 15'000);
    QVERIFY(panel->documentView()->toPlainText().contains(u"Sign in to the Wi-Fi"));
    screenshot(QStringLiteral("discovery-error"));
}

// The keychain is asked when a profile first needs it: the demo's public client never does; a confidential
// profile, once selected, has the status bar say what the keychain is.
void tst_MainWindow::keychainStateIsShown()
{
    QTest::qWait(300); // the first frame, and whatever follows it, has happened
    QCOMPARE(m_window->keychainStatus(), QStringLiteral("Keychain: not asked yet"));
    m_window->newProfile();
    ProfileEditor* editor = m_window->profileEditor();
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(QStringLiteral("app"));
    editor->clientTypeBox()->setCurrentIndex(
        editor->clientTypeBox()->findData(QStringLiteral("confidential")));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->keychainStatus().contains(u"not asked") &&
                                 !m_window->keychainStatus().contains(u"checking"),
                             15'000);
    QVERIFY2(m_window->keychainStatus().startsWith(u"Keychain: "), qPrintable(m_window->keychainStatus()));
}

void tst_MainWindow::authorizesThroughTheBrowserCommand()
{
    AuthorizationPanel* panel = m_window->authorizationPanel();
    panel->options()->browserCommandEdit()->setText(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) %
                                                    u" --quiet %u");
    m_window->showStep(panel);
    // Discovery has not run: Authorize (Ctrl+R) runs it first, then sends the browser.
    QApplication::setActiveWindow(m_window);
    QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->text().contains(u"Authorization code received"), 30'000);
    const QStringList checks = panel->checklist()->rowTexts();
    QCOMPARE(checks.size(), 4);
    for (const QString& row : checks)
        QVERIFY2(row.startsWith(u"OK "), qPrintable(row));
    // The request table shows what was sent; the captured view never shows the code itself.
    QStringList names;
    for (int row = 0; row < panel->parameterTable()->rowCount(); ++row)
        names << panel->parameterTable()->item(row, 0)->text();
    for (const char* name : {"response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
                             "code_challenge", "code_challenge_method"})
        QVERIFY2(names.contains(QString::fromLatin1(name)), name);
    const QString captured = panel->capturedView()->toPlainText();
    QVERIFY2(captured.contains(u"code = ••••••••"), qPrintable(captured));
    QVERIFY(captured.contains(u"Sec-Fetch-Mode: navigate", Qt::CaseInsensitive));
    QVERIFY2(!captured.contains(u"_session="), "cookies that reach the listener are masked");
    screenshot(QStringLiteral("authorization-captured"));
}

void tst_MainWindow::waitingCanBeCancelled()
{
    AuthorizationPanel* panel = m_window->authorizationPanel();
    panel->options()->browserCommandEdit()->setText(
        QStringLiteral("true")); // a browser that never comes back
    m_window->showStep(panel);
    QTest::mouseClick(panel->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->banner()->text().contains(u"Waiting for the browser at http://127.0.0.1:"), 15'000);
    QVERIFY2(panel->banner()->text().contains(u"closes in 5:00") ||
                 panel->banner()->text().contains(u"closes in 4:5"),
             qPrintable(panel->banner()->text()));
    QVERIFY(panel->cancelButton()->isEnabled());
    screenshot(QStringLiteral("authorization-waiting"));
    const quint16 port = panel->flow()->listener()->port();
    QVERIFY2(m_window->listenerStatus() ==
                 u"Listener: http://127.0.0.1:" % QString::number(port) % u"/callback (waiting)",
             qPrintable(m_window->listenerStatus()));
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(panel->banner()->text().contains(u"cancelled"));
    QCOMPARE(m_window->listenerStatus(), QStringLiteral("Listener: closed"));
    QCOMPARE(m_window->timeline()->status(FlowTimeline::Step::Consent), FlowTimeline::Status::Failed);
    QCOMPARE(m_window->timeline()->detail(FlowTimeline::Step::Consent), QStringLiteral("cancelled"));
    QCOMPARE(panel->flow()->listener()->state(), RedirectListener::State::Closed);
    QTcpSocket probe; // the port is closed again
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(QTest::qWaitFor([&] { return probe.state() == QAbstractSocket::UnconnectedState; }, 3000));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void tst_MainWindow::signInFromTheWindow()
{
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    authorization->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    // The code is exchanged once, right away, and the window moves to the token step.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->tokenPanel()->banner()->text().contains(u"New tokens received"),
                             30'000);
}

void tst_MainWindow::tokensAfterAuthorization()
{
    TokenPanel* tokens = m_window->tokenPanel();
    signInFromTheWindow();
    QVERIFY(tokens->isVisible());
    QVERIFY2(tokens->explainer()->text().startsWith(u"none: a public client"),
             qPrintable(tokens->explainer()->text()));
    QCOMPARE(tokens->tokenTable()->item(0, 0)->text(), QStringLiteral("access_token"));
    QVERIFY(tokens->tokenTable()->item(0, 1)->text().contains(u"hidden"));
    tokens->revealBox()->setChecked(true);
    QCOMPARE(tokens->tokenTable()->item(0, 1)->text(),
             QString::fromUtf8(tokens->tokens().accessToken.reveal()));
    tokens->revealBox()->setChecked(false);

    // The token inspector: the ID token read claim by claim, the opaque access token labelled as such.
    TokenInspector* id = tokens->idInspector();
    QVERIFY2(id->kindLabel()->text().startsWith(u"JWT (JWS, RS256"), qPrintable(id->kindLabel()->text()));
    const QStringList claims = id->claimTexts();
    QVERIFY2(claims.contains(u"iss | " % m_provider.issuer % u" | issuer: who made the token"),
             qPrintable(claims.join(u'\n')));
    QVERIFY(claims.contains(u"aud | debugger-public | audience: who may accept it"));
    QVERIFY(std::any_of(claims.cbegin(), claims.cend(), [](const QString& row) {
        return row.startsWith(u"exp | ") && row.contains(u"(in ") &&
               row.endsWith(u"| expires: not valid from then on");
    }));
    QVERIFY2(id->countdownLabel()->text().startsWith(u"expires in "),
             qPrintable(id->countdownLabel()->text()));
    QVERIFY(id->rawView()->toPlainText().contains(u"hidden"));
    QVERIFY(id->jsonView()->toPlainText().contains(u"\"nonce\": \""));
    QVERIFY2(tokens->accessInspector()->kindLabel()->text().startsWith(u"opaque"),
             qPrintable(tokens->accessInspector()->kindLabel()->text()));
    // Each token carries its verdict: the ID token verified against the issuer's keys with every check
    // listed, the opaque access token and the refresh token said to be for the server alone.
    QTRY_VERIFY_WITH_TIMEOUT(id->verification().has_value(), 15'000);
    QVERIFY2(id->verdictLabel()->text().startsWith(u"✔ Verified: RS256 signature verified with RSA 2048 kid"),
             qPrintable(id->verdictLabel()->text()));
    const QStringList checks = id->checksView()->rowTexts();
    QVERIFY2(checks.size() >= 12 &&
                 std::any_of(checks.cbegin(), checks.cend(),
                             [](const QString& row) { return row.contains(u"nonce is the one sent"); }),
             qPrintable(checks.join(u'\n')));
    QTRY_VERIFY(tokens->accessInspector()->verification().has_value());
    QVERIFY2(tokens->accessInspector()->verdictLabel()->text().startsWith(u"○ Opaque"),
             qPrintable(tokens->accessInspector()->verdictLabel()->text()));
    QVERIFY(tokens->refreshInspector()->verdictLabel()->text().contains(u"only the issuer can read it"));
    QVERIFY2(m_window->timeline()->rowTexts().last().startsWith(u"ID token: done — verified (RS256), "),
             qPrintable(m_window->timeline()->rowTexts().last()));
    // Two hours on, the countdown says it is over.
    id->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(7200); });
    QVERIFY2(id->countdownLabel()->text().startsWith(u"expired "), qPrintable(id->countdownLabel()->text()));
    id->setClock([] { return QDateTime::currentDateTimeUtc(); });
    tokens->inspectorTabs()->setCurrentWidget(id);
    m_window->bottomTabs()->setCurrentWidget(tokens->inspectorTabs());
    screenshot(QStringLiteral("tokens"));
    m_window->bottomTabs()->setCurrentWidget(m_window->trafficPanel());

    // Refresh (Ctrl+Shift+R): the rotated refresh token replaces the old one.
    const Secret first = tokens->tokens().refreshToken;
    QApplication::setActiveWindow(m_window);
    QTest::keyClick(m_window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"rotated"), 15'000);
    QVERIFY(tokens->tokens().refreshToken != first);

    // Auto-refresh: move the clock past the due time instead of waiting for it.
    tokens->autoRefreshBox()->setChecked(true);
    QVERIFY(tokens->scheduler()->isScheduled());
    const Secret second = tokens->tokens().refreshToken;
    const QDateTime later = tokens->scheduler()->dueAt().addSecs(1);
    tokens->scheduler()->setClock([later] { return later; });
    tokens->scheduler()->check();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->tokens().refreshToken != second, 15'000);

    // Copy as curl on the code exchange: the command is there, the code and verifier are not.
    TrafficPanel* traffic = m_window->trafficPanel();
    QCOMPARE(m_log->rowCount(), 5); // discovery, code exchange, key set, refresh, auto-refresh
    traffic->selectExchange(m_log->exchangeAt(1)->id);
    traffic->copyAsCurl();
    const QString curl = QApplication::clipboard()->text();
    QVERIFY2(curl.contains(u"\ncurl -X POST '" % m_provider.issuer % u"/token'"), qPrintable(curl));
    QVERIFY2(curl.contains(u"code='\"$CODE\"'") && curl.contains(u"code_verifier='\"$CODE_VERIFIER\"'"),
             qPrintable(curl));

    // The masked command runs as pasted once its variables are set: the last refresh, sent again by curl with
    // the refresh token the window holds now, gets new tokens from the provider.
    traffic->selectExchange(m_log->exchangeAt(4)->id);
    traffic->copyAsCurl();
    const QString refreshCurl = QApplication::clipboard()->text();
    QVERIFY2(refreshCurl.startsWith(u"# Set REFRESH_TOKEN first"), qPrintable(refreshCurl));
    QVERIFY(!refreshCurl.contains(QString::fromUtf8(tokens->tokens().refreshToken.reveal())));
    {
        QProcess shell;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("REFRESH_TOKEN"),
                   QString::fromUtf8(tokens->tokens().refreshToken.reveal()));
        shell.setProcessEnvironment(env);
        shell.start(QStringLiteral("sh"), {QStringLiteral("-c"), refreshCurl % u" -s"});
        QVERIFY(shell.waitForFinished(15'000));
        const QByteArray answer = shell.readAllStandardOutput();
        QVERIFY2(shell.exitCode() == 0 && answer.contains("\"access_token\""), answer.constData());
    }

    // Keyboard: Ctrl+Shift+F goes to the traffic filter, Ctrl+Shift+C copies the selected exchange as curl.
    QApplication::setActiveWindow(m_window);
    QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(traffic->filterEdit()->hasFocus());
    QApplication::clipboard()->clear();
    QTest::keyClick(m_window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(QApplication::clipboard()->text().contains(u"\ncurl -X POST "));

    // Filtering the traffic as one types.
    QTest::keyClicks(traffic->filterEdit(), QStringLiteral("post"));
    QCOMPARE(traffic->table()->model()->rowCount(), 3);
    QCOMPARE(traffic->countLabel()->text(), QStringLiteral("3 of 5"));
    traffic->filterEdit()->clear();
    QTest::keyClicks(traffic->filterEdit(), QStringLiteral("GET openid 200"));
    QCOMPARE(traffic->table()->model()->rowCount(), 1);
    traffic->filterEdit()->setText(QStringLiteral("delete"));
    QCOMPARE(traffic->table()->model()->rowCount(), 0);
    traffic->filterEdit()->clear();
    QCOMPARE(traffic->countLabel()->text(), QStringLiteral("5 exchange(s)"));

    // Clearing the log, with a filter showing 3 of 5: it sits with the exchange's buttons, not beside the
    // filter, clears all five (as it says), and Undo puts them back as they were.
    QTest::keyClicks(traffic->filterEdit(), QStringLiteral("post"));
    QVERIFY(traffic->clearButton()->mapTo(traffic, QPoint()).y() >
            traffic->filterEdit()->mapTo(traffic, QPoint()).y() + traffic->filterEdit()->height());
    QVERIFY2(traffic->clearButton()->toolTip().contains(u"not only those a filter shows"),
             qPrintable(traffic->clearButton()->toolTip()));
    QVERIFY(!traffic->undoClearButton()->isVisible());
    QTest::mouseClick(traffic->clearButton(), Qt::LeftButton);
    QCOMPARE(m_log->rowCount(), 0);
    QVERIFY(traffic->undoClearButton()->isVisible());
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(u"Cleared 5 exchange(s)"),
             qPrintable(m_window->statusBar()->currentMessage()));
    QTest::mouseClick(traffic->undoClearButton(), Qt::LeftButton);
    QCOMPARE(m_log->rowCount(), 5);
    QCOMPARE(traffic->countLabel()->text(), QStringLiteral("3 of 5"));
    QVERIFY(!traffic->undoClearButton()->isVisible());
    traffic->filterEdit()->clear();
    // The Copy as curl button copies, and the status bar says so.
    QApplication::clipboard()->clear();
    traffic->selectExchange(m_log->exchangeAt(1)->id);
    QTest::mouseClick(traffic->copyCurlButton(), Qt::LeftButton);
    QVERIFY(QApplication::clipboard()->text().contains(u"\ncurl -X POST"));
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(u"Copied the request as curl"),
             qPrintable(m_window->statusBar()->currentMessage()));

    // The timeline: every step done, then the ID token's verdict, then each refresh with its new ID token's.
    // (The last refresh's ID token is verified a moment after its tokens arrive.)
    QTRY_VERIFY2_WITH_TIMEOUT(m_window->timeline()->rowTexts().size() == 11,
                              qPrintable(m_window->timeline()->rowTexts().join(u'\n')), 10'000);
    const QStringList steps = m_window->timeline()->rowTexts();
    QVERIFY2(steps.at(0).startsWith(u"Profile: done — debugger-public at http://127.0.0.1:"),
             qPrintable(steps.at(0)));
    QVERIFY2(steps.at(1).startsWith(u"Discovery: done — ") && steps.at(1).endsWith(u"checks passed"),
             qPrintable(steps.at(1)));
    QVERIFY2(steps.at(2).startsWith(u"Authorization request: done — ") && steps.at(2).endsWith(u"PKCE S256"),
             qPrintable(steps.at(2)));
    QCOMPARE(steps.at(3), QStringLiteral("Browser consent: done — the browser came back"));
    QCOMPARE(steps.at(4), QStringLiteral("Callback: done — code received; 4 checks passed"));
    QVERIFY2(steps.at(5).startsWith(u"Token: done") && steps.at(5).endsWith(u"access, ID, refresh token(s)"),
             qPrintable(steps.at(5)));
    for (const int row : {6, 8, 10})
        QVERIFY2(steps.at(row).startsWith(u"ID token: done — verified (RS256)"), qPrintable(steps.at(row)));
    QVERIFY(steps.at(7).startsWith(u"Refresh: done") && steps.at(9).startsWith(u"Refresh: done"));
    // Selecting a refresh shows its exchange in the traffic.
    m_window->timeline()->setCurrentRow(7);
    QTRY_VERIFY(traffic->requestText().contains(u"grant_type=refresh_token"));

    // The Log tab tells the session in words, and holds no credential.
    const QString log = m_window->logPanel()->text();
    // Lines that came before the tab was first opened are all there once it is.
    QCOMPARE(m_window->logPanel()->view()->toPlainText(), log);
    for (const QString& expected :
         {QString(u"Discovery: " % m_provider.issuer %
                  u"/.well-known/openid-configuration passed the checks"),
          QStringLiteral("Authorization: browser sent; listening at http://127.0.0.1:"),
          QStringLiteral("Authorization: callback accepted"),
          QStringLiteral("Token endpoint: new tokens (none)")})
        QVERIFY2(log.contains(expected), qPrintable(expected % u"\n---\n" % log));
    for (const Secret& token : {tokens->tokens().accessToken, tokens->tokens().refreshToken, first, second})
        QVERIFY(!log.contains(QString::fromUtf8(token.reveal())));
}

void tst_MainWindow::confidentialClientFromTheWindow()
{
    // The Basic client whose id and secret hold ':' '%' '+' and spaces, typed into the window.
    QTest::mouseClick(m_window->discoveryPanel()->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->discoveryPanel()->banner()->text().contains(u"passed the checks"),
                             15'000);
    Profile profile = Profile::localDemo(m_provider.issuer);
    profile.clientId = m_provider.basicClient.value(u"client_id").toString();
    profile.authMethod = QStringLiteral("client_secret_basic");
    profile.clientType = QStringLiteral("confidential");
    TokenPanel* tokens = m_window->tokenPanel();
    m_window->showStep(tokens);
    tokens->setProfile(profile);
    tokens->setDiscovery(m_window->discoveryPanel()->lastResult());
    QCOMPARE(tokens->methodBox()->currentText(), QStringLiteral("client_secret_basic"));
    tokens->clientCredentials(); // no secret yet: asked for, nothing sent
    QVERIFY(tokens->banner()->text().contains(u"needs the client secret"));
    QCOMPARE(m_log->rowCount(), 1);
    tokens->secretEdit()->setText(m_provider.basicClient.value(u"client_secret").toString());
    tokens->audienceEdit()->setText(QStringLiteral("reports-api"));
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"), 15'000);
    QVERIFY2(tokens->explainer()->text().contains(u"gets wrong"), qPrintable(tokens->explainer()->text()));
    QVERIFY(tokens->explainer()->text().contains(u"debugger+basic%3Aclient%2B1%25"));
    // The request view shows the header masked.
    m_window->trafficPanel()->selectExchange(m_log->exchangeAt(1)->id);
    QVERIFY(m_window->trafficPanel()->requestText().contains(u"Authorization: Basic ••••••••"));
    QVERIFY(m_window->trafficPanel()->requestText().contains(u"&audience=reports-api"));
    screenshot(QStringLiteral("tokens-basic-client"));
}

void tst_MainWindow::connectionSettingsReachEveryStep()
{
    // The https provider with its own certificate: refused until the profile trusts it, from the window.
    const ProviderInfo tls = ProviderInfo::load("OAUTH2DBG_PROVIDER_TLS_INFO");
    QVERIFY2(tls.error.isEmpty(), qPrintable(tls.error));
    DiscoveryPanel* panel = m_window->discoveryPanel();
    panel->issuerEdit()->setText(tls.issuer);
    QTest::mouseClick(panel->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->text().contains(u"TLS handshake"), 15'000);
    panel->caFileEdit()->setText(tls.caFile);
    QTest::mouseClick(panel->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(panel->banner()->text().contains(u"passed the checks"),
                              qPrintable(panel->banner()->text()), 15'000);
    // The token step uses the same trust: client credentials over https.
    TokenPanel* tokens = m_window->tokenPanel();
    tokens->setDiscovery(panel->lastResult());
    tokens->methodBox()->setCurrentText(QStringLiteral("client_secret_post"));
    Profile profile = Profile::localDemo(tls.issuer);
    profile.clientId = tls.postClient.value(u"client_id").toString();
    profile.caFile = tls.caFile;
    tokens->updateProfile(profile);
    tokens->secretEdit()->setText(tls.postClient.value(u"client_secret").toString());
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"), 15'000);
}

void tst_MainWindow::decodeAnyToken()
{
    DecodePanel* decode = m_window->decodePanel();
    TokenInspector* inspector = decode->inspector();
    QCOMPARE(inspector->kindLabel()->text(), QStringLiteral("No token."));
    // RFC 7519 §3.1's example, pasted with the line breaks a log adds.
    decode->input()->setPlainText(
        QStringLiteral("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
                       "\neyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leG"
                       "FtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.\ndBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    QCOMPARE(inspector->kindLabel()->text(), QStringLiteral("JWT (JWS, HS256, typ JWT)"));
    QVERIFY(inspector->claimTexts().contains(QStringLiteral("iss | joe | issuer: who made the token")));
    QVERIFY2(inspector->countdownLabel()->text().startsWith(u"expired "),
             qPrintable(inspector->countdownLabel()->text()));
    QVERIFY(inspector->rawView()->toPlainText().startsWith(u"eyJ0eXAi")); // pasted by the user: shown
    // Read, not verified — and the verdict line says so rather than staying silent.
    QVERIFY2(inspector->verdictLabel()->text().startsWith(u"Not verified: this tab reads a token"),
             qPrintable(inspector->verdictLabel()->text()));
    decode->input()->setPlainText(QStringLiteral("eyJhbGciOi.broken.sig"));
    QVERIFY2(inspector->kindLabel()->text().contains(u"cannot be read: The header is not JSON"),
             qPrintable(inspector->kindLabel()->text()));
    QVERIFY(inspector->claimTexts().isEmpty());
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void tst_MainWindow::settingsAndLayoutAreKept()
{
    // The dialog gives back what was chosen; the window applies it and keeps it in settings.ini.
    SettingsDialog dialog(m_window->settings());
    QVERIFY(!dialog.revealBox()->isChecked()); // off by default
    dialog.browserEdit()->setText(QStringLiteral("firefox --private-window %u"));
    dialog.clockSkewBox()->setValue(120);
    dialog.revealBox()->setChecked(true);
    const AppSettings chosen = dialog.settings();
    const QString path = m_fixture->config.filePath(QStringLiteral("settings.ini"));
    chosen.save(path);
    QCOMPARE(AppSettings::load(path), chosen);
    m_window->applySettings(chosen);
    QVERIFY(m_window->tokenPanel()->revealBox()->isChecked());
    QVERIFY(m_window->trafficPanel()->revealBox()->isChecked());
    QCOMPARE(m_window->authorizationPanel()->options()->browserCommand(),
             QStringLiteral("firefox --private-window %u"));

    // Ctrl+, opens the dialog on every platform (Linux has no Preferences key of its own).
    m_window->show();
    QApplication::setActiveWindow(m_window);
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTest::keyClick(m_window, Qt::Key_Comma, Qt::ControlModifier);
    QTRY_VERIFY(m_window->findChild<SettingsDialog*>() &&
                m_window->findChild<SettingsDialog*>()->isVisible());
    m_window->findChild<SettingsDialog*>()->reject();

    // Window geometry is remembered across starts.
    m_window->resize(1300, 860);
    QVERIFY(m_window->close());
    QVERIFY(readFileText(path).contains(u"[window]"));
    m_window = m_fixture->open(m_provider.issuer);
    QTRY_COMPARE(m_window->size(), QSize(1300, 860));
    QVERIFY(m_window->settings().revealByDefault); // and the settings
}

void tst_MainWindow::followsADarkPalette()
{
    // What a dark desktop gives the app: its own colours must stay readable on it.
    const QPalette light = QApplication::palette();
    QApplication::setPalette(Theme::darkPalette());
    QVERIFY(Theme::isDark());
    m_window = m_fixture->open(m_provider.issuer);
    DiscoveryPanel* panel = m_window->discoveryPanel();
    QTest::mouseClick(panel->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->text().contains(u"passed the checks"), 15'000);
    QVERIFY2(panel->banner()->styleSheet().contains(u"#13293d"), qPrintable(panel->banner()->styleSheet()));
    QVERIFY(m_window->palette().color(QPalette::Window).lightness() < 128);
    screenshot(QStringLiteral("dark"));
    QApplication::setPalette(light);
    QVERIFY(!Theme::isDark());
}

void tst_MainWindow::slowTokenRequestCanBeCancelled()
{
    // A token endpoint that never answers: the step says it is waiting, and Cancel ends the wait.
    DiscoveryPanel* panel = m_window->discoveryPanel();
    QTest::mouseClick(panel->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(panel->banner()->text().contains(u"passed the checks"), 15'000);
    DiscoveryResult hanging = panel->lastResult();
    hanging.metadata.insert(QStringLiteral("token_endpoint"), QString(m_provider.issuer + u"/__shapes/hang"));
    TokenPanel* tokens = m_window->tokenPanel();
    tokens->setDiscovery(hanging);
    m_window->showStep(tokens);
    tokens->clientCredentials();
    QVERIFY(tokens->banner()->text().contains(u"client credentials grant"));
    QTRY_VERIFY(tokens->cancelRequestButton()->isVisible());
    QVERIFY(!tokens->refreshButton()->isEnabled());
    QTest::mouseClick(tokens->cancelRequestButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"ancel"),
                              qPrintable(tokens->banner()->text()), 5'000);
    QVERIFY(!tokens->cancelRequestButton()->isVisible());
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void tst_MainWindow::aboutNamesTheVersions()
{
    QAction* about = nullptr;
    for (QAction* menu : m_window->menuBar()->actions())
        for (QAction* action : menu->menu()->actions())
            if (action->text().contains(u"About"))
                about = action;
    QVERIFY(about);
    const QString version = QCoreApplication::applicationVersion();
    QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7+gtest")); // main() sets the build's
    const auto restore = qScopeGuard([version] { QCoreApplication::setApplicationVersion(version); });
    QString text;
    QTimer::singleShot(0, this, [&text] {
        // The dialog is modal: read it and close it from inside its own event loop.
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        text = box->text();
        box->accept();
    });
    about->trigger();
    QVERIFY2(text.contains(u"OAuth2 Debugger 9.8.7+gtest"), qPrintable(text));
    QVERIFY2(text.contains(u"Qt " % QString::fromLatin1(qVersion())), qPrintable(text));
    QVERIFY2(text.contains(u"OpenSSL 3."), qPrintable(text));
    QVERIFY2(text.contains(QFileInfo(m_fixture->store->path()).absolutePath()), qPrintable(text));
}

void tst_MainWindow::userinfoIntrospectRevokeFromTheWindow()
{
    TokenPanel* tokens = m_window->tokenPanel();
    signInFromTheWindow();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->userInfoButton()->isEnabled(), 15'000);

    QTest::mouseClick(tokens->userInfoButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"claims about alice"), 15'000);
    QVERIFY(tokens->answerView()->toPlainText().contains(u"\"email\": \"alice@example.test\""));
    QVERIFY(tokens->checksView()->rowTexts().first().contains(u"\"sub\" is the ID token's"));

    QTest::mouseClick(tokens->introspectButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().startsWith(u"Active: "), 15'000);
    QVERIFY(tokens->answerView()->toPlainText().contains(u"\"active\": true"));

    // Revoke the refresh token: the grant is gone, a refresh now fails, introspection says inactive.
    tokens->operationTokenBox()->setCurrentIndex(1);
    QTest::mouseClick(tokens->revokeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"A 200 does not mean the token was valid"),
                             15'000);
    QTest::mouseClick(tokens->refreshButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"invalid_grant"), 15'000);
    tokens->operationTokenBox()->setCurrentIndex(0);
    QTest::mouseClick(tokens->introspectButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().startsWith(u"Inactive"), 15'000);
    QCOMPARE(tokens->answerView()->toPlainText().simplified(), QStringLiteral("{ \"active\": false }"));

    const QStringList rows = m_window->timeline()->rowTexts();
    for (const char* title : {"Userinfo: done", "Introspection: done", "Revocation: done", "Refresh: failed"})
        QVERIFY2(
            std::any_of(rows.cbegin(), rows.cend(),
                        [title](const QString& row) { return row.startsWith(QLatin1StringView(title)); }),
            qPrintable(rows.join(u'\n')));
    const QString log = m_window->logPanel()->text();
    QVERIFY(log.contains(u"Verification: ID token: Verified"));
    QVERIFY(log.contains(u"Revocation: Revoked."));
    for (const Secret& token : {tokens->tokens().accessToken, tokens->tokens().refreshToken})
        QVERIFY(!log.contains(QString::fromUtf8(token.reveal())));
    m_window->bottomTabs()->setCurrentWidget(tokens->inspectorTabs());
    tokens->inspectorTabs()->setCurrentWidget(tokens->idInspector());
    // The ID token's checklist, for the picture.
    FindingsView* checks = tokens->idInspector()->checksView();
    if (auto* tabs = qobject_cast<QTabWidget*>(checks->parentWidget()->parentWidget()))
        tabs->setCurrentWidget(checks);
    screenshot(QStringLiteral("tokens-operations"));
}

void tst_MainWindow::decodeTabVerifiesWithTheIssuerKeys()
{
    DecodePanel* decode = m_window->decodePanel();
    TokenInspector* inspector = decode->inspector();
    m_window->bottomTabs()->setCurrentWidget(decode);
    QVERIFY(!decode->verifyButton()->isEnabled()); // nothing pasted yet

    // Before discovery: verifying is a goal of the run, which discovers the selected profile's issuer first
    // and then holds the token to its keys. No key of theirs made this signature, and the verdict says so.
    QCOMPARE(m_window->timeline()->status(FlowTimeline::Step::Discovery), FlowTimeline::Status::Pending);
    decode->input()->setPlainText(QStringLiteral("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
    QTest::mouseClick(decode->verifyButton(), Qt::LeftButton);
    QVERIFY2(inspector->verdictLabel()->text().startsWith(u"Verifying against " % m_provider.issuer),
             qPrintable(inspector->verdictLabel()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(inspector->verification().has_value(), 15'000);
    QVERIFY(!inspector->verification()->verified());
    QVERIFY2(inspector->verdictLabel()->text().startsWith(u"✖ Failed: "),
             qPrintable(inspector->verdictLabel()->text()));
    QCOMPARE(m_window->timeline()->status(FlowTimeline::Step::Discovery), FlowTimeline::Status::Ok);
    QVERIFY2(m_window->timeline()->rowTexts().constLast().startsWith(u"Decoded token: "),
             qPrintable(m_window->timeline()->rowTexts().join(u'\n')));

    signInFromTheWindow();
    const QByteArray idToken = m_window->tokenPanel()->tokens().idToken.reveal();
    m_window->bottomTabs()->setCurrentWidget(decode);
    decode->input()->setPlainText(QString::fromLatin1(idToken.left(100) + '\n' + idToken.mid(100)));
    QTest::mouseClick(decode->verifyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(inspector->verification().has_value(), 15'000);
    QVERIFY2(inspector->verdictLabel()->text().startsWith(u"✔ Verified: RS256 signature verified"),
             qPrintable(inspector->verdictLabel()->text()));

    // The same claims under another signature: failed, and said why.
    const QList<QByteArray> parts = idToken.split('.');
    QByteArray signature = QByteArray::fromBase64(parts.at(2), QByteArray::Base64UrlEncoding);
    signature[0] = char(signature.at(0) ^ 0x40);
    decode->input()->setPlainText(QString::fromLatin1(
        parts.at(0) + '.' + parts.at(1) + '.' +
        signature.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    QTest::mouseClick(decode->verifyButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(inspector->verification().has_value(), 15'000);
    QVERIFY2(inspector->verdictLabel()->text().startsWith(u"✖ Failed: The RS256 signature is not valid"),
             qPrintable(inspector->verdictLabel()->text()));
    screenshot(QStringLiteral("decode-failed"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
