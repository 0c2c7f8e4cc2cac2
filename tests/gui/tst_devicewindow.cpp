// The device grant (RFC 8628) in the window against the test provider: the user code large, the QR code of
// the complete URI (decoded by zbarimg, a decoder that did not make it), the scripted browser as the user on
// another device typing the code at verification_uri, the tokens in the Token step; and Cancel stopping the
// polls.
#include "Banner.h"
#include "DevicePanel.h"
#include "FlowTimeline.h"
#include "ProfileEditor.h"
#include "ProviderInfo.h"
#include "TokenPanel.h"
#include "WindowFixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QUuid>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

class tst_DeviceWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aCodeIsShownAndSignedInElsewhere();
    void cancelStopsThePolls();
    void aDeviceProfilesNextStepIsTheDeviceGrant();
    void theEditorOffersTheServersGrantsFirst();

private:
    void newDeviceProfile(MainWindow* window) const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_DeviceWindow::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
}

void tst_DeviceWindow::newDeviceProfile(MainWindow* window) const
{
    window->newProfile();
    ProfileEditor* editor = window->profileEditor();
    editor->nameEdit()->setText(QStringLiteral("TV app"));
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(QStringLiteral("debugger-device"));
    editor->clientTypeBox()->setCurrentIndex(editor->clientTypeBox()->findData(QStringLiteral("public")));
    editor->scopesEdit()->setText(QStringLiteral("openid offline_access"));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
}

