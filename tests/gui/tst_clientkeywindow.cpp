// A private_key_jwt client in the window, against the test provider and a real Secret Service: the editor's
// key row (generate, import, replace only when the user says so, the public key to register), the token
// step signing with the keychain's key and showing what it signed, and no key material on disk; the methods
// the server lists first; a code exchange refused for want of a secret said in the token step.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "CliProcess.h"
#include "ClientKeyField.h"
#include "DiscoveryPanel.h"
#include "FindingsView.h"
#include "FlowTimeline.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "ProviderInfo.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "WindowFixture.h"
#include "profiles/ProfileSecrets.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QToolButton>
#include <QUuid>

using namespace oauth2dbg;

class tst_ClientKeyWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aKeyIsMadeImportedAndUsed();
    void theServersMethodsComeFirst();
    void aSignInWithoutTheClientsSecretSaysSo();

private:
    ProviderInfo m_provider;
    QTemporaryDir m_dir;
    QStringList m_questions;
};

void tst_ClientKeyWindow::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
}

void tst_ClientKeyWindow::aKeyIsMadeImportedAndUsed()
{
    WindowFixture fixture(u"OAuth2 Debugger key test " % QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    window->resize(1280, 800);
    QList<QMessageBox::StandardButton> answers;
    window->setAsk([this, &answers](const QString& question, QMessageBox::StandardButtons) {
        m_questions << question;
        return answers.isEmpty() ? QMessageBox::Cancel : answers.takeFirst();
    });

    // A confidential client on private_key_jwt: the key row replaces the secret's.
    const QString id = QStringLiteral("debugger-pkjwt-es256");
    window->newProfile();
    ProfileEditor* editor = window->profileEditor();
    editor->nameEdit()->setText(QStringLiteral("Keyed client"));
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(id);
    editor->scopesEdit()->setText(QStringLiteral("openid"));
    editor->clientTypeBox()->setCurrentIndex(
        editor->clientTypeBox()->findData(QStringLiteral("confidential")));
    editor->authMethodBox()->setCurrentIndex(
        editor->authMethodBox()->findData(QStringLiteral("private_key_jwt")));
    QVERIFY2(editor->authMethodBox()->currentData().toString() == u"private_key_jwt",
             "the method is offered");
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(!editor->isDirty(), qPrintable(editor->banner()->text()));
    window->showStep(editor);
    editor->groups()->setCurrentIndex(1); // Client
    ClientKeyField* key = editor->clientKeyField();
    QTRY_VERIFY(key->isVisible()); // the tabs show once the editor is laid out
    QVERIFY(!editor->secretEdit()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(key->stateLabel()->text().startsWith(u"No key yet"), 15'000);
    QVERIFY(!key->publicKeyButton()->isEnabled());

    // Generated here: into the keychain, its public half shown.
    key->generate(SigningKey::Type::EcP256);
    QTRY_VERIFY_WITH_TIMEOUT(key->stateLabel()->text().endsWith(u"in the OS keychain"), 15'000);
    QVERIFY2(key->stateLabel()->text().startsWith(u"EC P-256 key, kid "),
             qPrintable(key->stateLabel()->text()));
    const QString made = key->kid();
    QCOMPARE(made.size(), 43);
    QVERIFY(m_questions.isEmpty()); // nothing was stored before: nothing to ask

    // A device or a FIFO is not read (it would never end): said at once, the made key kept.
    key->importFile(QStringLiteral("/dev/zero"));
    QVERIFY2(key->stateLabel()->text().contains(u"/dev/zero is not a regular file"),
             qPrintable(key->stateLabel()->text()));
    QCOMPARE(key->kid(), made);

    // The key the server holds, imported over it: asked first; Cancel keeps the made one.
    const QString pem = m_provider.privateKeyFile(id, m_dir.path());
    key->importFile(pem);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY2(m_questions.first().contains(made), qPrintable(m_questions.first()));
    QCOMPARE(key->kid(), made);
    answers = {QMessageBox::Yes};
    key->importFile(pem);
    const QString registered = m_provider.clients.value(id)
                                   .value(u"jwks")
                                   .toObject()
                                   .value(u"keys")
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(u"kid")
                                   .toString();
    QTRY_COMPARE_WITH_TIMEOUT(key->kid(), registered, 15'000);
    QVERIFY2(editor->banner()->text().contains(u"imported from debugger-pkjwt-es256.pem"),
             qPrintable(editor->banner()->text()));

    // The public key to register: the JWKS, public members only.
    QTest::mouseClick(key->publicKeyButton(), Qt::LeftButton);
    auto* dialog = key->findChild<QDialog*>(QStringLiteral("publicKeyDialog"));
    QVERIFY(dialog && dialog->isVisible());
    const QString shown = dialog->findChild<QPlainTextEdit*>()->toPlainText();
    const QJsonObject jwks = QJsonDocument::fromJson(shown.toUtf8()).object();
    const QJsonObject jwk = jwks.value(u"keys").toArray().at(0).toObject();
    QCOMPARE(jwk.value(u"kid").toString(), registered);
    QCOMPARE(jwk.value(u"kty").toString(), QStringLiteral("EC"));
    QVERIFY(!jwk.contains(u"d"));
    for (QPushButton* button : dialog->findChildren<QPushButton*>())
        if (button->text() == u"Copy JWKS")
            button->click();
    QCOMPARE(QApplication::clipboard()->text(), shown);
    WindowFixture::screenshot(dialog, QStringLiteral("public-key"));
    dialog->close();
    WindowFixture::screenshot(window, QStringLiteral("client-key"));

    // The token step signs with the keychain's key and shows what it signed.
    DiscoveryPanel* discovery = window->discoveryPanel();
    discovery->issuerEdit()->setText(m_provider.issuer);
    QTest::mouseClick(discovery->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!discovery->lastResult().metadata.isEmpty(), 15'000);
    TokenPanel* tokens = window->tokenPanel();
    window->showStep(tokens);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->secretStateLabel()->text().startsWith(u"signs with the EC P-256 key"),
                             15'000);
    QVERIFY(!tokens->secretEdit()->isVisible());
    tokens->clientCredentials();
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text()), 15'000);
    WindowFixture::screenshot(window, QStringLiteral("client-key-token"));
    const QString explained = tokens->explainer()->text();
    QVERIFY2(explained.startsWith(u"private_key_jwt") &&
                 explained.contains(u"Signed ES256 with the client's EC P-256 key, kid " % registered) &&
                 explained.contains(u"\"iss\":\"" % id % u'"'),
             qPrintable(explained));

    // A signed request object (JAR) with the same key: a row of its own, before the browser's.
    AuthorizationPanel* authorization = window->authorizationPanel();
    window->showStep(authorization);
    authorization->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    authorization->options()->signedBox()->setChecked(true);
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received") &&
                                  !tokens->tokens().idToken.isEmpty(),
                              qPrintable(authorization->banner()->text()), 30'000);
    QStringList rows;
    for (int i = 0; i < window->timeline()->count(); ++i)
        rows << window->timeline()->item(i)->text();
    const qsizetype signedRow =
        rows.indexOf(QRegularExpression(QStringLiteral("^Request object — ES256 with .*")));
    QVERIFY2(signedRow > 0 && rows.at(signedRow + 1).startsWith(u"Browser consent"),
             qPrintable(rows.join(u'|')));

    // The key lives in the keychain only.
    const QByteArray disk = filesUnder(fixture.config.path());
    QVERIFY(disk.contains("private_key_jwt"));
    const QByteArray body =
        m_provider.clients.value(id).value(u"private_key_pem").toString().section(u'\n', 1, 1).toLatin1();
    QVERIFY(body.size() > 40);
    QVERIFY(!disk.contains(body) && !disk.contains("PRIVATE KEY"));
    const QByteArray d =
        m_provider.clients.value(id).value(u"private_key_jwk").toObject().value(u"d").toString().toLatin1();
    QVERIFY(d.size() > 30 && !disk.contains(d));
    // Nor in what a user attaches to a ticket: the traffic and the profile exported hold no key and no
    // assertion (it is a credential for as long as it lives).
    QTemporaryDir exports;
    QString error;
    QVERIFY2(window->trafficPanel()->exportTo(exports.filePath(QStringLiteral("traffic.txt")), &error),
             qPrintable(error));
    window->exportTo({window->profileList()->currentId()}, exports.filePath(QStringLiteral("profiles.json")));
    const QByteArray exported = filesUnder(exports.path());
    QVERIFY(exported.contains("private_key_jwt") && exported.contains("client_assertion="));
    QVERIFY(!exported.contains("client_assertion=ey") && !exported.contains("request=ey") &&
            !exported.contains(body) && !exported.contains("PRIVATE KEY") && !exported.contains(d));
}

void tst_ClientKeyWindow::theServersMethodsComeFirst()
{
    // The provider's RFC 8414 shape names no methods: client_secret_basic alone, by the RFC's default. The
    // token step lists it first, marks the others, and says so before a client_secret_post request is sent.
    WindowFixture fixture(u"OAuth2 Debugger key test " % QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    window->resize(1280, 800);
    DiscoveryPanel* discovery = window->discoveryPanel();
    discovery->issuerEdit()->setText(m_provider.issuer + u"/__shapes/oauth");
    QTest::mouseClick(discovery->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!discovery->lastResult().metadata.isEmpty(), 15'000);
    TokenPanel* tokens = window->tokenPanel();
    window->showStep(tokens);
    QComboBox* methods = tokens->methodBox();
    QTRY_COMPARE(methods->itemText(0), QStringLiteral("client_secret_basic"));
    QCOMPARE(methods->itemText(1), QStringLiteral("client_secret_post (not listed)"));
    methods->setCurrentIndex(methods->findData(int(ClientAuthMethod::ClientSecretPost)));
    QVERIFY(tokens->methodNote()->isVisible());
    QVERIFY2(tokens->methodNote()->text().contains(u"lists client_secret_basic for its token endpoint, not "
                                                   u"client_secret_post"),
             qPrintable(tokens->methodNote()->text()));
    methods->setCurrentIndex(methods->findData(int(ClientAuthMethod::ClientSecretBasic)));
    QVERIFY(!tokens->methodNote()->isVisible());
    // The provider's own metadata lists every method it takes: none is marked.
    discovery->issuerEdit()->setText(m_provider.issuer);
    QTest::mouseClick(discovery->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(
        discovery->lastResult().metadata.value(u"issuer").toString() == m_provider.issuer, 15'000);
    QTRY_VERIFY(methods->findText(QStringLiteral("client_secret_post")) >= 0);
    for (int i = 0; i < methods->count(); ++i)
        QVERIFY2(!methods->itemText(i).contains(u"not listed"), qPrintable(methods->itemText(i)));
}

void tst_ClientKeyWindow::aSignInWithoutTheClientsSecretSaysSo()
{
    // A confidential client whose secret is nowhere: the sign-in works, the code exchange is refused before
    // anything is sent, and the token step says why (not "Exchanging…" for ever).
    WindowFixture fixture(u"OAuth2 Debugger key test " % QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    window->newProfile();
    ProfileEditor* editor = window->profileEditor();
    editor->nameEdit()->setText(QStringLiteral("No secret"));
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(m_provider.postClient.value(u"client_id").toString());
    editor->scopesEdit()->setText(QStringLiteral("openid"));
    editor->clientTypeBox()->setCurrentIndex(
        editor->clientTypeBox()->findData(QStringLiteral("confidential")));
    editor->authMethodBox()->setCurrentIndex(
        editor->authMethodBox()->findData(QStringLiteral("client_secret_post")));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(!editor->isDirty(), qPrintable(editor->banner()->text()));
    AuthorizationPanel* authorization = window->authorizationPanel();
    authorization->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    window->showStep(authorization);
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    TokenPanel* tokens = window->tokenPanel();
    QTRY_VERIFY2_WITH_TIMEOUT(
        tokens->banner()->text().contains(u"client_secret_post needs the client secret"),
        qPrintable(tokens->banner()->text()), 30'000);
}

QTEST_MAIN(tst_ClientKeyWindow)
#include "tst_clientkeywindow.moc"
