// The token endpoint against the real provider: every client authentication method (the tricky Basic client
// included), code exchange with PKCE, client credentials, refresh with rotation, and the ways it can fail.
#include "ProviderInfo.h"
#include "ScriptedSignIn.h"
#include "net/BrowserLauncher.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/TokenClient.h"
#include "traffic/TrafficLog.h"

#include <QSignalSpy>
#include <QTest>

using namespace oauth2dbg;
using namespace std::chrono_literals;

class tst_TokenClient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void basicWithTrickyCredentials();
    void naiveBasicHeaderIsRejected();
    void clientSecretPost();
    void invalidClientIsDiagnosed_data();
    void invalidClientIsDiagnosed();
    void codeExchangeWithPkce();
    void refreshRotatesAndReuseIsRejected();
    void oneRequestAtATime();
    void htmlErrorPage();
    void hungEndpointTimesOut();
    void httpNeedsTheLocalOptIn();

private:
    TokenEndpointConfig configFor(const QJsonObject& client, ClientAuthMethod method) const;
    TokenResult await(TokenClient& client, int timeoutMs = 15'000);
    QString authorizeForCode(AuthorizationRequest* request);

    ProviderInfo m_provider;
    std::unique_ptr<TrafficLog> m_log;
    std::unique_ptr<NetworkAccess> m_network;
};

void tst_TokenClient::initTestCase()
{
    qRegisterMetaType<TokenResult>();
    qRegisterMetaType<AuthorizationOutcome>();
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_TokenClient::init()
{
    m_log = std::make_unique<TrafficLog>();
    m_network = std::make_unique<NetworkAccess>(m_log.get());
}

void tst_TokenClient::cleanup()
{
    m_network.reset();
    m_log.reset();
}

TokenEndpointConfig tst_TokenClient::configFor(const QJsonObject& client, ClientAuthMethod method) const
{
    return {.tokenEndpoint = QUrl(m_provider.issuer + u"/token"),
            .clientId = client.value(u"client_id").toString(),
            .clientSecret = Secret::fromString(client.value(u"client_secret").toString()),
            .method = method,
            .allowHttp = true};
}

TokenResult tst_TokenClient::await(TokenClient& client, int timeoutMs)
{
    QSignalSpy finished(&client, &TokenClient::finished);
    if (!finished.wait(timeoutMs))
        return {.error = {.kind = ErrorKind::Timeout, .message = QStringLiteral("no answer in time")}};
    return finished.first().first().value<TokenResult>();
}

QString tst_TokenClient::authorizeForCode(AuthorizationRequest* request)
{
    const auto outcome = ScriptedSignIn::authorize(m_provider, QStringLiteral("debugger-public"));
    if (!outcome)
        return {};
    *request = outcome->request;
    return outcome->callback.verdict.code;
}

void tst_TokenClient::basicWithTrickyCredentials()
{
    // The client id and secret hold ':' '%' '+' and spaces: RFC 6749 §2.3.1 encoding is required.
    TokenClient client(m_network.get());
    const TokenEndpointConfig config = configFor(m_provider.basicClient, ClientAuthMethod::ClientSecretBasic);
    QVERIFY(config.clientId.contains(u':') && config.clientId.contains(u' '));
    client.clientCredentials(config, {});
    const TokenResult result = await(client);
    QVERIFY2(result.ok(), qPrintable(result.error.message + u' ' + result.error.detail));
    QVERIFY(!result.tokens.accessToken.isEmpty());
    QCOMPARE(result.tokens.tokenType.toLower(), QStringLiteral("bearer"));
    QVERIFY(result.tokens.expiresIn.has_value());
    QVERIFY(!hasErrors(result.checks));
    // TE-03: one method only — no credentials in the body.
    const HttpExchange* sent = m_log->exchangeById(result.exchangeId);
    QVERIFY(sent->requestHeader("Authorization").startsWith("Basic "));
    QVERIFY(!sent->requestBody.contains("client_secret"));
    QVERIFY(!sent->requestBody.contains("client_id"));
    QVERIFY(client.lastExplanation().contains(u"gets wrong"));
}

void tst_TokenClient::naiveBasicHeaderIsRejected()
{
    // The shortcut many clients take: base64(id ":" secret). The provider follows the RFC and refuses it.
    const TokenEndpointConfig config = configFor(m_provider.basicClient, ClientAuthMethod::ClientSecretBasic);
    HttpCall* call = m_network->send(
        {.method = "POST",
         .url = config.tokenEndpoint,
         .headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Authorization",
                      ClientAuthentication::naiveBasicHeader(config.clientId, config.clientSecret)}},
         .body = "grant_type=client_credentials"});
    QSignalSpy finished(call, &HttpCall::finished);
    QVERIFY(finished.wait(10'000));
    const TokenResult result = TokenResponse::interpret(finished.first().first().value<HttpExchange>());
    QVERIFY(!result.ok());
    QCOMPARE(result.error.httpStatus, 400);
    QCOMPARE(result.error.oauthError, QStringLiteral("invalid_request"));
    QVERIFY2(result.error.oauthErrorDescription.contains(u"not properly encoded"),
             qPrintable(result.error.oauthErrorDescription));
}

void tst_TokenClient::clientSecretPost()
{
    TokenClient client(m_network.get());
    client.clientCredentials(configFor(m_provider.postClient, ClientAuthMethod::ClientSecretPost), {});
    const TokenResult result = await(client);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const HttpExchange* sent = m_log->exchangeById(result.exchangeId);
    QVERIFY(sent->requestHeader("Authorization").isEmpty());
    QVERIFY(sent->requestBody.contains("client_secret="));
}

void tst_TokenClient::invalidClientIsDiagnosed_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<bool>("wrongSecret");
    QTest::addRow("wrong secret") << int(ClientAuthMethod::ClientSecretBasic) << true;
    // (oidc-provider 9.13 accepts client_secret_post from a client registered for client_secret_basic, so the
    // method mismatch it can show is a confidential client sending no secret at all.)
    QTest::addRow("no secret from a confidential client") << int(ClientAuthMethod::None) << false;
}

