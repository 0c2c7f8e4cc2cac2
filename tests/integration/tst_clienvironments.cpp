// One profile, several environments, from the command line: --env NAME runs the profile with that
// environment's client, against the provider; a name it does not have is a usage error that suggests the
// closest; the report says which environment ran.
#include "CliProcess.h"
#include "ProviderInfo.h"
#include "profiles/ProfileStore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace oauth2dbg;

class tst_CliEnvironments : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theEnvironmentsClientRuns();
    void savedProfilesTakeEnvironmentsToo();
    void unknownEnvironmentsAreUsageErrors();

private:
    CliRun run(QStringList arguments) const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("DBG_SECRET"), m_provider.basicClient.value(u"client_secret").toString());
        arguments << QStringLiteral("--client-secret-env") << QStringLiteral("DBG_SECRET");
        return runCli(arguments, m_dir.filePath(QStringLiteral("config")), env);
    }
    // Production names a client the provider does not know; Staging names the provider's Basic client.
    Profile staged() const;
    QString profileFile(const Profile& profile) const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

Profile tst_CliEnvironments::staged() const
{
    Profile p;
    p.id = QStringLiteral("shop");
    p.name = QStringLiteral("Shop");
    p.issuer = m_provider.issuer;
    p.clientId = QStringLiteral("no-such-client");
    p.clientType = QStringLiteral("confidential");
    p.authMethod = QStringLiteral("client_secret_basic");
    p.localTestServer = true;
    ProfileEnvironment staging;
    staging.id = QStringLiteral("staging");
    staging.name = QStringLiteral("Staging");
    staging.clientId = m_provider.basicClient.value(u"client_id").toString();
    p.environments = {staging};
    return p;
}

QString tst_CliEnvironments::profileFile(const Profile& profile) const
{
    const QString path = m_dir.filePath(profile.id + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile.toJson()).toJson());
    return path;
}

void tst_CliEnvironments::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
}

void tst_CliEnvironments::theEnvironmentsClientRuns()
{
    const QString file = profileFile(staged());
    const QStringList flow{QStringLiteral("flow"), QStringLiteral("client_credentials"),
                           QStringLiteral("--profile-file"), file};
    // The profile's own client is refused: so a pass below is the environment's doing.
    const CliRun own = run(flow);
    QCOMPARE(own.exitCode, 1);
    QVERIFY2(own.err.contains("invalid_client"), own.err.constData());

    const CliRun staging = run(flow + QStringList{QStringLiteral("--env"), QStringLiteral("staging")});
    QVERIFY2(staging.exitCode == 0, staging.err.constData());
    QVERIFY2(staging.out.contains("profile \"Shop\" in \"Staging\" at "), staging.out.constData());

    const CliRun json =
        run(flow + QStringList{QStringLiteral("--env"), QStringLiteral("Staging"), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, json.err.constData());
    QCOMPARE(json.json().value(u"environment").toString(), QStringLiteral("Staging"));
    QCOMPARE(json.json().value(u"profile").toString(), QStringLiteral("Shop"));
    QVERIFY(!run(flow + QStringList{QStringLiteral("--json")}).json().contains(u"environment"));
}

void tst_CliEnvironments::savedProfilesTakeEnvironmentsToo()
{
    ProfileStore store(m_dir.filePath(QStringLiteral("config/oauth2-debugger/profiles.json")));
    QVERIFY(!store.save({staged()}).isError());
    const CliRun r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile"),
             QStringLiteral("Shop"), QStringLiteral("--env"), QStringLiteral("STAGING")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("in \"Staging\""));
}

void tst_CliEnvironments::unknownEnvironmentsAreUsageErrors()
{
    const QStringList flow{QStringLiteral("flow"), QStringLiteral("client_credentials"),
                           QStringLiteral("--profile-file"), profileFile(staged())};
    const CliRun typo = run(flow + QStringList{QStringLiteral("--env"), QStringLiteral("stagin")});
    QCOMPARE(typo.exitCode, 2);
    QVERIFY2(
        typo.firstErrorLine().contains(u"has no environment \"stagin\"; did you mean \"Staging\"? (it has "
                                       u"Staging)"),
        qPrintable(typo.firstErrorLine()));

    Profile plain = staged();
    plain.id = QStringLiteral("plain");
    plain.environments.clear();
    const CliRun none =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(plain), QStringLiteral("--env"), QStringLiteral("prod")});
    QCOMPARE(none.exitCode, 2);
    QVERIFY2(none.firstErrorLine().contains(u"has no environments"), qPrintable(none.firstErrorLine()));

    const CliRun empty = run(flow + QStringList{QStringLiteral("--env"), QStringLiteral(" ")});
    QCOMPARE(empty.exitCode, 2);
    QVERIFY2(empty.firstErrorLine().contains(u"--env needs the name"), qPrintable(empty.firstErrorLine()));

    // An environment that is not usable is said, with its field.
    Profile broken = staged();
    broken.id = QStringLiteral("broken");
    broken.environments[0].issuer = QStringLiteral("ftp://nowhere");
    const CliRun bad =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(broken), QStringLiteral("--env"), QStringLiteral("Staging")});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.firstErrorLine().contains(u"environments.0.issuer"), qPrintable(bad.firstErrorLine()));
}

QTEST_GUILESS_MAIN(tst_CliEnvironments)
#include "tst_clienvironments.moc"
