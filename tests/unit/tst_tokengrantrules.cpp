// The other grants' requests and rules without a server: token exchange's body and its token types (RFC 8693
// §2.1, §3), what its answer must say (TX-01, TX-02: shapes no test server sends, such as an ID token issued
// for an access token asked for), the JWT bearer assertion's claims and signature (RFC 7523 §3, verified here
// with the key's public half), and the password grant's body.
#include "jose/Jws.h"
#include "jose/JwtDecode.h"
#include "oauth/TokenGrants.h"

#include <QJsonDocument>
#include <QTest>

using namespace oauth2dbg;
namespace TG = TokenGrants;

namespace {
QString value(const FormPairs& body, const QString& name)
{
    for (const auto& [n, v] : body)
        if (n == name)
            return v;
    return {};
}

TokenResult answer(const QJsonObject& fields, const QString& tokenType = QStringLiteral("Bearer"))
{
    TokenResult r;
    r.exchangeId = 1;
    r.tokens.accessToken = Secret("x");
    r.tokens.tokenType = tokenType;
    r.tokens.fields = fields;
    return r;
}

Findings withRule(const Findings& all, const QString& rule)
{
    Findings out;
    for (const Finding& f : all)
        if (f.rule == rule)
            out << f;
    return out;
}
} // namespace