void tst_TokenClient::invalidClientIsDiagnosed()
{
    QFETCH(int, method);
    QFETCH(bool, wrongSecret);
    TokenEndpointConfig config = configFor(m_provider.basicClient, ClientAuthMethod(method));
    if (wrongSecret)
        config.clientSecret = Secret("not-the-secret");
    TokenClient client(m_network.get());
    client.clientCredentials(config, {});
    const TokenResult result = await(client);
    QCOMPARE(result.error.oauthError, QStringLiteral("invalid_client"));
    QCOMPARE(result.error.httpStatus, 401);
    QVERIFY2(result.error.detail.contains(u"another authentication method") &&
                 result.error.detail.contains(u"secret"),
             qPrintable(result.error.detail));
}

void tst_TokenClient::codeExchangeWithPkce()
{
    AuthorizationRequest request;
    const QString code = authorizeForCode(&request);
    QVERIFY(!code.isEmpty());
    TokenClient client(m_network.get());
    const TokenEndpointConfig config = configFor(m_provider.publicClient, ClientAuthMethod::None);
    client.exchangeCode(config, code, request.redirectUri, request.codeVerifier);
    TokenResult result = await(client);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.tokens.idToken.isEmpty());
    QVERIFY(!result.tokens.refreshToken.isEmpty());
    const HttpExchange* sent = m_log->exchangeById(result.exchangeId);
    QVERIFY(sent->requestBody.contains(QByteArray("code_verifier=" + request.codeVerifier)));
    QVERIFY(
        sent->requestBody.contains(QByteArray("redirect_uri=" + FormEncoding::encode(request.redirectUri))));

    // AZ-10: the client will not send the code again...
    client.exchangeCode(config, code, request.redirectUri, request.codeVerifier);
    result = await(client);
    QCOMPARE(result.error.kind, ErrorKind::InvalidInput);
    QVERIFY(result.error.message.contains(u"single-use"));
    // ...and the server refuses a replay from anyone else.
    TokenClient other(m_network.get());
    other.exchangeCode(config, code, request.redirectUri, request.codeVerifier);
    result = await(other);
    QCOMPARE(result.error.oauthError, QStringLiteral("invalid_grant"));
}

