// The profiles in the window: list, editor, keychain, import/export, and what reaches the disk. Runs against
// a real Secret Service (tests/keyring/run-with-keyring.sh) and the test provider; one function runs without
// D-Bus instead.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "DiscoveryPanel.h"
#include "FlowTimeline.h"
#include "ImportDialog.h"
#include "MainWindow.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "ProviderInfo.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "WindowFixture.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "profiles/ProfileSecrets.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "traffic/TrafficLog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

namespace {
QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray secretToolListing(const QString& service)
{
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"search"_s, u"--all"_s, u"server"_s, service});
    if (!tool.waitForFinished(10'000))
        return "secret-tool did not finish";
    return tool.readAllStandardOutput() + tool.readAllStandardError();
}

SecretState awaitState(ProfileSecrets* secrets, const Profile& profile, ProfileSecrets::Kind kind)
{
    std::optional<SecretState> state;
    secrets->load(profile, kind, secrets, [&state](const SecretState& s) { state = s; });
    (void)QTest::qWaitFor([&state] { return state.has_value(); }, 15'000); // no answer: reported below
    return state.value_or(SecretState{.message = u"no answer"_s});
}
} // namespace

class tst_Profiles : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void firstRunSavesTheDemo();
    void deletingTheLastProfileShowsTheHint();
    void newProfileSaysWhatIsMissing();
    void unsavedChangesAreNotLost();
    void secretLivesInTheKeychainAndFollowsTheProfile();
    void aSecretTypedBeforeSaveIsStored();
    void fillFromDiscovery();
    void filterAsYouType();
    void importShowsConflicts();
    void fullFlowLeavesNoSecretOnDisk();
    void corruptFileIsSetAside();
    void typedSecretWithoutKeychain();

private:
    void openWindow();
    Profile addProfile(const QString& name, const QJsonObject& client, const QString& method);
    [[nodiscard]] QByteArray everythingOnDisk() const;
    void screenshot(const QString& name) const;
    QMessageBox::StandardButton answer(const QString& question);

    ProviderInfo m_provider;
    std::unique_ptr<WindowFixture> m_fixture;
    MainWindow* m_window = nullptr;
    QList<QMessageBox::StandardButton> m_answers;
    QStringList m_questions;
    const QString m_service =
        u"OAuth2 Debugger GUI test " % QUuid::createUuid().toString(QUuid::WithoutBraces);
};

void tst_Profiles::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_Profiles::init()
{
    m_fixture = std::make_unique<WindowFixture>(m_service);
    m_answers.clear();
    m_questions.clear();
    openWindow();
}

void tst_Profiles::openWindow()
{
    m_window = m_fixture->open(m_provider.issuer);
    m_window->setAsk(
        [this](const QString& question, QMessageBox::StandardButtons) { return answer(question); });
}

QMessageBox::StandardButton tst_Profiles::answer(const QString& question)
{
    m_questions << question;
    return m_answers.isEmpty() ? QMessageBox::Cancel : m_answers.takeFirst();
}

