// The command-line twin against what someone else controls: a profile file that was sent, a server whose
// every text field holds terminal controls, inputs without end, forged tokens and endpoints on other hosts.
// Each row is a hole that was open once.
#include "CliProcess.h"
#include "ProviderInfo.h"
#include "TestSigner.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {
// What must never reach a terminal raw: ESC, BEL, the C1 CSI (U+009B) and the right-to-left override.
const QList<QByteArray> kRawControls{"\x1b", "\x07", "\xc2\x9b", "\xe2\x80\xae"};
} // namespace

class tst_CliSecurity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void profileFileRunsNoProgram();
    void profileFilePicksNoFileAndKeepsTls_data();
    void profileFilePicksNoFileAndKeepsTls();
    void profileFileNeverUsesTheKeychain();
    void serverTextIsMadeVisible_data();
    void serverTextIsMadeVisible();
    void inputsAreBounded_data();
    void inputsAreBounded();
    void onlyAVerifiedTokenPasses_data();
    void onlyAVerifiedTokenPasses();
    void credentialsStayOnTheIssuersHost();
    void noCoreDumpWhileWaiting();

private:
    CliRun run(const QStringList& arguments, const QProcessEnvironment& extra = {},
               const QByteArray& input = {}) const
    {
        return runCli(arguments, m_dir.filePath(QStringLiteral("config")), extra, input);
    }
    QString writeProfile(const QString& name, QJsonObject profile);
    [[nodiscard]] QJsonObject publicProfile(const QString& issuer = {}) const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_CliSecurity::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(QFile::exists(qEnvironmentVariable("OAUTH2DBG_APP")));
    QVERIFY(m_dir.isValid());
}

QString tst_CliSecurity::writeProfile(const QString& name, QJsonObject profile)
{
    profile.insert(QStringLiteral("name"), name);
    const QString path = m_dir.filePath(name + u".json");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(profile).toJson());
    return path;
}

QJsonObject tst_CliSecurity::publicProfile(const QString& issuer) const
{
    return {{QStringLiteral("issuer"), issuer.isEmpty() ? m_provider.issuer : issuer},
            {QStringLiteral("clientId"), m_provider.publicClient.value(u"client_id").toString()},
            {QStringLiteral("scopes"), QStringLiteral("openid")},
            {QStringLiteral("localTestServer"), true}};
}

void tst_CliSecurity::profileFileRunsNoProgram()
{
    const QString mark = m_dir.filePath(QStringLiteral("the-file-ran-a-program"));
    QJsonObject hostile = publicProfile();
    hostile.insert(QStringLiteral("browserCommand"), QStringLiteral("sh -c \"touch %1\" %u").arg(mark));
    const QString file = writeProfile(QStringLiteral("sent-by-someone"), hostile);
    const CliRun refused =
        run({QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
             file, QStringLiteral("--timeout"), QStringLiteral("5")});
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.firstErrorLine().contains(u"never runs a program") &&
                 refused.firstErrorLine().contains(u"--browser"),
             refused.err.constData());
    QTest::qWait(300);
    QVERIFY(!QFile::exists(mark));
    // The user's own --browser runs; the file's command still does not.
    const CliRun chosen = run({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                               QStringLiteral("--profile-file"), file, QStringLiteral("--browser"),
                               u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u"});
    QVERIFY2(chosen.exitCode == 0, chosen.err.constData());
    QVERIFY(!QFile::exists(mark));
}

void tst_CliSecurity::profileFilePicksNoFileAndKeepsTls_data()
{
    QTest::addColumn<QString>("member");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("why");
    QTest::addColumn<QString>("flag");
    QTest::newRow("caFile") << QStringLiteral("caFile") << QJsonValue(QStringLiteral("/dev/zero"))
                            << QStringLiteral("never picks a file") << QStringLiteral("--ca-file");
    QTest::newRow("allowSelfSigned") << QStringLiteral("allowSelfSigned") << QJsonValue(true)
                                     << QStringLiteral("never weakens TLS")
                                     << QStringLiteral("--allow-self-signed");
}

void tst_CliSecurity::profileFilePicksNoFileAndKeepsTls()
{
    QFETCH(QString, member);
    QFETCH(QJsonValue, value);
    QFETCH(QString, why);
    QFETCH(QString, flag);
    QJsonObject profile = publicProfile();
    profile.insert(member, value);
    const CliRun r = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                          QStringLiteral("--profile-file"), writeProfile(member, profile)});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine().contains(why) && r.firstErrorLine().contains(flag), r.err.constData());
    QVERIFY2(!r.out.contains("POST"), r.out.constData()); // nothing was sent
}

