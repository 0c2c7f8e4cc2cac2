// Verification against the real provider: ID tokens signed with RS256, PS256, ES256, EdDSA and HS256 verify;
// tampered and misdirected ones fail with the message that names the broken rule; the key set is fetched
// through the traffic log, kept, and fetched again when a token names a key it lacks.
#include "ProviderInfo.h"
#include "ScriptedSignIn.h"
#include "jose/AccessTokenValidator.h"
#include "jose/Base64Url.h"
#include "jose/IdTokenValidator.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/JwksClient.h"
#include "oauth/TokenClient.h"
#include "traffic/TrafficLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <openssl/evp.h>

using namespace oauth2dbg;

namespace {
using SignIn = ScriptedSignIn;

QString dump(const TokenVerification& v)
{
    QStringList lines{v.summary};
    for (const Finding& f : v.checks)
        lines << f.rule % u' ' % f.field % u": " % f.message;
    return lines.join(u'\n');
}

QByteArray withHeader(const QByteArray& token, const QJsonObject& header, bool keepSignature = true)
{
    const QList<QByteArray> parts = token.split('.');
    return base64url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' + parts.at(1) + '.' +
           (keepSignature ? parts.at(2) : QByteArray());
}
} // namespace

class tst_TokenVerification : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void eachAlgorithmVerifies_data();
    void eachAlgorithmVerifies();
    void tamperedAndMisdirectedTokensFail();
    void algorithmConfusionIsRefused();
    void rotatedKeySetIsFetchedAgain();
    void askersShareOneFetch();
    void refreshedIdTokenIsHeldToTheFirst();
    void keySetErrors();

private:
    SignIn signIn(const QString& clientId)
    {
        return ScriptedSignIn::run(m_network.get(), m_provider, clientId);
    }
    IdTokenExpectations expectationsFor(const QString& clientId, const SignIn& signIn) const;
    TokenVerification verify(const QByteArray& token, const IdTokenExpectations& expected,
                             const QString& jwksPath = QStringLiteral("/jwks"), JwksResult* keys = nullptr);

    ProviderInfo m_provider;
    QStringList m_supportedAlgs;
    std::unique_ptr<TrafficLog> m_log;
    std::unique_ptr<NetworkAccess> m_network;
    std::unique_ptr<JwksClient> m_jwks;
};

void tst_TokenVerification::initTestCase()
{
    qRegisterMetaType<TokenResult>();
    qRegisterMetaType<AuthorizationOutcome>();
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    m_supportedAlgs = {QStringLiteral("HS256"), QStringLiteral("RS256"), QStringLiteral("PS256"),
                       QStringLiteral("ES256"), QStringLiteral("EdDSA")};
}

void tst_TokenVerification::init()
{
    m_log = std::make_unique<TrafficLog>();
    m_network = std::make_unique<NetworkAccess>(m_log.get());
    m_jwks = std::make_unique<JwksClient>(m_network.get());
    m_jwks->setCooldown(std::chrono::milliseconds(0));
}

void tst_TokenVerification::cleanup()
{
    m_jwks.reset();
    m_network.reset();
    m_log.reset();
}

IdTokenExpectations tst_TokenVerification::expectationsFor(const QString& clientId,
                                                           const SignIn& signIn) const
{
    IdTokenExpectations e;
    e.issuer = m_provider.issuer;
    e.clientId = clientId;
    e.supportedAlgs = m_supportedAlgs;
    e.clientSecret =
        Secret::fromString(m_provider.clients.value(clientId).value(u"client_secret").toString());
    e.nonce = QString::fromLatin1(signIn.request.nonce);
    e.accessToken = signIn.tokens.accessToken;
    e.clock.now = QDateTime::currentDateTimeUtc();
    return e;
}

