// Certificate-bound access tokens (RFC 8705 §3): the thumbprint of a certificate against a known answer, the
// cnf.x5t#S256 check in each of its cases, a JWT access token bound to another certificate failing its
// verdict, and a certificate made here for self_signed_tls_client_auth with the JWKS it is registered with.
#include "net/ClientCertificate.h"
#include "oauth/CertificateBinding.h"
#include "session/TokenVerifier.h"

#include <QJsonArray>
#include <QSslCertificate>
#include <QTest>

using namespace oauth2dbg;

namespace {
// A public certificate made with `openssl req -x509` (P-256, CN=known answer); its x5t#S256 computed by
// `openssl x509 -outform DER | openssl dgst -sha256 -binary`, base64url.
const QByteArray kKnownCertificate = "-----BEGIN CERTIFICATE-----\n"
                                     "MIIBhTCCASugAwIBAgIUBiod8uO9AldQEunqLDFsRhlw6T4wCgYIKoZIzj0EAwIw\n"
                                     "FzEVMBMGA1UEAwwMa25vd24gYW5zd2VyMCAXDTI2MTIwNDAxMzgxM1oYDzIxMjYx\n"
                                     "MTEwMDEzODEzWjAXMRUwEwYDVQQDDAxrbm93biBhbnN3ZXIwWTATBgcqhkjOPQIB\n"
                                     "BggqhkjOPQMBBwNCAAQ4EvgxvUH6cM9FaLc/Y2m6N5Hvthqji8nGp7fIB0zvQ6eL\n"
                                     "w7kNFCHXlicZE3BIWBNfNexTkrKEDeF6T96Np6veo1MwUTAdBgNVHQ4EFgQUOspj\n"
                                     "TZUEbpzMmebjpXW0hU9i3B4wHwYDVR0jBBgwFoAUOspjTZUEbpzMmebjpXW0hU9i\n"
                                     "3B4wDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAvu0LJ1jQGxfK\n"
                                     "ZhTSfFYcCoX0+KHxsV0ZR8JHc7lMz9UCIAKt+wbkoD0R5YP4Onqfv4MLyNXumQ/y\n"
                                     "rpCDeW3ciByQ\n"
                                     "-----END CERTIFICATE-----\n";
const QString kKnownThumbprint = QStringLiteral("eJr77iOgpVA_TgVvIYi6gffmyxCLjxFOeUoF8UGFO_Y");

QJsonObject bound(const QJsonValue& x5t)
{
    return {{QStringLiteral("cnf"), QJsonObject{{QStringLiteral("x5t#S256"), x5t}}}};
}
} // namespace

class tst_CertificateBinding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void theThumbprintIsTheCertificatesSha256()
    {
        QCOMPARE(ClientCertificate::thumbprintOfPem(kKnownCertificate), kKnownThumbprint);
        QCOMPARE(ClientCertificate::thumbprintOf(QSslCertificate(kKnownCertificate).toDer()),
                 kKnownThumbprint);
        QVERIFY(ClientCertificate::thumbprintOfPem("not a certificate").isEmpty());
    }

    void eachCaseOfTheBinding()
    {
        const auto one = [](const QJsonObject& claims, const QString& thumbprint) {
            const Findings f = CertificateBinding::check(claims, thumbprint);
            return f.size() == 1 && f.first().rule == u"RFC 8705 §3" ? f.first() : Finding{};
        };
        QCOMPARE(one(bound(kKnownThumbprint), kKnownThumbprint).severity, Severity::Info);
        const Finding other = one(bound(QStringLiteral("another")), kKnownThumbprint);
        QCOMPARE(other.severity, Severity::Error);
        QVERIFY2(other.message.contains(u"another") && other.message.contains(kKnownThumbprint),
                 qPrintable(other.message));
        QCOMPARE(one({}, kKnownThumbprint).severity, Severity::Warning);        // a certificate, no binding
        QCOMPARE(one(bound(kKnownThumbprint), {}).severity, Severity::Warning); // bound, no certificate sent
        QCOMPARE(one(bound(42), kKnownThumbprint).severity, Severity::Error);
        QCOMPARE(one({{QStringLiteral("cnf"), QStringLiteral("x")}}, kKnownThumbprint).severity,
                 Severity::Error);
        QVERIFY(CertificateBinding::check({}, {}).isEmpty()); // neither side: nothing to say
    }

    void aTokenBoundElsewhereFailsItsVerdict()
    {
        TokenVerification access;
        access.verdict = Verdict::Verified;
        access.claims = bound(QStringLiteral("another"));
        TokenVerifier::bindToCertificate(&access, kKnownThumbprint);
        QCOMPARE(access.verdict, Verdict::Failed);
        QVERIFY2(access.summary.contains(u"bound to another certificate"), qPrintable(access.summary));
        TokenVerification same;
        same.verdict = Verdict::Verified;
        same.claims = bound(kKnownThumbprint);
        TokenVerifier::bindToCertificate(&same, kKnownThumbprint);
        QCOMPARE(same.verdict, Verdict::Verified);
        QCOMPARE(same.checks.size(), 1);
    }

    void aSelfSignedCertificateIsMadeAndRegistrable()
    {
        QByteArray pem;
        Secret key;
        QString problem;
        QVERIFY2(ClientCertificate::makeSelfSigned(QStringLiteral("my-client"), 365, &pem, &key, &problem),
                 qPrintable(problem));
        const ClientCertificate made = ClientCertificate::fromPem(pem, key);
        QVERIFY2(made.usable(), qPrintable(made.problem));
        QCOMPARE(made.subject, QStringLiteral("CN=my-client"));
        QCOMPARE(made.issuer, made.subject);
        const QSslCertificate certificate(pem);
        QVERIFY(certificate.isSelfSigned());
        QVERIFY(certificate.expiryDate() > QDateTime::currentDateTimeUtc().addDays(364));
        // Stored as one entry, read back whole; a second one is another certificate and key.
        const Secret entry = ClientCertificate::entry(pem, key);
        QCOMPARE(ClientCertificate::fromPem(entry.reveal(), entry).thumbprint, made.thumbprint);
        QByteArray again;
        Secret otherKey;
        QVERIFY(
            ClientCertificate::makeSelfSigned(QStringLiteral("my-client"), 365, &again, &otherKey, &problem));
        QVERIFY(again != pem && otherKey.reveal() != key.reveal());
        QVERIFY(!ClientCertificate::fromPem(pem, otherKey).usable()); // not its key
        // A key encrypted with a passphrase is said, never prompted for.
        const QByteArray encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHsMFcGCSqGSIb3\n"
                                     "-----END ENCRYPTED PRIVATE KEY-----\n";
        QVERIFY2(ClientCertificate::fromPem(pem, Secret(encrypted))
                     .problem.contains(u"encrypted with a passphrase"),
                 qPrintable(ClientCertificate::fromPem(pem, Secret(encrypted)).problem));
        // Registered as a JWK with the certificate in x5c, and no private member.
        const QJsonObject jwk = made.registrationJwks().value(u"keys").toArray().at(0).toObject();
        QCOMPARE(jwk.value(u"kty").toString(), QStringLiteral("EC"));
        QCOMPARE(jwk.value(u"crv").toString(), QStringLiteral("P-256"));
        QVERIFY(!jwk.contains(u"d"));
        QCOMPARE(QByteArray::fromBase64(jwk.value(u"x5c").toArray().at(0).toString().toLatin1()),
                 certificate.toDer());
    }
};

QTEST_GUILESS_MAIN(tst_CertificateBinding)
#include "tst_certificatebinding.moc"
