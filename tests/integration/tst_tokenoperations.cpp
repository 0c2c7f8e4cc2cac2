// Userinfo, introspection and revocation against the real provider, with the client's own authentication and
// every request in the traffic log.
#include "ProviderInfo.h"
#include "ScriptedSignIn.h"
#include "jose/JwtDecode.h"
#include "net/NetworkAccess.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/TokenClient.h"
#include "oauth/TokenOperations.h"
#include "traffic/TrafficLog.h"

#include <QSignalSpy>
#include <QTest>

using namespace oauth2dbg;

class tst_TokenOperations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void userInfoMatchesTheIdToken();
    void userInfoWithABadToken();
    void introspectThenRevoke();
    void revokedRefreshTokenNoLongerRefreshes();
    void refusedBeforeSending();

private:
    TokenEndpointConfig clientConfig(const QJsonObject& client, ClientAuthMethod method) const;
    OperationResult await(TokenOperations& operations);
    QUrl endpoint(const char* path) const { return QUrl(m_provider.issuer + QLatin1StringView(path)); }

    ProviderInfo m_provider;
    std::unique_ptr<TrafficLog> m_log;
    std::unique_ptr<NetworkAccess> m_network;
};

void tst_TokenOperations::initTestCase()
{
    qRegisterMetaType<OperationResult>();
    qRegisterMetaType<TokenResult>();
    qRegisterMetaType<AuthorizationOutcome>();
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_TokenOperations::init()
{
    m_log = std::make_unique<TrafficLog>();
    m_network = std::make_unique<NetworkAccess>(m_log.get());
}

void tst_TokenOperations::cleanup()
{
    m_network.reset();
    m_log.reset();
}

TokenEndpointConfig tst_TokenOperations::clientConfig(const QJsonObject& client,
                                                      ClientAuthMethod method) const
{
    return {.tokenEndpoint = endpoint("/token"),
            .clientId = client.value(u"client_id").toString(),
            .clientSecret = Secret::fromString(client.value(u"client_secret").toString()),
            .method = method,
            .allowHttp = true};
}

OperationResult tst_TokenOperations::await(TokenOperations& operations)
{
    QSignalSpy finished(&operations, &TokenOperations::finished);
    if (!finished.wait(15'000))
        return {.summary = QStringLiteral("no answer in time"),
                .error = {.kind = ErrorKind::Timeout, .message = QStringLiteral("no answer in time")}};
    return finished.first().first().value<OperationResult>();
}

void tst_TokenOperations::userInfoMatchesTheIdToken()
{
    const ScriptedSignIn signIn =
        ScriptedSignIn::run(m_network.get(), m_provider, QStringLiteral("debugger-public"));
    QVERIFY2(signIn.error.isEmpty(), qPrintable(signIn.error));
    const QString sub = decodeToken(signIn.tokens.idToken.reveal()).payload.value(u"sub").toString();
    QVERIFY(!sub.isEmpty());
    const TokenEndpointConfig client = clientConfig(m_provider.publicClient, ClientAuthMethod::None);
    TokenOperations operations(m_network.get());
    operations.userInfo(endpoint("/me"), client, signIn.tokens.accessToken, signIn.tokens.tokenType, sub);
    OperationResult result = await(operations);
    QVERIFY2(result.ok(), qPrintable(result.summary));
    QCOMPARE(result.body.value(u"sub").toString(), sub);
    QCOMPARE(result.body.value(u"email").toString(), QString(sub + u"@example.test"));
    QVERIFY2(result.summary == QString(u"3 claims about " % sub % u"."),
             qPrintable(result.summary)); // openid email
    const HttpExchange* sent = m_log->exchangeById(result.exchangeId);
    QByteArray bearer("Bearer ");
    bearer.append(signIn.tokens.accessToken.reveal());
    QCOMPARE(sent->requestHeader("Authorization"), bearer);

    // OIDC Core §5.3.2: claims about another subject than the ID token's must not be used.
    operations.userInfo(endpoint("/me"), client, signIn.tokens.accessToken, signIn.tokens.tokenType,
                        QStringLiteral("someone-else"));
    result = await(operations);
    QVERIFY(!result.ok());
    QVERIFY2(result.summary.contains(u"is not the ID token's (someone-else)"), qPrintable(result.summary));
}

void tst_TokenOperations::userInfoWithABadToken()
{
    TokenOperations operations(m_network.get());
    operations.userInfo(endpoint("/me"), clientConfig(m_provider.publicClient, ClientAuthMethod::None),
                        Secret("not-a-token"), QStringLiteral("Bearer"), QString());
    const OperationResult result = await(operations);
    QCOMPARE(result.error.httpStatus, 401);
    QCOMPARE(result.error.oauthError, QStringLiteral("invalid_token"));
    QVERIFY2(result.summary.contains(u"answered HTTP 401: invalid_token"), qPrintable(result.summary));
}

void tst_TokenOperations::introspectThenRevoke()
{
    // An opaque access token from the client credentials grant of the Basic client.
    const TokenEndpointConfig client =
        clientConfig(m_provider.basicClient, ClientAuthMethod::ClientSecretBasic);
    TokenClient tokens(m_network.get());
    QSignalSpy issued(&tokens, &TokenClient::finished);
    tokens.clientCredentials(client, QString());
    QVERIFY(issued.wait(15'000));
    const Secret accessToken = issued.first().first().value<TokenResult>().tokens.accessToken;
    QVERIFY(!accessToken.isEmpty());

    TokenOperations operations(m_network.get());
    operations.introspect(endpoint("/token/introspection"), client, accessToken,
                          QStringLiteral("access_token"));
    OperationResult result = await(operations);
    QVERIFY2(result.ok(), qPrintable(result.summary));
    QVERIFY(result.active);
    QVERIFY2(result.summary.startsWith(u"Active: ") && result.summary.contains(u"debugger basic:client+1%"),
             qPrintable(result.summary));
    const HttpExchange* sent = m_log->exchangeById(result.exchangeId);
    QVERIFY(sent->requestHeader("Authorization").startsWith("Basic "));
    QVERIFY(sent->requestBody.contains("token_type_hint=access_token"));

    operations.revoke(endpoint("/token/revocation"), client, accessToken, QStringLiteral("access_token"));
    result = await(operations);
    QVERIFY2(result.ok(), qPrintable(result.summary));
    QVERIFY2(result.summary.contains(u"does not mean the token was valid"), qPrintable(result.summary));

    // After revocation, and for a token that never was: inactive, and nothing else claimed.
    for (const Secret& token : {accessToken, Secret("never-issued")}) {
        operations.introspect(endpoint("/token/introspection"), client, token, QString());
        result = await(operations);
        QVERIFY2(result.ok(), qPrintable(result.summary));
        QVERIFY(!result.active);
        QCOMPARE(result.summary, QStringLiteral("Inactive: the server says nothing more about this token."));
    }
    // Revoking a token that never was is a 200 too — which is why the summary never says "was valid".
    operations.revoke(endpoint("/token/revocation"), client, Secret("never-issued"), QString());
    QVERIFY(await(operations).summary.startsWith(u"Revoked. A 200 does not mean"));

    // Introspection without valid client credentials is refused by the server.
    TokenEndpointConfig wrong = client;
    wrong.clientSecret = Secret("wrong");
    operations.introspect(endpoint("/token/introspection"), wrong, accessToken, QString());
    result = await(operations);
    QCOMPARE(result.error.httpStatus, 401);
    QCOMPARE(result.error.oauthError, QStringLiteral("invalid_client"));
}

void tst_TokenOperations::revokedRefreshTokenNoLongerRefreshes()
{
    // RFC 7009 with the provider's policy: revoking the refresh token revokes the grant.
    const ScriptedSignIn signIn =
        ScriptedSignIn::run(m_network.get(), m_provider, QStringLiteral("debugger-public"));
    QVERIFY2(signIn.error.isEmpty(), qPrintable(signIn.error));
    const TokenEndpointConfig client = clientConfig(m_provider.publicClient, ClientAuthMethod::None);
    TokenOperations operations(m_network.get());
    operations.revoke(endpoint("/token/revocation"), client, signIn.tokens.refreshToken,
                      QStringLiteral("refresh_token"));
    const OperationResult revoked = await(operations);
    QVERIFY2(revoked.ok(), qPrintable(revoked.summary));
    QVERIFY(m_log->exchangeById(revoked.exchangeId)->requestBody.contains("client_id=debugger-public"));

    TokenClient tokens(m_network.get());
    QSignalSpy refreshed(&tokens, &TokenClient::finished);
    tokens.refresh(client, signIn.tokens.refreshToken);
    QVERIFY(refreshed.wait(15'000));
    QCOMPARE(refreshed.first().first().value<TokenResult>().error.oauthError,
             QStringLiteral("invalid_grant"));
}

void tst_TokenOperations::refusedBeforeSending()
{
    TokenOperations operations(m_network.get());
    const TokenEndpointConfig client =
        clientConfig(m_provider.basicClient, ClientAuthMethod::ClientSecretBasic);
    operations.revoke(QUrl(), client, Secret("t"), QString());
    QVERIFY(await(operations).summary.contains(u"names no revocation endpoint"));
    operations.introspect(QUrl(QStringLiteral("http://auth.example/introspect")), client, Secret("t"),
                          QString());
    QVERIFY(await(operations).summary.contains(u"is not an https URL"));
    operations.userInfo(endpoint("/me"), client, Secret(), QStringLiteral("Bearer"), QString());
    QVERIFY(await(operations).summary.contains(u"no token"));
    QCOMPARE(m_log->size(), 0); // nothing reached the network

    // A server that is not there: a transport error in words, not a verdict.
    TokenEndpointConfig local = client;
    local.allowHttp = true;
    operations.introspect(QUrl(u"http://127.0.0.1:" % QString::number(unusedLoopbackPort()) % u"/introspect"),
                          local, Secret("t"), QString());
    const OperationResult unreachable = await(operations);
    QCOMPARE(unreachable.error.kind, ErrorKind::Network);
    QVERIFY2(unreachable.summary.contains(u"refused"), qPrintable(unreachable.summary));
}

QTEST_GUILESS_MAIN(tst_TokenOperations)
#include "tst_tokenoperations.moc"
