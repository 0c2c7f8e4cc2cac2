// One profile, several environments, in the window: the editor's Environments tab adds and checks them, the
// toolbar's picker runs the profile in one (a run of its own, kept while another is picked, listed in the
// history with its environment), and each keeps its own client secret in a real Secret Service.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "EnvironmentPicker.h"
#include "EnvironmentsForm.h"
#include "FlowTimeline.h"
#include "HistoryPanel.h"
#include "MainWindow.h"
#include "ProfileEditor.h"
#include "ProviderInfo.h"
#include "TokenPanel.h"
#include "WindowFixture.h"
#include "profiles/ProfileSecrets.h"
#include "session/FlowSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace oauth2dbg;

class tst_Environments : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void theEditorAddsAndChecksEnvironments();
    void eachEnvironmentHasARunOfItsOwn();
    void eachEnvironmentKeepsItsOwnSecret();

private:
    // Adds an environment in the editor's tab, names it, and saves the profile.
    void addEnvironment(const QString& name, const QString& authorizationParameters = {});
    void pick(const QString& name);
    void signIn();
    [[nodiscard]] SecretState loaded(const Profile& profile);

    ProviderInfo m_provider;
    std::unique_ptr<WindowFixture> m_fixture;
    MainWindow* m_window = nullptr;
};

void tst_Environments::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_Environments::init()
{
    m_fixture = std::make_unique<WindowFixture>(QStringLiteral("OAuth2 Debugger environments test"));
    m_window = m_fixture->open(m_provider.issuer);
}

