// Client assertions (RFC 7523 §2.2 and §3, OIDC Core §9): what is signed, with which key and algorithm, and
// that the signature verifies with the public JWK a user registers.
#include "TestSigner.h"
#include "jose/ClientAssertion.h"
#include "jose/Jws.h"

#include <QJsonArray>
#include <QTest>
#include <QTimeZone>

using namespace oauth2dbg;

class tst_ClientAssertion : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eachKeyTypeSignsAndVerifies_data();
    void eachKeyTypeSignsAndVerifies();
    void theClaimsAreFreshEachTime();
    void aSecretMakesAnHmac();
    void theAlgorithmFollowsTheServer();
    void keysThatCannotSignAreSaid();
    void keysMadeHereSignAndVerify_data();
    void keysMadeHereSignAndVerify();
};

Q_DECLARE_METATYPE(oauth2dbg::SigningKey::Type)

namespace {
// A throwaway P-256 key, encrypted (PKCS#8, AES-256, passphrase "hunter2") by `openssl genpkey -aes256`.
const QByteArray kEncryptedKey = "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                                 "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjhIM3Uf1Xj0QICCAAw\n"
                                 "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEJmX7OcAbBeV1g4Dve8POu0EgZCm\n"
                                 "4g7H3T+IKXd1k/veeItcuaWi7Wt7+F3xbWCjM1LNyB7tnXbNtCS42BsY8Rf9bnoG\n"
                                 "nxPFBA+7cCmn5huVl6744RAZS2mo2tQM9koIVWfXNira0SceOnTWbCtGmamwHXcx\n"
                                 "Iuhp1wjmtVH6kw4KgsQA7bixOOb82XeipVgxe+G+3ljHoSuRhe9/Va21juTNf70=\n"
                                 "-----END ENCRYPTED PRIVATE KEY-----\n";
const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'800'000'000, QTimeZone::utc());
} // namespace

void tst_ClientAssertion::eachKeyTypeSignsAndVerifies_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("kty");
    for (const auto& [alg, kty] : {std::pair{"RS256", "RSA"}, std::pair{"PS256", "RSA"},
                                   std::pair{"ES256", "EC"}, std::pair{"EdDSA", "OKP"}})
        QTest::addRow("%s", alg) << QString::fromLatin1(alg) << QString::fromLatin1(kty);
}

void tst_ClientAssertion::eachKeyTypeSignsAndVerifies()
{
    QFETCH(QString, alg);
    QFETCH(QString, kty);
    const test::TestKey made = test::TestKey::generate(alg, QStringLiteral("unused"));
    const SigningKey key = SigningKey::fromPem(Secret(made.privatePem()));
    QVERIFY2(key.usable(), qPrintable(key.problem));
    const QJsonObject jwk = key.publicJwk();
    QCOMPARE(jwk.value(u"kty").toString(), kty);
    QVERIFY(!jwk.contains(u"d")); // the public half only
    QCOMPARE(jwk.value(u"kid").toString(), key.kid);
    QCOMPARE(key.kid.size(), 43); // base64url of a SHA-256 (RFC 7638)

    const ClientAssertion a = ClientAssertions::withKey(key, alg, QStringLiteral("app"),
                                                        QStringLiteral("https://as.example/token"), kNow);
    QVERIFY2(a.ok(), qPrintable(a.error));
    QCOMPARE(a.header.value(u"alg").toString(), alg);
    QCOMPARE(a.header.value(u"kid").toString(), key.kid);
    const CompactJws jws = CompactJws::parse(a.jwt);
    QVERIFY2(jws.ok(), qPrintable(jws.error));
    QCOMPARE(jws.payload, a.claims);
    QString why;
    QVERIFY2(verifyWithKey(alg, Jwk::fromJson(jwk), jws.signingInput, jws.signature, &why), qPrintable(why));
    QVERIFY(a.signedWith.contains(key.kid));
}

void tst_ClientAssertion::theClaimsAreFreshEachTime()
{
    const SigningKey key =
        SigningKey::fromPem(Secret(test::TestKey::generate(QStringLiteral("ES256"), {}).privatePem()));
    const ClientAssertion first = ClientAssertions::withKey(
        key, QStringLiteral("ES256"), QStringLiteral("app"), QStringLiteral("aud"), kNow);
    const ClientAssertion second = ClientAssertions::withKey(
        key, QStringLiteral("ES256"), QStringLiteral("app"), QStringLiteral("aud"), kNow);
    // RFC 7523 §3: iss and sub are the client_id, aud the server, exp short, and jti never used twice.
    QCOMPARE(first.claims.value(u"iss").toString(), QStringLiteral("app"));
    QCOMPARE(first.claims.value(u"sub").toString(), QStringLiteral("app"));
    QCOMPARE(first.claims.value(u"aud").toString(), QStringLiteral("aud"));
    QCOMPARE(qint64(first.claims.value(u"iat").toDouble()), kNow.toSecsSinceEpoch());
    QCOMPARE(qint64(first.claims.value(u"exp").toDouble()), kNow.toSecsSinceEpoch() + 60);
    QVERIFY(first.claims.value(u"jti").toString().size() >= 22);
    QVERIFY(first.claims.value(u"jti") != second.claims.value(u"jti"));
    QVERIFY(first.jwt != second.jwt);
}

