// A mutual-TLS client (RFC 8705) in the window, against the test provider's https instance and a real Secret
// Service: the editor's certificate row (PKCS#12 with its passphrase, PEM with its key in another file, a
// replacement only when the user says so, what to register), the token step presenting the keychain's
// certificate at the server's mTLS alias and holding the JWT access token to it (cnf.x5t#S256), and no key
// material on disk.
#include "Banner.h"
#include "CliProcess.h"
#include "ClientCertificateField.h"
#include "DiscoveryPanel.h"
#include "FindingsView.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "ProviderInfo.h"
#include "TokenInspector.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "WindowFixture.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSslCertificate>
#include <QTabWidget>
#include <QUuid>

using namespace oauth2dbg;

class tst_ClientCertWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aCertificateIsImportedAndPresented();
    void aSelfSignedCertificateIsMadeHere();

private:
    // A saved confidential profile for `clientId` on `method` at the https instance, its Client tab shown;
    // null when it could not be saved.
    ProfileEditor* savedProfile(MainWindow* window, const QString& clientId, const QString& method) const;

    ProviderInfo m_provider;
};

void tst_ClientCertWindow::initTestCase()
{
    m_provider = ProviderInfo::load("OAUTH2DBG_PROVIDER_TLS_INFO");
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_provider.clients.contains(QStringLiteral("debugger-mtls-jwt")));
}

ProfileEditor* tst_ClientCertWindow::savedProfile(MainWindow* window, const QString& clientId,
                                                  const QString& method) const
{
    window->newProfile();
    ProfileEditor* editor = window->profileEditor();
    editor->nameEdit()->setText(clientId);
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->caFileEdit()->setText(m_provider.caFile);
    editor->clientIdEdit()->setText(clientId);
    editor->scopesEdit()->setText(QStringLiteral("openid"));
    editor->clientTypeBox()->setCurrentIndex(
        editor->clientTypeBox()->findData(QStringLiteral("confidential")));
    editor->authMethodBox()->setCurrentIndex(editor->authMethodBox()->findData(method));
    if (editor->authMethodBox()->currentData().toString() != method) {
        qWarning("%s is not offered", qPrintable(method));
        return nullptr;
    }
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    if (editor->isDirty()) {
        qWarning("not saved: %s", qPrintable(editor->banner()->text()));
        return nullptr;
    }
    window->showStep(editor);
    editor->groups()->setCurrentIndex(1); // Client
    return editor;
}

