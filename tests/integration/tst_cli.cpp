// The command-line twin as QA automation runs it: the real executable, a profile file, the scripted browser
// as the browser command, --json parsed, and every exit code.
#include "CliProcess.h"
#include "ProviderInfo.h"
#include "checks/CheckCatalogue.h"
#include "oauth/ClientAuthentication.h"
#include "profiles/ProfileSecrets.h"
#include "profiles/ProfileStore.h"
#include "profiles/ProfileTransfer.h"
#include "profiles/SecretStore.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace oauth2dbg;

using Run = CliRun;

class tst_Cli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void authorizationCodeAsJson();
    void revealAndRefresh();
    void clientCredentialsKeepsTheSecretOut();
    void serverSaysNo();
    void usageErrors_data();
    void usageErrors();
    void networkFailure();
    void authorizationTimesOut();
    void readsAnExportWithSeveralProfiles();
    void endpointsWithoutIssuer();
    void savedProfileErrors();
    void savedProfileUsesTheKeychain();
    void fileWithASavedIdBorrowsNothing();
    void keptRefreshTokenRotates();
    void decodeVerifies();
    void mistypedWords_data();
    void mistypedWords();
    void userinfoIntrospectRevoke();

private:
    Run run(const QStringList& arguments, const QProcessEnvironment& extra = {},
            const QByteArray& input = {}) const;
    // A sign-in through the command line, tokens revealed (for the commands that take a token).
    QJsonObject signIn();
    QString profileFile(const QString& name, const QJsonObject& client, const QString& issuer = {});
    QString browser(const QString& options = {}) const;
    // A profile saved as the window saves it, in this test's own config directory.
    Profile saveProfile(const QString& name, const QJsonObject& client, bool keepRefreshToken = false);
    SecretState keychain(const Profile& profile, ProfileSecrets::Kind kind, const Secret& store = {});
    [[nodiscard]] QByteArray configFiles() const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_Cli::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(QFile::exists(qEnvironmentVariable("OAUTH2DBG_APP")));
    QVERIFY(m_dir.isValid());
}

Run tst_Cli::run(const QStringList& arguments, const QProcessEnvironment& extra,
                 const QByteArray& input) const
{
    // Saved profiles come from this test's scratch directory, never from the user's own.
    return runCli(arguments, m_dir.filePath(QStringLiteral("config")), extra, input);
}

QString tst_Cli::profileFile(const QString& name, const QJsonObject& client, const QString& issuer)
{
    const QJsonObject profile{
        {QStringLiteral("name"), name},
        {QStringLiteral("issuer"), issuer.isEmpty() ? m_provider.issuer : issuer},
        {QStringLiteral("clientId"), client.value(u"client_id").toString()},
        {QStringLiteral("scopes"), QStringLiteral("openid email")},
        {QStringLiteral("authMethod"), client.value(u"token_endpoint_auth_method").toString()},
        {QStringLiteral("localTestServer"), true},
    };
    const QString path = m_dir.filePath(name + u".json");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(profile).toJson()); // a profile file never holds a secret
    return path;
}

QString tst_Cli::browser(const QString& options) const
{
    return u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet " % options % u" %u";
}

