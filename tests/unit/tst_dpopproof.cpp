// DPoP proofs as made here (RFC 9449 §4.2): the RFC's ath vector, htu without query and fragment, the
// header's public key that verifies the signature, the faults a run may send on purpose, the nonces kept per
// origin and what counts as a server asking for one, and the checks on a token's binding.
#include "jose/Jws.h"
#include "oauth/Dpop.h"

#include <QJsonDocument>
#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

class tst_DpopProof : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void athIsTheRfcsVector();
    void htuHasNoQueryOrFragment_data();
    void htuHasNoQueryOrFragment();
    void aProofCarriesThePublicKeyThatVerifiesIt();
    void faultsAreWhatTheySay();
    void noncesAreKeptPerOrigin();
    void whatAsksForANonce_data();
    void whatAsksForANonce();
    void bindingIsCheckedAgainstTheKey();
    void bearerAfterAProofIsAWarning();
};

void tst_DpopProof::athIsTheRfcsVector()
{
    // RFC 9449 §7.1, the access token of its example and the ath of its proof.
    QCOMPARE(DpopProofs::athOf("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"),
             u"fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"_s);
}

void tst_DpopProof::htuHasNoQueryOrFragment_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("htu");
    QTest::newRow("plain") << u"https://server.example.com/token"_s << u"https://server.example.com/token"_s;
    QTest::newRow("query and fragment")
        << u"https://rs.example/api/v1/items?page=2&x=%20#top"_s << u"https://rs.example/api/v1/items"_s;
    QTest::newRow("port kept") << u"http://127.0.0.1:9440/me?a=b"_s << u"http://127.0.0.1:9440/me"_s;
    QTest::newRow("no user info") << u"https://user:pw@rs.example/r"_s << u"https://rs.example/r"_s;
}

void tst_DpopProof::htuHasNoQueryOrFragment()
{
    QFETCH(QString, url);
    QFETCH(QString, htu);
    QCOMPARE(DpopProofs::htuOf(QUrl(url)), htu);
}