void tst_CliSecurity::profileFileNeverUsesTheKeychain()
{
    // An export carries the profile's id; a file that reuses it gets no secret from this machine's keychain.
    QJsonObject profile = publicProfile();
    profile.insert(QStringLiteral("id"), QStringLiteral("local-demo"));
    profile.insert(QStringLiteral("clientId"), m_provider.basicClient.value(u"client_id").toString());
    profile.insert(QStringLiteral("clientType"), QStringLiteral("confidential"));
    profile.insert(QStringLiteral("authMethod"), QStringLiteral("client_secret_basic"));
    const CliRun r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             writeProfile(QStringLiteral("borrower"), profile)});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine().contains(u"never uses the keychain"), r.err.constData());
}

void tst_CliSecurity::serverTextIsMadeVisible_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<bool>("json");
    QTest::addColumn<int>("exitCode");
    for (const bool json : {false, true}) {
        const char* as = json ? " (--json)" : " (text)";
        // error, error_description, error_uri, the reason phrase and a Location header
        QTest::addRow("token error%s", as) << QStringLiteral("hostile") << json << 1;
        // token_type and scope of a successful answer
        QTest::addRow("token answer%s", as) << QStringLiteral("hostile-ok") << json << 0;
        // the metadata's issuer, named in the mismatch it causes
        QTest::addRow("metadata issuer%s", as) << QStringLiteral("hostile-issuer") << json << 1;
    }
}

void tst_CliSecurity::serverTextIsMadeVisible()
{
    QFETCH(QString, shape);
    QFETCH(bool, json);
    QFETCH(int, exitCode);
    const QString issuer = m_provider.issuer + u"/__shapes/" + shape;
    QStringList arguments{QStringLiteral("flow"), QStringLiteral("client_credentials"),
                          QStringLiteral("--profile-file"), writeProfile(shape, publicProfile(issuer))};
    if (json)
        arguments << QStringLiteral("--json");
    const CliRun r = run(arguments);
    QVERIFY2(r.exitCode == exitCode, r.err.constData());
    for (const QByteArray& raw : kRawControls) {
        QVERIFY2(!r.out.contains(raw), qPrintable(u"stdout holds " % QString::fromLatin1(raw.toHex())));
        QVERIFY2(!r.err.contains(raw), qPrintable(u"stderr holds " % QString::fromLatin1(raw.toHex())));
    }
    // Shown, not dropped: the escapes stand where the controls were.
    const QByteArray all = r.out + r.err;
    QVERIFY2(all.contains(json ? "\\\\x1b[2J" : "\\x1b[2J") || all.contains("\\u001b[2J"), all.constData());
    QVERIFY2(all.contains("\\u202e"), all.constData());
    if (json) {
        QVERIFY(!r.json().isEmpty()); // still a JSON document, the values intact
        QVERIFY(QJsonDocument::fromJson(r.out).toJson().contains("\\u001b[2J"));
    }
}

void tst_CliSecurity::inputsAreBounded_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("why");
    const QByteArray endlessToken(1536 * 1024, 'a');
    QTest::newRow("decode - with 1.5 MiB on stdin")
        << QStringList{QStringLiteral("decode"), QStringLiteral("-")} << endlessToken
        << QStringLiteral("larger than 1 MiB");
    const QString token = QString::fromLatin1(oauth2dbg::test::signHmac(
        QStringLiteral("HS256"), "k", {}, {{QStringLiteral("sub"), QStringLiteral("x")}}));
    QTest::newRow("--jwks /dev/zero")
        << QStringList{QStringLiteral("decode"), token, QStringLiteral("--jwks"), QStringLiteral("/dev/zero")}
        << QByteArray() << QStringLiteral("not a regular file");
    QTest::newRow("--profile-file /dev/zero")
        << QStringList{QStringLiteral("flow"), QStringLiteral("client_credentials"),
                       QStringLiteral("--profile-file"), QStringLiteral("/dev/zero")}
        << QByteArray() << QStringLiteral("not a regular file");
    QTest::newRow("--token-stdin with 1.5 MiB")
        << QStringList{QStringLiteral("introspect"), QStringLiteral("--profile"),
                       QStringLiteral("Local demo"), QStringLiteral("--token-stdin")}
        << endlessToken << QStringLiteral("larger than 1 MiB");
}