void tst_Cli::authorizationCodeAsJson()
{
    const Run r =
        run({QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("public"), m_provider.publicClient), QStringLiteral("--browser"),
             browser(), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject json = r.json();
    QCOMPARE(json.value(u"ok").toBool(), true);
    QCOMPARE(json.value(u"command").toString(), QStringLiteral("flow authorization_code"));
    QCOMPARE(json.value(u"issuer").toString(), m_provider.issuer);
    const QJsonArray steps = json.value(u"steps").toArray();
    // The same steps the window's timeline shows, with the request's own checks (PKCE) before it leaves.
    QStringList names;
    for (const QJsonValue& step : steps)
        names << step.toObject().value(u"step").toString();
    QCOMPARE(names,
             (QStringList{QStringLiteral("Discovery"), QStringLiteral("Authorization request"),
                          QStringLiteral("Callback"), QStringLiteral("Token"), QStringLiteral("ID token")}));
    // The ID token, verified against the issuer's keys, each rule a row.
    const QJsonObject idToken = steps.at(4).toObject();
    QCOMPARE(idToken.value(u"step").toString(), QStringLiteral("ID token"));
    QVERIFY2(idToken.value(u"summary").toString().startsWith(u"Verified: RS256 signature verified"),
             qPrintable(idToken.value(u"summary").toString()));
    QVERIFY(idToken.value(u"checks").toArray().size() >= 10);
    QCOMPARE(steps.at(2).toObject().value(u"checks").toArray().size(), 4);
    for (const QJsonValue& check : steps.at(2).toObject().value(u"checks").toArray())
        QCOMPARE(check.toObject().value(u"result").toString(), QStringLiteral("ok"));
    // Every rule is one the catalogue explains; an identifier comes with its specification.
    for (const QJsonValue& step : steps) {
        for (const QJsonValue& check : step.toObject().value(u"checks").toArray()) {
            const QString rule = check.toObject().value(u"rule").toString();
            QVERIFY2(CheckCatalogue::unknownIn(rule).isEmpty(), qPrintable(rule));
            if (rule == u"MD-02")
                QVERIFY(check.toObject().value(u"spec").toString().contains(u"OpenID Connect Discovery"));
        }
    }
    const QJsonObject tokens = json.value(u"tokens").toObject();
    QVERIFY2(tokens.value(u"access_token").toString().contains(u"hidden"), "masked unless --reveal");
    QVERIFY(tokens.value(u"refresh_token").toString().contains(u"hidden"));
    QCOMPARE(tokens.value(u"token_type").toString().toLower(), QStringLiteral("bearer"));
    const QJsonArray traffic = json.value(u"traffic").toArray();
    QCOMPARE(traffic.size(), 3);
    QVERIFY(traffic.at(2).toObject().value(u"url").toString().endsWith(u"/jwks"));
    QCOMPARE(traffic.at(1).toObject().value(u"method").toString(), QStringLiteral("POST"));
    QCOMPARE(traffic.at(1).toObject().value(u"status").toInt(), 200);
    const QString tokenResponse = traffic.at(1).toObject().value(u"response").toString();
    QVERIFY2(tokenResponse.contains(u"\"access_token\": \"••••••••"), qPrintable(tokenResponse));
    QVERIFY(traffic.at(1).toObject().value(u"request").toString().contains(u"code=••••••••"));
}

void tst_Cli::revealAndRefresh()
{
    const QString profile = profileFile(QStringLiteral("public"), m_provider.publicClient);
    const Run first = run({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                           QStringLiteral("--profile-file"), profile, QStringLiteral("--browser"), browser(),
                           QStringLiteral("--json"), QStringLiteral("--reveal")});
    QVERIFY2(first.exitCode == 0, first.err.constData());
    const QString refreshToken = first.json().value(u"tokens").toObject().value(u"refresh_token").toString();
    QCOMPARE(refreshToken.size(), 43);
    QProcessEnvironment env;
    env.insert(QStringLiteral("DEMO_RT"), refreshToken);
    const Run refreshed = run({QStringLiteral("refresh"), QStringLiteral("--profile-file"), profile,
                               QStringLiteral("--refresh-token-env"), QStringLiteral("DEMO_RT"),
                               QStringLiteral("--json"), QStringLiteral("--reveal")},
                              env);
    QVERIFY2(refreshed.exitCode == 0, refreshed.err.constData());
    const QString rotated = refreshed.json().value(u"tokens").toObject().value(u"refresh_token").toString();
    QVERIFY(!rotated.isEmpty() && rotated != refreshToken);
    // The rotated-out token again: the server says no (exit 1), with the reason first on stderr.
    const Run reused = run({QStringLiteral("refresh"), QStringLiteral("--profile-file"), profile,
                            QStringLiteral("--refresh-token-env"), QStringLiteral("DEMO_RT")},
                           env);
    QCOMPARE(reused.exitCode, 1);
    QVERIFY2(reused.firstErrorLine().startsWith(u"error: The token endpoint said \"invalid_grant\""),
             qPrintable(reused.firstErrorLine()));
}

void tst_Cli::clientCredentialsKeepsTheSecretOut()
{
    const QString secret = m_provider.basicClient.value(u"client_secret").toString();
    const QString clientId = m_provider.basicClient.value(u"client_id").toString();
    QProcessEnvironment env;
    env.insert(QStringLiteral("DBG_SECRET"), secret);
    for (const bool json : {false, true}) {
        QStringList arguments = {QStringLiteral("flow"),
                                 QStringLiteral("client_credentials"),
                                 QStringLiteral("--profile-file"),
                                 profileFile(QStringLiteral("basic"), m_provider.basicClient),
                                 QStringLiteral("--client-secret-env"),
                                 QStringLiteral("DBG_SECRET")};
        if (json)
            arguments << QStringLiteral("--json");
        const Run r = run(arguments, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray everything = r.out + r.err;
        QVERIFY2(!everything.contains(secret.toUtf8()), "the secret never reaches the output");
        QVERIFY(!everything.contains(FormEncoding::encode(secret)));
        QVERIFY(!everything.contains(
            ClientAuthentication::basicHeader(clientId, Secret::fromString(secret)).mid(6)));
        QVERIFY(everything.contains("Authorization: Basic ••••••••") || !json);
    }
}

void tst_Cli::serverSaysNo()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("DBG_SECRET"), QStringLiteral("wrong"));
    const Run wrongSecret =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("basic"), m_provider.basicClient),
             QStringLiteral("--client-secret-env"), QStringLiteral("DBG_SECRET")},
            env);
    QCOMPARE(wrongSecret.exitCode, 1);
    QVERIFY2(wrongSecret.firstErrorLine().contains(u"invalid_client"),
             qPrintable(wrongSecret.firstErrorLine()));
    QVERIFY(wrongSecret.err.contains("another authentication method"));

    const Run cancelled =
        run({QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("public"), m_provider.publicClient), QStringLiteral("--browser"),
             browser(QStringLiteral("--cancel"))});
    QCOMPARE(cancelled.exitCode, 1);
    QVERIFY2(cancelled.firstErrorLine().contains(u"access_denied"), qPrintable(cancelled.firstErrorLine()));
}

