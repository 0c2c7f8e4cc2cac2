// Client keys against the real provider and a real Secret Service: the refusals a key or an assertion meets
// (expired, sent twice, another audience, a key the server does not hold) each explained from what was sent;
// keys made here round trip through the keychain; a saved profile signs with its keychain key, and nothing of
// the key reaches a file or the output.
#include "CliProcess.h"
#include "ProviderInfo.h"
#include "jose/ClientAssertion.h"
#include "net/ClientCertificate.h"
#include "net/NetworkAccess.h"
#include "oauth/TokenClient.h"
#include "profiles/ProfileSecrets.h"
#include "profiles/ProfileStore.h"
#include "traffic/TrafficLog.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace oauth2dbg;

Q_DECLARE_METATYPE(oauth2dbg::SigningKey::Type)

class tst_ClientKeys : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anExpiredAssertionIsExplained();
    void anAssertionSentTwiceIsExplained();
    void anotherAudienceIsExplained();
    void aKeyMadeHereIsNotKnownToTheServer();
    void keysMadeHereRoundTripThroughTheKeychain_data();
    void keysMadeHereRoundTripThroughTheKeychain();
    void aSavedProfileSignsWithItsKeychainKey();
    void aSavedProfilePresentsItsKeychainCertificate();
    void aSavedDpopProfileKeepsItsKeyInTheKeychain();

private:
    TokenEndpointConfig configFor(const QString& clientId) const;
    TokenResult credentials(TokenClient& client, const TokenEndpointConfig& config);
    // The TE-12 messages of a result, the refusal first.
    static QStringList diagnosis(const TokenResult& result);
    SecretState keychain(const Profile& profile, const Secret& store = {},
                         ProfileSecrets::Kind kind = ProfileSecrets::Kind::ClientKey);
    [[nodiscard]] QByteArray configFiles() const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
    TrafficLog m_log;
    NetworkAccess m_network{&m_log};
};

void tst_ClientKeys::initTestCase()
{
    qRegisterMetaType<TokenResult>();
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
}

TokenEndpointConfig tst_ClientKeys::configFor(const QString& clientId) const
{
    return {.tokenEndpoint = QUrl(m_provider.issuer + u"/token"),
            .clientId = clientId,
            .method = ClientAuthMethod::PrivateKeyJwt,
            .clientKey =
                Secret(m_provider.clients.value(clientId).value(u"private_key_pem").toString().toLatin1()),
            .issuer = m_provider.issuer,
            .allowHttp = true};
}