TokenVerification tst_TokenVerification::verify(const QByteArray& token, const IdTokenExpectations& expected,
                                                const QString& jwksPath, JwksResult* keys)
{
    TokenVerification verification;
    bool done = false;
    m_jwks->verify(
        QUrl(m_provider.issuer + jwksPath), {.allowHttp = true}, this,
        [&token, &expected](const JwkSet& set) { return validateIdToken(token, set, expected); },
        [&](const TokenVerification& v, const JwksResult& k) {
            verification = v;
            if (keys)
                *keys = k;
            done = true;
        });
    if (!QTest::qWaitFor([&done] { return done; }, 15'000))
        verification.summary = QStringLiteral("no answer");
    return verification;
}

void tst_TokenVerification::eachAlgorithmVerifies_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("expected");
    QTest::addRow("RS256") << "debugger-public"
                           << "RS256 signature verified with RSA 2048 kid \"rs256-1\"";
    QTest::addRow("PS256") << "debugger-ps256"
                           << "PS256 signature verified with RSA 2048 kid \"ps256-1\"";
    QTest::addRow("ES256") << "debugger-es256"
                           << "ES256 signature verified with EC P-256 kid \"es256-1\"";
    QTest::addRow("EdDSA") << "debugger-eddsa"
                           << "EdDSA signature verified with OKP Ed25519 kid \"ed25519-1\"";
    QTest::addRow("HS256") << "debugger-hs256"
                           << "HS256 signature verified with the client secret";
}

void tst_TokenVerification::eachAlgorithmVerifies()
{
    QFETCH(QString, clientId);
    QFETCH(QString, expected);
    const SignIn result = signIn(clientId);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QVERIFY(!result.tokens.idToken.isEmpty());
    JwksResult keys;
    const TokenVerification v = verify(result.tokens.idToken.reveal(), expectationsFor(clientId, result),
                                       QStringLiteral("/jwks"), &keys);
    QVERIFY2(v.verified(), qPrintable(dump(v)));
    QVERIFY2(v.summary.contains(expected), qPrintable(v.summary));
    QCOMPARE(v.claims.value(u"aud").toString(), clientId);
    if (!clientId.endsWith(u"hs256")) {
        // The key set came through the traffic log.
        QVERIFY(keys.exchangeId != 0);
        QCOMPARE(m_log->exchangeById(keys.exchangeId)->url.path(), QStringLiteral("/jwks"));
    }
    // The provider's access tokens are opaque, and the verdict says who can read them.
    const TokenVerification access = validateAccessToken(result.tokens.accessToken.reveal(), keys.keys,
                                                         {.issuer = m_provider.issuer, .clientId = clientId});
    QCOMPARE(access.verdict, Verdict::NotVerifiable);
    QVERIFY2(access.summary.startsWith(u"Opaque"), qPrintable(access.summary));
}

void tst_TokenVerification::tamperedAndMisdirectedTokensFail()
{
    const SignIn result = signIn(QStringLiteral("debugger-public"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    const QByteArray token = result.tokens.idToken.reveal();
    const IdTokenExpectations expected = expectationsFor(QStringLiteral("debugger-public"), result);
    QVERIFY(verify(token, expected).verified());

    // A flipped bit in the signature.
    QByteArray signature = *base64url::decodeStrict(token.mid(token.lastIndexOf('.') + 1));
    signature[10] = char(signature.at(10) ^ 0x01);
    TokenVerification v =
        verify(token.left(token.lastIndexOf('.') + 1) + base64url::encode(signature), expected);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.summary.contains(u"The RS256 signature is not valid"), qPrintable(v.summary));

    // The kid of another of the issuer's keys: no RS256 key by that name.
    v = verify(withHeader(token, {{QStringLiteral("alg"), QStringLiteral("RS256")},
                                  {QStringLiteral("kid"), QStringLiteral("es256-1")}}),
               expected);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.summary.contains(u"No key in the issuer's set has kid \"es256-1\" for RS256"),
             qPrintable(v.summary));

    // alg none, signature dropped.
    v = verify(withHeader(token, {{QStringLiteral("alg"), QStringLiteral("none")}}, false), expected);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.summary.contains(u"not signed (alg \"none\")"), qPrintable(v.summary));

    // Expired: the same token, two hours later by this computer's clock.
    IdTokenExpectations later = expected;
    later.clock.now = expected.clock.now.addSecs(7200);
    v = verify(token, later);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.summary.contains(u"Expired at"), qPrintable(v.summary));

    // Meant for another client.
    IdTokenExpectations otherClient = expected;
    otherClient.clientId = QStringLiteral("debugger-post");
    v = verify(token, otherClient);
    QVERIFY2(v.summary.contains(u"not for this client (debugger-post)"), qPrintable(v.summary));

    // Another request's nonce (a replayed token), and a request that sent one the token lacks.
    IdTokenExpectations otherNonce = expected;
    otherNonce.nonce = QStringLiteral("a-nonce-from-another-request");
    v = verify(token, otherNonce);
    QVERIFY2(v.summary.contains(u"The nonce is not the one this request sent"), qPrintable(v.summary));

    // at_hash, when present, binds the access token.
    if (v.claims.contains(u"at_hash")) {
        IdTokenExpectations otherAccess = expected;
        otherAccess.accessToken = Secret("another access token");
        QVERIFY(verify(token, otherAccess).summary.contains(u"at_hash"));
    }
}