void tst_DpopProof::aProofCarriesThePublicKeyThatVerifiesIt()
{
    const SigningKey key = SigningKey::generate(SigningKey::Type::EcP256);
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    const ClientAssertion proof =
        DpopProofs::make(key, "GET", u"https://rs.example/r"_s, u"n-1"_s, "the-token", now);
    QVERIFY2(proof.ok(), qPrintable(proof.error));
    const CompactJws jws = CompactJws::parse(proof.jwt);
    QVERIFY2(jws.ok(), qPrintable(jws.error));
    QCOMPARE(jws.typ, u"dpop+jwt"_s);
    QCOMPARE(jws.alg, u"ES256"_s);
    QVERIFY(jws.kid.isEmpty());
    const QJsonObject jwk = jws.header.value(u"jwk").toObject();
    QStringList members = jwk.keys();
    members.sort();
    QCOMPARE(members, (QStringList{u"crv"_s, u"kty"_s, u"x"_s, u"y"_s})); // the public key, nothing else
    QString why;
    QVERIFY2(verifyWithKey(u"ES256"_s, Jwk::fromJson(jwk), jws.signingInput, jws.signature, &why),
             qPrintable(why));
    QCOMPARE(jws.payload.value(u"htm").toString(), u"GET"_s);
    QCOMPARE(jws.payload.value(u"htu").toString(), u"https://rs.example/r"_s);
    QCOMPARE(jws.payload.value(u"iat").toInteger(), 1'700'000'000);
    QCOMPARE(jws.payload.value(u"nonce").toString(), u"n-1"_s);
    QCOMPARE(jws.payload.value(u"ath").toString(), DpopProofs::athOf("the-token"));
    QCOMPARE(jws.payload.value(u"jti").toString().size(), 22); // 128 random bits
    // Every proof its own jti.
    const ClientAssertion again = DpopProofs::make(key, "GET", u"https://rs.example/r"_s, {}, {}, now);
    QVERIFY(again.claims.value(u"jti") != proof.claims.value(u"jti"));
    QVERIFY(!again.claims.contains(u"nonce"));
    QVERIFY(!again.claims.contains(u"ath"));
}

void tst_DpopProof::faultsAreWhatTheySay()
{
    DpopContext dpop(SigningKey::generate(SigningKey::Type::EcP256));
    QString why;
    const QUrl token(u"https://as.example/token"_s);
    QVERIFY(!dpop.proofFor("POST", token, {}, &why).isEmpty());
    const QString first = dpop.lastProof().claims.value(u"jti").toString();
    dpop.setFault(DpopFault::ReusedJti);
    (void)dpop.proofFor("GET", QUrl(u"https://rs.example/r"_s), Secret::fromString(u"t"_s), &why);
    QCOMPARE(dpop.lastProof().claims.value(u"jti").toString(), first);
    dpop.setFault(DpopFault::WrongHtu);
    (void)dpop.proofFor("POST", token, {}, &why);
    QCOMPARE(dpop.lastProof().claims.value(u"htu").toString(), u"https://as.example/not-this-endpoint"_s);
    dpop.setFault(DpopFault::NoProof);
    QVERIFY(dpop.proofFor("POST", token, {}, &why).isEmpty());
    QVERIFY(why.isEmpty());
    // Fault names, as the command line takes them.
    bool ok = false;
    QCOMPARE(dpopFaultOf(u"wrong-htu"_s, &ok), DpopFault::WrongHtu);
    QVERIFY(ok);
    (void)dpopFaultOf(u"wrong_htu"_s, &ok);
    QVERIFY(!ok);
}

void tst_DpopProof::noncesAreKeptPerOrigin()
{
    DpopContext dpop(SigningKey::generate(SigningKey::Type::EcP256));
    HttpExchange answer;
    answer.url = QUrl(u"https://as.example/token"_s);
    answer.status = 400;
    answer.responseHeaders = {{"DPoP-Nonce", "eyJ7S_zG.eyJH0-Z.HX4w-7v"}};
    QVERIFY(dpop.noteResponse(answer));
    QCOMPARE(dpop.nonceFor(QUrl(u"https://as.example/other?x=1"_s)), u"eyJ7S_zG.eyJH0-Z.HX4w-7v"_s);
    QVERIFY(dpop.nonceFor(QUrl(u"https://rs.example/r"_s)).isEmpty());
    QVERIFY(dpop.nonceFor(QUrl(u"https://as.example:8443/token"_s)).isEmpty());
    QString why;
    (void)dpop.proofFor("POST", answer.url, {}, &why);
    QCOMPARE(dpop.lastProof().claims.value(u"nonce").toString(), u"eyJ7S_zG.eyJH0-Z.HX4w-7v"_s);
    // A header longer than any nonce is not taken.
    answer.responseHeaders = {{"DPoP-Nonce", QByteArray(2000, 'a')}};
    QVERIFY(!dpop.noteResponse(answer));
}

void tst_DpopProof::whatAsksForANonce_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("asks");
    QTest::newRow("authorization server, §8")
        << 400 << QByteArray() << QByteArray(R"({"error":"use_dpop_nonce"})") << true;
    QTest::newRow("another 400") << 400 << QByteArray() << QByteArray(R"({"error":"invalid_dpop_proof"})")
                                 << false;
    QTest::newRow("resource server, §9")
        << 401
        << QByteArray(R"(DPoP error="use_dpop_nonce", error_description="Resource server requires nonce")")
        << QByteArray() << true;
    QTest::newRow("a bearer challenge naming it")
        << 401 << QByteArray(R"(Bearer error="use_dpop_nonce")") << QByteArray() << false;
    QTest::newRow("invalid_token") << 401 << QByteArray(R"(DPoP error="invalid_token")") << QByteArray()
                                   << false;
    QTest::newRow("200") << 200 << QByteArray() << QByteArray(R"({"error":"use_dpop_nonce"})") << false;
}

void tst_DpopProof::whatAsksForANonce()
{
    QFETCH(int, status);
    QFETCH(QByteArray, challenge);
    QFETCH(QByteArray, body);
    QFETCH(bool, asks);
    HttpExchange e;
    e.status = status;
    e.responseBody = body;
    if (!challenge.isEmpty())
        e.responseHeaders = {{"WWW-Authenticate", challenge}};
    QCOMPARE(DpopContext::asksForNonce(e), asks);
}

void tst_DpopProof::bindingIsCheckedAgainstTheKey()
{
    const auto severityOf = [](const QJsonObject& claims, const QString& jkt) {
        const Findings f = DpopChecks::binding(claims, jkt);
        return f.isEmpty() ? -1 : int(f.first().severity);
    };
    const QJsonObject bound{{u"cnf"_s, QJsonObject{{u"jkt"_s, u"abc"_s}}}};
    QCOMPARE(severityOf(bound, u"abc"_s), int(Severity::Info));
    QCOMPARE(severityOf(bound, u"xyz"_s), int(Severity::Error));
    QCOMPARE(severityOf({}, u"abc"_s), int(Severity::Warning));
    QCOMPARE(severityOf(QJsonObject{{u"cnf"_s, QJsonObject{{u"jkt"_s, 7}}}}, u"abc"_s), int(Severity::Error));
    QCOMPARE(severityOf(bound, {}), -1); // no DPoP in this run: nothing said
}

void tst_DpopProof::bearerAfterAProofIsAWarning()
{
    QCOMPARE(DpopChecks::tokenType(u"dpop"_s).first().severity, Severity::Info);
    QCOMPARE(DpopChecks::tokenType(u"Bearer"_s).first().severity, Severity::Warning);
}

QTEST_GUILESS_MAIN(tst_DpopProof)
#include "tst_dpopproof.moc"
