// The ID token checklist (OIDC Core §3.1.3.7): one row per way a token can be wrong, each failing at the step
// that names it, and a good token passing every step.
#include "TestSigner.h"
#include "jose/IdTokenValidator.h"

#include <QJsonArray>
#include <QTest>

using namespace oauth2dbg;

namespace {
constexpr qint64 kNow = 1'800'000'000;
const QString kIssuer = QStringLiteral("https://issuer.example/tenant");
const QString kClient = QStringLiteral("debugger-app");

QJsonObject goodClaims()
{
    return {{QStringLiteral("iss"), kIssuer},
            {QStringLiteral("sub"), QStringLiteral("alice")},
            {QStringLiteral("aud"), kClient},
            {QStringLiteral("exp"), double(kNow + 600)},
            {QStringLiteral("iat"), double(kNow - 5)},
            {QStringLiteral("nonce"), QStringLiteral("n-0S6_WzA2Mj")},
            {QStringLiteral("auth_time"), double(kNow - 60)}};
}

IdTokenExpectations expectations()
{
    IdTokenExpectations e;
    e.issuer = kIssuer;
    e.clientId = kClient;
    e.supportedAlgs = {QStringLiteral("RS256"), QStringLiteral("ES256"), QStringLiteral("HS256")};
    e.nonce = QStringLiteral("n-0S6_WzA2Mj");
    e.clientSecret = Secret("client secret: % +");
    e.clock.now = QDateTime::fromSecsSinceEpoch(kNow);
    e.clock.skewSeconds = 30;
    return e;
}

const Finding* findingFor(const TokenVerification& v, const QString& field)
{
    for (const Finding& f : v.checks)
        if (f.field == field)
            return &f;
    return nullptr;
}

QString dump(const TokenVerification& v)
{
    QStringList lines{v.summary};
    for (const Finding& f : v.checks)
        lines << QString::number(int(f.severity)) % u' ' % f.rule % u' ' % f.field % u": " % f.message;
    return lines.join(u'\n');
}
} // namespace

class tst_IdTokenValidator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void goodTokenPassesEveryStep();
    void eachRuleFails_data();
    void eachRuleFails();
    void optionalStepsSaySkipped();
    void algorithmChoice();
    void unsignedAndEncrypted();
    void hashesFromTheSpec();
    void refreshedTokenKeepsItsSubject();
    void failuresAreSaidByConsequence();
    void aPlaceholderAuthTimeIsSaid();

private:
    test::TestKey m_rsa;
    test::TestKey m_ec;
    JwkSet m_keys;
};

void tst_IdTokenValidator::initTestCase()
{
    m_rsa = test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("rs-1"));
    m_ec = test::TestKey::generate(QStringLiteral("ES256"), QStringLiteral("ec-1"));
    m_keys = JwkSet::parse(test::jwks({m_rsa.publicJwk(), m_ec.publicJwk()}));
    QVERIFY(m_keys.ok());
}

void tst_IdTokenValidator::goodTokenPassesEveryStep()
{
    IdTokenExpectations e = expectations();
    e.maxAge = 300;
    e.accessToken = Secret("an-access-token");
    QJsonObject claims = goodClaims();
    claims.insert(u"at_hash", tokenHash(QStringLiteral("RS256"), e.accessToken.reveal()));
    const TokenVerification v = validateIdToken(m_rsa.sign({}, claims), m_keys, e);
    QVERIFY2(v.verified(), qPrintable(dump(v)));
    QCOMPARE(v.failures(), 0);
    QVERIFY2(v.summary.startsWith(u"Verified: RS256 signature verified with RSA 2048 kid \"rs-1\"."),
             qPrintable(v.summary));
    for (const char* field : {"iss", "aud", "exp", "iat", "nonce", "auth_time", "at_hash", "signature"}) {
        const Finding* f = findingFor(v, QLatin1StringView(field));
        QVERIFY2(f && f->severity == Severity::Info, field);
    }
    QVERIFY(findingFor(v, QStringLiteral("iss"))->rule.contains(u"§3.1.3.7 (2)"));
    QCOMPARE(v.claims.value(u"sub").toString(), QStringLiteral("alice"));
}