void tst_Cli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("no grant, no profile")
        << QStringList{QStringLiteral("flow")}
        << QStringLiteral(
               "flow runs the grant a profile chose: give --profile NAME or --profile-file FILE, or name "
               "the grant (authorization_code, client_credentials, device_code");
    QTest::addRow("no profile") << QStringList{QStringLiteral("flow"), QStringLiteral("client_credentials")}
                                << QStringLiteral("--profile NAME or --profile-file");
    QTest::addRow("secret as an argument") << QStringList{QStringLiteral("flow"),
                                                          QStringLiteral("client_credentials"),
                                                          QStringLiteral("--profile"),
                                                          QStringLiteral("x"),
                                                          QStringLiteral("--client-secret"),
                                                          QStringLiteral("s")}
                                           << QStringLiteral("never taken from the command line");
    QTest::addRow("unknown profile") << QStringList{QStringLiteral("flow"),
                                                    QStringLiteral("client_credentials"),
                                                    QStringLiteral("--profile"), QStringLiteral("nope")}
                                     << QStringLiteral("no saved profile named \"nope\"");
    QTest::addRow("decode without a token")
        << QStringList{QStringLiteral("decode")} << QStringLiteral("needs the token");
    QTest::addRow("introspect without a token")
        << QStringList{QStringLiteral("introspect"), QStringLiteral("--profile"),
                       QStringLiteral("Local demo")}
        << QStringLiteral("--token-env NAME or --token-stdin");
    QTest::addRow("revoke with an odd hint")
        << QStringList{QStringLiteral("revoke"),     QStringLiteral("--profile"),
                       QStringLiteral("Local demo"), QStringLiteral("--token-stdin"),
                       QStringLiteral("--hint"),     QStringLiteral("id_token")}
        << QStringLiteral("--hint is access_token or refresh_token");
    QTest::addRow("token variable unset")
        << QStringList{QStringLiteral("userinfo"), QStringLiteral("--profile"), QStringLiteral("Local demo"),
                       QStringLiteral("--token-env"), QStringLiteral("OAUTH2DBG_NO_SUCH_VARIABLE")}
        << QStringLiteral("OAUTH2DBG_NO_SUCH_VARIABLE (--token-env) is empty or unset");
    QTest::addRow("missing profile file")
        << QStringList{QStringLiteral("refresh"), QStringLiteral("--profile-file"),
                       QStringLiteral("/nonexistent.json"), QStringLiteral("--refresh-token-env"),
                       QStringLiteral("X")}
        << QStringLiteral("cannot read the profile file");
}