void tst_TokenClient::refreshRotatesAndReuseIsRejected()
{
    AuthorizationRequest request;
    const QString code = authorizeForCode(&request);
    QVERIFY(!code.isEmpty());
    TokenClient client(m_network.get());
    const TokenEndpointConfig config = configFor(m_provider.publicClient, ClientAuthMethod::None);
    client.exchangeCode(config, code, request.redirectUri, request.codeVerifier);
    const Secret first = await(client).tokens.refreshToken;
    QVERIFY(!first.isEmpty());

    client.refresh(config, first);
    const TokenResult refreshed = await(client);
    QVERIFY2(refreshed.ok(), qPrintable(refreshed.error.message));
    const Secret second = refreshed.tokens.refreshToken;
    QVERIFY2(!second.isEmpty() && second != first, "the provider rotates refresh tokens");

    // TE-07: the rotated-out token is refused, and its reuse revokes the whole grant.
    client.refresh(config, first);
    QCOMPARE(await(client).error.oauthError, QStringLiteral("invalid_grant"));
    client.refresh(config, second);
    QCOMPARE(await(client).error.oauthError, QStringLiteral("invalid_grant"));
}

void tst_TokenClient::oneRequestAtATime()
{
    TokenClient client(m_network.get());
    const TokenEndpointConfig config = configFor(m_provider.postClient, ClientAuthMethod::ClientSecretPost);
    QSignalSpy finished(&client, &TokenClient::finished);
    client.clientCredentials(config, {});
    QVERIFY(client.isBusy());
    client.refresh(config, Secret("any"));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15'000);
    const auto first = finished.at(0).first().value<TokenResult>();
    QCOMPARE(first.error.kind, ErrorKind::InvalidInput); // the refused second request answers first
    QVERIFY(first.error.message.contains(u"already running"));
    QVERIFY(finished.at(1).first().value<TokenResult>().ok());
    QCOMPARE(m_log->rowCount(), 1); // only one request went out
}

void tst_TokenClient::htmlErrorPage()
{
    // Shape the provider cannot produce: a proxy's HTML 502 where the token endpoint should be.
    TokenEndpointConfig config = configFor(m_provider.postClient, ClientAuthMethod::ClientSecretPost);
    config.tokenEndpoint = QUrl(m_provider.issuer + u"/__shapes/token-html");
    TokenClient client(m_network.get());
    client.clientCredentials(config, {});
    const TokenResult result = await(client);
    QCOMPARE(result.error.kind, ErrorKind::Http);
    QCOMPARE(result.error.httpStatus, 502);
    QVERIFY2(result.error.message.contains(u"HTTP 502 with an HTML page"), qPrintable(result.error.message));
    QVERIFY(result.error.body.contains("Bad Gateway"));
}

void tst_TokenClient::hungEndpointTimesOut()
{
    // Shape the provider cannot produce: a token endpoint that never answers.
    TokenEndpointConfig config = configFor(m_provider.publicClient, ClientAuthMethod::None);
    config.tokenEndpoint = QUrl(m_provider.issuer + u"/__shapes/hang/token");
    config.timeout = 500ms;
    TokenClient client(m_network.get());
    client.refresh(config, Secret("rt"));
    const TokenResult result = await(client);
    QCOMPARE(result.error.kind, ErrorKind::Timeout);
    QVERIFY(result.ambiguous);
    QVERIFY2(result.error.detail.contains(u"was not sent again"), qPrintable(result.error.detail));
    QCOMPARE(m_log->rowCount(), 1);
}

void tst_TokenClient::httpNeedsTheLocalOptIn()
{
    TokenEndpointConfig config = configFor(m_provider.postClient, ClientAuthMethod::ClientSecretPost);
    config.allowHttp = false;
    TokenClient client(m_network.get());
    client.clientCredentials(config, {});
    const TokenResult result = await(client);
    QCOMPARE(result.error.kind, ErrorKind::InvalidInput);
    QVERIFY(result.error.message.contains(u"Credentials were not sent"));
    QCOMPARE(m_log->rowCount(), 0);
}

QTEST_GUILESS_MAIN(tst_TokenClient)
#include "tst_tokenclient.moc"