void tst_IdTokenValidator::eachRuleFails_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    const auto with = [](const char* name, const QJsonValue& value) {
        QJsonObject c = goodClaims();
        if (value.isUndefined())
            c.remove(QLatin1StringView(name));
        else
            c.insert(QLatin1StringView(name), value);
        return c;
    };
    QTest::addRow("wrong issuer") << with("iss", QStringLiteral("https://issuer.example/other")) << "iss"
                                  << "but the issuer is";
    QTest::addRow("issuer with a trailing slash") << with("iss", QString(kIssuer + u'/')) << "iss"
                                                  << "but the issuer is";
    QTest::addRow("no issuer") << with("iss", QJsonValue::Undefined) << "iss"
                               << "missing";
    QTest::addRow("another audience") << with("aud", QStringLiteral("someone-else")) << "aud"
                                      << "not for this client";
    QTest::addRow("several audiences, no azp")
        << with("aud", QJsonArray{kClient, QStringLiteral("api")}) << "azp"
        << "no \"azp\"";
    QTest::addRow("azp names another client") << with("azp", QStringLiteral("other")) << "azp"
                                              << "not this client";
    QTest::addRow("expired") << with("exp", double(kNow - 31)) << "exp"
                             << "Expired at";
    QTest::addRow("exp as a string") << with("exp", QStringLiteral("1800000600")) << "exp"
                                     << "not a string";
    QTest::addRow("no exp") << with("exp", QJsonValue::Undefined) << "exp"
                            << "missing";
    QTest::addRow("no iat") << with("iat", QJsonValue::Undefined) << "iat"
                            << "missing";
    QTest::addRow("not yet valid") << with("nbf", double(kNow + 120)) << "nbf"
                                   << "Not valid before";
    QTest::addRow("no sub") << with("sub", QJsonValue::Undefined) << "sub"
                            << "missing";
    QTest::addRow("no nonce") << with("nonce", QJsonValue::Undefined) << "nonce"
                              << "carries none";
    QTest::addRow("another nonce") << with("nonce", QStringLiteral("replayed")) << "nonce"
                                   << "not the one";
    QTest::addRow("aud a number") << with("aud", 7) << "aud"
                                  << "string or an array";
}

void tst_IdTokenValidator::eachRuleFails()
{
    QFETCH(QJsonObject, claims);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const TokenVerification v = validateIdToken(m_rsa.sign({}, claims), m_keys, expectations());
    QCOMPARE(v.verdict, Verdict::Failed);
    const auto failed = std::find_if(v.checks.cbegin(), v.checks.cend(), [&field](const Finding& f) {
        return f.field == field && f.severity == Severity::Error;
    });
    QVERIFY2(failed != v.checks.cend(), qPrintable(dump(v)));
    QVERIFY2(failed->message.contains(message), qPrintable(failed->message));
    QVERIFY2(v.summary.startsWith(u"Failed: "), qPrintable(v.summary));
    // The signature itself was fine and says so: one failed rule does not hide the others' results.
    const Finding* signature = findingFor(v, QStringLiteral("signature"));
    QVERIFY(signature && signature->severity == Severity::Info);
}