void tst_Cli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine().startsWith(u"error: ") && r.firstErrorLine().contains(message),
             qPrintable(r.firstErrorLine()));
    // Not the whole help: the error, and at most the lines about this command.
    QVERIFY2(!r.err.contains("Exit codes:"), r.err.constData());
}

void tst_Cli::mistypedWords_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("usageLine"); // the command's own line in the usage, when it has one
    QTest::addRow("a mistyped command")
        << QStringList{QStringLiteral("flwo")}
        << QStringLiteral("unknown command \"flwo\"; did you mean \"flow\"?") << QString();
    QTest::addRow("a word that is no command") << QStringList{QStringLiteral("bananas")}
                                               << QStringLiteral("unknown command \"bananas\"") << QString();
    QTest::addRow("a mistyped option")
        << QStringList{QStringLiteral("refresh"), QStringLiteral("--profile"), QStringLiteral("x"),
                       QStringLiteral("--jsno")}
        << QStringLiteral("unknown option \"--jsno\"; did you mean \"--json\"?")
        << QStringLiteral("  oauth2-debugger refresh ");
    QTest::addRow("decode with options only")
        << QStringList{QStringLiteral("decode"), QStringLiteral("--jwks"), QStringLiteral("keys.json")}
        << QStringLiteral("decode needs the token, or - to read it from stdin")
        << QStringLiteral("  oauth2-debugger decode TOKEN|-");
}

void tst_Cli::mistypedWords()
{
    // A word the command line does not know is a usage error (exit 2) that says what was meant — never the
    // window opening instead (without a display, that aborted with 134) — with the lines that help.
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QFETCH(QString, usageLine);
    QProcessEnvironment noDisplay;
    noDisplay.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    noDisplay.insert(QStringLiteral("DISPLAY"), QString());
    const Run r = run(arguments, noDisplay);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine() == u"error: " % message, qPrintable(r.firstErrorLine()));
    QVERIFY2(r.err.contains("(oauth2-debugger --help shows every command and option)"), r.err.constData());
    QVERIFY2(!r.err.contains("Exit codes:"), r.err.constData());
    if (!usageLine.isEmpty())
        QVERIFY2(r.err.contains(usageLine.toUtf8()), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void tst_Cli::networkFailure()
{
    const QString dead = u"http://127.0.0.1:" % QString::number(unusedLoopbackPort());
    const Run r =
        run({QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("dead"), m_provider.publicClient, dead), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.firstErrorLine().contains(u"refused the connection"), qPrintable(r.firstErrorLine()));
    QCOMPARE(r.json().value(u"exitCode").toInt(), 3);
}

void tst_Cli::authorizationTimesOut()
{
    const Run r =
        run({QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("public"), m_provider.publicClient), QStringLiteral("--browser"),
             QStringLiteral("true"), QStringLiteral("--timeout"), QStringLiteral("1")});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.firstErrorLine().contains(u"within 1 s"), qPrintable(r.firstErrorLine()));
}

