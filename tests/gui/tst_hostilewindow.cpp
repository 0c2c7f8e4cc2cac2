// The window against text someone else wrote: a profile file's name and notes, and every text field a hostile
// server fills (issuer, token_type, scope, error, error_description, error_uri, the reason phrase, Location,
// a key's kid) and an iss that a local caller sends to the listener. Whatever the window shows of it is plain
// text with its control characters made visible; approvals and the clipboard are the user's.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "DiscoveryPanel.h"
#include "ProfileList.h"
#include "ProviderInfo.h"
#include "SecretClipboard.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "WindowFixture.h"
#include "common/VisibleText.h"
#include "oauth/AuthorizationFlow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTextEdit>

using namespace oauth2dbg;

namespace {
const QString kHostile = QStringLiteral("\x1b[2J\x1b]52;c;ZXZpbA==\x07") + QChar(0x202e) +
                         QStringLiteral("gnp.exe<img src=file:///etc/hostname><b>bold</b>") + QChar(0x9b);

// Everything the window shows as text, and what is wrong with how it shows it.
class TextAudit {
public:
    void widget(QWidget* w)
    {
        const QString who = QString::fromLatin1(w->metaObject()->className()) % u' ' % w->objectName();
        if (auto* label = qobject_cast<QLabel*>(w)) {
            see(who, label->text());
            if (label->text().contains(u"<img") && label->textFormat() != Qt::PlainText)
                problems << who % u": a label draws markup from outside: " % label->text().left(80);
        } else if (auto* button = qobject_cast<QAbstractButton*>(w)) {
            see(who, button->text());
        } else if (auto* plain = qobject_cast<QPlainTextEdit*>(w); plain && plain->isReadOnly()) {
            see(who, plain->toPlainText());
        } else if (auto* rich = qobject_cast<QTextEdit*>(w); rich && rich->isReadOnly()) {
            see(who, rich->toPlainText());
            if (rich->toHtml().contains(u"<img"))
                problems << who % u": a text view draws an image from outside";
        } else if (auto* view = qobject_cast<QAbstractItemView*>(w); view && view->model()) {
            items(who, view->model(), {});
        } else if (auto* tabs = qobject_cast<QTabWidget*>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                see(who, tabs->tabText(i));
        }
        const QString tip = w->toolTip();
        see(who % u" (tooltip)", tip);
        if (tip.contains(u"<img") && Qt::mightBeRichText(tip))
            problems << who % u": a tooltip draws markup from outside: " % tip.left(80);
        if (w->isWindow())
            see(who % u" (title)", w->windowTitle());
    }
    QStringList problems;
    int sawEscapes = 0; // how many texts show the controls as escapes (the hostile text did arrive)

private:
    void see(const QString& who, const QString& text)
    {
        if (VisibleText::needsEscaping(text, VisibleText::Lines::Keep))
            problems << who % u": raw control characters in \"" % VisibleText::escaped(text).left(120) % u'"';
        if (text.contains(u"\\x1b[2J"))
            ++sawEscapes;
    }
    void items(const QString& who, const QAbstractItemModel* model, const QModelIndex& parent)
    {
        for (int row = 0; row < model->rowCount(parent); ++row) {
            for (int column = 0; column < model->columnCount(parent); ++column) {
                const QModelIndex index = model->index(row, column, parent);
                see(who % u" (item)", index.data(Qt::DisplayRole).toString());
                const QString tip = index.data(Qt::ToolTipRole).toString();
                see(who % u" (item tooltip)", tip);
                if (tip.contains(u"<img") && Qt::mightBeRichText(tip))
                    problems << who % u": an item tooltip draws markup from outside";
                if (column == 0)
                    items(who, model, index);
            }
        }
    }
};
} // namespace

class tst_HostileWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void outsideTextIsPlainAndVisible();
    void importWithholdsThisMachinesSettings();
    void credentialHostsNeedTheUsersYes();
    void copiedSecretsLeaveTheClipboard();

private:
    QString writeFile(const QString& name, const QJsonObject& json);
    void discover(const QString& issuer, const QString& expected);
    void selectImported(const QString& namePrefix);
    [[nodiscard]] QStringList audit(int* escapes = nullptr) const;
    // Saves what the window shows when OAUTH2DBG_SCREENSHOT_DIR is set (scripts/screenshots.sh).
    void screenshot(const QString& name) const;

    ProviderInfo m_provider;
    std::unique_ptr<WindowFixture> m_fixture;
    MainWindow* m_window = nullptr;
};

void tst_HostileWindow::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_HostileWindow::init()
{
    m_fixture = std::make_unique<WindowFixture>(QStringLiteral("OAuth2 Debugger hostile GUI test"));
    m_window = m_fixture->open(m_provider.issuer);
}

void tst_HostileWindow::cleanup()
{
    m_fixture.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

QString tst_HostileWindow::writeFile(const QString& name, const QJsonObject& json)
{
    const QString path = m_fixture->config.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(json).toJson());
    return path;
}