void tst_DeviceWindow::aCodeIsShownAndSignedInElsewhere()
{
    WindowFixture fixture(u"OAuth2 Debugger device test " %
                          QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    window->resize(1280, 800);
    newDeviceProfile(window);
    QVERIFY2(!window->profileEditor()->isDirty(), qPrintable(window->profileEditor()->banner()->text()));

    DevicePanel* device = window->devicePanel();
    window->showStep(device);
    QVERIFY(device->startButton()->isEnabled() && !device->cancelButton()->isEnabled());
    QTest::mouseClick(device->startButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(!device->device().userCode.isEmpty(), qPrintable(device->banner()->text()),
                              15'000);
    const DeviceAuthorization issued = device->device();
    QCOMPARE(device->userCodeLabel()->text(), issued.userCode);
    QVERIFY(device->userCodeLabel()->font().pointSize() >= 24);
    QVERIFY(device->uriLabel()->text().contains(issued.verificationUri.toString()));
    QVERIFY(device->cancelButton()->isEnabled() && device->openButton()->isEnabled());
    QTRY_VERIFY(device->countdownLabel()->text().startsWith(u"Expires in 9:"));
    QVERIFY(issued.deviceCode.isEmpty()); // the view never holds the credential
    // The timeline: the device step instead of the browser's, before the token's.
    QStringList rows;
    for (int i = 0; i < window->timeline()->count(); ++i)
        rows << window->timeline()->item(i)->text();
    const auto at = [&rows](const QString& title) {
        for (qsizetype i = 0; i < rows.size(); ++i)
            if (rows.at(i) == title || rows.at(i).startsWith(title + u' '))
                return i;
        return qsizetype(-1);
    };
    QVERIFY2(at(QStringLiteral("Device authorization")) >= 0 &&
                 at(QStringLiteral("Device authorization")) < at(QStringLiteral("Token")) &&
                 at(QStringLiteral("Callback")) < 0 && at(QStringLiteral("Authorization request")) < 0,
             qPrintable(rows.join(u'|')));

    // The QR code, as painted, decodes to the complete URI.
    const QString png = m_dir.filePath(QStringLiteral("device-qr.png"));
    QVERIFY(device->qrLabel()->pixmap().save(png));
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), png});
    QVERIFY(zbar.waitForFinished(30'000));
    QCOMPARE(QString::fromUtf8(zbar.readAllStandardOutput().trimmed()),
             issued.verificationUriComplete.toString());
    WindowFixture::screenshot(window, QStringLiteral("device-code"));

    // The user, on another device, types the code at verification_uri.
    QProcess browser;
    browser.start(QStringLiteral("node"),
                  {QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER), QStringLiteral("--quiet"),
                   QStringLiteral("--user-code"), issued.userCode, issued.verificationUri.toString()});
    QVERIFY(browser.waitForFinished(30'000));
    QCOMPARE(browser.readAllStandardOutput().trimmed(), QByteArray("200 Sign-in Success"));
    QTRY_VERIFY2_WITH_TIMEOUT(device->banner()->text().startsWith(u"Signed in"),
                              qPrintable(device->banner()->text()), 15'000);
    QVERIFY(!device->cancelButton()->isEnabled() && device->startButton()->isEnabled());
    TokenPanel* tokens = window->tokenPanel();
    QTRY_VERIFY(!tokens->tokens().accessToken.isEmpty());
    QVERIFY(!tokens->tokens().refreshToken.isEmpty() && !tokens->tokens().idToken.isEmpty());
}

void tst_DeviceWindow::cancelStopsThePolls()
{
    WindowFixture fixture(u"OAuth2 Debugger device test " %
                          QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    newDeviceProfile(window);
    DevicePanel* device = window->devicePanel();
    window->showStep(device);
    device->start();
    QTRY_VERIFY_WITH_TIMEOUT(device->cancelButton()->isEnabled() && !device->device().userCode.isEmpty(),
                             15'000);
    QTest::mouseClick(device->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY2(device->banner()->text().contains(u"Cancelled"), qPrintable(device->banner()->text()));
    QVERIFY(device->startButton()->isEnabled() && !device->cancelButton()->isEnabled());
    QVERIFY(window->tokenPanel()->tokens().accessToken.isEmpty());
}

void tst_DeviceWindow::aDeviceProfilesNextStepIsTheDeviceGrant()
{
    WindowFixture fixture(u"OAuth2 Debugger device test " %
                          QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    newDeviceProfile(window);
    ProfileEditor* editor = window->profileEditor();
    editor->grantBox()->setCurrentIndex(editor->grantBox()->findData(QStringLiteral("device_code")));
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(!editor->isDirty(), qPrintable(editor->banner()->text()));
    QAction* next = window->nextAction();
    QTRY_VERIFY2(next->text().startsWith(u"Next: Discover"), qPrintable(next->text()));
    next->trigger();
    // Discovered: a TV app's next step is a user code, not a browser sign-in on this machine.
    QTRY_VERIFY2_WITH_TIMEOUT(next->text().startsWith(u"Next: Sign in on another device"),
                              qPrintable(next->text()), 15'000);
    next->trigger();
    DevicePanel* device = window->devicePanel();
    QTRY_VERIFY2_WITH_TIMEOUT(!device->device().userCode.isEmpty(), qPrintable(device->banner()->text()),
                              15'000);
    QTest::mouseClick(device->cancelButton(), Qt::LeftButton);
}

void tst_DeviceWindow::theEditorOffersTheServersGrantsFirst()
{
    WindowFixture fixture(u"OAuth2 Debugger device test " %
                          QUuid::createUuid().toString(QUuid::WithoutBraces));
    MainWindow* window = fixture.open(m_provider.issuer);
    newDeviceProfile(window);
    ProfileEditor* editor = window->profileEditor();
    // The grant_types_supported glewlwyd 2.7 publishes with its device authorization on (a shape here: the
    // window test needs no second server for a list).
    editor->setServerMetadata(
        QJsonObject{{QStringLiteral("grant_types_supported"),
                     QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("implicit"),
                                QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")}}});
    QStringList items;
    for (int i = 0; i < editor->grantBox()->count(); ++i)
        items << editor->grantBox()->itemData(i).toString() %
                     (editor->grantBox()->itemText(i).contains(u"not listed") ? u" (not listed)"_s
                                                                              : QString());
    QCOMPARE(items, (QStringList{u"authorization_code"_s, u"device_code"_s, u"implicit"_s, u"hybrid"_s,
                                 u"client_credentials (not listed)"_s, u"token_exchange (not listed)"_s,
                                 u"jwt_bearer (not listed)"_s, u"password (not listed)"_s}));
    QCOMPARE(editor->grantBox()->currentData().toString(), QStringLiteral("authorization_code")); // kept
}

QTEST_MAIN(tst_DeviceWindow)
#include "tst_devicewindow.moc"