void tst_Cli::readsAnExportWithSeveralProfiles()
{
    Profile pub;
    pub.name = QStringLiteral("Public app");
    pub.issuer = m_provider.issuer;
    pub.clientId = m_provider.publicClient.value(u"client_id").toString();
    pub.localTestServer = true;
    Profile post = pub;
    post.name = QStringLiteral("Backend");
    post.clientId = m_provider.postClient.value(u"client_id").toString();
    post.authMethod = QStringLiteral("client_secret_post");
    post.clientType = QStringLiteral("confidential");
    const QString path = m_dir.filePath(QStringLiteral("export.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(ProfileTransfer::exportProfiles({pub, post}));
    file.close();

    const Run ambiguous = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                               QStringLiteral("--profile-file"), path});
    QCOMPARE(ambiguous.exitCode, 2);
    QVERIFY2(ambiguous.firstErrorLine().contains(u"holds 2 profiles"),
             qPrintable(ambiguous.firstErrorLine()));
    QProcessEnvironment env;
    env.insert(QStringLiteral("BACKEND_SECRET"), m_provider.postClient.value(u"client_secret").toString());
    const Run picked = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                            QStringLiteral("--profile-file"), path, QStringLiteral("--profile"),
                            QStringLiteral("Backend"), QStringLiteral("--client-secret-env"),
                            QStringLiteral("BACKEND_SECRET"), QStringLiteral("--json")},
                           env);
    QVERIFY2(picked.exitCode == 0, picked.err.constData());
    QCOMPARE(picked.json().value(u"profile").toString(), QStringLiteral("Backend"));
}

Profile tst_Cli::saveProfile(const QString& name, const QJsonObject& client, bool keepRefreshToken)
{
    ProfileStore store(m_dir.filePath(QStringLiteral("config/oauth2-debugger/profiles.json")));
    QList<Profile> profiles = store.load().profiles;
    Profile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.name = name;
    p.issuer = m_provider.issuer;
    p.clientId = client.value(u"client_id").toString();
    p.authMethod = client.value(u"token_endpoint_auth_method").toString();
    p.clientType = p.authMethod == u"none" ? QStringLiteral("public") : QStringLiteral("confidential");
    p.scopes = QStringLiteral("openid email");
    p.localTestServer = true;
    p.keepRefreshToken = keepRefreshToken;
    profiles << p;
    const EngineError error = store.save(profiles);
    if (error.isError())
        qWarning() << error.message;
    return p;
}

// Reads (or, given a secret, writes) the app's own keychain entry for the profile, as the window does.
SecretState tst_Cli::keychain(const Profile& profile, ProfileSecrets::Kind kind, const Secret& store)
{
    SecretStore keychain; // the app's service name: the same entries the command line reads
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

QByteArray tst_Cli::configFiles() const
{
    return filesUnder(m_dir.filePath(QStringLiteral("config")));
}

void tst_Cli::endpointsWithoutIssuer()
{
    // No discovery at all: the profile names its token endpoint, and a token parameter of its own.
    const QJsonObject profile{
        {QStringLiteral("name"), QStringLiteral("By hand")},
        {QStringLiteral("endpoints"),
         QJsonObject{{QStringLiteral("token_endpoint"), QString(m_provider.issuer + u"/token")}}},
        {QStringLiteral("clientId"), m_provider.postClient.value(u"client_id").toString()},
        {QStringLiteral("authMethod"), QStringLiteral("client_secret_post")},
        {QStringLiteral("tokenParameters"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("scope")},
                                {QStringLiteral("value"), QStringLiteral("openid")}}}},
        {QStringLiteral("localTestServer"), true},
    };
    QFile file(m_dir.filePath(QStringLiteral("by-hand.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(profile).toJson());
    file.close();
    QProcessEnvironment env;
    env.insert(QStringLiteral("POST_SECRET"), m_provider.postClient.value(u"client_secret").toString());
    const Run r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             file.fileName(), QStringLiteral("--client-secret-env"), QStringLiteral("POST_SECRET"),
             QStringLiteral("--json")},
            env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray traffic = r.json().value(u"traffic").toArray();
    QCOMPARE(traffic.size(), 1); // the token request only: nothing was discovered
    const QString request = traffic.at(0).toObject().value(u"request").toString();
    QVERIFY2(request.contains(u"grant_type=client_credentials&scope=openid&client_id="), qPrintable(request));
    const QJsonObject discovery = r.json().value(u"steps").toArray().at(0).toObject();
    QVERIFY2(QJsonDocument(discovery).toJson().contains("Given by hand in the profile"),
             QJsonDocument(discovery).toJson().constData());
}

void tst_Cli::savedProfileErrors()
{
    const Run unknown = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                             QStringLiteral("--profile"), QStringLiteral("Nobody")});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.firstErrorLine().contains(u"there is no saved profile named \"Nobody\""),
             qPrintable(unknown.firstErrorLine()));
    if (!qEnvironmentVariableIsEmpty("OAUTH2DBG_TEST_KEYRING"))
        return; // the rest is about a missing keychain
    saveProfile(QStringLiteral("Saved post"), m_provider.postClient);
    const Run noSecret =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile"),
             QStringLiteral("saved POST")}); // names match without regard to case
    QCOMPARE(noSecret.exitCode, 2);
    QVERIFY2(noSecret.firstErrorLine().contains(u"its secret is not in the keychain") &&
                 noSecret.firstErrorLine().contains(u"--client-secret-env"),
             qPrintable(noSecret.firstErrorLine()));
    const Run noRefresh =
        run({QStringLiteral("refresh"), QStringLiteral("--profile"), QStringLiteral("Saved post"),
             QStringLiteral("--client-secret-env"), QStringLiteral("PATH")});
    QCOMPARE(noRefresh.exitCode, 2);
    QVERIFY2(noRefresh.firstErrorLine().contains(u"refresh needs --refresh-token-env"),
             qPrintable(noRefresh.firstErrorLine()));
}

