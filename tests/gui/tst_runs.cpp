// Runs the window keeps: a profile's run survives selecting another profile and coming back, the history
// lists every run across a restart with no token or secret in its file, and two runs compare side by side.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "DiscoveryPanel.h"
#include "FlowTimeline.h"
#include "HistoryPanel.h"
#include "MainWindow.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "ProviderInfo.h"
#include "TokenPanel.h"
#include "WindowFixture.h"
#include "profiles/Profile.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTreeWidget>

using namespace oauth2dbg;

class tst_Runs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void aRunIsKeptWhileAnotherProfileIsSelected();
    void theHistoryOutlivesARestartWithoutSecrets();
    void twoRunsCompareSideBySide();
    void theRunUsesWhatTheEditorShows();
    void theNextStepIsInView();

private:
    void signIn(const QString& scope = {});
    void selectProfile(const QString& name);
    [[nodiscard]] QString historyFile() const;
    [[nodiscard]] QStringList treeTexts() const;

    ProviderInfo m_provider;
    std::unique_ptr<WindowFixture> m_fixture;
    MainWindow* m_window = nullptr;
};

void tst_Runs::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_Runs::init()
{
    m_fixture = std::make_unique<WindowFixture>(QStringLiteral("OAuth2 Debugger runs test"));
    m_window = m_fixture->open(m_provider.issuer);
}