void tst_ClientCertWindow::aCertificateIsImportedAndPresented()
{
    WindowFixture fixture(u"OAuth2 Debugger certificate test " %
                          QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    window->resize(1280, 800);
    QStringList questions;
    QList<QMessageBox::StandardButton> answers;
    window->setAsk([&questions, &answers](const QString& question, QMessageBox::StandardButtons) {
        questions << question;
        return answers.isEmpty() ? QMessageBox::Cancel : answers.takeFirst();
    });

    const QString id = QStringLiteral("debugger-mtls-jwt");
    const QJsonObject client = m_provider.clients.value(id);
    const QJsonObject withP12 = m_provider.clients.value(QStringLiteral("debugger-mtls"));
    const QString certFile = client.value(u"cert_file").toString();
    const QSslCertificate certificate = QSslCertificate::fromPath(certFile).value(0);
    QVERIFY(!certificate.isNull());
    const QString thumbprint =
        QString::fromLatin1(QCryptographicHash::hash(certificate.toDer(), QCryptographicHash::Sha256)
                                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));

    // A confidential client on tls_client_auth: the certificate row replaces the secret's.
    ProfileEditor* editor = savedProfile(window, id, QStringLiteral("tls_client_auth"));
    QVERIFY(editor);
    ClientCertificateField* field = editor->clientCertificateField();
    QTRY_VERIFY(field->isVisible());
    QVERIFY(!editor->secretEdit()->isVisible());
    QVERIFY(!field->makeButton()->isVisible()); // a CA issues tls_client_auth's certificates
    QTRY_VERIFY_WITH_TIMEOUT(field->stateLabel()->text().startsWith(u"No certificate yet"), 15'000);

    // PKCS#12: a wrong passphrase says so and stores nothing; the right one stores certificate and key.
    QStringList passphrases{QStringLiteral("wrong"), withP12.value(u"p12_passphrase").toString()};
    QStringList keyFiles{client.value(u"key_file").toString()};
    field->setQuestions(
        [&keyFiles](const QString&) {
            return keyFiles.isEmpty() ? std::nullopt : std::optional<QString>(keyFiles.takeFirst());
        },
        [&passphrases](const QString&) {
            return passphrases.isEmpty() ? std::nullopt
                                         : std::optional<Secret>(Secret::fromString(passphrases.takeFirst()));
        });
    const QString p12 = withP12.value(u"p12_file").toString();
    field->importFile(p12);
    QVERIFY2(field->stateLabel()->text().contains(u"wrong passphrase"),
             qPrintable(field->stateLabel()->text()));
    field->importFile(p12);
    QTRY_VERIFY_WITH_TIMEOUT(field->stateLabel()->text().endsWith(u"in the OS keychain"), 15'000);
    QCOMPARE(field->stateLabel()->text(),
             QStringLiteral("CN=debugger-mtls, issued by CN=debugger test client CA — in the OS keychain"));
    QCOMPARE(field->thumbprint(), thumbprint);
    QVERIFY(questions.isEmpty());

    // Another certificate over it is asked first (Cancel keeps it); the same one as PEM with its key in
    // another file is not.
    const QJsonObject untrusted = m_provider.raw.value(u"untrustedClientCert").toObject();
    keyFiles = {untrusted.value(u"key_file").toString(), client.value(u"key_file").toString()};
    field->importFile(untrusted.value(u"cert_file").toString());
    QCOMPARE(questions.size(), 1);
    QVERIFY2(questions.first().contains(thumbprint), qPrintable(questions.first()));
    QCOMPARE(field->thumbprint(), thumbprint);
    field->importFile(certFile);
    QTRY_VERIFY2_WITH_TIMEOUT(editor->banner()->text().contains(u"client.pem with the key in client-key.pem"),
                              qPrintable(editor->banner()->text()), 15'000);
    QCOMPARE(questions.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(field->stateLabel()->text().endsWith(u"in the OS keychain"), 15'000);
    // What to register: the certificate's public parts, its x5c the certificate itself.
    QTest::mouseClick(field->certificateButton(), Qt::LeftButton);
    auto* dialog = field->findChild<QDialog*>(QStringLiteral("certificateDialog"));
    QVERIFY(dialog && dialog->isVisible());
    const QJsonObject jwk =
        QJsonDocument::fromJson(dialog->findChild<QPlainTextEdit*>()->toPlainText().toUtf8())
            .object()
            .value(u"keys")
            .toArray()
            .at(0)
            .toObject();
    QCOMPARE(QByteArray::fromBase64(jwk.value(u"x5c").toArray().at(0).toString().toLatin1()),
             certificate.toDer());
    QVERIFY(!jwk.contains(u"d"));
    for (QPushButton* button : dialog->findChildren<QPushButton*>())
        if (button->text() == u"Copy PEM")
            button->click();
    QCOMPARE(QApplication::clipboard()->text().toLatin1(), certificate.toPem());
    WindowFixture::screenshot(dialog, QStringLiteral("client-certificate-dialog"));
    dialog->close();
    WindowFixture::screenshot(window, QStringLiteral("client-certificate"));
    // A private key alone is not a certificate; what is stored stays, and is said.
    field->importFile(client.value(u"key_file").toString());
    QVERIFY2(field->stateLabel()->text().contains(u"holds no certificate") &&
                 field->stateLabel()->text().endsWith(u"The keychain still holds CN=debugger-mtls."),
             qPrintable(field->stateLabel()->text()));
    // A device or a FIFO is not read (it would never end): said at once.
    field->importFile(QStringLiteral("/dev/zero"));
    QVERIFY2(field->stateLabel()->text().contains(u"/dev/zero is not a regular file"),
             qPrintable(field->stateLabel()->text()));

    // The token step presents it at the mTLS alias; the JWT access token is bound to it.
    DiscoveryPanel* discovery = window->discoveryPanel();
    QTest::mouseClick(discovery->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(!discovery->lastResult().metadata.isEmpty(),
                              qPrintable(discovery->banner()->text()), 15'000);
    TokenPanel* tokens = window->tokenPanel();
    window->showStep(tokens);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->secretStateLabel()->text().startsWith(u"presents CN=debugger-mtls"),
                             15'000);
    QCOMPARE(tokens->methodBox()->currentText(), QStringLiteral("tls_client_auth"));
    QVERIFY(!tokens->secretEdit()->isVisible());
    tokens->clientCredentials();
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text()), 15'000);
    const QString explained = tokens->explainer()->text();
    QVERIFY2(
        explained.startsWith(u"tls_client_auth") &&
            explained.contains(u"Client certificate: CN=debugger-mtls, issued by CN=debugger test client "
                               u"CA, SHA-256 thumbprint " %
                               thumbprint),
        qPrintable(explained));
    TokenInspector* access = tokens->accessInspector();
    QTRY_VERIFY_WITH_TIMEOUT(access->verification().has_value(), 15'000);
    const QStringList rows = access->checksView()->rowTexts();
    QVERIFY2(rows.filter(u"x5t#S256").size() == 1 &&
                 rows.filter(u"x5t#S256").first() ==
                     u"OK Bound to the client certificate sent (x5t#S256 " % thumbprint % u").",
             qPrintable(rows.join(u'\n')));
    QVERIFY(access->verification()->verified());
    WindowFixture::screenshot(window, QStringLiteral("client-certificate-token"));

    // Certificate and key live in the keychain only.
    const QByteArray disk = filesUnder(fixture.config.path());
    QVERIFY(disk.contains("tls_client_auth"));
    QFile keyFile(client.value(u"key_file").toString());
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QByteArray keyLine = keyFile.readAll().split('\n').value(1);
    QVERIFY(keyLine.size() > 40);
    QVERIFY(!disk.contains(keyLine) && !disk.contains("PRIVATE KEY") && !disk.contains("BEGIN CERTIFICATE"));
    // Nor in the traffic and the profile exported: the certificate is named, its key is nowhere.
    QTemporaryDir exports;
    QString error;
    QVERIFY2(window->trafficPanel()->exportTo(exports.filePath(QStringLiteral("traffic.txt")), &error),
             qPrintable(error));
    window->exportTo({window->profileList()->currentId()}, exports.filePath(QStringLiteral("profiles.json")));
    const QByteArray exported = filesUnder(exports.path());
    QVERIFY(exported.contains("tls_client_auth") &&
            exported.contains("TLS client certificate offered in the handshake: CN=debugger-mtls"));
    QVERIFY(!exported.contains(keyLine) && !exported.contains("PRIVATE KEY"));
}

void tst_ClientCertWindow::aSelfSignedCertificateIsMadeHere()
{
    // self_signed_tls_client_auth: a certificate made here for CN=client_id. The server has not registered
    // it yet, so it refuses, and the token step says what to register.
    WindowFixture fixture(u"OAuth2 Debugger certificate test " %
                          QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    window->setAsk([](const QString&, QMessageBox::StandardButtons) { return QMessageBox::Cancel; });
    const QString id = QStringLiteral("debugger-mtls-self");
    ProfileEditor* editor = savedProfile(window, id, QStringLiteral("self_signed_tls_client_auth"));
    QVERIFY(editor);
    ClientCertificateField* field = editor->clientCertificateField();
    QTRY_VERIFY(field->makeButton()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(field->stateLabel()->text().startsWith(u"No certificate yet"), 15'000);
    QTest::mouseClick(field->makeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(field->stateLabel()->text().endsWith(u"in the OS keychain"), 15'000);
    QCOMPARE(field->stateLabel()->text(), u"CN=" % id % u", issued by CN=" % id % u" — in the OS keychain");
    const QString made = field->thumbprint();
    QCOMPARE(made.size(), 43);

    DiscoveryPanel* discovery = window->discoveryPanel();
    QTest::mouseClick(discovery->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!discovery->lastResult().metadata.isEmpty(), 15'000);
    TokenPanel* tokens = window->tokenPanel();
    window->showStep(tokens);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->secretStateLabel()->text().startsWith(u"presents CN=" % id), 15'000);
    tokens->clientCredentials();
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"invalid_client"),
                              qPrintable(tokens->banner()->text()), 15'000);
    const QString said = tokens->checksView()->rowTexts().join(u'\n');
    QVERIFY2(
        said.contains(u"The server does not hold this certificate: register it in the client's jwks (x5c) "
                      u"— its SHA-256 thumbprint is " %
                      made),
        qPrintable(said));
}

QTEST_MAIN(tst_ClientCertWindow)
#include "tst_clientcertwindow.moc"