void tst_Cli::savedProfileUsesTheKeychain()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_TEST_KEYRING"))
        QSKIP("runs as tst_cli.keychain, with a private Secret Service");
    const Profile profile = saveProfile(QStringLiteral("Saved basic"), m_provider.basicClient);
    const QByteArray secret = m_provider.basicClient.value(u"client_secret").toString().toUtf8();
    QCOMPARE(keychain(profile, ProfileSecrets::Kind::ClientSecret, Secret(secret)).where,
             SecretState::Where::Keychain);
    const Run r = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                       QStringLiteral("--profile"), QStringLiteral("Saved basic"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject json = r.json();
    QCOMPARE(json.value(u"profile").toString(), QStringLiteral("Saved basic"));
    QVERIFY(json.value(u"tokens").toObject().value(u"access_token").toString().contains(u"hidden"));
    const QString request = json.value(u"traffic").toArray().last().toObject().value(u"request").toString();
    QVERIFY2(request.contains(u"Authorization: Basic ••••••••"), qPrintable(request));
    for (const QByteArray& leak : {secret, QByteArray(secret.toPercentEncoding()), secret.toBase64()}) {
        QVERIFY(!r.out.contains(leak) && !r.err.contains(leak));
        QVERIFY(!configFiles().contains(leak));
    }
}

// An export gives away a saved profile's id. A file that reuses it, with its own token endpoint, must not get
// that profile's keychain secret sent there.
void tst_Cli::fileWithASavedIdBorrowsNothing()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_TEST_KEYRING"))
        QSKIP("runs as tst_cli.keychain, with a private Secret Service");
    const Profile saved = saveProfile(QStringLiteral("Saved victim"), m_provider.basicClient);
    const QByteArray secret = m_provider.basicClient.value(u"client_secret").toString().toUtf8();
    QCOMPARE(keychain(saved, ProfileSecrets::Kind::ClientSecret, Secret(secret)).where,
             SecretState::Where::Keychain);
    QTcpServer thief; // the file's "token endpoint"
    QVERIFY(thief.listen(QHostAddress::LocalHost, 0));
    QJsonObject file = saved.toJson();
    file.remove(QStringLiteral("issuer"));
    file.insert(QStringLiteral("endpoints"),
                QJsonObject{{QStringLiteral("token_endpoint"),
                             QStringLiteral("http://127.0.0.1:%1/token").arg(thief.serverPort())}});
    const QString path = m_dir.filePath(QStringLiteral("borrowed-id.json"));
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(file).toJson());
    out.close();
    const Run r = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                       QStringLiteral("--profile-file"), path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine().contains(u"never uses the keychain"), r.err.constData());
    QVERIFY(!thief.hasPendingConnections() && !thief.waitForNewConnection(300));
    QVERIFY(!r.out.contains(secret) && !r.err.contains(secret));
}

