// private_key_jwt and client_secret_jwt against the real provider, through the command line: each key type
// signs a fresh assertion the provider accepts, the assertion is shown as fields (never as the JWT, never the
// key), and a refusal names the likely cause.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

class tst_ClientJwtAuth : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void eachKeySigns_data();
    void eachKeySigns();
    void aSecretSigns();
    void aKeyTheServerDoesNotHoldIsNamed();
    void anAlgorithmTheClientIsNotHeldToIsSaid();
    void theKeyComesOnlyFromAFile();
    void anUnlistedMethodIsWarned();

private:
    QString profileFile(const QString& clientId, const QString& method, const QJsonObject& extra = {}) const;
    // The client's private key as PEM, or as a JWK when `jwk`.
    QString keyFile(const QString& clientId, bool jwk = false) const;
    CliRun credentials(const QString& profile, const QStringList& more,
                       const QProcessEnvironment& env = {}) const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_ClientJwtAuth::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
}

QString tst_ClientJwtAuth::profileFile(const QString& clientId, const QString& method,
                                       const QJsonObject& extra) const
{
    QJsonObject profile{{QStringLiteral("name"), clientId},
                        {QStringLiteral("issuer"), m_provider.issuer},
                        {QStringLiteral("clientId"), clientId},
                        {QStringLiteral("clientType"), QStringLiteral("confidential")},
                        {QStringLiteral("scopes"), QStringLiteral("openid")},
                        {QStringLiteral("authMethod"), method},
                        {QStringLiteral("localTestServer"), true}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        profile.insert(it.key(), it.value());
    const QString path = m_dir.filePath(clientId + QString::number(extra.size()) + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}

QString tst_ClientJwtAuth::keyFile(const QString& clientId, bool jwk) const
{
    return m_provider.privateKeyFile(clientId, m_dir.path(), jwk);
}

CliRun tst_ClientJwtAuth::credentials(const QString& profile, const QStringList& more,
                                      const QProcessEnvironment& env) const
{
    return runCli(QStringList{QStringLiteral("flow"), QStringLiteral("client_credentials"),
                              QStringLiteral("--profile-file"), profile, QStringLiteral("--json")} +
                      more,
                  m_dir.filePath(QStringLiteral("config")), env);
}

void tst_ClientJwtAuth::eachKeySigns_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("audience");
    QTest::addColumn<bool>("jwk");
    for (const char* alg : {"RS256", "PS256", "ES256", "EdDSA"}) {
        QTest::addRow("%s", alg) << QString::fromLatin1(alg) << QStringLiteral("endpoint") << false;
        QTest::addRow("%s, a JWK key file", alg)
            << QString::fromLatin1(alg) << QStringLiteral("endpoint") << true;
    }
    QTest::addRow("ES256, aud the issuer") << QStringLiteral("ES256") << QStringLiteral("issuer") << false;
}

void tst_ClientJwtAuth::eachKeySigns()
{
    QFETCH(QString, alg);
    QFETCH(QString, audience);
    QFETCH(bool, jwk);
    const QString id = u"debugger-pkjwt-" + alg.toLower();
    QVERIFY2(m_provider.clients.contains(id), qPrintable(id));
    // Each client is registered for its algorithm (token_endpoint_auth_signing_alg): the profile says which.
    const CliRun r = credentials(profileFile(id, QStringLiteral("private_key_jwt"),
                                             {{QStringLiteral("assertionAlgorithm"), alg},
                                              {QStringLiteral("assertionAudience"), audience}}),
                                 {QStringLiteral("--client-key-file"), keyFile(id, jwk)});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject assertion =
        r.json().value(u"documents").toObject().value(u"Client assertion").toObject();
    const QJsonObject claims = assertion.value(u"claims").toObject();
    QCOMPARE(assertion.value(u"header").toObject().value(u"alg").toString(), alg);
    QCOMPARE(assertion.value(u"header").toObject().value(u"kid").toString(), m_provider.clients.value(id)
                                                                                 .value(u"jwks")
                                                                                 .toObject()
                                                                                 .value(u"keys")
                                                                                 .toArray()
                                                                                 .at(0)
                                                                                 .toObject()
                                                                                 .value(u"kid"));
    QCOMPARE(claims.value(u"iss").toString(), id);
    QCOMPARE(claims.value(u"sub").toString(), id);
    QCOMPARE(claims.value(u"aud").toString(),
             audience == u"issuer" ? m_provider.issuer : QString(m_provider.issuer + u"/token"));
    // What was signed is shown; the signed JWT and the key are not.
    const QString key = m_provider.clients.value(id).value(u"private_key_pem").toString();
    const QString body = key.section(u'\n', 1, 1);
    QVERIFY(body.size() > 40);
    QVERIFY(!r.out.contains(body.toLatin1()) && !r.err.contains(body.toLatin1()));
    const QByteArray d =
        m_provider.clients.value(id).value(u"private_key_jwk").toObject().value(u"d").toString().toLatin1();
    QVERIFY(d.size() > 30);
    QVERIFY(!r.out.contains(d) && !r.err.contains(d));
    QVERIFY(!r.out.contains("client_assertion=ey"));
}

void tst_ClientJwtAuth::aSecretSigns()
{
    const QJsonObject client = m_provider.clients.value(QStringLiteral("debugger-csjwt"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("CS"), client.value(u"client_secret").toString());
    const CliRun r =
        credentials(profileFile(QStringLiteral("debugger-csjwt"), QStringLiteral("client_secret_jwt")),
                    {QStringLiteral("--client-secret-env"), QStringLiteral("CS")}, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject assertion =
        r.json().value(u"documents").toObject().value(u"Client assertion").toObject();
    QCOMPARE(assertion.value(u"header").toObject().value(u"alg").toString(), QStringLiteral("HS256"));
    QCOMPARE(assertion.value(u"signedWith").toString(), QStringLiteral("HS256 with the client secret"));
    QVERIFY(!r.out.contains(client.value(u"client_secret").toString().toUtf8()));
}

void tst_ClientJwtAuth::aKeyTheServerDoesNotHoldIsNamed()
{
    // The RS256 client, signing with the ES256 client's key: the provider refuses; the key comes first.
    const CliRun r =
        credentials(profileFile(QStringLiteral("debugger-pkjwt-rs256"), QStringLiteral("private_key_jwt")),
                    {QStringLiteral("--client-key-file"), keyFile(QStringLiteral("debugger-pkjwt-es256"))});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json().value(u"error").toObject().value(u"error").toString(),
             QStringLiteral("invalid_client"));
    const QStringList said = checkMessages(r.json(), QStringLiteral("TE-12"));
    QVERIFY2(said.size() >= 4 && said.at(0).contains(u"Sent: private_key_jwt") &&
                 said.at(1).contains(u"The server does not hold this key") &&
                 said.at(2).contains(u"aud was") && said.at(3).contains(u"expired or replayed"),
             qPrintable(said.join(u'\n')));
}

void tst_ClientJwtAuth::anAlgorithmTheClientIsNotHeldToIsSaid()
{
    // The PS256 client's own key, signed with the first algorithm the key makes that the server lists
    // (RS256): the client is held to PS256, which its metadata does not show; the cause names the algorithm.
    const CliRun r =
        credentials(profileFile(QStringLiteral("debugger-pkjwt-ps256"), QStringLiteral("private_key_jwt")),
                    {QStringLiteral("--client-key-file"), keyFile(QStringLiteral("debugger-pkjwt-ps256"))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(checkMessages(r.json(), QStringLiteral("TE-12"))
                 .join(u' ')
                 .contains(u"held to another signing algorithm"),
             r.out.constData());
    // A profile that names an algorithm the key cannot make is refused before anything is sent.
    const CliRun wrong =
        credentials(profileFile(QStringLiteral("debugger-pkjwt-es256"), QStringLiteral("private_key_jwt"),
                                {{QStringLiteral("assertionAlgorithm"), QStringLiteral("RS256")}}),
                    {QStringLiteral("--client-key-file"), keyFile(QStringLiteral("debugger-pkjwt-es256"))});
    QVERIFY2(wrong.exitCode != 0 && wrong.err.contains("which a EC P-256 key cannot make"),
             wrong.err.constData());
}

void tst_ClientJwtAuth::theKeyComesOnlyFromAFile()
{
    const QString profile =
        profileFile(QStringLiteral("debugger-pkjwt-es256"), QStringLiteral("private_key_jwt"));
    const CliRun none = credentials(profile, {});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("--client-key-file FILE"), none.err.constData());
    const CliRun missing = credentials(
        profile, {QStringLiteral("--client-key-file"), m_dir.filePath(QStringLiteral("nope.pem"))});
    QCOMPARE(missing.exitCode, 2);
    const QString text = m_dir.filePath(QStringLiteral("not-a-key.txt"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("-----BEGIN NOTHING-----\n");
    file.close();
    const CliRun notAKey = credentials(profile, {QStringLiteral("--client-key-file"), text});
    QVERIFY2(notAKey.exitCode != 0 && notAKey.err.contains("Not a PEM private key"), notAKey.err.constData());
    // A JSON file without a private part: a public JWK (or anything else) does not sign.
    const CliRun publicJwk = credentials(profile, {QStringLiteral("--client-key-file"), profile});
    QVERIFY2(publicJwk.exitCode != 0 && publicJwk.err.contains("no private part"), publicJwk.err.constData());
}

void tst_ClientJwtAuth::anUnlistedMethodIsWarned()
{
    // The provider's RFC 8414 shape names no token_endpoint_auth_methods_supported: client_secret_basic
    // alone, by the RFC's default. A client_secret_post client is told so before its answer is read; the real
    // token endpoint takes it all the same.
    const QJsonObject client = m_provider.postClient;
    QProcessEnvironment env;
    env.insert(QStringLiteral("CS"), client.value(u"client_secret").toString());
    const QString profile =
        profileFile(client.value(u"client_id").toString(), QStringLiteral("client_secret_post"),
                    {{QStringLiteral("issuer"), QString(m_provider.issuer + u"/__shapes/oauth")}});
    const CliRun r = credentials(profile, {QStringLiteral("--client-secret-env"), QStringLiteral("CS")}, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList said = checkMessages(r.json(), QStringLiteral("TE-13"));
    QVERIFY2(said.size() == 1 &&
                 said.first().contains(u"lists client_secret_basic for its token endpoint; this "
                                       u"request uses client_secret_post"),
             r.out.constData());
    // A listed method: nothing to say.
    const CliRun listed =
        credentials(profileFile(client.value(u"client_id").toString(), QStringLiteral("client_secret_post")),
                    {QStringLiteral("--client-secret-env"), QStringLiteral("CS")}, env);
    QVERIFY2(listed.exitCode == 0, listed.err.constData());
    QVERIFY(checkMessages(listed.json(), QStringLiteral("TE-13")).isEmpty());
}

QTEST_GUILESS_MAIN(tst_ClientJwtAuth)
#include "tst_clientjwtauth.moc"