void tst_Environments::cleanup()
{
    m_fixture.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void tst_Environments::addEnvironment(const QString& name, const QString& authorizationParameters)
{
    ProfileEditor* editor = m_window->profileEditor();
    EnvironmentsForm* form = editor->environmentsForm();
    m_window->showStep(editor);
    editor->groups()->setCurrentWidget(form);
    form->addButton()->click();
    form->nameEdit()->setText(name);
    form->authorizationParametersEdit()->setPlainText(authorizationParameters);
    QCOMPARE(editor->problemCount(), 0);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY2(editor->banner()->text().startsWith(u"Saved"), qPrintable(editor->banner()->text()));
    QVERIFY(m_window->profileEditor()->profile().findEnvironment(name));
}

void tst_Environments::pick(const QString& name)
{
    QComboBox* box = m_window->environmentPicker()->box();
    const int at = box->findText(name);
    QVERIFY2(at >= 0, qPrintable(name));
    box->setCurrentIndex(at);
    Q_EMIT box->activated(at); // as a user's choice
}

void tst_Environments::signIn()
{
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    authorization->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->tokenPanel()->banner()->text().contains(u"New tokens received"),
                             30'000);
}

SecretState tst_Environments::loaded(const Profile& profile)
{
    std::optional<SecretState> state;
    m_window->profileSecrets()->load(profile, ProfileSecrets::Kind::ClientSecret, this,
                                     [&state](const SecretState& s) { state = s; });
    if (!QTest::qWaitFor([&state] { return state.has_value(); }, 10'000))
        return {.where = SecretState::Where::Unavailable, .message = QStringLiteral("no answer")};
    return *state;
}

void tst_Environments::theEditorAddsAndChecksEnvironments()
{
    EnvironmentPicker* picker = m_window->environmentPicker();
    QVERIFY2(!picker->box()->isEnabled(), "a profile without environments has nothing to pick");
    QVERIFY(picker->box()->toolTip().contains(u"Environments tab"));

    addEnvironment(QStringLiteral("Staging"));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_window->profiles().constFirst().environmentNames(), QStringList{QStringLiteral("Staging")});
    QVERIFY(picker->box()->isEnabled());
    QCOMPARE(picker->box()->count(), 2);
    QCOMPARE(picker->box()->itemText(1), QStringLiteral("Staging"));

    // A problem of an environment is counted with the others, marked on its tab, and Save goes to it.
    ProfileEditor* editor = m_window->profileEditor();
    EnvironmentsForm* form = editor->environmentsForm();
    form->addButton()->click();
    form->nameEdit()->setText(QStringLiteral("staging")); // the other one's name, in other case
    form->issuerEdit()->setText(QStringLiteral("ftp://nowhere"));
    form->tokenParametersEdit()->setPlainText(QStringLiteral("not a pair"));
    QCOMPARE(editor->problemCount(), 3);
    QVERIFY2(form->messageLabel()->text().contains(u"Another environment is called"),
             qPrintable(form->messageLabel()->text()));
    QVERIFY(form->messageLabel()->text().contains(u"\"not a pair\" is not name=value."));
    QVERIFY(editor->groups()->tabText(editor->groups()->count() - 1).endsWith(u"⚠"));
    editor->groups()->setCurrentIndex(0);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(editor->banner()->text().contains(u"Not saved: 3 field(s)"),
             qPrintable(editor->banner()->text()));
    QCOMPARE(editor->groups()->currentWidget(), form);
    QCOMPARE(form->list()->currentRow(), 1);
    QTRY_COMPARE(m_window->focusWidget(), form->nameEdit());            // its name is the first problem
    QCOMPARE(m_window->profiles().constFirst().environments.size(), 1); // nothing saved
    // Removed, the profile is as saved again.
    QTest::mouseClick(form->removeButton(), Qt::LeftButton);
    QCOMPARE(editor->problemCount(), 0);
    QVERIFY(!editor->isDirty());
    QVERIFY2(editor->banner()->isHidden(), "the problems are gone, and with them the message about them");
}

void tst_Environments::eachEnvironmentHasARunOfItsOwn()
{
    addEnvironment(QStringLiteral("Staging"), QStringLiteral("ui_locales=de"));
    if (QTest::currentTestFailed())
        return;
    signIn();
    TokenPanel* ownTokens = m_window->tokenPanel();
    const QByteArray access = ownTokens->tokens().accessToken.reveal();

    pick(QStringLiteral("Staging"));
    QCOMPARE(m_window->session()->profile().environment, QStringLiteral("Staging"));
    QVERIFY(m_window->windowTitle().startsWith(u"Local demo · Staging — "));
    QVERIFY2(m_window->timeline()->rowTexts().constFirst().contains(u"Staging · debugger-public at "),
             qPrintable(m_window->timeline()->rowTexts().constFirst()));
    QVERIFY(m_window->tokenPanel() != ownTokens);
    QVERIFY(m_window->tokenPanel()->tokens().accessToken.isEmpty());
    signIn();
    m_window->showStep(m_window->profileEditor());
    m_window->profileEditor()->groups()->setCurrentWidget(m_window->profileEditor()->environmentsForm());
    WindowFixture::screenshot(m_window, QStringLiteral("environments"));
    const QList<RunParameter>& sent = m_window->session()->record().parameters;
    QVERIFY2(std::any_of(sent.cbegin(), sent.cend(),
                         [](const RunParameter& p) { return p.name == u"ui_locales" && p.value == u"de"; }),
             "the environment's parameter went with its authorization request");

    // Back to the profile's own settings: its run as it was.
    pick(QStringLiteral("Profile's own settings"));
    QCOMPARE(m_window->tokenPanel(), ownTokens);
    QCOMPARE(ownTokens->tokens().accessToken.reveal(), access);
    QVERIFY(m_window->windowTitle().startsWith(u"Local demo — "));

    // The history says which environment each run used.
    QTRY_COMPARE(m_window->history().runs().size(), 2);
    QTableWidget* runs = m_window->historyPanel()->runsView();
    QStringList environments;
    for (int row = 0; row < runs->rowCount(); ++row)
        environments << runs->item(row, 2)->text();
    QCOMPARE(environments, (QStringList{QStringLiteral("Staging"), QStringLiteral("—")}));
}

void tst_Environments::eachEnvironmentKeepsItsOwnSecret()
{
    // A confidential profile with a staging environment.
    m_window->newProfile();
    ProfileEditor* editor = m_window->profileEditor();
    editor->nameEdit()->setText(QStringLiteral("Shop"));
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(m_provider.basicClient.value(u"client_id").toString());
    editor->clientTypeBox()->setCurrentIndex(
        editor->clientTypeBox()->findData(QStringLiteral("confidential")));
    addEnvironment(QStringLiteral("Staging"));
    pick(QStringLiteral("Staging"));
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY2(editor->secretStateLabel()->text().startsWith(u"Staging environment: Not stored"),
                 qPrintable(editor->secretStateLabel()->text()));

    editor->secretEdit()->setText(QStringLiteral("staging-secret"));
    QTest::mouseClick(editor->storeSecretButton(), Qt::LeftButton);
    QTRY_VERIFY2(
        editor->secretStateLabel()->text().startsWith(u"Staging environment: Stored in the OS keychain"),
        qPrintable(editor->secretStateLabel()->text()));
    const auto shop = std::find_if(m_window->profiles().cbegin(), m_window->profiles().cend(),
                                   [](const Profile& p) { return p.name == u"Shop"; });
    QVERIFY(shop != m_window->profiles().cend());
    const Profile staging = shop->inEnvironment(shop->environments.constFirst());
    QCOMPARE(loaded(staging).secret.reveal(), QByteArray("staging-secret"));
    QCOMPARE(loaded(*shop).where, SecretState::Where::Nowhere); // the profile's own entry is untouched

    // The run in Staging has it; the profile's own settings do not.
    QTRY_COMPARE(m_window->tokenPanel()->clientSecret().reveal(), QByteArray("staging-secret"));
    pick(QStringLiteral("Profile's own settings"));
    QTRY_VERIFY2(editor->secretStateLabel()->text().startsWith(u"Not stored"),
                 qPrintable(editor->secretStateLabel()->text()));

    // Renamed, the environment keeps its entry; deleted with the profile, the entry goes.
    EnvironmentsForm* form = editor->environmentsForm();
    editor->groups()->setCurrentWidget(form);
    form->nameEdit()->setText(QStringLiteral("Staging EU"));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QTRY_VERIFY(editor->banner()->text().startsWith(u"Saved"));
    QCOMPARE(loaded(staging).secret.reveal(), QByteArray("staging-secret"));
    m_window->setAsk([](const QString&, QMessageBox::StandardButtons) { return QMessageBox::Yes; });
    const QString shopId = shop->id; // the list changes under the iterator
    m_window->deleteProfile(shopId);
    QTRY_COMPARE_WITH_TIMEOUT(loaded(staging).where, SecretState::Where::Nowhere, 15'000);
}

QTEST_MAIN(tst_Environments)
#include "tst_environments.moc"