void tst_ClientAssertion::aSecretMakesAnHmac()
{
    const Secret secret("a-client-secret-of-at-least-thirty-two-bytes");
    const ClientAssertion a =
        ClientAssertions::withSecret(secret, QStringLiteral("HS256"), QStringLiteral("app"),
                                     QStringLiteral("https://as.example/token"), kNow);
    QVERIFY2(a.ok(), qPrintable(a.error));
    QVERIFY(!a.header.contains(u"kid"));
    const CompactJws jws = CompactJws::parse(a.jwt);
    QVERIFY(verifyHmac(QStringLiteral("HS256"), secret.reveal(), jws.signingInput, jws.signature));
    QVERIFY(!a.jwt.contains(secret.reveal()));
    QVERIFY(!ClientAssertions::withSecret({}, QStringLiteral("HS256"), QStringLiteral("app"),
                                          QStringLiteral("a"), kNow)
                 .ok());
    QVERIFY(!ClientAssertions::withSecret(secret, QStringLiteral("RS256"), QStringLiteral("app"),
                                          QStringLiteral("a"), kNow)
                 .ok());
}

void tst_ClientAssertion::theAlgorithmFollowsTheServer()
{
    const QStringList rsa{QStringLiteral("RS256"), QStringLiteral("PS256")};
    QString why;
    QCOMPARE(ClientAssertions::chooseAlgorithm(rsa, {}, &why), QStringLiteral("RS256"));
    QCOMPARE(ClientAssertions::chooseAlgorithm(rsa, {QStringLiteral("PS256"), QStringLiteral("ES256")}, &why),
             QStringLiteral("PS256"));
    QVERIFY(ClientAssertions::chooseAlgorithm(rsa, {QStringLiteral("ES256")}, &why).isEmpty());
    QVERIFY2(why.contains(u"lists ES256") && why.contains(u"RS256, PS256"), qPrintable(why));
}

void tst_ClientAssertion::keysThatCannotSignAreSaid()
{
    QVERIFY(SigningKey::fromPem(Secret("not a key")).problem.contains(u"Not a PEM private key"));
    // An encrypted key is said, not prompted for on the terminal (OpenSSL's default would wait there).
    const SigningKey encrypted = SigningKey::fromPem(Secret(kEncryptedKey));
    QVERIFY2(encrypted.problem.startsWith(u"The private key is encrypted with a passphrase"),
             qPrintable(encrypted.problem));
    const SigningKey small =
        SigningKey::fromPem(Secret(test::TestKey::generate(QStringLiteral("RS256"), {}, 1024).privatePem()));
    QVERIFY2(small.problem.contains(u"1024 bits is too small"), qPrintable(small.problem));
    const SigningKey p384 =
        SigningKey::fromPem(Secret(test::TestKey::generate(QStringLiteral("ES384"), {}).privatePem()));
    QVERIFY2(p384.problem.contains(u"P-256"), qPrintable(p384.problem));
    QVERIFY(!ClientAssertions::withKey(small, QStringLiteral("RS256"), QStringLiteral("app"),
                                       QStringLiteral("a"), kNow)
                 .ok());
    const SigningKey ec =
        SigningKey::fromPem(Secret(test::TestKey::generate(QStringLiteral("ES256"), {}).privatePem()));
    QVERIFY(ClientAssertions::withKey(ec, QStringLiteral("RS256"), QStringLiteral("app"), QStringLiteral("a"),
                                      kNow)
                .error.contains(u"cannot sign RS256"));
}

void tst_ClientAssertion::keysMadeHereSignAndVerify_data()
{
    QTest::addColumn<SigningKey::Type>("type");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("described");
    QTest::addRow("EC P-256") << SigningKey::Type::EcP256 << QStringLiteral("ES256")
                              << QStringLiteral("EC P-256");
    QTest::addRow("RSA 2048") << SigningKey::Type::Rsa2048 << QStringLiteral("PS256")
                              << QStringLiteral("RSA 2048");
    QTest::addRow("RSA 3072") << SigningKey::Type::Rsa3072 << QStringLiteral("RS256")
                              << QStringLiteral("RSA 3072");
    QTest::addRow("Ed25519") << SigningKey::Type::Ed25519 << QStringLiteral("EdDSA")
                             << QStringLiteral("Ed25519");
}

void tst_ClientAssertion::keysMadeHereSignAndVerify()
{
    QFETCH(SigningKey::Type, type);
    QFETCH(QString, alg);
    QFETCH(QString, described);
    const SigningKey made = SigningKey::generate(type);
    QVERIFY2(made.usable(), qPrintable(made.problem));
    QCOMPARE(made.description, described);
    QCOMPARE(made.algorithms().first(), alg == u"PS256" ? QStringLiteral("RS256") : alg);
    // Kept as PKCS#8 PEM; read back, the same key (the same thumbprint), and a different one each time.
    const Secret pem = made.privatePem();
    QVERIFY(pem.reveal().startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QCOMPARE(SigningKey::fromFile(pem).kid, made.kid);
    QVERIFY(SigningKey::generate(type).kid != made.kid);
    // The JWKS to register holds the public JWK only.
    const QJsonObject jwks = made.publicJwks();
    QCOMPARE(jwks.value(u"keys").toArray().size(), 1);
    const QJsonObject jwk = jwks.value(u"keys").toArray().at(0).toObject();
    QCOMPARE(jwk, made.publicJwk());
    for (const char* privatePart : {"d", "p", "q", "dp", "dq", "qi"})
        QVERIFY(!jwk.contains(QLatin1String(privatePart)));
    const ClientAssertion a = ClientAssertions::withKey(made, alg, QStringLiteral("app"),
                                                        QStringLiteral("https://as.example/token"), kNow);
    QVERIFY2(a.ok(), qPrintable(a.error));
    const CompactJws jws = CompactJws::parse(a.jwt);
    QString why;
    QVERIFY2(verifyWithKey(alg, Jwk::fromJson(jwk), jws.signingInput, jws.signature, &why), qPrintable(why));
}

QTEST_GUILESS_MAIN(tst_ClientAssertion)
#include "tst_clientassertion.moc"
