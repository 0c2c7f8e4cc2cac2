// The token endpoint's other grants in the window against the test provider (whose token exchange, JWT bearer
// and password grants are registered by tests/provider/grants.mjs, as the integration test says): the Other
// grant dialog from the Token step, the assertion shown decoded before it is sent, this run's access token
// traded, and the password grant behind its warning, its password found nowhere afterwards.
#include "ApiDialog.h"
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "CliProcess.h"
#include "DiscoveryPanel.h"
#include "FindingsView.h"
#include "FlowTimeline.h"
#include "GrantDialog.h"
#include "ProfileEditor.h"
#include "ProviderInfo.h"
#include "TokenInspector.h"
#include "TokenInspectorTabs.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "WindowFixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QUuid>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

class tst_GrantWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void theAssertionIsShownBeforeItIsSent();
    void thisRunsAccessTokenIsExchanged();
    void thePasswordGrantWarnsAndKeepsNothing();
    void aHybridSignInVerifiesTheFrontChannelFirst();
    void signOutComesBackToTheListener();
    void aPushedRequestIsAStepOfItsOwn();
    void aDpopSignInShowsItsProofs();
    void authorizationDetailsAreCheckedAsTyped();

private:
    // The Token step on a profile for `clientId`, discovered, with the client's secret typed in.
    TokenPanel* tokenStep(const QString& clientId, const QString& method, bool dpop = false);
    [[nodiscard]] QStringList timelineRows() const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
    std::unique_ptr<WindowFixture> m_fixture;
    MainWindow* m_window = nullptr;
};

void tst_GrantWindow::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
}

void tst_GrantWindow::init()
{
    m_fixture = std::make_unique<WindowFixture>(u"OAuth2 Debugger grant test " %
                                                QUuid::createUuid().toString(QUuid::WithoutBraces));
    m_window = m_fixture->open(m_provider.issuer);
    m_window->resize(1280, 800);
}

void tst_GrantWindow::cleanup()
{
    m_fixture.reset();
}