void tst_TokenVerification::algorithmConfusionIsRefused()
{
    // HS256 "signed" with the issuer's RSA public key as the shared secret, claims copied from a real token.
    const SignIn result = signIn(QStringLiteral("debugger-hs256"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    JwksResult keys;
    const IdTokenExpectations expected = expectationsFor(QStringLiteral("debugger-hs256"), result);
    QVERIFY(verify(result.tokens.idToken.reveal(), expected, QStringLiteral("/jwks"), &keys).verified());
    // The issuer's RSA key as it publishes it (the key set's fetch is in the traffic log).
    QJsonObject rsaJwk;
    const QJsonArray published = QJsonDocument::fromJson(m_log->exchangeById(keys.exchangeId)->responseBody)
                                     .object()
                                     .value(u"keys")
                                     .toArray();
    for (const QJsonValue& key : published)
        if (key.toObject().value(u"kid").toString() == u"rs256-1")
            rsaJwk = key.toObject();
    QVERIFY(!rsaJwk.isEmpty());
    const QList<QByteArray> parts = result.tokens.idToken.reveal().split('.');
    const QByteArray input = base64url::encode(R"({"alg":"HS256","kid":"rs256-1"})") + '.' + parts.at(1);
    for (const QByteArray& fakeSecret :
         {QJsonDocument(rsaJwk).toJson(QJsonDocument::Compact),
          *base64url::decodeStrict(rsaJwk.value(u"n").toString().toLatin1())}) {
        unsigned char mac[64];
        size_t length = 0;
        QVERIFY(EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, fakeSecret.constData(),
                          size_t(fakeSecret.size()),
                          reinterpret_cast<const unsigned char*>(input.constData()), size_t(input.size()),
                          mac, sizeof mac, &length));
        const QByteArray forged =
            input + '.' +
            base64url::encode(QByteArray(reinterpret_cast<const char*>(mac), qsizetype(length)));
        // The confidential client: its kid names the issuer's RSA key, which never makes an HMAC (RFC 8725
        // §2.1) — refused as the forgery it is, before any secret is tried.
        TokenVerification v = verify(forged, expected);
        QCOMPARE(v.verdict, Verdict::Failed);
        QVERIFY2(v.summary.contains(u"algorithm confusion"), qPrintable(v.summary));
        // A public client has no secret: HS256 is not an algorithm its ID tokens can have.
        IdTokenExpectations publicClient = expected;
        publicClient.clientId = QStringLiteral("debugger-hs256");
        publicClient.clientSecret = Secret();
        v = verify(forged, publicClient);
        QCOMPARE(v.verdict, Verdict::Failed);
        QVERIFY2(v.summary.contains(u"HS256 is not among the algorithms expected here"),
                 qPrintable(v.summary));
    }
}

void tst_TokenVerification::rotatedKeySetIsFetchedAgain()
{
    const SignIn result = signIn(QStringLiteral("debugger-es256"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    const QByteArray token = result.tokens.idToken.reveal();
    const IdTokenExpectations expected = expectationsFor(QStringLiteral("debugger-es256"), result);
    const QString path = u"/__shapes/jwks-rotating/" % QUuid::createUuid().toString(QUuid::WithoutBraces);

    // The set kept from earlier is the one from before the rotation (RS256 only): the ES256 kid is unknown,
    // the set is fetched again, and the fresh set verifies.
    const auto keep = [this](const QString& at) {
        bool kept = false;
        m_jwks->keys(QUrl(m_provider.issuer + at), {.allowHttp = true}, false, this,
                     [&kept](const JwksResult& r) { kept = r.ok() && r.keys.keys.size() == 1; });
        return QTest::qWaitFor([&kept] { return kept; }, 10'000);
    };
    QVERIFY(keep(path));
    JwksResult keys;
    TokenVerification v = verify(token, expected, path, &keys);
    QVERIFY2(v.verified(), qPrintable(dump(v)));
    QVERIFY2(v.checks.first().message.contains(u"fetched again"), qPrintable(dump(v)));
    qsizetype fetches = 0;
    for (qsizetype i = 0; i < m_log->size(); ++i)
        fetches += m_log->exchangeAt(i)->url.path() == path;
    QCOMPARE(fetches, 2);

    // Within the cooldown the issuer is not asked again: an unknown kid then fails and says why.
    const QString path2 = u"/__shapes/jwks-rotating/" % QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_jwks->setCooldown(std::chrono::hours(1));
    QVERIFY(keep(path2));
    v = verify(token, expected, path2);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.checks.first().message.contains(u"fetched too recently"), qPrintable(dump(v)));
    QVERIFY(v.noMatchingKey);
}

void tst_TokenVerification::askersShareOneFetch()
{
    int answers = 0;
    const QUrl url(m_provider.issuer + u"/jwks");
    for (int i = 0; i < 3; ++i)
        m_jwks->keys(url, {.allowHttp = true}, false, this,
                     [&answers](const JwksResult& r) { answers += r.ok() && r.keys.keys.size() == 4; });
    QTRY_COMPARE(answers, 3);
    QCOMPARE(m_log->size(), 1);
    // Kept: no second request.
    m_jwks->keys(url, {.allowHttp = true}, false, this,
                 [&answers](const JwksResult& r) { answers += r.fromCache; });
    QTRY_COMPARE(answers, 4);
    QCOMPARE(m_log->size(), 1);
}

void tst_TokenVerification::refreshedIdTokenIsHeldToTheFirst()
{
    const SignIn result = signIn(QStringLiteral("debugger-public"));
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    IdTokenExpectations expected = expectationsFor(QStringLiteral("debugger-public"), result);
    const TokenVerification first = verify(result.tokens.idToken.reveal(), expected);
    QVERIFY(first.verified());

    TokenClient tokens(m_network.get());
    tokens.refresh({.tokenEndpoint = QUrl(m_provider.issuer + u"/token"),
                    .clientId = QStringLiteral("debugger-public"),
                    .allowHttp = true},
                   result.tokens.refreshToken);
    QSignalSpy refreshed(&tokens, &TokenClient::finished);
    QVERIFY(refreshed.wait(15'000));
    const TokenSet again = refreshed.first().first().value<TokenResult>().tokens;
    QVERIFY(!again.idToken.isEmpty());
    expected.original = first.claims;
    expected.accessToken = again.accessToken;
    expected.nonce.clear(); // OIDC Core §12.2: a refreshed ID token need not repeat the nonce
    const TokenVerification second = verify(again.idToken.reveal(), expected);
    QVERIFY2(second.verified(), qPrintable(dump(second)));
    QVERIFY(std::any_of(second.checks.cbegin(), second.checks.cend(), [](const Finding& f) {
        return f.rule == u"OIDC Core §12.2" && f.field == u"sub" && f.severity == Severity::Info;
    }));
}

void tst_TokenVerification::keySetErrors()
{
    const struct {
        QString url;
        bool allowHttp;
        const char* message;
    } cases[] = {
        {m_provider.issuer + u"/no-such-jwks", true, "answered HTTP 404"},
        {m_provider.origin() + u"/__shapes/html/.well-known/openid-configuration", true, "not JSON"},
        {m_provider.issuer + u"/jwks", false, "not https"},
        {QStringLiteral("http://jwks.example/keys"), true, "not https"},
        {u"http://127.0.0.1:" % QString::number(unusedLoopbackPort()) % u"/jwks", true, "refused"},
    };
    for (const auto& c : cases) {
        std::optional<JwksResult> answer;
        m_jwks->keys(QUrl(c.url), {.allowHttp = c.allowHttp}, false, this,
                     [&answer](const JwksResult& r) { answer = r; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY2(!answer->ok() && answer->error.message.contains(QLatin1StringView(c.message)),
                 qPrintable(c.url % u" → " % answer->error.message));
    }
}

QTEST_GUILESS_MAIN(tst_TokenVerification)
#include "tst_tokenverification.moc"