class tst_TokenGrantsUnit : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void tokenTypesByShortNameOrUri()
    {
        QCOMPARE(TG::tokenTypeUri(QStringLiteral("id_token")),
                 QStringLiteral("urn:ietf:params:oauth:token-type:id_token"));
        QCOMPARE(TG::tokenTypeUri(QStringLiteral(" saml2 ")),
                 QStringLiteral("urn:ietf:params:oauth:token-type:saml2"));
        QCOMPARE(TG::tokenTypeUri(QStringLiteral("urn:example:custom")),
                 QStringLiteral("urn:example:custom"));
        QVERIFY(TG::tokenTypeUri(QStringLiteral("cookie")).isEmpty());
        QCOMPARE(TG::tokenTypeNames().size(), 6);
    }

    void anExchangeBodyCarriesEveryPart()
    {
        QString problem;
        const FormPairs body = TG::exchangeBody({.subjectToken = Secret("subject"),
                                                 .subjectTokenType = QStringLiteral("jwt"),
                                                 .actorToken = Secret("actor"),
                                                 .actorTokenType = QStringLiteral("access_token"),
                                                 .requestedTokenType = QStringLiteral("refresh_token"),
                                                 .audiences = {QStringLiteral("a1"), QStringLiteral("a2")},
                                                 .resources = {QStringLiteral("https://r.example")},
                                                 .scope = QStringLiteral(" read  write ")},
                                                &problem);
        QVERIFY(problem.isEmpty());
        QCOMPARE(body.first().second, QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"));
        QCOMPARE(value(body, QStringLiteral("subject_token")), QStringLiteral("subject"));
        QCOMPARE(value(body, QStringLiteral("subject_token_type")),
                 QStringLiteral("urn:ietf:params:oauth:token-type:jwt"));
        QCOMPARE(value(body, QStringLiteral("actor_token_type")),
                 QStringLiteral("urn:ietf:params:oauth:token-type:access_token"));
        QCOMPARE(value(body, QStringLiteral("requested_token_type")),
                 QStringLiteral("urn:ietf:params:oauth:token-type:refresh_token"));
        QCOMPARE(value(body, QStringLiteral("scope")), QStringLiteral("read write"));
        QCOMPARE(
            std::count_if(body.cbegin(), body.cend(), [](const auto& p) { return p.first == u"audience"; }),
            2);
    }

    void anExchangeWithoutWhatItNeedsIsRefused()
    {
        QString problem;
        QVERIFY(TG::exchangeBody({.subjectTokenType = QStringLiteral("access_token")}, &problem).isEmpty());
        QVERIFY2(problem.contains(u"subject token"), qPrintable(problem));
        problem.clear();
        QVERIFY(TG::exchangeBody({.subjectToken = Secret("s"), .subjectTokenType = QStringLiteral("cookie")},
                                 &problem)
                    .isEmpty());
        QVERIFY2(problem.contains(u"\"cookie\" is not a token type"), qPrintable(problem));
        problem.clear();
        QVERIFY(TG::exchangeBody({.subjectToken = Secret("s"),
                                  .subjectTokenType = QStringLiteral("access_token"),
                                  .actorToken = Secret("a")},
                                 &problem)
                    .isEmpty());
        QVERIFY2(problem.contains(u"actor_token_type"), qPrintable(problem));
    }

    void theAnswerMustNameWhatItIssued()
    {
        const Findings none = TG::exchangeChecks(answer({}), {});
        QCOMPARE(withRule(none, QStringLiteral("TX-01")).size(), 1);
        QCOMPARE(none.first().severity, Severity::Error);
        const Findings asAsked =
            TG::exchangeChecks(answer({{QStringLiteral("issued_token_type"),
                                        QStringLiteral("urn:ietf:params:oauth:token-type:access_token")}}),
                               QStringLiteral("access_token"));
        QCOMPARE(asAsked.size(), 1);
        QCOMPARE(asAsked.first().severity, Severity::Info);
        // An ID token for an access token asked for, with token_type Bearer: both said.
        const Findings other =
            TG::exchangeChecks(answer({{QStringLiteral("issued_token_type"),
                                        QStringLiteral("urn:ietf:params:oauth:token-type:id_token")}},
                                      QStringLiteral("DPoP")),
                               QStringLiteral("access_token"));
        QCOMPARE(withRule(other, QStringLiteral("TX-02")).size(), 2);
        const Findings na =
            TG::exchangeChecks(answer({{QStringLiteral("issued_token_type"),
                                        QStringLiteral("urn:ietf:params:oauth:token-type:jwt")}},
                                      QStringLiteral("N_A")),
                               {});
        QCOMPARE(withRule(na, QStringLiteral("TX-02")).size(), 0);
        TokenResult refused;
        refused.error = {.kind = ErrorKind::Http, .message = QStringLiteral("no")};
        QVERIFY(TG::exchangeChecks(refused, {}).isEmpty()); // a refusal is its own verdict
    }

    void theBearerAssertionHasTheClaimsAndVerifies()
    {
        const SigningKey key = SigningKey::generate(SigningKey::Type::EcP256);
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        const ClientAssertion a = TG::bearerAssertion(key, {},
                                                      {.issuer = QStringLiteral("client-1"),
                                                       .subject = QStringLiteral("alice"),
                                                       .audience = QStringLiteral("https://op.example/token"),
                                                       .lifetime = 120,
                                                       .clockOffset = -30},
                                                      now);
        QVERIFY2(a.ok(), qPrintable(a.error));
        const DecodedToken decoded = decodeToken(a.jwt);
        QCOMPARE(decoded.payload.value(u"iss").toString(), QStringLiteral("client-1"));
        QCOMPARE(decoded.payload.value(u"sub").toString(), QStringLiteral("alice"));
        QCOMPARE(decoded.payload.value(u"aud").toString(), QStringLiteral("https://op.example/token"));
        QCOMPARE(qint64(decoded.payload.value(u"iat").toDouble()), 1'800'000'000 - 30);
        QCOMPARE(qint64(decoded.payload.value(u"exp").toDouble()), 1'800'000'000 - 30 + 120);
        QVERIFY(decoded.payload.value(u"jti").toString().size() >= 16);
        QCOMPARE(decoded.header.value(u"alg").toString(), QStringLiteral("ES256"));
        QCOMPARE(decoded.header.value(u"kid").toString(), key.kid);
        const JwkSet keys = JwkSet::parse(QJsonDocument(key.publicJwks()).toJson());
        QVERIFY(verifySignature(CompactJws::parse(a.jwt), keys, {}).verified());
        // A second one has its own jti.
        const ClientAssertion b = TG::bearerAssertion(
            key, {},
            {.issuer = QStringLiteral("c"), .subject = QStringLiteral("s"), .audience = QStringLiteral("a")},
            now);
        QVERIFY(decodeToken(b.jwt).payload.value(u"jti") != decoded.payload.value(u"jti"));
    }

    void aBearerAssertionWithoutItsClaimsIsNotMade()
    {
        const SigningKey key = SigningKey::generate(SigningKey::Type::EcP256);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(TG::bearerAssertion(key, {}, {.issuer = QStringLiteral("c"), .audience = QStringLiteral("a")},
                                    now)
                    .error.contains(u"subject"));
        QVERIFY(
            TG::bearerAssertion(key, {}, {.issuer = QStringLiteral("c"), .subject = QStringLiteral("s")}, now)
                .error.contains(u"audience"));
        QVERIFY(TG::bearerAssertion(key, {},
                                    {.issuer = QStringLiteral("c"),
                                     .subject = QStringLiteral("s"),
                                     .audience = QStringLiteral("a"),
                                     .lifetime = 0},
                                    now)
                    .error.contains(u"lifetime"));
        QVERIFY(!TG::bearerAssertion(SigningKey(), {},
                                     {.issuer = QStringLiteral("c"),
                                      .subject = QStringLiteral("s"),
                                      .audience = QStringLiteral("a")},
                                     now)
                     .ok());
    }

    void thePasswordBodyAndItsWarning()
    {
        const FormPairs body =
            TG::passwordBody(QStringLiteral("alice"), Secret("p w&d"), QStringLiteral("openid"));
        QCOMPARE(value(body, QStringLiteral("grant_type")), QStringLiteral("password"));
        QCOMPARE(value(body, QStringLiteral("password")), QStringLiteral("p w&d"));
        QCOMPARE(TG::legacyWarning(QStringLiteral("password")).rule, QStringLiteral("LG-01"));
        QCOMPARE(TG::legacyWarning(QStringLiteral("implicit")).rule, QStringLiteral("LG-02"));
        QCOMPARE(TG::legacyWarning(QStringLiteral("implicit")).severity, Severity::Warning);
    }
};

QTEST_GUILESS_MAIN(tst_TokenGrantsUnit)
#include "tst_tokengrantrules.moc"
