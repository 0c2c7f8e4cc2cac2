#include "DiscoveryPanel.h"
#include "MainWindow.h"
#include "ProviderInfo.h"
#include "TrafficPanel.h"
#include "net/NetworkAccess.h"
#include "profiles/SecretStore.h"
#include "traffic/TrafficLog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
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

private:
    QStringList findingTexts() const;

    ProviderInfo m_provider;
    std::unique_ptr<TrafficLog> m_log;
    std::unique_ptr<NetworkAccess> m_network;
    std::unique_ptr<SecretStore> m_secrets;
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
    m_window = std::make_unique<MainWindow>(QList<Profile>{Profile::localDemo(m_provider.issuer)},
                                            m_network.get(), m_secrets.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void tst_MainWindow::cleanup()
{
    m_window.reset();
    m_secrets.reset();
    m_network.reset();
    m_log.reset();
}

QStringList tst_MainWindow::findingTexts() const
{
    QStringList texts;
    QTreeWidget* tree = m_window->discoveryPanel()->findingsView();
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        texts << tree->topLevelItem(i)->text(0) % u' ' % tree->topLevelItem(i)->text(3);
    return texts;
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
}

void tst_MainWindow::keychainStateIsShown()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->keychainStatus().contains(u"checking"), 15'000);
    QVERIFY2(m_window->keychainStatus().startsWith(u"Keychain: "), qPrintable(m_window->keychainStatus()));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
