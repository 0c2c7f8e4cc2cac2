// The window against the second server (glewlwyd): a refused client's explanation where a user meets it, the
// Basic form chosen in the editor with its note before anything is sent, and the choice mending the refusal.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "DiscoveryPanel.h"
#include "FindingsView.h"
#include "ProfileEditor.h"
#include "ProviderInfo.h"
#include "TokenPanel.h"
#include "WindowFixture.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

using namespace oauth2dbg;

class tst_SecondServerWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theEditorSaysWhenTheBasicFormsDiffer();
    void aRefusedClientIsExplainedThenMended();
    void theRequestIsCheckedFromTheWindow();

private:
    ProviderInfo m_server;
};

void tst_SecondServerWindow::initTestCase()
{
    m_server = ProviderInfo::load("OAUTH2DBG_GLEWLWYD_INFO");
    QVERIFY2(m_server.error.isEmpty(), qPrintable(m_server.error));
}

void tst_SecondServerWindow::theEditorSaysWhenTheBasicFormsDiffer()
{
    ProfileEditor editor;
    Profile profile = Profile::localDemo(m_server.issuer);
    profile.clientId = QStringLiteral("plain-client");
    profile.clientType = QStringLiteral("confidential");
    profile.authMethod = QStringLiteral("client_secret_basic");
    editor.setProfile(profile);
    editor.show();
    QVERIFY(editor.basicFormBox()->isEnabled());
    QCOMPARE(editor.basicFormBox()->currentData().toString(), QStringLiteral("form-encoded"));
    editor.secretEdit()->setText(QStringLiteral("plain-secret"));
    QVERIFY(!!editor.basicFormNote()->isHidden()); // the forms agree: nothing to choose
    editor.secretEdit()->setText(QStringLiteral("p@ss:w+rd %"));
    QVERIFY(!editor.basicFormNote()->isHidden());
    QVERIFY2(editor.basicFormNote()->text().contains(u"choose Raw"),
             qPrintable(editor.basicFormNote()->text()));
    editor.basicFormBox()->setCurrentIndex(editor.basicFormBox()->findData(QStringLiteral("raw")));
    QVERIFY(editor.basicFormNote()->text().contains(u"RFC 6749 §2.3.1 will refuse it"));
    QCOMPARE(editor.profile().basicForm, QStringLiteral("raw"));
    // client_secret_post has no Basic header: the choice is off, and so is its note.
    editor.authMethodBox()->setCurrentIndex(
        editor.authMethodBox()->findData(QStringLiteral("client_secret_post")));
    QVERIFY(!editor.basicFormBox()->isEnabled());
    QVERIFY(!!editor.basicFormNote()->isHidden());
}

void tst_SecondServerWindow::aRefusedClientIsExplainedThenMended()
{
    WindowFixture fixture(QStringLiteral("OAuth2 Debugger second-server test"));
    MainWindow* window = fixture.open(m_server.issuer);
    window->resize(1280, 800);
    DiscoveryPanel* discovery = window->discoveryPanel();
    discovery->issuerEdit()->setText(m_server.issuer);
    QTest::mouseClick(discovery->discoverButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!discovery->lastResult().metadata.isEmpty(), 15'000);

    Profile profile = Profile::localDemo(m_server.issuer);
    profile.name = QStringLiteral("glewlwyd, Basic client");
    profile.clientId = m_server.basicClient.value(u"client_id").toString();
    profile.clientType = QStringLiteral("confidential");
    profile.authMethod = QStringLiteral("client_secret_basic");
    profile.scopes = QStringLiteral("openid");
    TokenPanel* tokens = window->tokenPanel();
    window->showStep(tokens);
    tokens->setProfile(profile);
    tokens->setDiscovery(discovery->lastResult());
    tokens->secretEdit()->setText(m_server.basicClient.value(u"client_secret").toString());
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"403"), 15'000);
    const QStringList rows = tokens->checksView()->rowTexts();
    const QString all = rows.join(u'\n');
    QVERIFY2(all.contains(u"The token endpoint refused the client: HTTP 403 with an empty body"),
             qPrintable(all));
    QVERIFY2(all.contains(u"Likely cause 1 of 4: The client_id or secret holds"), qPrintable(all));
    QVERIFY(all.contains(u"Try the raw Basic form"));
    WindowFixture::screenshot(window, QStringLiteral("refused-client"));

    // The profile's Basic form, as the first cause suggests: the same client is accepted.
    profile.basicForm = QStringLiteral("raw");
    tokens->updateProfile(profile);
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"), 15'000);
    QVERIFY(tokens->explainer()->text().contains(u"raw form"));
}

void tst_SecondServerWindow::theRequestIsCheckedFromTheWindow()
{
    // The local demo profile on this server: its public client, with a port chosen for each run, which
    // glewlwyd (matching ports too) refuses before any sign-in. No browser is started.
    WindowFixture fixture(QStringLiteral("OAuth2 Debugger second-server test"));
    MainWindow* window = fixture.open(m_server.issuer);
    window->resize(1280, 800);
    AuthorizationPanel* authorization = window->authorizationPanel();
    authorization->options()->browserCommandEdit()->setText(QStringLiteral("false"));
    window->showStep(authorization);
    QTest::mouseClick(authorization->checkButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(authorization->banner()->text().contains(u"Request check: refused"), 15'000);
    const QString banner = authorization->banner()->text();
    QVERIFY2(banner.contains(u"HTTP 403 with an empty body") && banner.contains(u"Likely cause 1 of 2") &&
                 banner.contains(u"loopback-fixed"),
             qPrintable(banner));
    const QString rows = authorization->checksView()->rowTexts().join(u'\n');
    QVERIFY2(rows.contains(u"Problem The server refused the request before any sign-in: HTTP 403") &&
                 rows.contains(u"Warning Likely cause 2 of 2: The server does not know the client_id"),
             qPrintable(rows));
    WindowFixture::screenshot(window, QStringLiteral("request-check"));
}

QTEST_MAIN(tst_SecondServerWindow)
#include "tst_secondserverwindow.moc"
