// JWT access tokens (RFC 9068) as a client can check them, and opaque ones said to be for the server alone.
#include "TestSigner.h"
#include "jose/AccessTokenValidator.h"

#include <QTest>

using namespace oauth2dbg;

namespace {
constexpr qint64 kNow = 1'800'000'000;

QJsonObject claims()
{
    return {{QStringLiteral("iss"), QStringLiteral("https://issuer.example")},
            {QStringLiteral("sub"), QStringLiteral("alice")},
            {QStringLiteral("aud"), QStringLiteral("https://api.example.com/")},
            {QStringLiteral("client_id"), QStringLiteral("debugger-app")},
            {QStringLiteral("exp"), double(kNow + 300)},
            {QStringLiteral("iat"), double(kNow)},
            {QStringLiteral("jti"), QStringLiteral("j-1")}};
}

AccessTokenExpectations expected()
{
    return {.issuer = QStringLiteral("https://issuer.example"),
            .clientId = QStringLiteral("debugger-app"),
            .clock = {.now = QDateTime::fromSecsSinceEpoch(kNow), .skewSeconds = 30}};
}
} // namespace

class tst_AccessTokenValidator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void typedJwtVerifies();
    void untypedJwtIsWarnedAbout();
    void wrongIssuerClientAndExpiry();
    void neverWithTheClientSecret();
    void opaqueIsSaidToBeOpaque();
};

void tst_AccessTokenValidator::typedJwtVerifies()
{
    const test::TestKey key = test::TestKey::generate(QStringLiteral("ES256"), QStringLiteral("at-1"));
    const JwkSet keys = JwkSet::parse(test::jwks({key.publicJwk()}));
    const QByteArray token = key.sign({{QStringLiteral("typ"), QStringLiteral("at+jwt")}}, claims());
    QVERIFY(looksLikeJwt(token));
    const TokenVerification v = validateAccessToken(token, keys, expected());
    QVERIFY2(v.verified(), qPrintable(v.summary));
    QVERIFY(std::any_of(v.checks.cbegin(), v.checks.cend(), [](const Finding& f) {
        return f.field == u"aud" && f.message.contains(u"https://api.example.com/");
    }));
}

void tst_AccessTokenValidator::untypedJwtIsWarnedAbout()
{
    // An ID token offered as an access token is the confusion RFC 9068 §4's "typ" prevents.
    const test::TestKey key = test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("k"));
    const TokenVerification v =
        validateAccessToken(key.sign({}, claims()), JwkSet::parse(test::jwks({key.publicJwk()})), expected());
    QVERIFY(v.verified());
    const auto typ =
        std::find_if(v.checks.cbegin(), v.checks.cend(), [](const Finding& f) { return f.field == u"typ"; });
    QVERIFY(typ != v.checks.cend() && typ->severity == Severity::Warning);
    QVERIFY(typ->message.contains(u"not typed \"at+jwt\" (typ is \"absent\")"));
}

void tst_AccessTokenValidator::wrongIssuerClientAndExpiry()
{
    const test::TestKey key = test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("k"));
    const JwkSet keys = JwkSet::parse(test::jwks({key.publicJwk()}));
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    const struct {
        const char* member;
        QJsonValue value;
        const char* message;
    } cases[] = {
        {"iss", QStringLiteral("https://other.example"), "but the issuer is"},
        {"client_id", QStringLiteral("someone-else"), "not to this client"},
        {"exp", double(kNow - 60), "Expired at"},
        {"aud", QJsonValue::Undefined, "\"aud\" is missing"},
    };
    for (const auto& c : cases) {
        QJsonObject body = claims();
        if (c.value.isUndefined())
            body.remove(QLatin1StringView(c.member));
        else
            body.insert(QLatin1StringView(c.member), c.value);
        const TokenVerification v = validateAccessToken(key.sign(header, body), keys, expected());
        QCOMPARE(v.verdict, Verdict::Failed);
        QVERIFY2(v.summary.contains(QLatin1StringView(c.message)), qPrintable(v.summary));
    }
}

void tst_AccessTokenValidator::neverWithTheClientSecret()
{
    const TokenVerification v =
        validateAccessToken(test::signHmac(QStringLiteral("HS256"), "secret", {}, claims()), {}, expected());
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.summary.contains(u"HS256 is not among the algorithms expected here"), qPrintable(v.summary));
}

void tst_AccessTokenValidator::opaqueIsSaidToBeOpaque()
{
    for (const QByteArray& token : {QByteArray("2YotnFZFEjr1zCsicMWpAA"), QByteArray("a.b")}) {
        QVERIFY(!looksLikeJwt(token));
        const TokenVerification v = validateAccessToken(token, {}, expected());
        QCOMPARE(v.verdict, Verdict::NotVerifiable);
        QVERIFY(v.summary.startsWith(u"Opaque: only the server can say"));
        QCOMPARE(v.failures(), 0);
    }
}

QTEST_GUILESS_MAIN(tst_AccessTokenValidator)
#include "tst_accesstokenvalidator.moc"
