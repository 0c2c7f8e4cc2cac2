// Mutual TLS (RFC 8705) against the provider's https instance, which asks for client certificates (a client
// CA made at its start): tls_client_auth and self_signed_tls_client_auth each get a token at the endpoint the
// metadata's mtls_endpoint_aliases names, bound to the certificate sent (cnf.x5t#S256, checked through
// introspection); a certificate from a CA the server does not trust, and none at all, are refused and
// explained. Through the command line, as automation runs it.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

class tst_MutualTls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachCertificateMethodGetsABoundToken_data();
    void eachCertificateMethodGetsABoundToken();
    void aJwtAccessTokenIsHeldToTheCertificate();
    void anUntrustedCertificateIsRefused();
    void noCertificateIsSaidBeforeSending();

private:
    QString profileFile(const QString& clientId, const QString& method) const;
    CliRun run(const QStringList& arguments, const QProcessEnvironment& env = {}) const;
    [[nodiscard]] static QString thumbprint(const QString& certificateFile);

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_MutualTls::initTestCase()
{
    m_provider = ProviderInfo::load("OAUTH2DBG_PROVIDER_TLS_INFO");
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY2(m_provider.clients.contains(QStringLiteral("debugger-mtls")),
             "the https instance has mTLS clients");
    QVERIFY(m_dir.isValid());
}

QString tst_MutualTls::profileFile(const QString& clientId, const QString& method) const
{
    const QJsonObject profile{{QStringLiteral("name"), clientId},
                              {QStringLiteral("issuer"), m_provider.issuer},
                              {QStringLiteral("clientId"), clientId},
                              {QStringLiteral("clientType"), QStringLiteral("confidential")},
                              {QStringLiteral("scopes"), QStringLiteral("openid")},
                              {QStringLiteral("authMethod"), method}};
    const QString path = m_dir.filePath(clientId + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}

CliRun tst_MutualTls::run(const QStringList& arguments, const QProcessEnvironment& env) const
{
    return runCli(arguments +
                      QStringList{QStringLiteral("--ca-file"), m_provider.caFile, QStringLiteral("--json")},
                  m_dir.filePath(QStringLiteral("config")), env);
}

QString tst_MutualTls::thumbprint(const QString& certificateFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(certificateFile);
    if (certificates.isEmpty())
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(certificates.first().toDer(), QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void tst_MutualTls::eachCertificateMethodGetsABoundToken_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("method");
    QTest::addRow("tls_client_auth") << QStringLiteral("debugger-mtls") << QStringLiteral("tls_client_auth");
    QTest::addRow("self_signed_tls_client_auth")
        << QStringLiteral("debugger-mtls-self") << QStringLiteral("self_signed_tls_client_auth");
}

void tst_MutualTls::eachCertificateMethodGetsABoundToken()
{
    QFETCH(QString, clientId);
    QFETCH(QString, method);
    const QJsonObject client = m_provider.clients.value(clientId);
    const QString cert = client.value(u"cert_file").toString();
    const QString key = client.value(u"key_file").toString();
    const QString profile = profileFile(clientId, method);
    const CliRun r = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                          QStringLiteral("--profile-file"), profile, QStringLiteral("--client-cert-file"),
                          cert, QStringLiteral("--client-key-file"), key, QStringLiteral("--reveal")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject json = r.json();
    // The alias, not the plain token endpoint; the certificate is shown with the exchange.
    const QJsonObject exchange = json.value(u"traffic").toArray().last().toObject();
    const QString request = exchange.value(u"request").toString();
    QVERIFY2(request.startsWith(u"POST /mtls/token HTTP/1.1"), qPrintable(request));
    QVERIFY2(request.contains(u"(TLS client certificate offered in the handshake: CN=" % clientId) &&
                 request.contains(thumbprint(cert)),
             qPrintable(request));
    QVERIFY(!request.contains(u"client_secret") && !request.contains(u"Authorization:"));
    QVERIFY(!r.out.contains("PRIVATE KEY") && !r.err.contains("PRIVATE KEY"));

    // Bound to that certificate: introspection (same client, same certificate) says so.
    QProcessEnvironment env;
    env.insert(QStringLiteral("AT"), json.value(u"tokens").toObject().value(u"access_token").toString());
    const CliRun seen = run({QStringLiteral("introspect"), QStringLiteral("--profile-file"), profile,
                             QStringLiteral("--client-cert-file"), cert, QStringLiteral("--client-key-file"),
                             key, QStringLiteral("--token-env"), QStringLiteral("AT")},
                            env);
    QVERIFY2(seen.exitCode == 0, seen.err.constData());
    const QStringList bound = checkMessages(seen.json(), QStringLiteral("RFC 8705 §3"));
    QVERIFY2(bound.size() == 1 && bound.first() == u"Bound to the client certificate sent (x5t#S256 " %
                                                       thumbprint(cert) % u").",
             seen.out.constData());
    QVERIFY(seen.json()
                .value(u"traffic")
                .toArray()
                .last()
                .toObject()
                .value(u"request")
                .toString()
                .startsWith(u"POST /mtls/token/introspection"));
}

void tst_MutualTls::aJwtAccessTokenIsHeldToTheCertificate()
{
    // The provider's JWT access tokens (RFC 9068) for debugger-mtls-jwt carry cnf itself: the access token's
    // checklist compares it with the certificate sent, and the report names that certificate.
    const QJsonObject client = m_provider.clients.value(QStringLiteral("debugger-mtls-jwt"));
    const QString cert = client.value(u"cert_file").toString();
    const CliRun r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("debugger-mtls-jwt"), QStringLiteral("tls_client_auth")),
             QStringLiteral("--client-cert-file"), cert, QStringLiteral("--client-key-file"),
             client.value(u"key_file").toString()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList bound = checkMessages(r.json(), QStringLiteral("RFC 8705 §3"));
    QVERIFY2(bound ==
                 QStringList{u"Bound to the client certificate sent (x5t#S256 " % thumbprint(cert) % u")."},
             r.out.constData());
    const QJsonObject shown = r.json().value(u"documents").toObject().value(u"Client certificate").toObject();
    QCOMPARE(shown.value(u"subject").toString(), QStringLiteral("CN=debugger-mtls"));
    QCOMPARE(shown.value(u"issuer").toString(), QStringLiteral("CN=debugger test client CA"));
    QCOMPARE(shown.value(u"x5t#S256").toString(), thumbprint(cert));
}

void tst_MutualTls::anUntrustedCertificateIsRefused()
{
    // The registered subject, from a CA the server does not hold: refused; the CA is cause 1.
    const QJsonObject untrusted = m_provider.raw.value(u"untrustedClientCert").toObject();
    const CliRun r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("debugger-mtls"), QStringLiteral("tls_client_auth")),
             QStringLiteral("--client-cert-file"), untrusted.value(u"cert_file").toString(),
             QStringLiteral("--client-key-file"), untrusted.value(u"key_file").toString()});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json().value(u"error").toObject().value(u"error").toString(),
             QStringLiteral("invalid_client"));
    const QStringList said = checkMessages(r.json(), QStringLiteral("TE-12"));
    QVERIFY2(
        said.size() >= 3 &&
            said.at(0).contains(u"Sent: tls_client_auth with the client certificate CN=debugger-mtls (issued "
                                u"by CN=untrusted client CA") &&
            said.at(1).contains(u"Likely cause 1 of") &&
            said.at(1).contains(
                u"does not trust the CA that issued the certificate (CN=untrusted client CA)"),
        qPrintable(said.join(u'\n')));
    // The self-signed client with a certificate it did not register: its thumbprint is named.
    const QJsonObject other = m_provider.clients.value(QStringLiteral("debugger-mtls"));
    const CliRun self =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("debugger-mtls-self"), QStringLiteral("self_signed_tls_client_auth")),
             QStringLiteral("--client-cert-file"), other.value(u"cert_file").toString(),
             QStringLiteral("--client-key-file"), other.value(u"key_file").toString()});
    QCOMPARE(self.exitCode, 1);
    const QStringList selfSaid = checkMessages(self.json(), QStringLiteral("TE-12"));
    QVERIFY2(
        selfSaid.size() >= 2 && selfSaid.at(1).contains(u"Likely cause 1 of") &&
            selfSaid.at(1).contains(u"The server does not hold this certificate: register it in the client's "
                                    u"jwks (x5c) — its SHA-256 thumbprint is " %
                                    thumbprint(other.value(u"cert_file").toString())),
        qPrintable(selfSaid.join(u'\n')));
}