TokenPanel* tst_GrantWindow::tokenStep(const QString& clientId, const QString& method, bool dpop)
{
    // A saved profile, as a user makes it; the secret typed in the Token step, for this run only.
    m_window->newProfile();
    ProfileEditor* editor = m_window->profileEditor();
    editor->nameEdit()->setText(clientId);
    editor->issuerEdit()->setText(m_provider.issuer);
    editor->localServerBox()->setChecked(true);
    editor->clientIdEdit()->setText(clientId);
    editor->clientTypeBox()->setCurrentIndex(editor->clientTypeBox()->findData(
        method == u"none" ? QStringLiteral("public") : QStringLiteral("confidential")));
    editor->authMethodBox()->setCurrentIndex(editor->authMethodBox()->findData(method));
    editor->scopesEdit()->setText(QStringLiteral("openid"));
    editor->dpopBox()->setChecked(dpop);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    [&] {
        QVERIFY2(!editor->isDirty(), qPrintable(editor->banner()->text()));
    }();
    DiscoveryPanel* discovery = m_window->discoveryPanel();
    m_window->showStep(discovery);
    QTest::mouseClick(discovery->discoverButton(), Qt::LeftButton);
    [&] {
        QTRY_VERIFY_WITH_TIMEOUT(discovery->banner()->text().contains(u"passed the checks"), 15'000);
    }();
    TokenPanel* tokens = m_window->tokenPanel();
    m_window->showStep(tokens);
    if (method != u"none")
        tokens->secretEdit()->setText(m_provider.clients.value(clientId).value(u"client_secret").toString());
    return tokens;
}

QStringList tst_GrantWindow::timelineRows() const
{
    QStringList rows;
    for (int i = 0; i < m_window->timeline()->count(); ++i)
        rows << m_window->timeline()->item(i)->text();
    return rows;
}

void tst_GrantWindow::theAssertionIsShownBeforeItIsSent()
{
    TokenPanel* tokens = tokenStep(QStringLiteral("debugger-jwt-bearer"), QStringLiteral("none"));
    QTest::mouseClick(tokens->otherGrantButton(), Qt::LeftButton);
    GrantDialog* dialog = tokens->grantDialog();
    QVERIFY(dialog && dialog->isVisible());
    // The server lists all three grants: no "not listed" word on any.
    for (int i = 0; i < dialog->grantBox()->count(); ++i)
        QVERIFY(!dialog->grantBox()->itemText(i).contains(u"not listed"));
    dialog->choose(FlowGoal::JwtBearer);
    QVERIFY(!dialog->sendButton()->isEnabled()); // no key, no sub yet
    QVERIFY(
        dialog->useKeyFile(m_provider.privateKeyFile(QStringLiteral("debugger-jwt-bearer"), m_dir.path())));
    QVERIFY(!dialog->sendButton()->isEnabled());
    QVERIFY2(dialog->preview()->toPlainText().contains(u"subject"),
             qPrintable(dialog->preview()->toPlainText()));
    dialog->assertionSubjectEdit()->setText(QStringLiteral("alice"));
    QVERIFY(dialog->sendButton()->isEnabled());
    const QString preview = dialog->preview()->toPlainText();
    QVERIFY2(preview.contains(u"\"sub\": \"alice\"") &&
                 preview.contains(u"\"iss\": \"debugger-jwt-bearer\"") &&
                 preview.contains(u"\"aud\": \"" % m_provider.origin() % u"/token\"") &&
                 preview.contains(u"\"alg\": \"ES256\""),
             qPrintable(preview));
    WindowFixture::screenshot(dialog, QStringLiteral("grant-jwt-bearer"));
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text()), 15'000);
    QVERIFY(!tokens->tokens().accessToken.isEmpty());
    QVERIFY(tokens->grantDialog() == nullptr); // closed, and nothing of it kept
    QVERIFY2(timelineRows().join(u'|').contains(u"JWT bearer"), qPrintable(timelineRows().join(u'|')));
}

void tst_GrantWindow::thisRunsAccessTokenIsExchanged()
{
    TokenPanel* tokens =
        tokenStep(QStringLiteral("debugger-exchange"), QStringLiteral("client_secret_basic"));
    tokens->otherGrant();
    GrantDialog* dialog = tokens->grantDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->goal(), FlowGoal::TokenExchange);
    QVERIFY(!dialog->sendButton()->isEnabled()); // this run has no access token yet
    dialog->close();
    tokens->clientCredentials();
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"), 15'000);
    const Secret first = tokens->tokens().accessToken;
    tokens->otherGrant();
    dialog = tokens->grantDialog();
    QVERIFY(dialog->sendButton()->isEnabled());
    QCOMPARE(dialog->subjectTypeBox()->currentText(), QStringLiteral("access_token"));
    dialog->audienceEdit()->setText(QStringLiteral("https://reports.example.test"));
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text()), 15'000);
    QVERIFY(tokens->tokens().accessToken != first);
    const QString checks = tokens->checksView()->rowTexts().join(u'\n');
    QVERIFY2(checks.contains(u"issued_token_type is urn:ietf:params:oauth:token-type:access_token"),
             qPrintable(checks));
    WindowFixture::screenshot(m_window, QStringLiteral("grant-token-exchange-result"));
}