void tst_Cli::keptRefreshTokenRotates()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_TEST_KEYRING"))
        QSKIP("runs as tst_cli.keychain, with a private Secret Service");
    const Profile profile =
        saveProfile(QStringLiteral("Keeps its refresh token"), m_provider.publicClient, true);
    const Run flow = run({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                          QStringLiteral("--profile"), profile.name, QStringLiteral("--browser"), browser()});
    QVERIFY2(flow.exitCode == 0, flow.err.constData());
    const SecretState kept = keychain(profile, ProfileSecrets::Kind::RefreshToken);
    QCOMPARE(kept.where, SecretState::Where::Keychain);
    QCOMPARE(kept.secret.reveal().size(), 43);

    // refresh without any variable: the kept token is used, and the rotated one replaces it.
    const Run refreshed = run({QStringLiteral("refresh"), QStringLiteral("--profile"), profile.name});
    QVERIFY2(refreshed.exitCode == 0, refreshed.err.constData());
    const SecretState rotated = keychain(profile, ProfileSecrets::Kind::RefreshToken);
    QVERIFY(!rotated.secret.isEmpty() && rotated.secret != kept.secret);
    for (const Secret& token : {kept.secret, rotated.secret}) {
        QVERIFY(!flow.out.contains(token.reveal()) && !refreshed.out.contains(token.reveal()));
        QVERIFY(!flow.err.contains(token.reveal()) && !refreshed.err.contains(token.reveal()));
        QVERIFY(!configFiles().contains(token.reveal()));
    }
    const Run again = run({QStringLiteral("refresh"), QStringLiteral("--profile"), profile.name});
    QVERIFY2(again.exitCode == 0, again.err.constData()); // the kept token is always the live one
}

QJsonObject tst_Cli::signIn()
{
    const Run r =
        run({QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("public"), m_provider.publicClient), QStringLiteral("--browser"),
             browser(), QStringLiteral("--json"), QStringLiteral("--reveal")});
    return r.exitCode == 0 ? r.json().value(u"tokens").toObject() : QJsonObject();
}