void tst_CliSecurity::inputsAreBounded()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QString, why);
    const CliRun r = run(arguments, {}, input);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine().contains(why), r.err.constData());
}

void tst_CliSecurity::onlyAVerifiedTokenPasses_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("why");
    const QJsonObject claims{{QStringLiteral("iss"), m_provider.issuer},
                             {QStringLiteral("sub"), QStringLiteral("x")}};
    // RFC 8725 §2.1: HMAC keyed with the issuer's RSA public key, the kid naming that key.
    QTest::newRow("HS256 naming an RSA key")
        << oauth2dbg::test::signHmac(QStringLiteral("HS256"), "the RSA public key as a secret",
                                     {{QStringLiteral("kid"), QStringLiteral("rs256-1")}}, claims)
        << QStringLiteral("algorithm confusion");
    // Verification was asked for and nothing could verify it: that is no pass either.
    QTest::newRow("HS256 without a secret")
        << oauth2dbg::test::signHmac(QStringLiteral("HS256"), "anything", {}, claims)
        << QStringLiteral("Not verified");
}

void tst_CliSecurity::onlyAVerifiedTokenPasses()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, why);
    const CliRun r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--jwks"),
                          m_provider.issuer + QStringLiteral("/jwks")},
                         {}, token);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.firstErrorLine().contains(why), r.err.constData());
}

void tst_CliSecurity::credentialsStayOnTheIssuersHost()
{
    // The issuer is 127.0.0.1; a token endpoint named "localhost" is another host as far as trust goes.
    QJsonObject profile = publicProfile();
    const QString elsewhere = QStringLiteral("http://localhost:%1/token").arg(m_provider.port());
    profile.insert(QStringLiteral("endpoints"), QJsonObject{{QStringLiteral("token_endpoint"), elsewhere}});
    profile.insert(QStringLiteral("clientId"), m_provider.postClient.value(u"client_id").toString());
    profile.insert(QStringLiteral("clientType"), QStringLiteral("confidential"));
    profile.insert(QStringLiteral("authMethod"), QStringLiteral("client_secret_post"));
    profile.remove(QStringLiteral("scopes"));
    const QString file = writeProfile(QStringLiteral("moved-token-endpoint"), profile);
    QProcessEnvironment env;
    env.insert(QStringLiteral("POST_SECRET"), m_provider.postClient.value(u"client_secret").toString());
    const QStringList arguments{QStringLiteral("flow"),
                                QStringLiteral("client_credentials"),
                                QStringLiteral("--profile-file"),
                                file,
                                QStringLiteral("--client-secret-env"),
                                QStringLiteral("POST_SECRET"),
                                QStringLiteral("--json")};
    const CliRun refused = run(arguments, env);
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.firstErrorLine().contains(u"not the issuer's host") &&
                 refused.firstErrorLine().contains(u"--allow-endpoint-host localhost"),
             refused.err.constData());
    for (const QJsonValue& exchange : refused.json().value(u"traffic").toArray())
        QVERIFY(!exchange.toObject().value(u"url").toString().startsWith(u"http://localhost"));
    const CliRun approved = run(
        arguments + QStringList{QStringLiteral("--allow-endpoint-host"), QStringLiteral("localhost")}, env);
    QVERIFY2(approved.exitCode == 0, approved.err.constData());
}

// Tokens are in memory while the command line waits for the browser: no core file may hold them.
void tst_CliSecurity::noCoreDumpWhileWaiting()
{
#ifdef Q_OS_LINUX
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("OAUTH2DBG_APP"),
                  {QStringLiteral("flow"), QStringLiteral("authorization_code"),
                   QStringLiteral("--profile-file"), writeProfile(QStringLiteral("waits"), publicProfile()),
                   QStringLiteral("--browser"), QStringLiteral("true"), QStringLiteral("--timeout"),
                   QStringLiteral("20")});
    QVERIFY(process.waitForStarted());
    const QString limits = QStringLiteral("/proc/%1/limits").arg(process.processId());
    QByteArray core;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QFile file(limits);
            core = file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
            const qsizetype at = core.indexOf("Max core file size");
            core = at < 0 ? QByteArray() : core.mid(at, core.indexOf('\n', at) - at).simplified();
            return core == "Max core file size 0 0 bytes";
        }(),
        10'000);
    process.kill();
    process.waitForFinished();
#else
    QSKIP("core dump limits are read from /proc");
#endif
}

QTEST_GUILESS_MAIN(tst_CliSecurity)
#include "tst_clisecurity.moc"