void tst_GrantWindow::thePasswordGrantWarnsAndKeepsNothing()
{
    TokenPanel* tokens = tokenStep(QStringLiteral("debugger-password"), QStringLiteral("client_secret_post"));
    tokens->otherGrant(FlowGoal::Password);
    GrantDialog* dialog = tokens->grantDialog();
    QVERIFY(dialog->warningLabel()->isVisible());
    QVERIFY(dialog->warningLabel()->text().contains(u"RFC 9700 §2.4"));
    const QJsonObject user = m_provider.raw.value(u"passwordUser").toObject();
    const QString password = user.value(u"password").toString();
    dialog->usernameEdit()->setText(user.value(u"username").toString());
    QVERIFY(!dialog->sendButton()->isEnabled());
    dialog->passwordEdit()->setText(password);
    QCOMPARE(dialog->passwordEdit()->echoMode(), QLineEdit::Password);
    QTest::mouseClick(dialog->sendButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text()), 15'000);
    const QString checks = tokens->checksView()->rowTexts().join(u'\n');
    QVERIFY2(checks.contains(u"MUST NOT be used"), qPrintable(checks + u"|" + tokens->banner()->text()));
    QVERIFY2(timelineRows().join(u'|').contains(u"Password grant"), qPrintable(timelineRows().join(u'|')));
    // The traffic view shows the request with the password masked; no file the window wrote (settings,
    // profiles, history) holds it.
    const HttpExchange* sent = m_fixture->log.exchangeAt(m_fixture->log.rowCount() - 1);
    QCOMPARE(sent->url.path(), QStringLiteral("/token"));
    m_window->trafficPanel()->selectExchange(sent->id);
    const QString shown = m_window->trafficPanel()->requestText();
    QVERIFY2(shown.contains(u"password=\u2022") && !shown.contains(password), qPrintable(shown));
    m_fixture->window.reset();
    QVERIFY(!filesUnder(m_fixture->config.path()).contains(password.toUtf8()));
}

void tst_GrantWindow::aHybridSignInVerifiesTheFrontChannelFirst()
{
    TokenPanel* tokens = tokenStep(QStringLiteral("debugger-hybrid"), QStringLiteral("none"));
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    m_window->showStep(authorization);
    AuthorizationOptionsForm* options = authorization->options();
    options->browserCommandEdit()->setText(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) %
                                           u" --quiet %u");
    options->responseTypeBox()->setCurrentIndex(
        options->responseTypeBox()->findData(u"code id_token token"_s));
    QVERIFY(!options->responseTypeWarning()->isHidden()); // an access token in the front channel
    options->responseTypeBox()->setCurrentIndex(options->responseTypeBox()->findData(u"code id_token"_s));
    QVERIFY(options->responseTypeWarning()->isHidden());
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text() + u"|" + authorization->banner()->text()),
                              30'000);
    // Two ID tokens: the front channel's, verified before the code went to the token endpoint, then the
    // token endpoint's.
    const QRegularExpression frontRow(QStringLiteral("ID token .*from the authorization endpoint.*"));
    const QRegularExpression anyRow(QStringLiteral("ID token .*"));
    QTRY_VERIFY2(timelineRows().indexOf(frontRow) >= 0 &&
                     timelineRows().lastIndexOf(anyRow) > timelineRows().indexOf(frontRow),
                 qPrintable(timelineRows().join(u'|')));
    m_window->timeline()->setCurrentRow(static_cast<int>(timelineRows().indexOf(frontRow)));
    m_window->bottomTabs()->setCurrentIndex(0); // the tokens, decoded, with their checklists
    TokenInspectorTabs* inspectors = nullptr;
    for (TokenInspectorTabs* each : m_window->findChildren<TokenInspectorTabs*>())
        if (each->isVisible())
            inspectors = each;
    QVERIFY(inspectors);
    inspectors->setCurrentWidget(inspectors->id());
    if (auto* views = inspectors->id()->findChild<QTabWidget*>())
        views->setCurrentIndex(1); // Checks
    WindowFixture::screenshot(m_window, QStringLiteral("hybrid-flow"));
}

