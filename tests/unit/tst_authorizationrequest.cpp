#include "oauth/AuthorizationRequest.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

namespace {
AuthorizationParameters demo()
{
    AuthorizationParameters p;
    p.authorizationEndpoint = QUrl(QStringLiteral("https://op.example.com/auth"));
    p.clientId = QStringLiteral("my client:1");
    p.redirectUri = QStringLiteral("http://127.0.0.1:49152/callback");
    p.scope = QStringLiteral("openid email");
    return p;
}

QString valueOf(const FormPairs& pairs, const QString& name)
{
    for (const auto& [n, v] : pairs) {
        if (n == name)
            return v;
    }
    return QStringLiteral("<absent>");
}
} // namespace

class tst_AuthorizationRequest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pkceRfc7636AppendixB();
    void verifierRules_data();
    void verifierRules();
    void stateIsRandomAndLongEnough();
    void buildsTheUrl();
    void nonceOnlyWithOpenId();
    void pkceChoices();
    void optionalParameters();
    void extraParametersReplaceWithAWarning();
    void keepsAQueryInTheEndpoint();
};

void tst_AuthorizationRequest::pkceRfc7636AppendixB()
{
    const QByteArray verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    QCOMPARE(Pkce::challenge(verifier, Pkce::Method::S256),
             QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    QCOMPARE(Pkce::challenge(verifier, Pkce::Method::Plain), verifier);
    QVERIFY(Pkce::challenge(verifier, Pkce::Method::None).isEmpty());
    QVERIFY(Pkce::verifierProblem(verifier).isEmpty());
}

void tst_AuthorizationRequest::verifierRules_data()
{
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<bool>("valid");
    QTest::addRow("42 chars") << QByteArray(42, 'a') << false;
    QTest::addRow("43 chars") << QByteArray(43, 'a') << true;
    QTest::addRow("128 chars") << QByteArray(128, '~') << true;
    QTest::addRow("129 chars") << QByteArray(129, 'a') << false;
    QTest::addRow("plus sign") << QByteArray(42, 'a') + '+' << false;
    QTest::addRow("generated") << Pkce::generateVerifier() << true;
}

void tst_AuthorizationRequest::verifierRules()
{
    QFETCH(QByteArray, verifier);
    QFETCH(bool, valid);
    QCOMPARE(Pkce::verifierProblem(verifier).isEmpty(), valid);
}

void tst_AuthorizationRequest::stateIsRandomAndLongEnough()
{
    // AR-01: 10,000 states, all different, 43 base64url characters (256 bits).
    static const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    QSet<QByteArray> seen;
    for (int i = 0; i < 10'000; ++i) {
        const QByteArray state = randomToken();
        QVERIFY2(shape.match(QString::fromLatin1(state)).hasMatch(), state.constData());
        seen.insert(state);
    }
    QCOMPARE(seen.size(), 10'000);
}

void tst_AuthorizationRequest::buildsTheUrl()
{
    const AuthorizationRequest r = AuthorizationRequest::build(demo());
    QVERIFY(r.url.startsWith(u"https://op.example.com/auth?response_type=code&client_id=my+client%3A1&"));
    QVERIFY2(r.url.contains(u"&redirect_uri=http%3A%2F%2F127.0.0.1%3A49152%2Fcallback&"), qPrintable(r.url));
    QVERIFY(r.url.contains(u"&scope=openid+email&"));
    QVERIFY(r.url.contains(u"&state=" + QString::fromLatin1(r.state)));
    QVERIFY(r.url.endsWith(u"&code_challenge_method=S256"));
    QCOMPARE(valueOf(r.parameters, QStringLiteral("code_challenge")), QString::fromLatin1(r.codeChallenge));
    QCOMPARE(Pkce::challenge(r.codeVerifier, Pkce::Method::S256), r.codeChallenge);
    QCOMPARE(r.redirectUri, demo().redirectUri);
    QVERIFY(r.warnings.isEmpty());
    // The URL decodes back to exactly the parameters shown to the user.
    const FormEncoding::Decoded decoded = FormEncoding::decode(r.url.section(u'?', 1).toLatin1());
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.pairs, r.parameters);
    // Two requests never share their one-time values.
    const AuthorizationRequest other = AuthorizationRequest::build(demo());
    QVERIFY(other.state != r.state && other.nonce != r.nonce && other.codeVerifier != r.codeVerifier);
}

void tst_AuthorizationRequest::nonceOnlyWithOpenId()
{
    AuthorizationParameters p = demo();
    QVERIFY(!AuthorizationRequest::build(p).nonce.isEmpty());
    p.scope = QStringLiteral("api:read openid-like");
    const AuthorizationRequest r = AuthorizationRequest::build(p);
    QVERIFY(r.nonce.isEmpty());
    QCOMPARE(valueOf(r.parameters, QStringLiteral("nonce")), QStringLiteral("<absent>"));
}

void tst_AuthorizationRequest::pkceChoices()
{
    AuthorizationParameters p = demo();
    p.pkce = Pkce::Method::Plain;
    AuthorizationRequest r = AuthorizationRequest::build(p);
    QCOMPARE(valueOf(r.parameters, QStringLiteral("code_challenge_method")), QStringLiteral("plain"));
    QCOMPARE(r.codeChallenge, r.codeVerifier);
    QCOMPARE(r.warnings.size(), 1);

    p.pkce = Pkce::Method::None;
    r = AuthorizationRequest::build(p);
    QCOMPARE(valueOf(r.parameters, QStringLiteral("code_challenge")), QStringLiteral("<absent>"));
    QCOMPARE(valueOf(r.parameters, QStringLiteral("code_challenge_method")), QStringLiteral("<absent>"));
    QVERIFY(r.codeVerifier.isEmpty());
    QCOMPARE(r.warnings.size(), 1);
    QVERIFY(r.warnings.first().message.contains(u"No PKCE"));
}

void tst_AuthorizationRequest::optionalParameters()
{
    AuthorizationParameters p = demo();
    p.prompt = QStringLiteral("login consent");
    p.loginHint = QStringLiteral("alice@example.com");
    p.maxAge = 0;
    p.acrValues = QStringLiteral("urn:mace:incommon:iap:silver");
    p.resources = {QStringLiteral("https://api.example.com/"), QStringLiteral("https://other.example.com/")};
    p.audience = QStringLiteral("api");
    p.responseMode = QStringLiteral("form_post");
    const AuthorizationRequest r = AuthorizationRequest::build(p);
    QCOMPARE(valueOf(r.parameters, QStringLiteral("prompt")), QStringLiteral("login consent"));
    QCOMPARE(valueOf(r.parameters, QStringLiteral("max_age")), QStringLiteral("0"));
    QCOMPARE(valueOf(r.parameters, QStringLiteral("response_mode")), QStringLiteral("form_post"));
    QVERIFY(r.url.contains(u"&login_hint=alice%40example.com&"));
    QVERIFY(r.url.contains(
        u"&resource=https%3A%2F%2Fapi.example.com%2F&resource=https%3A%2F%2Fother.example.com%2F&"));
    QVERIFY(r.url.contains(u"&audience=api"));
}

void tst_AuthorizationRequest::extraParametersReplaceWithAWarning()
{
    AuthorizationParameters p = demo();
    p.extra = {{QStringLiteral("kc_idp_hint"), QStringLiteral("github")},
               {QStringLiteral("scope"), QStringLiteral("x")}};
    const AuthorizationRequest r = AuthorizationRequest::build(p);
    QCOMPARE(valueOf(r.parameters, QStringLiteral("kc_idp_hint")), QStringLiteral("github"));
    QCOMPARE(valueOf(r.parameters, QStringLiteral("scope")), QStringLiteral("x"));
    QCOMPARE(std::count_if(r.parameters.cbegin(), r.parameters.cend(),
                           [](const auto& pair) { return pair.first == u"scope"; }),
             1);
    QCOMPARE(r.warnings.size(), 1);
    QCOMPARE(r.warnings.first().field, QStringLiteral("scope"));
}

void tst_AuthorizationRequest::keepsAQueryInTheEndpoint()
{
    AuthorizationParameters p = demo();
    p.authorizationEndpoint = QUrl(QStringLiteral("https://op.example.com/oauth2/authorize?p=B2C_1_signin"));
    const AuthorizationRequest r = AuthorizationRequest::build(p);
    QVERIFY2(r.url.startsWith(u"https://op.example.com/oauth2/authorize?p=B2C_1_signin&response_type=code&"),
             qPrintable(r.url));
}

QTEST_GUILESS_MAIN(tst_AuthorizationRequest)
#include "tst_authorizationrequest.moc"