void tst_Cli::decodeVerifies()
{
    const QByteArray idToken = signIn().value(u"id_token").toString().toLatin1();
    QVERIFY(!idToken.isEmpty());
    const QString jwks = m_provider.issuer + u"/jwks";

    // From stdin (a token as an argument is visible to other users), keys from the issuer's URL.
    Run r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--jwks"), jwks}, {},
                idToken + '\n');
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("Verification: Verified: RS256 signature verified with RSA 2048 kid \"rs256-1\""),
             r.out.constData());
    QVERIFY(r.out.contains("\"sub\": \"alice\""));
    QVERIFY(!r.out.contains(idToken)); // the claims are shown, the token itself is not

    // Options before the token, or after it: the same.
    r = run({QStringLiteral("decode"), QStringLiteral("--jwks"), jwks, QStringLiteral("--json"),
             QStringLiteral("-")},
            {}, idToken);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(u"documents").toObject().value(u"Claims").toObject().value(u"sub").toString(),
             QStringLiteral("alice"));

    // Keys from a file; JSON output.
    const QString file = m_dir.filePath(QStringLiteral("jwks.json"));
    {
        QProcess curl;
        curl.start(QStringLiteral("curl"), {QStringLiteral("-sf"), QStringLiteral("-o"), file, jwks});
        QVERIFY(curl.waitForFinished(10'000) && curl.exitCode() == 0);
    }
    r = run({QStringLiteral("decode"), QString::fromLatin1(idToken), QStringLiteral("--jwks"), file,
             QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject json = r.json();
    QCOMPARE(json.value(u"documents").toObject().value(u"Claims").toObject().value(u"sub").toString(),
             QStringLiteral("alice"));
    QVERIFY(json.value(u"traffic").toArray().isEmpty());

    // A changed claim: the signature no longer holds; exit 1, the reason first on stderr.
    QByteArray payload = QByteArray::fromBase64(idToken.split('.').at(1), QByteArray::Base64UrlEncoding);
    payload.replace("\"alice\"", "\"mallory\"");
    const QByteArray forged =
        idToken.split('.').at(0) + '.' +
        payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + '.' +
        idToken.split('.').at(2);
    r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--jwks"), file}, {}, forged);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.firstErrorLine().contains(u"The RS256 signature is not valid"),
             qPrintable(r.firstErrorLine()));
    QVERIFY(r.out.contains("\"sub\": \"mallory\"")); // still shown as what it says, verdict apart

    // A profile instead of keys: the flow session discovers its issuer and uses the keys it publishes — the
    // window's "Decode a token" verification, step for step.
    const QString profile = profileFile(QStringLiteral("public"), m_provider.publicClient);
    r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--profile-file"), profile}, {},
            idToken);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("Decoded token: Verified: RS256 signature verified") &&
                 r.out.contains(QString(u"(keys: " % jwks % u')').toUtf8()),
             r.out.constData());
    QVERIFY(r.out.contains("Discovery:") && r.out.contains("\"sub\": \"alice\""));
    r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--profile-file"), profile}, {},
            forged);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.firstErrorLine().contains(u"The RS256 signature is not valid"),
             qPrintable(r.firstErrorLine()));
    r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--profile-file"), profile,
             QStringLiteral("--jwks"), file},
            {}, idToken);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine().contains(u"not both"), qPrintable(r.firstErrorLine()));

    // No keys: decoded and said to be unverified; exit 0.
    r = run({QStringLiteral("decode"), QStringLiteral("-")}, {}, idToken);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Not verified: give the issuer's keys with --jwks"));
    // Not a token at all.
    r = run({QStringLiteral("decode"), QStringLiteral("-")}, {}, "e30.%%%.x");
    QCOMPARE(r.exitCode, 1);
}

void tst_Cli::userinfoIntrospectRevoke()
{
    const QJsonObject tokens = signIn();
    QVERIFY(!tokens.isEmpty());
    const QString profile = profileFile(QStringLiteral("public"), m_provider.publicClient);
    QProcessEnvironment env;
    env.insert(QStringLiteral("AT"), tokens.value(u"access_token").toString());
    env.insert(QStringLiteral("RT"), tokens.value(u"refresh_token").toString());
    const auto command = [&profile](const char* name, const char* tokenVariable) {
        return QStringList{QLatin1StringView(name), QStringLiteral("--profile-file"), profile,
                           QStringLiteral("--token-env"), QLatin1StringView(tokenVariable)};
    };
    Run r = run(command("userinfo", "AT"), env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("Userinfo: 3 claims about alice."), r.out.constData());
    QVERIFY(r.out.contains("\"email\": \"alice@example.test\""));

    r = run(command("introspect", "AT") << QStringLiteral("--json"), env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.json().value(u"documents").toObject().value(u"Answer").toObject().value(u"active").toBool(),
             true);

    r = run(command("revoke", "RT") << QStringLiteral("--hint") << QStringLiteral("refresh_token"), env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("A 200 does not mean the token was valid"));
    QVERIFY(
        !r.out.contains(tokens.value(u"refresh_token").toString().toLatin1())); // masked in the traffic lines

    // The grant is gone: the access token is inactive, and the answer shows nothing but that.
    r = run(command("introspect", "AT"), env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("Inactive: the server says nothing more about this token."), r.out.constData());
    QVERIFY(!r.out.contains("client_id\": "));
    r = run(command("userinfo", "AT"), env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.firstErrorLine().contains(u"answered HTTP 401: invalid_token"),
             qPrintable(r.firstErrorLine()));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