void tst_GrantWindow::signOutComesBackToTheListener()
{
    TokenPanel* tokens = tokenStep(QStringLiteral("debugger-public"), QStringLiteral("none"));
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    m_window->showStep(authorization);
    authorization->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"), 30'000);
    m_window->showStep(tokens);
    QTRY_VERIFY(tokens->signOutButton()->isEnabled()); // the provider lists end_session_endpoint
    QTest::mouseClick(tokens->signOutButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(
        tokens->banner()->text().startsWith(u"Sign-out: back from the server at http://127.0.0.1:"),
        qPrintable(tokens->banner()->text()), 30'000);
    QVERIFY2(timelineRows().filter(QRegularExpression(QStringLiteral("^Sign-out"))).size() == 1,
             qPrintable(timelineRows().join(u'|')));
    const QString checks = tokens->checksView()->rowTexts().join(u'\n');
    QVERIFY2(checks.contains(u"came back to post_logout_redirect_uri with the state this sign-out sent") &&
                 checks.contains(u"The ID token of this sign-in goes as id_token_hint"),
             qPrintable(checks));
    WindowFixture::screenshot(m_window, QStringLiteral("sign-out"));
}

void tst_GrantWindow::aPushedRequestIsAStepOfItsOwn()
{
    TokenPanel* tokens = tokenStep(QStringLiteral("debugger-par"), QStringLiteral("none"));
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    m_window->showStep(authorization);
    AuthorizationOptionsForm* options = authorization->options();
    options->browserCommandEdit()->setText(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) %
                                           u" --quiet %u");
    options->pushedBox()->setChecked(true); // the provider holds debugger-par to PAR
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text() + u"|" + authorization->banner()->text()),
                              30'000);
    const QStringList rows = timelineRows();
    const qsizetype pushed =
        rows.indexOf(QRegularExpression(QStringLiteral("^Pushed request .*request_uri for \\d+ s.*")));
    QVERIFY2(pushed >= 0, qPrintable(rows.join(u'|')));
    m_window->timeline()->setCurrentRow(static_cast<int>(pushed));
    WindowFixture::screenshot(m_window, QStringLiteral("pushed-request"));
}