void tst_Runs::cleanup()
{
    m_fixture.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

// The demo sign-in through the window's Authorize button and the scripted browser, with another scope when
// one is given.
void tst_Runs::signIn(const QString& scope)
{
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    authorization->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    if (!scope.isEmpty())
        authorization->options()->scopeEdit()->setText(scope);
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->tokenPanel()->banner()->text().contains(u"New tokens received"),
                             30'000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->timeline()->rowTexts().join(u'\n').contains(u"ID token: done"),
                             15'000);
}

void tst_Runs::selectProfile(const QString& name)
{
    QListWidget* list = m_window->profileList()->listWidget();
    const QList<QListWidgetItem*> found = list->findItems(name, Qt::MatchStartsWith);
    QVERIFY2(!found.isEmpty(), qPrintable(name));
    list->setCurrentItem(found.constFirst());
    QTRY_COMPARE(m_window->profileEditor()->nameEdit()->text(), name);
}

QString tst_Runs::historyFile() const
{
    QFile file(m_fixture->config.filePath(QStringLiteral("runs.json")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QStringList tst_Runs::treeTexts() const
{
    QStringList rows;
    QTreeWidget* tree = m_window->historyPanel()->detailView();
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        rows << (*it)->text(0) % u" | " % (*it)->text(1) % u" | " % (*it)->text(2);
    return rows;
}

void tst_Runs::aRunIsKeptWhileAnotherProfileIsSelected()
{
    signIn();
    TokenPanel* tokens = m_window->tokenPanel();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->introspectButton()->isEnabled(), 15'000);
    QTest::mouseClick(tokens->introspectButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().startsWith(u"Active: "), 15'000);
    const QStringList rows = m_window->timeline()->rowTexts();
    const QByteArray access = tokens->tokens().accessToken.reveal();
    QVERIFY(!access.isEmpty());

    // Another profile: a run of its own, nothing of the demo's in view.
    m_window->newProfile();
    QTRY_VERIFY(m_window->profileEditor()->nameEdit()->text().startsWith(u"New profile"));
    QVERIFY(m_window->tokenPanel() != tokens);
    QVERIFY(m_window->tokenPanel()->tokens().accessToken.isEmpty());
    QVERIFY(!m_window->timeline()->rowTexts().join(u'\n').contains(u"ID token"));

    // Back: the timeline, the tokens and the introspection answer are as they were.
    selectProfile(QStringLiteral("Local demo"));
    QCOMPARE(m_window->tokenPanel(), tokens);
    QCOMPARE(m_window->timeline()->rowTexts().mid(1), rows.mid(1)); // the Profile row is drawn anew
    QCOMPARE(tokens->tokens().accessToken.reveal(), access);
    QVERIFY(tokens->answerView()->toPlainText().contains(u"\"active\": true"));
    QCOMPARE(m_window->bottomTabs()->widget(0), tokens->inspectorTabs());
    // And the run goes on: a refresh works without signing in again.
    QTest::mouseClick(tokens->refreshButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens"), 15'000);
}

void tst_Runs::theHistoryOutlivesARestartWithoutSecrets()
{
    signIn();
    const TokenSet tokens = m_window->tokenPanel()->tokens();
    QTRY_COMPARE(m_window->history().runs().size(), 1);
    const RunRecord run = m_window->history().runs().constFirst(); // a copy: the window is opened again below
    QCOMPARE(run.profileName, QStringLiteral("Local demo"));
    QCOMPARE(run.lastGoal, QStringLiteral("Authorize"));
    QVERIFY2(run.ok, qPrintable(run.outcome));
    const QString file = historyFile();
    QVERIFY(file.contains(u"\"Callback\""));
    for (const Secret& secret : {tokens.accessToken, tokens.refreshToken, tokens.idToken}) {
        QVERIFY(!secret.isEmpty());
        QVERIFY(!file.contains(QString::fromUtf8(secret.reveal())));
        QVERIFY(!file.contains(QString::fromUtf8(secret.reveal()).left(24)));
    }
    QVERIFY2(file.contains(u"\"code\"") && file.contains(u"hidden"), "the code is named, its value masked");

    // A second start of the window: the run is listed and can be read.
    m_window = m_fixture->open(m_provider.issuer);
    QTableWidget* runs = m_window->historyPanel()->runsView();
    QCOMPARE(runs->rowCount(), 1);
    QCOMPARE(runs->item(0, 1)->text(), QStringLiteral("Local demo"));
    QCOMPARE(runs->item(0, 3)->text(), QStringLiteral("Authorize"));
    QVERIFY2(runs->item(0, 4)->text().startsWith(u"done"), qPrintable(runs->item(0, 4)->text()));
    runs->selectRow(0);
    const QStringList rows = treeTexts();
    const auto idToken = std::find_if(run.steps.cbegin(), run.steps.cend(),
                                      [](const FlowStep& s) { return s.kind == FlowStep::Kind::IdToken; });
    QVERIFY(idToken != run.steps.cend());
    QVERIFY2(rows.contains(u"ID token | done | " % idToken->text()), qPrintable(rows.join(u'\n')));
    QVERIFY(std::any_of(rows.cbegin(), rows.cend(), [](const QString& r) { return r.startsWith(u"AZ-01"); }));
    QVERIFY(rows.contains(u"grant_type | authorization_code | Token"));
    m_window->bottomTabs()->setCurrentWidget(m_window->historyPanel());
    WindowFixture::screenshot(m_window, QStringLiteral("history"));
}

void tst_Runs::twoRunsCompareSideBySide()
{
    signIn();
    m_window->startNewRun();
    QVERIFY(!m_window->timeline()->rowTexts().join(u'\n').contains(u"ID token"));
    signIn(QStringLiteral("openid"));
    QTRY_COMPARE(m_window->history().runs().size(), 2);
    QTableWidget* runs = m_window->historyPanel()->runsView();
    runs->setSelectionMode(QAbstractItemView::MultiSelection);
    runs->selectRow(0);
    runs->selectRow(1);
    HistoryPanel* history = m_window->historyPanel();
    QVERIFY2(history->hint()->text().contains(u"difference"), qPrintable(history->hint()->text()));
    const QStringList rows = treeTexts();
    // The earlier run first: it asked for more scopes than the later one.
    QVERIFY2(rows.contains(u"Authorization request · scope | openid profile email | openid"),
             qPrintable(rows.join(u'\n')));
    QVERIFY(!rows.join(u'\n').contains(u"state |")); // new on every run: no difference
    m_window->bottomTabs()->setCurrentWidget(history);
    WindowFixture::screenshot(m_window, QStringLiteral("history-compare"));
}

void tst_Runs::theRunUsesWhatTheEditorShows()
{
    // An edit not saved yet: the run uses it, and the timeline says so.
    ProfileEditor* editor = m_window->profileEditor();
    editor->scopesEdit()->setText(QStringLiteral("openid email"));
    QVERIFY(editor->isDirty());
    QTRY_VERIFY2(m_window->timeline()->rowTexts().constFirst().contains(u"running unsaved changes"),
                 qPrintable(m_window->timeline()->rowTexts().constFirst()));
    AuthorizationOptionsForm* options = m_window->authorizationPanel()->options();
    QCOMPARE(options->scopeEdit()->text(), QStringLiteral("openid email"));
    QVERIFY(options->scopeNote()->isHidden());
    signIn();
    QTRY_VERIFY(!m_window->history().runs().isEmpty());
    const QList<RunParameter> sent = m_window->history().runs().constFirst().parameters;
    QVERIFY(sent.contains(RunParameter{.where = QStringLiteral("Authorization request"),
                                       .name = QStringLiteral("scope"),
                                       .value = QStringLiteral("openid email")}));
    // A scope typed for this run only, and an issuer typed in the Discovery step: said, not hidden.
    options->scopeEdit()->setText(QStringLiteral("openid"));
    QVERIFY(!options->scopeNote()->isHidden());
    QVERIFY(options->scopeNote()->text().contains(u"\"openid email\""));
    DiscoveryPanel* discovery = m_window->discoveryPanel();
    QVERIFY(discovery->issuerNote()->isHidden());
    discovery->issuerEdit()->setText(QStringLiteral("http://127.0.0.1:9/elsewhere"));
    QVERIFY(!discovery->issuerNote()->isHidden());
    QVERIFY(discovery->issuerNote()->text().contains(m_provider.issuer));
    // Reverting the editor: the run is back on the saved values.
    editor->scopesEdit()->setText(QStringLiteral("openid profile email"));
    QVERIFY(!editor->isDirty());
    QVERIFY(!m_window->timeline()->rowTexts().constFirst().contains(u"unsaved"));
}

void tst_Runs::theNextStepIsInView()
{
    QAction* next = m_window->nextAction();
    QCOMPARE(next->text(), QStringLiteral("Next: Discover metadata  (Ctrl+D)"));
    next->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(next->text(), QStringLiteral("Next: Authorize in browser  (Ctrl+R)"), 15'000);
    m_window->authorizationPanel()->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    next->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->tokenPanel()->banner()->text().contains(u"New tokens received"),
                             30'000);
    QTRY_COMPARE_WITH_TIMEOUT(next->text(), QStringLiteral("Next: Refresh tokens  (Ctrl+Shift+R)"), 15'000);
    QVERIFY(next->isEnabled());
    WindowFixture::screenshot(m_window, QStringLiteral("next-step"));
    // Another profile starts at its own first step; back here, the run's next step again.
    m_window->newProfile();
    QTRY_COMPARE(next->text(), QStringLiteral("Next: Discover metadata  (Ctrl+D)"));
    selectProfile(QStringLiteral("Local demo"));
    QCOMPARE(next->text(), QStringLiteral("Next: Refresh tokens  (Ctrl+Shift+R)"));
}

QTEST_MAIN(tst_Runs)
#include "tst_runs.moc"