void tst_IdTokenValidator::optionalStepsSaySkipped()
{
    IdTokenExpectations e = expectations();
    e.nonce.clear();
    TokenVerification v = validateIdToken(m_rsa.sign({}, goodClaims()), m_keys, e);
    QVERIFY2(v.verified(), qPrintable(dump(v)));
    for (const char* field : {"nonce", "acr", "auth_time", "at_hash", "azp"})
        QCOMPARE(findingFor(v, QLatin1StringView(field))->severity, Severity::Skipped);

    // Within the clock skew: still valid. An old iat or a missing acr is a warning, not a failure.
    QJsonObject claims = goodClaims();
    claims.insert(u"exp", double(kNow - 20));
    claims.insert(u"iat", double(kNow - 3600));
    e.acrValues = {QStringLiteral("urn:mfa")};
    v = validateIdToken(m_rsa.sign({}, claims), m_keys, e);
    QVERIFY2(v.verified(), qPrintable(dump(v)));
    QCOMPARE(findingFor(v, QStringLiteral("iat"))->severity, Severity::Warning);
    QCOMPARE(findingFor(v, QStringLiteral("acr"))->severity, Severity::Warning);

    // max_age: auth_time becomes required and bounds the sign-in's age.
    e.maxAge = 20;
    v = validateIdToken(m_rsa.sign({}, goodClaims()), m_keys, e);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY(findingFor(v, QStringLiteral("auth_time"))->message.contains(u"older than max_age (20 s)"));
    claims = goodClaims();
    claims.remove(u"auth_time");
    v = validateIdToken(m_rsa.sign({}, claims), m_keys, e);
    QVERIFY(findingFor(v, QStringLiteral("auth_time"))->message.contains(u"required"));
}

void tst_IdTokenValidator::algorithmChoice()
{
    IdTokenExpectations e = expectations();
    // Registered ES256: an RS256 token fails at the signature step, whatever the issuer supports.
    e.registeredAlg = QStringLiteral("ES256");
    TokenVerification v = validateIdToken(m_rsa.sign({}, goodClaims()), m_keys, e);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.summary.contains(u"not among the algorithms expected here (ES256)"), qPrintable(v.summary));
    QVERIFY(validateIdToken(m_ec.sign({}, goodClaims()), m_keys, e).verified());
    // Nothing registered, nothing announced: RS256 only.
    e.registeredAlg.clear();
    e.supportedAlgs.clear();
    v = validateIdToken(m_ec.sign({}, goodClaims()), m_keys, e);
    QVERIFY2(v.summary.contains(u"(RS256)"), qPrintable(v.summary));
    // HS256 with the client secret; with another secret it fails.
    e.supportedAlgs = {QStringLiteral("HS256")};
    QVERIFY(validateIdToken(
                test::signHmac(QStringLiteral("HS256"), e.clientSecret.reveal(), {}, goodClaims()), m_keys, e)
                .verified());
    v = validateIdToken(test::signHmac(QStringLiteral("HS256"), "guess", {}, goodClaims()), m_keys, e);
    QVERIFY(v.summary.contains(u"does not match the client secret"));
    // An unknown kid: failed, and the caller is told a fresher key set may help.
    e.supportedAlgs = {QStringLiteral("RS256")};
    const test::TestKey rotated = test::TestKey::generate(QStringLiteral("RS256"), QStringLiteral("rs-2"));
    v = validateIdToken(rotated.sign({}, goodClaims()), m_keys, e);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY(v.noMatchingKey);
}

void tst_IdTokenValidator::unsignedAndEncrypted()
{
    IdTokenExpectations e = expectations();
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("none")}};
    const QByteArray none = test::signingInput(header, goodClaims()) + '.';
    TokenVerification v = validateIdToken(none, m_keys, e);
    QCOMPARE(v.verdict, Verdict::Failed);
    e.noneAllowed = true; // OIDC Core §2: registered none, code flow, token endpoint
    v = validateIdToken(none, m_keys, e);
    QCOMPARE(v.verdict, Verdict::NotVerifiable);
    QCOMPARE(v.failures(), 0);
    QVERIFY2(v.summary.startsWith(u"Not verifiable: Not signed"), qPrintable(v.summary));

    v = validateIdToken("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d", m_keys, e);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY(v.summary.contains(u"encrypted (JWE)"));
    QVERIFY(v.checks.first().rule.contains(u"(1)"));
}