void tst_MutualTls::noCertificateIsSaidBeforeSending()
{
    const QString profile = profileFile(QStringLiteral("debugger-mtls"), QStringLiteral("tls_client_auth"));
    const CliRun none = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                             QStringLiteral("--profile-file"), profile});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("--client-cert-file FILE and its key with --client-key-file FILE"),
             none.err.constData());
    // A key that is not the certificate's: refused before anything is sent.
    const QJsonObject client = m_provider.clients.value(QStringLiteral("debugger-mtls"));
    const QJsonObject self = m_provider.clients.value(QStringLiteral("debugger-mtls-self"));
    const CliRun mismatched =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profile, QStringLiteral("--client-cert-file"), client.value(u"cert_file").toString(),
             QStringLiteral("--client-key-file"), self.value(u"key_file").toString()});
    QVERIFY(mismatched.exitCode != 0);
    QVERIFY2(mismatched.out.contains(
                 "The private key does not belong to the client certificate CN=debugger-mtls") ||
                 mismatched.err.contains(
                     "The private key does not belong to the client certificate CN=debugger-mtls"),
             mismatched.err.constData());
    QCOMPARE(mismatched.json().value(u"traffic").toArray().size(),
             2); // discovery, and the token request refused
}

QTEST_GUILESS_MAIN(tst_MutualTls)
#include "tst_mutualtls.moc"