void tst_Profiles::cleanup()
{
    m_fixture.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void tst_Profiles::screenshot(const QString& name) const
{
    const QString dir = qEnvironmentVariable("OAUTH2DBG_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(200);
    QVERIFY(m_window->grab().save(dir + u'/' + name + u".png"));
}

// A saved profile made through the editor, as a user would.
Profile tst_Profiles::addProfile(const QString& name, const QJsonObject& client, const QString& method)
{
    m_window->newProfile();
    ProfileEditor* editor = m_window->profileEditor();
    editor->nameEdit()->setText(name);
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(client.value(u"client_id").toString());
    editor->scopesEdit()->setText(u"openid profile"_s);
    editor->clientTypeBox()->setCurrentIndex(
        editor->clientTypeBox()->findData(method == u"none" ? u"public"_s : u"confidential"_s));
    editor->authMethodBox()->setCurrentIndex(editor->authMethodBox()->findData(method));
    if (!editor->problems().isEmpty())
        qWarning() << "problems:" << editor->problems().first().message;
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    if (editor->isDirty())
        qWarning() << "not saved:" << editor->banner()->text();
    return editor->profile();
}

QByteArray tst_Profiles::everythingOnDisk() const
{
    QByteArray all;
    QDirIterator it(m_fixture->config.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += readFile(it.next());
    return all;
}

void tst_Profiles::firstRunSavesTheDemo()
{
    QCOMPARE(m_window->profileList()->visibleNames(), QStringList{u"Local demo"_s});
    QVERIFY(!m_window->profileList()->hintLabel()->isVisible());
    QVERIFY(m_window->profileList()->duplicateButton()->isEnabled());
    QVERIFY(m_window->profileList()->deleteButton()->isEnabled());
    const QByteArray file = readFile(m_fixture->store->path());
    QVERIFY2(file.contains("\"id\": \"local-demo\""), file.constData());
    QVERIFY(file.contains("\"schema\": 1"));
    // This run's demo issuer is not written over the saved one.
    QVERIFY(file.contains("\"issuer\": \"http://127.0.0.1:9440\""));
    QCOMPARE(m_window->discoveryPanel()->issuerEdit()->text(), m_provider.issuer);
    // A second start finds it and does not add another.
    openWindow();
    QCOMPARE(m_window->profileList()->visibleNames(), QStringList{u"Local demo"_s});
}

void tst_Profiles::deletingTheLastProfileShowsTheHint()
{
    m_answers = {QMessageBox::Cancel};
    QTest::mouseClick(m_window->profileList()->deleteButton(), Qt::LeftButton);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY2(m_questions.first().contains(u"Delete the profile \"Local demo\"?") &&
                 m_questions.first().contains(u"keychain"),
             qPrintable(m_questions.first()));
    QCOMPARE(m_window->profiles().size(), 1); // Cancel: nothing happened
    m_answers = {QMessageBox::Yes};
    QTest::mouseClick(m_window->profileList()->deleteButton(), Qt::LeftButton);
    QVERIFY(m_window->profiles().isEmpty());
    QVERIFY(!readFile(m_fixture->store->path()).contains("local-demo"));
    QTRY_VERIFY(m_window->notice()->text().contains(u"Deleted \"Local demo\""));
    QVERIFY(m_window->profileList()->hintLabel()->isVisible());
    QVERIFY(m_window->profileList()->hintLabel()->text().startsWith(u"No profiles yet."));
    QVERIFY(!m_window->profileEditor()->isEnabled());
    // The timeline forgets the deleted profile's client.
    const QStringList rows = m_window->timeline()->rowTexts();
    QVERIFY2(rows.first().contains(u"no profile yet") && !rows.join(u'\n').contains(u"debugger-public"),
             qPrintable(rows.join(u'\n')));
    // The next step is to make one.
    QVERIFY2(m_window->nextAction()->text().startsWith(u"Next: New profile"),
             qPrintable(m_window->nextAction()->text()));
    QVERIFY(m_window->nextAction()->isEnabled());
    screenshot(u"profiles-empty"_s);
    // Deleted stays deleted: the demo is only for the very first start.
    openWindow();
    QVERIFY(m_window->profiles().isEmpty());
}

void tst_Profiles::newProfileSaysWhatIsMissing()
{
    QTest::mouseClick(m_window->profileList()->newButton(), Qt::LeftButton);
    ProfileEditor* editor = m_window->profileEditor();
    QVERIFY(editor->isVisible());
    QCOMPARE(editor->nameEdit()->text(), u"New profile"_s);
    // A value, not a look-alike placeholder.
    QCOMPARE(editor->scopesEdit()->text(), u"openid profile email"_s);
    QCOMPARE(m_window->profileList()->visibleNames(), (QStringList{u"Local demo"_s, u"New profile"_s}));
    QCOMPARE(editor->fieldMessage(u"clientId"_s), u"The client_id is required."_s);
    QVERIFY(editor->fieldMessage(u"issuer"_s).startsWith(u"Give the issuer"));
    QVERIFY(editor->groups()->tabText(0).endsWith(u"⚠"));
    QVERIFY(editor->groups()->tabText(1).endsWith(u"⚠"));

    editor->issuerEdit()->setText(u"http://login.example.com"_s);
    QVERIFY(editor->fieldMessage(u"issuer"_s).startsWith(u"Use https://"));
    editor->issuerEdit()->setText(m_provider.issuer);
    QVERIFY(editor->fieldMessage(u"issuer"_s).contains(u"Local test server"));
    editor->localServerBox()->setChecked(true);
    QCOMPARE(editor->fieldMessage(u"issuer"_s), QString());
    QVERIFY(!editor->groups()->tabText(0).endsWith(u"⚠"));
    editor->endpointEdit(u"revocation_endpoint"_s)->setText(u"/revoke"_s);
    QVERIFY(editor->fieldMessage(u"endpoints.revocation_endpoint"_s).startsWith(u"Enter an absolute URL"));
    editor->endpointEdit(u"revocation_endpoint"_s)->clear();
    editor->redirectModeBox()->setCurrentIndex(editor->redirectModeBox()->findData(u"loopback-fixed"_s));
    editor->redirectUriEdit()->setText(u"http://127.0.0.1/cb"_s);
    QVERIFY(editor->fieldMessage(u"redirectUri"_s).contains(u"with a port"));
    editor->redirectUriEdit()->setText(u"http://127.0.0.1:8765/cb"_s);
    editor->tokenParametersEdit()->setPlainText(u"client_secret=oops"_s);
    QVERIFY(editor->fieldMessage(u"tokenParameters"_s).contains(u"belongs in the keychain"));
    editor->tokenParametersEdit()->setPlainText(u"resource=https://api.example.com/\nnot a pair"_s);
    QVERIFY(editor->fieldMessage(u"tokenParameters"_s).contains(u"\"not a pair\" is not name=value"));
    editor->groups()->setCurrentIndex(1); // Client
    screenshot(u"profile-editor-problems"_s);

    // Save refuses while anything is wrong, and says so.
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY(editor->banner()->text().startsWith(u"Not saved"));
    QVERIFY(!readFile(m_fixture->store->path()).contains("8765"));

    editor->tokenParametersEdit()->setPlainText(u"resource=https://api.example.com/"_s);
    editor->clientIdEdit()->setText(m_provider.postClient.value(u"client_id").toString());
    editor->clientTypeBox()->setCurrentIndex(editor->clientTypeBox()->findData(u"confidential"_s));
    editor->authMethodBox()->setCurrentIndex(editor->authMethodBox()->findData(u"client_secret_post"_s));
    editor->nameEdit()->setText(u"Provider — post client"_s);
    QVERIFY(editor->problems().isEmpty());
    QVERIFY(editor->isDirty());
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY(!editor->isDirty());
    QCOMPARE(editor->banner()->text(), u"Saved."_s);
    const QByteArray file = readFile(m_fixture->store->path());
    QVERIFY(file.contains("\"redirectUri\": \"http://127.0.0.1:8765/cb\""));
    QVERIFY(file.contains("\"authMethod\": \"client_secret_post\""));
    QCOMPARE(m_window->profileList()->visibleNames(),
             (QStringList{u"Local demo"_s, u"Provider — post client"_s}));
    // The flow follows the saved profile: the fixed redirect reaches the authorization step.
    QCOMPARE(m_window->authorizationPanel()->options()->redirectUriEdit()->text(),
             u"http://127.0.0.1:8765/cb"_s);
    screenshot(u"profile-editor"_s);
}

void tst_Profiles::unsavedChangesAreNotLost()
{
    const Profile other = addProfile(u"Other"_s, m_provider.publicClient, u"none"_s);
    ProfileEditor* editor = m_window->profileEditor();
    QListWidget* list = m_window->profileList()->listWidget();
    editor->notesEdit()->setPlainText(u"edited, not saved"_s);
    QVERIFY(editor->isDirty());

    // Cancel: the selection stays, so do the edits.
    m_answers = {QMessageBox::Cancel};
    list->setCurrentRow(0); // "Local demo"
    QCOMPARE(m_questions.size(), 1);
    QVERIFY(m_questions.last().contains(u"\"Other\" has unsaved changes"));
    QCOMPARE(m_window->profileList()->currentId(), other.id);
    QCOMPARE(list->currentItem()->text(), u"Other"_s);
    QCOMPARE(editor->notesEdit()->toPlainText(), u"edited, not saved"_s);

    // Save: written, then the switch.
    m_answers = {QMessageBox::Save};
    list->setCurrentRow(0);
    QCOMPARE(m_window->profileList()->currentId(), u"local-demo"_s);
    QVERIFY(readFile(m_fixture->store->path()).contains("edited, not saved"));

    // Discard: the switch, and the edits are gone.
    editor->notesEdit()->setPlainText(u"thrown away"_s);
    m_answers = {QMessageBox::Discard};
    list->setCurrentRow(1);
    QCOMPARE(m_window->profileList()->currentId(), other.id);
    QVERIFY(!readFile(m_fixture->store->path()).contains("thrown away"));

    // Closing the window asks too.
    editor->notesEdit()->setPlainText(u"last words"_s);
    m_answers = {QMessageBox::Cancel};
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());
    m_answers = {QMessageBox::Save};
    QVERIFY(m_window->close());
    QVERIFY(readFile(m_fixture->store->path()).contains("last words"));
}

void tst_Profiles::secretLivesInTheKeychainAndFollowsTheProfile()
{
    const Profile profile = addProfile(u"Basic client"_s, m_provider.basicClient, u"client_secret_basic"_s);
    ProfileEditor* editor = m_window->profileEditor();
    QTRY_VERIFY(editor->secretStateLabel()->text().startsWith(u"Not stored"));
    const QString secret = m_provider.basicClient.value(u"client_secret").toString();
    editor->secretEdit()->setText(secret);
    QTest::mouseClick(editor->storeSecretButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(editor->secretStateLabel()->text(), u"Stored in the OS keychain."_s, 15'000);
    QVERIFY(editor->secretEdit()->text().isEmpty());
    const QString key = ProfileSecrets::keyFor(profile.id, ProfileSecrets::Kind::ClientSecret);
    QVERIFY2(secretToolListing(m_service).contains(key.toUtf8()), secretToolListing(m_service).constData());
    // The token step has it, from the keychain.
    QTRY_COMPARE(m_window->tokenPanel()->secretEdit()->text(), secret);
    QVERIFY(!everythingOnDisk().contains(secret.toUtf8()));
    editor->groups()->setCurrentIndex(1); // Client
    screenshot(u"profile-keychain"_s);

    // Rename in the list (F2): the entry stays with the profile.
    QListWidget* list = m_window->profileList()->listWidget();
    list->currentItem()->setText(u"Basic client (renamed)"_s);
    QTRY_COMPARE(m_window->profileList()->visibleNames(),
                 (QStringList{u"Basic client (renamed)"_s, u"Local demo"_s}));
    QCOMPARE(editor->nameEdit()->text(), u"Basic client (renamed)"_s);
    QVERIFY(!editor->isDirty());
    const SecretState afterRename = awaitState(m_window->profileSecrets(), m_window->profiles().first(),
                                               ProfileSecrets::Kind::ClientSecret);
    QCOMPARE(afterRename.where, SecretState::Where::Keychain);
    QCOMPARE(afterRename.secret, Secret::fromString(secret));
    // A name that is taken is refused and the list shows the old one again.
    list->currentItem()->setText(u"local DEMO"_s);
    QVERIFY(m_window->notice()->text().contains(u"already called"));
    QCOMPARE(list->currentItem()->text(), u"Basic client (renamed)"_s);

    // Duplicate: a new profile with its own copy of the secret.
    QTest::mouseClick(m_window->profileList()->duplicateButton(), Qt::LeftButton);
    QTRY_COMPARE(m_window->profiles().size(), 3);
    const Profile copy = *std::find_if(m_window->profiles().cbegin(), m_window->profiles().cend(),
                                       [](const Profile& p) { return p.name.endsWith(u"(copy)"); });
    QVERIFY(copy.id != profile.id);
    QTRY_VERIFY(secretToolListing(m_service).contains(copy.id.toUtf8()));

    // Delete: the profile's entries leave the keychain; the copy's stay.
    m_window->profileList()->select(profile.id);
    m_answers = {QMessageBox::Yes};
    m_window->deleteProfile(profile.id);
    QTRY_VERIFY(m_window->notice()->text().contains(u"and its keychain entries"));
    const QByteArray listing = secretToolListing(m_service);
    QVERIFY(!listing.contains(profile.id.toUtf8()));
    QVERIFY(listing.contains(copy.id.toUtf8()));
    m_window->deleteProfile(copy.id); // no answer left: Cancel
    m_answers = {QMessageBox::Yes};
    m_window->deleteProfile(copy.id);
    QTRY_VERIFY(!secretToolListing(m_service).contains(copy.id.toUtf8()));
}

void tst_Profiles::aSecretTypedBeforeSaveIsStored()
{
    // New profile → Confidential → the secret typed → Save: the secret goes to the keychain with the save,
    // instead of being cleared from the field while the keychain line says "Not stored".
    m_window->newProfile();
    ProfileEditor* editor = m_window->profileEditor();
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(m_provider.basicClient.value(u"client_id").toString());
    editor->clientTypeBox()->setCurrentIndex(editor->clientTypeBox()->findData(u"confidential"_s));
    editor->authMethodBox()->setCurrentIndex(editor->authMethodBox()->findData(u"client_secret_basic"_s));
    const QString secret = m_provider.basicClient.value(u"client_secret").toString();
    editor->secretEdit()->setText(secret);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(!editor->isDirty(), qPrintable(editor->banner()->text()));
    QTRY_COMPARE_WITH_TIMEOUT(editor->secretStateLabel()->text(), u"Stored in the OS keychain."_s, 15'000);
    QVERIFY2(editor->banner()->text().contains(u"client secret"), qPrintable(editor->banner()->text()));
    QVERIFY(editor->secretEdit()->text().isEmpty());
    const QString key = ProfileSecrets::keyFor(editor->profile().id, ProfileSecrets::Kind::ClientSecret);
    QVERIFY2(secretToolListing(m_service).contains(key.toUtf8()), secretToolListing(m_service).constData());
    QTRY_COMPARE(m_window->tokenPanel()->secretEdit()->text(), secret);
    QVERIFY(!everythingOnDisk().contains(secret.toUtf8()));

    // A public client has no secret: one typed anyway is not kept, and the message says so.
    editor->clientTypeBox()->setCurrentIndex(editor->clientTypeBox()->findData(u"public"_s));
    editor->secretEdit()->setEnabled(true); // as if typed before the type changed
    editor->secretEdit()->setText(u"typed-for-nothing"_s);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(editor->banner()->text().contains(u"not stored"), qPrintable(editor->banner()->text()));
    QVERIFY(!secretToolListing(m_service).contains("typed-for-nothing"));
}

void tst_Profiles::fillFromDiscovery()
{
    m_window->newProfile();
    ProfileEditor* editor = m_window->profileEditor();
    QTest::mouseClick(editor->fillButton(), Qt::LeftButton);
    QVERIFY(editor->banner()->text().startsWith(u"Enter the issuer first"));
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    QTest::mouseClick(editor->fillButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->banner()->text().startsWith(u"Filled "), 15'000);
    QCOMPARE(editor->endpointEdit(u"token_endpoint"_s)->text(), m_provider.issuer + u"/token");
    QCOMPARE(editor->endpointEdit(u"jwks_uri"_s)->text(), m_provider.issuer + u"/jwks");
    QVERIFY(editor->isDirty());
    // A second time there is nothing left to fill.
    QTest::mouseClick(editor->fillButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->banner()->text().startsWith(u"Nothing to fill"), 15'000);
}

void tst_Profiles::filterAsYouType()
{
    addProfile(u"Staging EU"_s, m_provider.publicClient, u"none"_s);
    addProfile(u"Staging US"_s, m_provider.postClient, u"client_secret_post"_s);
    QLineEdit* filter = m_window->profileList()->filterEdit();
    QTest::keyClicks(filter, u"stag"_s);
    QCOMPARE(m_window->profileList()->visibleNames(), (QStringList{u"Staging EU"_s, u"Staging US"_s}));
    filter->clear();
    QTest::keyClicks(filter, u"debugger-post"_s); // the client_id counts too
    QCOMPARE(m_window->profileList()->visibleNames(), QStringList{u"Staging US"_s});
    filter->clear();
    QTest::keyClicks(filter, u"zzz"_s);
    QVERIFY(m_window->profileList()->visibleNames().isEmpty());
    QVERIFY(m_window->profileList()->hintLabel()->isVisible());
    QCOMPARE(m_window->profileList()->hintLabel()->text(), u"No profile matches \"zzz\"."_s);
    filter->clear();
    QCOMPARE(m_window->profileList()->visibleNames().size(), 3);
}

void tst_Profiles::importShowsConflicts()
{
    const Profile basic = addProfile(u"Basic"_s, m_provider.basicClient, u"client_secret_basic"_s);
    QTemporaryDir exports;
    const QString file = exports.filePath(u"shared.json"_s);
    m_window->exportTo({basic.id, u"local-demo"_s}, file);
    QVERIFY2(m_window->notice()->text().contains(u"Exported 2 profile(s)") &&
                 m_window->notice()->text().contains(u"1 need(s) a secret"),
             qPrintable(m_window->notice()->text()));
    const QByteArray exported = readFile(file);
    QVERIFY(exported.contains("\"secretRequired\": true"));
    QVERIFY(!exported.contains("plainFileFallback"));

    // Importing the same file here: both clash; rename one, keep the other.
    m_window->importFile(file);
    ImportDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ImportDialog*>()) != nullptr);
    QCOMPARE(dialog->imported().conflicts.size(), 2);
    QCOMPARE(dialog->resolution(0), ProfileTransfer::Resolution::Rename); // nothing lost by default
    const int basicRow = dialog->imported().conflicts.at(0).incoming.name == u"Basic" ? 0 : 1;
    dialog->setResolution(1 - basicRow, ProfileTransfer::Resolution::Keep);
    dialog->accept();
    QTRY_COMPARE(m_window->profileList()->visibleNames(),
                 (QStringList{u"Basic"_s, u"Basic (2)"_s, u"Local demo"_s}));
    QVERIFY2(m_window->notice()->text().startsWith(u"Imported 1 profile(s)") &&
                 m_window->notice()->text().contains(u"need(s) a client secret"),
             qPrintable(m_window->notice()->text()));

    // A file carrying a secret is refused whole, with the reason.
    QFile bad(exports.filePath(u"bad.json"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"name": "Leaky", "issuer": "https://a.example", "clientId": "c", "clientSecret": "x"})");
    bad.close();
    m_window->importFile(bad.fileName());
    QVERIFY(m_window->notice()->text().contains(u"Nothing was imported"));
    QVERIFY(m_window->notice()->text().contains(u"secrets are never imported"));
    QCOMPARE(m_window->profiles().size(), 3);
}

void tst_Profiles::fullFlowLeavesNoSecretOnDisk()
{
    addProfile(u"Flow"_s, m_provider.basicClient, u"client_secret_basic"_s);
    ProfileEditor* editor = m_window->profileEditor();
    editor->keepRefreshBox()->setChecked(true);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY(!editor->isDirty());
    const QString secret = m_provider.basicClient.value(u"client_secret").toString();
    editor->secretEdit()->setText(secret);
    QTest::mouseClick(editor->storeSecretButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(editor->secretStateLabel()->text(), u"Stored in the OS keychain."_s, 15'000);

    // The whole flow: discovery, browser, callback, code exchange with HTTP Basic.
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    TokenPanel* tokens = m_window->tokenPanel();
    QTRY_COMPARE(tokens->secretEdit()->text(), secret);
    authorization->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    m_window->showStep(authorization);
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(authorization->banner()->text() % u" / " % tokens->banner()->text()),
                              30'000);
    QVERIFY(tokens->explainer()->text().startsWith(u"client_secret_basic"));
    const TokenSet issued = tokens->tokens();
    QVERIFY(!issued.refreshToken.isEmpty() && !issued.idToken.isEmpty());
    const Profile saved = m_window->profiles().first();
    QTRY_COMPARE(awaitState(m_window->profileSecrets(), saved, ProfileSecrets::Kind::RefreshToken).secret,
                 issued.refreshToken);

    // What a user might attach to a ticket or commit: none of it holds a credential.
    QTemporaryDir exports;
    QString error;
    QVERIFY2(m_window->trafficPanel()->exportTo(exports.filePath(u"traffic.txt"_s), &error),
             qPrintable(error));
    m_window->exportTo({saved.id}, exports.filePath(u"profiles.json"_s));
    const QByteArray onDisk = everythingOnDisk() + readFile(exports.filePath(u"traffic.txt"_s)) +
                              readFile(exports.filePath(u"profiles.json"_s));
    QVERIFY(readFile(exports.filePath(u"traffic.txt"_s)).contains("POST /token HTTP/1.1"));
    const QList<QByteArray> credentials{secret.toUtf8(), secret.toUtf8().toBase64(),
                                        issued.accessToken.reveal(), issued.refreshToken.reveal(),
                                        issued.idToken.reveal()};
    for (const QByteArray& credential : credentials)
        QVERIFY2(!onDisk.contains(credential), "a credential reached the disk");
    QVERIFY(!QFile::exists(m_window->profileSecrets()->plainFilePath()));

    // Next start: the kept refresh token is ready, and it works.
    openWindow();
    QCOMPARE(m_window->profileList()->currentId(), saved.id); // "Flow" sorts first
    tokens = m_window->tokenPanel();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->refreshButton()->isEnabled(), 15'000);
    QVERIFY(tokens->banner()->text().contains(u"refresh token kept from an earlier run"));
    m_window->discoveryPanel()->discover();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->discoveryPanel()->banner()->text().contains(u"passed the checks"),
                             15'000);
    QTest::mouseClick(tokens->refreshButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"rotated"),
                              qPrintable(tokens->banner()->text()), 15'000);
}

void tst_Profiles::corruptFileIsSetAside()
{
    QFile file(m_fixture->config.filePath(u"profiles.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"schema\": 1, \"profiles\": [ {\"name\": ");
    file.close();
    openWindow();
    QVERIFY2(m_window->notice()->text().contains(u"could not be used") &&
                 m_window->notice()->text().contains(u"kept untouched"),
             qPrintable(m_window->notice()->text()));
    QVERIFY(m_window->notice()->isVisible());
    QVERIFY(m_window->profiles().isEmpty());
    const QStringList aside = QDir(m_fixture->config.path()).entryList({u"profiles.json.unreadable-*"_s});
    QCOMPARE(aside.size(), 1);
    QCOMPARE(readFile(m_fixture->config.filePath(aside.first())),
             QByteArray("{\"schema\": 1, \"profiles\": [ {\"name\": "));
}

void tst_Profiles::typedSecretWithoutKeychain()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_EXPECT_NO_DBUS"))
        QSKIP("runs only as tst_profiles.no_dbus");
    const Profile profile = addProfile(u"No keychain"_s, m_provider.basicClient, u"client_secret_basic"_s);
    ProfileEditor* editor = m_window->profileEditor();
    QTRY_VERIFY_WITH_TIMEOUT(editor->secretStateLabel()->text().contains(u"no D-Bus session"), 15'000);
    const QString secret = m_provider.basicClient.value(u"client_secret").toString();
    editor->secretEdit()->setText(secret);
    QTest::mouseClick(editor->storeSecretButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->secretStateLabel()->text().contains(u"for this run only"), 15'000);
    QVERIFY(!QFile::exists(m_window->profileSecrets()->plainFilePath()));
    QVERIFY(!everythingOnDisk().contains(secret.toUtf8()));
    editor->groups()->setCurrentIndex(1); // Client
    screenshot(u"profile-no-keychain"_s);

    // The run still works with it: client credentials with HTTP Basic.
    TokenPanel* tokens = m_window->tokenPanel();
    QTRY_COMPARE(tokens->secretEdit()->text(), secret);
    m_window->discoveryPanel()->discover();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->discoveryPanel()->banner()->text().contains(u"passed the checks"),
                             15'000);
    tokens->clientCredentials();
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text()), 15'000);

    // The plain-file opt-in, and the profile shows it.
    QVERIFY(!editor->plainFileBadge()->isVisible());
    editor->plainFileBox()->setChecked(true);
    QVERIFY(editor->plainFileBadge()->isVisible());
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    editor->secretEdit()->setText(secret);
    QTest::mouseClick(editor->storeSecretButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(editor->secretStateLabel()->text().contains(u"plain file"), 15'000);
    QCOMPARE(QFile(m_window->profileSecrets()->plainFilePath()).permissions() &
                 ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(!readFile(m_fixture->store->path()).contains(secret.toUtf8())); // never in the profiles file
    m_answers = {QMessageBox::Yes};
    m_window->deleteProfile(profile.id);
    QTRY_VERIFY(!QFile::exists(m_window->profileSecrets()->plainFilePath()));
}

QTEST_MAIN(tst_Profiles)
#include "tst_profiles.moc"