TokenResult tst_ClientKeys::credentials(TokenClient& client, const TokenEndpointConfig& config)
{
    QSignalSpy finished(&client, &TokenClient::finished);
    client.clientCredentials(config, QString());
    if (!finished.wait(15'000))
        return {.error = {.kind = ErrorKind::Timeout, .message = QStringLiteral("no answer in time")}};
    return finished.first().first().value<TokenResult>();
}

QStringList tst_ClientKeys::diagnosis(const TokenResult& result)
{
    QStringList said;
    for (const Finding& f : result.checks)
        if (f.rule == u"TE-12")
            said << f.message;
    return said;
}

void tst_ClientKeys::anExpiredAssertionIsExplained()
{
    // Dated ten minutes back, by a clock that is off: expired by the server's own clock (its Date header).
    TokenClient client(&m_network);
    TokenEndpointConfig config = configFor(QStringLiteral("debugger-pkjwt-es256"));
    QVERIFY(credentials(client, config).ok());
    config.assertionClockOffset = -600;
    const TokenResult r = credentials(client, config);
    QCOMPARE(r.error.oauthError, QStringLiteral("invalid_client"));
    const QStringList said = diagnosis(r);
    QVERIFY2(said.size() >= 2 && said.at(1).contains(u"Likely cause 1 of") &&
                 said.at(1).contains(u"had expired by the server's clock") &&
                 said.at(1).contains(u"this machine's clock agrees with the server's"),
             qPrintable(said.join(u'\n')));
}

void tst_ClientKeys::anAssertionSentTwiceIsExplained()
{
    TokenClient client(&m_network);
    TokenEndpointConfig config = configFor(QStringLiteral("debugger-pkjwt-rs256"));
    const TokenResult first = credentials(client, config);
    QVERIFY2(first.ok(), qPrintable(first.error.message));
    config.resendAssertion = client.lastAssertion();
    QVERIFY(config.resendAssertion.ok());
    const TokenResult again = credentials(client, config);
    QCOMPARE(again.error.oauthError, QStringLiteral("invalid_client"));
    QCOMPARE(client.lastAssertion().jwt, config.resendAssertion.jwt); // the very same, not a fresh one
    QVERIFY(client.lastExplanation().contains(u"sent again as it was"));
    const QStringList said = diagnosis(again);
    QVERIFY2(said.size() >= 2 && said.at(1).contains(u"Likely cause 1 of") &&
                 said.at(1).contains(u"sent before and sent again"),
             qPrintable(said.join(u'\n')));
}

void tst_ClientKeys::anotherAudienceIsExplained()
{
    TokenClient client(&m_network);
    TokenEndpointConfig config = configFor(QStringLiteral("debugger-pkjwt-es256"));
    config.assertionAudience = QStringLiteral("https://login.example.com/");
    const TokenResult r = credentials(client, config);
    QCOMPARE(r.error.oauthError, QStringLiteral("invalid_client"));
    QCOMPARE(client.lastAssertion().claims.value(u"aud").toString(), config.assertionAudience);
    const QStringList said = diagnosis(r);
    QVERIFY2(said.size() >= 2 && said.at(1).contains(u"Likely cause 1 of") &&
                 said.at(1).contains(u"neither the endpoint's URL nor the issuer"),
             qPrintable(said.join(u'\n')));
}

void tst_ClientKeys::aKeyMadeHereIsNotKnownToTheServer()
{
    const SigningKey made = SigningKey::generate(SigningKey::Type::EcP256);
    QVERIFY2(made.usable(), qPrintable(made.problem));
    TokenClient client(&m_network);
    TokenEndpointConfig config = configFor(QStringLiteral("debugger-pkjwt-es256"));
    config.clientKey = made.privatePem();
    const TokenResult r = credentials(client, config);
    QCOMPARE(r.error.oauthError, QStringLiteral("invalid_client"));
    const QStringList said = diagnosis(r);
    QVERIFY2(said.size() >= 2 && said.at(0).contains(made.kid) &&
                 said.at(1).contains(u"The server does not hold this key") && said.at(1).contains(made.kid),
             qPrintable(said.join(u'\n')));
}

SecretState tst_ClientKeys::keychain(const Profile& profile, const Secret& store, ProfileSecrets::Kind kind)
{
    SecretStore keychain;
    ProfileSecrets secrets(&keychain, m_dir.filePath(QStringLiteral("config/oauth2-debugger/plain.json")));
    std::optional<SecretState> state;
    const auto done = [&state](const SecretState& s) {
        state = s;
    };
    if (store.isEmpty())
        secrets.load(profile, kind, this, done);
    else
        secrets.store(profile, kind, store, this, done);
    if (!QTest::qWaitFor([&state] { return state.has_value(); }, 15'000))
        return SecretState{.message = QStringLiteral("no answer from the keychain")};
    return *state;
}

QByteArray tst_ClientKeys::configFiles() const
{
    return filesUnder(m_dir.filePath(QStringLiteral("config")));
}

void tst_ClientKeys::keysMadeHereRoundTripThroughTheKeychain_data()
{
    QTest::addColumn<SigningKey::Type>("type");
    QTest::addColumn<QString>("described");
    QTest::addRow("EC P-256") << SigningKey::Type::EcP256 << QStringLiteral("EC P-256");
    QTest::addRow("RSA 2048") << SigningKey::Type::Rsa2048 << QStringLiteral("RSA 2048");
    QTest::addRow("RSA 3072") << SigningKey::Type::Rsa3072 << QStringLiteral("RSA 3072");
    QTest::addRow("Ed25519") << SigningKey::Type::Ed25519 << QStringLiteral("Ed25519");
}

void tst_ClientKeys::keysMadeHereRoundTripThroughTheKeychain()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_TEST_KEYRING"))
        QSKIP("runs as tst_clientkeys.keychain, with a private Secret Service");
    QFETCH(SigningKey::Type, type);
    QFETCH(QString, described);
    const SigningKey made = SigningKey::generate(type);
    QVERIFY2(made.usable(), qPrintable(made.problem));
    QCOMPARE(made.description, described);
    Profile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.issuer = m_provider.issuer;
    profile.clientId = QStringLiteral("made-here");
    QCOMPARE(keychain(profile, made.privatePem()).where, SecretState::Where::Keychain);
    const SecretState back = keychain(profile);
    QCOMPARE(back.where, SecretState::Where::Keychain);
    const SigningKey read = SigningKey::fromFile(back.secret);
    QVERIFY2(read.usable(), qPrintable(read.problem));
    QCOMPARE(read.kid, made.kid);
    QCOMPARE(read.publicJwk(), made.publicJwk());
    QVERIFY(!made.publicJwk().contains(u"d") && !made.publicJwk().contains(u"p"));
}

void tst_ClientKeys::aSavedProfileSignsWithItsKeychainKey()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_TEST_KEYRING"))
        QSKIP("runs as tst_clientkeys.keychain, with a private Secret Service");
    // The provider's EdDSA client, its private JWK imported into the keychain as a user would.
    const QString id = QStringLiteral("debugger-pkjwt-eddsa");
    const QJsonObject jwk = m_provider.clients.value(id).value(u"private_key_jwk").toObject();
    ProfileStore store(m_dir.filePath(QStringLiteral("config/oauth2-debugger/profiles.json")));
    Profile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.name = QStringLiteral("Keyed");
    p.issuer = m_provider.issuer;
    p.clientId = id;
    p.clientType = QStringLiteral("confidential");
    p.authMethod = QStringLiteral("private_key_jwt");
    p.assertionAlgorithm = QStringLiteral("EdDSA");
    p.scopes = QStringLiteral("openid");
    p.localTestServer = true;
    QVERIFY(!store.save({p}).isError());
    const CliRun none = runCli(
        {QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile"), p.name},
        m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("its key is not in the keychain"), none.err.constData());

    QCOMPARE(keychain(p, Secret(QJsonDocument(jwk).toJson())).where, SecretState::Where::Keychain);
    const CliRun r = runCli({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                             QStringLiteral("--profile"), p.name, QStringLiteral("--json")},
                            m_dir.filePath(QStringLiteral("config")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject assertion =
        r.json().value(u"documents").toObject().value(u"Client assertion").toObject();
    QCOMPARE(assertion.value(u"header").toObject().value(u"alg").toString(), QStringLiteral("EdDSA"));
    QCOMPARE(assertion.value(u"header").toObject().value(u"kid").toString(), jwk.value(u"kid").toString());
    // The key is in the keychain only: not in the profile file, the output, or any file beside it.
    const QByteArray d = jwk.value(u"d").toString().toLatin1();
    QVERIFY(d.size() > 30);
    const QByteArray files = configFiles();
    QVERIFY(files.contains("private_key_jwt")); // the profile is there …
    for (const QByteArray& where : {files, r.out, r.err})
        QVERIFY(!where.contains(d) && !where.contains("PRIVATE KEY")); // … its key is not
}

void tst_ClientKeys::aSavedProfilePresentsItsKeychainCertificate()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_TEST_KEYRING"))
        QSKIP("runs as tst_clientkeys.keychain, with a private Secret Service");
    // Mutual TLS from a saved profile: the keychain's entry holds the certificate with its key, as the
    // window stores it, and the command line presents it at the https instance's mTLS alias.
    const ProviderInfo tls = ProviderInfo::load("OAUTH2DBG_PROVIDER_TLS_INFO");
    QVERIFY2(tls.error.isEmpty(), qPrintable(tls.error));
    const QJsonObject client = tls.clients.value(QStringLiteral("debugger-mtls"));
    QFile cert(client.value(u"cert_file").toString());
    QFile key(client.value(u"key_file").toString());
    QVERIFY(cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
    const QByteArray keyPem = key.readAll();
    ProfileStore store(m_dir.filePath(QStringLiteral("config/oauth2-debugger/profiles.json")));
    Profile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.name = QStringLiteral("Certified");
    p.issuer = tls.issuer;
    p.caFile = tls.caFile;
    p.clientId = QStringLiteral("debugger-mtls");
    p.clientType = QStringLiteral("confidential");
    p.authMethod = QStringLiteral("tls_client_auth");
    p.scopes = QStringLiteral("openid");
    QVERIFY(!store.save({p}).isError());
    const QStringList flow{QStringLiteral("flow"), QStringLiteral("client_credentials"),
                           QStringLiteral("--profile"), p.name, QStringLiteral("--json")};
    const CliRun none = runCli(flow, m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.err.contains("its certificate is not in the keychain") &&
                 none.err.contains("--client-cert-file FILE and --client-key-file FILE"),
             none.err.constData());

    QCOMPARE(keychain(p, ClientCertificate::entry(cert.readAll(), Secret(keyPem))).where,
             SecretState::Where::Keychain);
    const CliRun r = runCli(flow, m_dir.filePath(QStringLiteral("config")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(
        r.json().value(u"documents").toObject().value(u"Client certificate").toObject().value(u"subject"),
        QJsonValue(QStringLiteral("CN=debugger-mtls")));
    QVERIFY(r.json()
                .value(u"traffic")
                .toArray()
                .last()
                .toObject()
                .value(u"request")
                .toString()
                .startsWith(u"POST /mtls/token"));
    const QByteArray keyLine = keyPem.split('\n').value(1);
    QVERIFY(keyLine.size() > 40);
    for (const QByteArray& where : {configFiles(), r.out, r.err})
        QVERIFY(!where.contains(keyLine) && !where.contains("PRIVATE KEY"));
}

void tst_ClientKeys::aSavedDpopProfileKeepsItsKeyInTheKeychain()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_TEST_KEYRING"))
        QSKIP("runs as tst_clientkeys.keychain, with a private Secret Service");
    // RFC 9449: a saved DPoP profile's key is made at its first run, kept in the keychain, and signs the next
    // run's proofs too (the tokens bound to it stay usable).
    const QString id = QStringLiteral("debugger-dpop");
    ProfileStore store(m_dir.filePath(QStringLiteral("config/oauth2-debugger/profiles.json")));
    Profile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.name = QStringLiteral("Bound");
    p.issuer = m_provider.issuer;
    p.clientId = id;
    p.clientType = QStringLiteral("confidential");
    p.authMethod = QStringLiteral("client_secret_basic");
    p.scopes = QStringLiteral("openid");
    p.localTestServer = true;
    p.dpop = true;
    QVERIFY(!store.save({p}).isError());
    QCOMPARE(keychain(p, {}, ProfileSecrets::Kind::DpopKey).where, SecretState::Where::Nowhere);
    QProcessEnvironment env;
    env.insert(QStringLiteral("DPOP_SECRET"),
               m_provider.clients.value(id).value(u"client_secret").toString());
    const auto keyOfARun = [this, &p, &env]() -> QString {
        const CliRun r = runCli({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                                 QStringLiteral("--profile"), p.name, QStringLiteral("--client-secret-env"),
                                 QStringLiteral("DPOP_SECRET"), QStringLiteral("--json")},
                                m_dir.filePath(QStringLiteral("config")), env);
        if (r.exitCode != 0 ||
            r.json().value(u"tokens").toObject().value(u"token_type").toString() != u"DPoP")
            return QString::fromUtf8(r.out + r.err);
        const QString sent =
            r.json().value(u"traffic").toArray().last().toObject().value(u"request").toString();
        const QRegularExpressionMatch x =
            QRegularExpression(QStringLiteral("\"x\":\"([^\"]+)\"")).match(sent);
        return x.hasMatch() ? QStringLiteral("x=") + x.captured(1) : sent;
    };
    const QString first = keyOfARun();
    QVERIFY2(first.startsWith(u"x="), qPrintable(first));
    const SecretState kept = keychain(p, {}, ProfileSecrets::Kind::DpopKey);
    QCOMPARE(kept.where, SecretState::Where::Keychain);
    QCOMPARE(u"x=" + SigningKey::fromFile(kept.secret).bareJwk().value(u"x").toString(), first);
    QCOMPARE(keyOfARun(), first); // the same key, run after run
    QVERIFY(!configFiles().contains("PRIVATE KEY"));
}

QTEST_GUILESS_MAIN(tst_ClientKeys)
#include "tst_clientkeys.moc"
