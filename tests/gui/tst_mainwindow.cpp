#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "DiscoveryPanel.h"
#include "FindingsView.h"
#include "MainWindow.h"
#include "ProviderInfo.h"
#include "TrafficPanel.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "net/RedirectListener.h"
#include "profiles/SecretStore.h"
#include "traffic/TrafficLog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTest>
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

private:
    QStringList findingTexts() const;
    void screenshot(const QString& name) const;

    ProviderInfo m_provider;
    std::unique_ptr<TrafficLog> m_log;
    std::unique_ptr<NetworkAccess> m_network;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<BrowserLauncher> m_launcher;
    std::unique_ptr<MainWindow> m_window;
};

void tst_MainWindow::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_MainWindow::init()
{
    m_log = std::make_unique<TrafficLog>();
    m_network = std::make_unique<NetworkAccess>(m_log.get());
    m_secrets = std::make_unique<SecretStore>(QStringLiteral("OAuth2 Debugger GUI test"));
    m_launcher = std::make_unique<BrowserLauncher>();
    m_window = std::make_unique<MainWindow>(QList<Profile>{Profile::localDemo(m_provider.issuer)},
                                            m_network.get(), m_secrets.get(), m_launcher.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_launcher.reset();
    m_secrets.reset();
    m_network.reset();
    m_log.reset();
}

QStringList tst_MainWindow::findingTexts() const
{
    return m_window->discoveryPanel()->findingsView()->rowTexts();
}

// Saves what the window shows when OAUTH2DBG_SCREENSHOT_DIR is set (README screenshots come from here).
void tst_MainWindow::screenshot(const QString& name) const
{
    const QString dir = qEnvironmentVariable("OAUTH2DBG_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(200); // let the last layout and paint happen
    QVERIFY(m_window->grab().save(dir + u'/' + name + u".png"));
}

void tst_MainWindow::showsTheDemoProfile()
{
    QCOMPARE(m_window->profileList()->count(), 1);
    QCOMPARE(m_window->profileList()->currentItem()->text(), QStringLiteral("Local demo"));
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

void tst_MainWindow::keychainStateIsShown()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->keychainStatus().contains(u"checking"), 15'000);
    QVERIFY2(m_window->keychainStatus().startsWith(u"Keychain: "), qPrintable(m_window->keychainStatus()));
}

void tst_MainWindow::authorizesThroughTheBrowserCommand()
{
    AuthorizationPanel* panel = m_window->authorizationPanel();
    panel->options()->browserCommandEdit()->setText(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) %
                                                    u" --quiet %u");
    m_window->showStep(panel);
    // Discovery has not run: Authorize runs it first, then sends the browser.
    QTest::mouseClick(panel->authorizeButton(), Qt::LeftButton);
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
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY(panel->banner()->text().contains(u"cancelled"));
    QCOMPARE(panel->flow()->listener()->state(), RedirectListener::State::Closed);
    QTcpSocket probe; // the port is closed again
    probe.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(QTest::qWaitFor([&] { return probe.state() == QAbstractSocket::UnconnectedState; }, 3000));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