void tst_GrantWindow::aDpopSignInShowsItsProofs()
{
    // debugger-dpop-nonce: bound tokens only, and the provider's nonce wanted in every proof.
    TokenPanel* tokens = tokenStep(QStringLiteral("debugger-dpop-nonce"), QStringLiteral("none"), true);
    QTRY_VERIFY_WITH_TIMEOUT(tokens->secretStateLabel()->text().contains(u"DPoP key"), 10'000);
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    m_window->showStep(authorization);
    authorization->options()->browserCommandEdit()->setText(
        u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text() + u"|" + authorization->banner()->text()),
                              30'000);
    const QString checks = tokens->checksView()->rowTexts().join(u'\n');
    for (const char16_t* said : {u"asked for a nonce (use_dpop_nonce)", u"token_type DPoP"})
        QVERIFY2(checks.contains(QStringView(said)), qPrintable(checks));
    // The traffic view decodes the proof the token request carried (the proof itself stays masked).
    const HttpExchange* sent = nullptr;
    for (int row = 0; row < m_fixture->log.rowCount(); ++row)
        if (m_fixture->log.exchangeAt(row)->url.path() == u"/token")
            sent = m_fixture->log.exchangeAt(row);
    QVERIFY(sent);
    QVERIFY(sent->requestHeader("DPoP").startsWith("eyJ"));
    m_window->trafficPanel()->selectExchange(sent->id);
    const QString shown = m_window->trafficPanel()->requestText();
    QVERIFY2(shown.contains(u"(DPoP proof, decoded. Header: {\"alg\":\"ES256\"") &&
                 shown.contains(u"\"htm\":\"POST\"") &&
                 !shown.contains(QString::fromLatin1(sent->requestHeader("DPoP"))),
             qPrintable(shown));
    WindowFixture::screenshot(m_window, QStringLiteral("dpop-proof"));

    // Then an API with the bound token (the provider's userinfo stands for it): DPoP and a proof, the answer
    // in the dialog.
    QVERIFY(tokens->callApiButton()->isEnabled());
    tokens->callApi();
    ApiDialog* api = tokens->apiDialog();
    QVERIFY(api);
    api->methodBox()->setCurrentText(QStringLiteral("POST"));
    api->urlEdit()->setText(m_provider.origin() + u"/me?view=full"_s);
    api->headersEdit()->setPlainText(QStringLiteral("Accept: application/json\nX-Request-Id: 7"));
    QTest::mouseClick(api->sendButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(api->statusLabel()->text().startsWith(u"HTTP 200"),
                              qPrintable(api->statusLabel()->text()), 15'000);
    QVERIFY2(api->answerView()->toPlainText().contains(u"\"sub\""),
             qPrintable(api->answerView()->toPlainText()));
    const HttpExchange* called = m_fixture->log.exchangeAt(m_fixture->log.rowCount() - 1);
    QCOMPARE(called->url.path(), QStringLiteral("/me"));
    QVERIFY(called->requestHeader("Authorization").startsWith("DPoP "));
    QCOMPARE(called->requestHeader("X-Request-Id"), QByteArray("7"));
    api->resize(900, 620);
    WindowFixture::screenshot(api, QStringLiteral("call-api"));
    // A header the run sets itself is refused in the form.
    api->headersEdit()->setPlainText(QStringLiteral("Authorization: Bearer other"));
    QTest::mouseClick(api->sendButton(), Qt::LeftButton);
    QVERIFY(api->statusLabel()->text().contains(u"set from the run's token"));
}

void tst_GrantWindow::authorizationDetailsAreCheckedAsTyped()
{
    // debugger-rar may ask for payment_initiation and account_information (RFC 9396).
    TokenPanel* tokens = tokenStep(QStringLiteral("debugger-rar"), QStringLiteral("client_secret_basic"));
    AuthorizationPanel* authorization = m_window->authorizationPanel();
    m_window->showStep(authorization);
    AuthorizationOptionsForm* options = authorization->options();
    options->browserCommandEdit()->setText(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) %
                                           u" --quiet %u");
    options->scopeEdit()->setText(QStringLiteral("payments"));
    options->detailsEdit()->setPlainText(QStringLiteral("[{\"type\": \"wire_transfer\"}]"));
    QVERIFY2(options->detailsNote()->text().contains(u"RA-02  The server lists"),
             qPrintable(options->detailsNote()->text()));
    options->detailsEdit()->setPlainText(
        QStringLiteral("[{\"type\": \"payment_initiation\", \"actions\": [\"initiate\"],\n  "
                       "\"instructedAmount\": {\"currency\": \"EUR\", \"amount\": \"12.50\"}}]"));
    const QString note = options->detailsNote()->text();
    QVERIFY2(note.contains(u"RA-01  1 entry of type payment_initiation.") &&
                 note.contains(u"The server takes: payment_initiation, account_information."),
             qPrintable(note));
    QCoreApplication::processEvents(); // the note's new height laid out
    bool scrolled = false;
    for (QWidget* w = options->parentWidget(); w && !scrolled;
         w = w->parentWidget()) // in view, as a user scrolls
        if (auto* area = qobject_cast<QScrollArea*>(w)) {
            area->ensureWidgetVisible(options->detailsNote(), 0, 0);
            area->horizontalScrollBar()->setValue(0); // the labels, not the note's far end
            scrolled = true;
        }
    QVERIFY(scrolled);
    WindowFixture::screenshot(m_window, QStringLiteral("authorization-details"));
    QTest::mouseClick(authorization->authorizeButton(), Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(tokens->banner()->text().contains(u"New tokens received"),
                              qPrintable(tokens->banner()->text() + u"|" + authorization->banner()->text()),
                              30'000);
    const QString checks = tokens->checksView()->rowTexts().join(u'\n');
    QVERIFY2(checks.contains(u"Granted as asked: payment_initiation (1 entry)."), qPrintable(checks));
}

QTEST_MAIN(tst_GrantWindow)
#include "tst_grantwindow.moc"