void tst_IdTokenValidator::hashesFromTheSpec()
{
    // OIDC Core appendix A.3 and A.4.
    QCOMPARE(tokenHash(QStringLiteral("RS256"), "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
             QStringLiteral("77QmUPtjPfzWtF2AnpK9RQ"));
    QCOMPARE(tokenHash(QStringLiteral("RS256"), "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk"),
             QStringLiteral("LDktKdoQak3Pk0cnXxCltA"));
    QCOMPARE(tokenHash(QStringLiteral("ES384"), "x").size(), 32); // 24 bytes of SHA-384
    QCOMPARE(tokenHash(QStringLiteral("EdDSA"), "x").size(), 43); // 32 bytes of SHA-512
    QVERIFY(tokenHash(QStringLiteral("none"), "x").isEmpty());

    IdTokenExpectations e = expectations();
    e.accessToken = Secret("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y");
    QJsonObject claims = goodClaims();
    claims.insert(u"at_hash", QStringLiteral("77QmUPtjPfzWtF2AnpK9RQ"));
    QVERIFY(validateIdToken(m_rsa.sign({}, claims), m_keys, e).verified());
    e.accessToken = Secret("another-access-token");
    const TokenVerification v = validateIdToken(m_rsa.sign({}, claims), m_keys, e);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY(findingFor(v, QStringLiteral("at_hash"))->message.contains(u"does not match the access token"));
}

void tst_IdTokenValidator::refreshedTokenKeepsItsSubject()
{
    IdTokenExpectations e = expectations();
    e.nonce.clear(); // a refreshed ID token need not carry the nonce
    e.original = goodClaims();
    QJsonObject claims = goodClaims();
    claims.remove(u"nonce");
    QVERIFY(validateIdToken(m_rsa.sign({}, claims), m_keys, e).verified());
    claims.insert(u"sub", QStringLiteral("mallory"));
    TokenVerification v = validateIdToken(m_rsa.sign({}, claims), m_keys, e);
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.summary.contains(u"\"sub\" changed from \"alice\" to \"mallory\""), qPrintable(v.summary));
    claims.insert(u"sub", QStringLiteral("alice"));
    claims.insert(u"aud", QJsonArray{kClient, QStringLiteral("api")});
    claims.insert(u"azp", kClient);
    v = validateIdToken(m_rsa.sign({}, claims), m_keys, e);
    QVERIFY2(v.summary.contains(u"\"aud\" changed"), qPrintable(v.summary));
}

// The one-line verdict leads with what matters most and names the rest: an expired token is not hidden
// behind a member of the wrong type checked earlier.
void tst_IdTokenValidator::failuresAreSaidByConsequence()
{
    QJsonObject claims = goodClaims();
    claims.insert(QStringLiteral("sub"), 7);                   // a type nit, checked first
    claims.insert(QStringLiteral("exp"), double(kNow - 3600)); // expired an hour ago
    claims.insert(QStringLiteral("aud"), QStringLiteral("someone-else"));
    const TokenVerification v = validateIdToken(m_rsa.sign({}, claims), m_keys, expectations());
    QCOMPARE(v.verdict, Verdict::Failed);
    QVERIFY2(v.summary.startsWith(u"Failed: Expired at"), qPrintable(v.summary));
    QVERIFY2(v.summary.contains(u"Also failed: aud, sub."), qPrintable(v.summary));
}

void tst_IdTokenValidator::aPlaceholderAuthTimeIsSaid()
{
    // auth_time 0 (seen from a server that does not track sign-ins): verified, with a warning that says so.
    QJsonObject claims = goodClaims();
    claims.insert(QStringLiteral("auth_time"), 0);
    const TokenVerification v = validateIdToken(m_rsa.sign({}, claims), m_keys, expectations());
    QVERIFY2(v.verified(), qPrintable(dump(v)));
    bool said = false;
    for (const Finding& f : v.checks)
        said = said || (f.field == u"auth_time" && f.severity == Severity::Warning &&
                        f.message.contains(u"placeholder"));
    QVERIFY2(said, qPrintable(dump(v)));
    // A real sign-in time says nothing of the kind.
    const TokenVerification fine = validateIdToken(m_rsa.sign({}, goodClaims()), m_keys, expectations());
    for (const Finding& f : fine.checks)
        QVERIFY(!f.message.contains(u"placeholder"));
}

QTEST_GUILESS_MAIN(tst_IdTokenValidator)
#include "tst_idtokenvalidator.moc"