void tst_HostileWindow::selectImported(const QString& namePrefix)
{
    const auto found = std::find_if(m_window->profiles().cbegin(), m_window->profiles().cend(),
                                    [&](const Profile& p) { return p.name.startsWith(namePrefix); });
    QVERIFY2(found != m_window->profiles().cend(), qPrintable(m_window->notice()->text()));
    QListWidget* list = m_window->profileList()->listWidget();
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->text().startsWith(namePrefix))
            list->setCurrentRow(row);
    }
    QTRY_VERIFY2(m_window->windowTitle().startsWith(namePrefix), qPrintable(m_window->windowTitle()));
}

void tst_HostileWindow::discover(const QString& issuer, const QString& expected)
{
    DiscoveryPanel* panel = m_window->discoveryPanel();
    m_window->showStep(panel);
    panel->issuerEdit()->setText(issuer);
    panel->discoverButton()->click();
    QTRY_VERIFY2_WITH_TIMEOUT(panel->banner()->text().contains(expected),
                              qPrintable(panel->banner()->text() % u" enabled=" %
                                         QString::number(panel->discoverButton()->isEnabled()) % u" edit=" %
                                         panel->issuerEdit()->text()),
                              15'000);
}

void tst_HostileWindow::screenshot(const QString& name) const
{
    WindowFixture::screenshot(m_window, name);
}

QStringList tst_HostileWindow::audit(int* escapes) const
{
    TextAudit audit;
    for (QWidget* top : QApplication::topLevelWidgets()) {
        audit.widget(top);
        for (QWidget* w : top->findChildren<QWidget*>())
            audit.widget(w);
    }
    if (escapes)
        *escapes = audit.sawEscapes;
    return audit.problems;
}

void tst_HostileWindow::outsideTextIsPlainAndVisible()
{
    // A profile someone sent, its name and notes written to trick the eye.
    const QJsonObject sent{{QStringLiteral("name"), QString(u"Sent " % kHostile)},
                           {QStringLiteral("issuer"), QString(m_provider.issuer + u"/__shapes/hostile-ok")},
                           {QStringLiteral("clientId"), QStringLiteral("debugger-public")},
                           {QStringLiteral("localTestServer"), true},
                           {QStringLiteral("notes"), kHostile}};
    m_window->importFile(writeFile(QStringLiteral("sent.json"), sent));
    selectImported(QStringLiteral("Sent"));

    // token_type and scope, and an expires_in of 1e300.
    discover(m_provider.issuer + u"/__shapes/hostile-ok", QStringLiteral("passed the checks"));
    TokenPanel* tokens = m_window->tokenPanel();
    tokens->setDiscovery(m_window->discoveryPanel()->lastResult());
    m_window->showStep(tokens);
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"), 15'000);
    // error, error_description, error_uri, the reason phrase and Location.
    discover(m_provider.issuer + u"/__shapes/hostile", QStringLiteral("passed the checks"));
    tokens->setDiscovery(m_window->discoveryPanel()->lastResult());
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"x1b"), 15'000);
    screenshot(QStringLiteral("hostile-server-text"));
    // The metadata's own issuer.
    discover(m_provider.issuer + u"/__shapes/hostile-issuer", QStringLiteral("must be identical"));

    // A local caller of the listener sends its own iss.
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    discover(m_provider.issuer, QStringLiteral("passed the checks"));
    authorization->options()->browserCommandEdit()->setText(QStringLiteral("true"));
    m_window->showStep(authorization);
    authorization->authorizeButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        authorization->flow()->listener() && authorization->flow()->listener()->port() != 0, 15'000);
    const quint16 port = authorization->flow()->listener()->port();
    QTcpSocket caller;
    caller.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(caller.waitForConnected(3000));
    caller.write("GET /callback?code=c&state=s&iss=" + kHostile.toUtf8().toPercentEncoding() +
                 " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(
        caller.state() == QAbstractSocket::UnconnectedState || caller.bytesAvailable() > 0, 5000);
    QTest::qWait(200);

    // Every tab and step built, so that everything the window holds is looked at.
    for (QTabWidget* tabs : m_window->findChildren<QTabWidget*>())
        for (int i = 0; i < tabs->count(); ++i)
            tabs->setCurrentIndex(i);
    m_window->showStep(m_window->discoveryPanel());
    m_window->showStep(tokens);
    m_window->showStep(authorization);
    int escapes = 0;
    QStringList problems = audit(&escapes);
    // Each exchange as the traffic tab shows it: the status line, the headers and the body as they came.
    for (int row = 0; row < m_fixture->log.rowCount(); ++row) {
        m_window->trafficPanel()->selectExchange(m_fixture->log.exchangeAt(row)->id);
        for (const QString& problem : audit())
            if (!problems.contains(problem))
                problems << problem;
    }
    for (const QString& problem : problems)
        qWarning("%s", qPrintable(VisibleText::escaped(problem)));
    QVERIFY2(problems.isEmpty(), qPrintable(QString::number(problems.size()) % u" problems, listed above"));
    QVERIFY2(escapes >= 3, qPrintable(QString::number(escapes))); // the text arrived, shown as escapes
}

void tst_HostileWindow::importWithholdsThisMachinesSettings()
{
    const QString mark = m_fixture->config.filePath(QStringLiteral("ran"));
    const QJsonObject sent{
        {QStringLiteral("name"), QStringLiteral("With a command")},
        {QStringLiteral("issuer"), m_provider.issuer},
        {QStringLiteral("clientId"), QStringLiteral("debugger-public")},
        {QStringLiteral("localTestServer"), true},
        {QStringLiteral("browserCommand"), QStringLiteral("sh -c \"touch %1\" %u").arg(mark)},
        {QStringLiteral("caFile"), QStringLiteral("/dev/zero")},
        {QStringLiteral("allowSelfSigned"), true}};
    m_window->importFile(writeFile(QStringLiteral("command.json"), sent));
    selectImported(QStringLiteral("With a command"));
    const QString notice = m_window->notice()->text();
    QVERIFY2(notice.contains(u"never runs a program") && notice.contains(u"never picks a file") &&
                 notice.contains(u"never weakens TLS"),
             qPrintable(notice));
    const auto imported = std::find_if(m_window->profiles().cbegin(), m_window->profiles().cend(),
                                       [](const Profile& p) { return p.name == u"With a command"; });
    QVERIFY(imported != m_window->profiles().cend());
    QVERIFY(imported->browserCommand.isEmpty() && imported->caFile.isEmpty() && !imported->allowSelfSigned);
    QVERIFY(!QFile::exists(mark));
}

void tst_HostileWindow::credentialHostsNeedTheUsersYes()
{
    QStringList questions;
    QMessageBox::StandardButton answer = QMessageBox::No;
    m_window->setAsk([&](const QString& question, QMessageBox::StandardButtons) {
        questions << question;
        return answer;
    });
    // The token endpoint moved to "localhost" while the issuer is 127.0.0.1: another host.
    const QJsonObject sent{
        {QStringLiteral("name"), QStringLiteral("Moved endpoint")},
        {QStringLiteral("issuer"), m_provider.issuer},
        {QStringLiteral("endpoints"),
         QJsonObject{{QStringLiteral("token_endpoint"),
                      QStringLiteral("http://localhost:%1/token").arg(m_provider.port())}}},
        {QStringLiteral("clientId"), m_provider.postClient.value(u"client_id").toString()},
        {QStringLiteral("clientType"), QStringLiteral("confidential")},
        {QStringLiteral("authMethod"), QStringLiteral("client_secret_post")},
        {QStringLiteral("localTestServer"), true}};
    m_window->importFile(writeFile(QStringLiteral("moved.json"), sent));
    selectImported(QStringLiteral("Moved endpoint"));
    discover(m_provider.issuer, QStringLiteral("passed the checks"));
    QCOMPARE(questions.size(), 1);
    QVERIFY2(questions.first().contains(u"localhost") && questions.first().contains(u"token_endpoint"),
             qPrintable(questions.first()));
    TokenPanel* tokens = m_window->tokenPanel();
    tokens->secretEdit()->setText(m_provider.postClient.value(u"client_secret").toString());
    const int before = m_fixture->log.rowCount();
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"not the issuer's host"), 5000);
    screenshot(QStringLiteral("credential-host-refused"));
    for (int row = before; row < m_fixture->log.rowCount(); ++row)
        QVERIFY(m_fixture->log.exchangeAt(row)->url.host() != u"localhost");
    // Asked again at the next discovery; yes is kept with the profile.
    answer = QMessageBox::Yes;
    discover(m_provider.issuer, QStringLiteral("passed the checks"));
    QCOMPARE(questions.size(), 2);
    const auto saved = std::find_if(m_window->profiles().cbegin(), m_window->profiles().cend(),
                                    [](const Profile& p) { return p.name == u"Moved endpoint"; });
    QCOMPARE(saved->approvedHosts, QStringList{QStringLiteral("localhost")});
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"), 15'000);
    discover(m_provider.issuer, QStringLiteral("passed the checks"));
    QCOMPARE(questions.size(), 2); // not asked once approved
}

void tst_HostileWindow::copiedSecretsLeaveTheClipboard()
{
    SecretClipboard& clipboard = SecretClipboard::instance();
    QCOMPARE(clipboard.clearAfterSeconds(), 30); // the default the user sees in Settings
    clipboard.setClearAfterSeconds(1);
    clipboard.copy(QStringLiteral("a-copied-access-token"), QStringLiteral("the access token"));
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("a-copied-access-token"));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(u"cleared in 1 s"),
             qPrintable(m_window->statusBar()->currentMessage()));
    QTRY_VERIFY_WITH_TIMEOUT(QApplication::clipboard()->text().isEmpty(), 5000);
    // Something the user copied afterwards is theirs: left alone.
    clipboard.copy(QStringLiteral("another-token"), QStringLiteral("the access token"));
    QApplication::clipboard()->setText(QStringLiteral("the user's own text"));
    QTest::qWait(1500);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("the user's own text"));
    clipboard.setClearAfterSeconds(30);
}

QTEST_MAIN(tst_HostileWindow)
#include "tst_hostilewindow.moc"
