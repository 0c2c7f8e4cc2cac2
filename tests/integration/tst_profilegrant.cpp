// The profile's grant (Profile::grant) from the command line: a bare `flow` runs what the profile chose, with
// that grant's rules for the options given, against the test provider.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_ProfileGrant : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aBareFlowRunsTheProfilesGrant_data();
    void aBareFlowRunsTheProfilesGrant();
    void theGrantsOwnRulesHoldForItsOptions();
    void aGrantTheVersionDoesNotKnowIsRefused();

private:
    [[nodiscard]] QString profileFile(const QString& clientId, const QString& grant) const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_ProfileGrant::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
}

QString tst_ProfileGrant::profileFile(const QString& clientId, const QString& grant) const
{
    const QJsonObject profile{{QStringLiteral("name"), grant},
                              {QStringLiteral("issuer"), m_provider.issuer},
                              {QStringLiteral("clientId"), clientId},
                              {QStringLiteral("clientType"), QStringLiteral("public")},
                              {QStringLiteral("authMethod"), QStringLiteral("none")},
                              {QStringLiteral("scopes"), QStringLiteral("openid")},
                              {QStringLiteral("grant"), grant},
                              {QStringLiteral("localTestServer"), true}};
    const QString path = m_dir.filePath(grant + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}

void tst_ProfileGrant::aBareFlowRunsTheProfilesGrant_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<QString>("grant");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("step"); // a step only that grant has
    QTest::newRow("device code") << u"debugger-device"_s << u"device_code"_s << u"flow device_code"_s
                                 << u"Device authorization"_s;
    QTest::newRow("hybrid") << u"debugger-hybrid"_s << u"hybrid"_s << u"flow hybrid"_s << u"Callback"_s;
    QTest::newRow("authorization code")
        << u"debugger-public"_s << u"authorization_code"_s << u"flow authorization_code"_s << u"Callback"_s;
}

void tst_ProfileGrant::aBareFlowRunsTheProfilesGrant()
{
    QFETCH(QString, client);
    QFETCH(QString, grant);
    QFETCH(QString, command);
    QFETCH(QString, step);
    const CliRun r = runCli({QStringLiteral("flow"), QStringLiteral("--profile-file"),
                             profileFile(client, grant), QStringLiteral("--browser"),
                             u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
                             QStringLiteral("--json")},
                            m_dir.filePath(QStringLiteral("config")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = r.json();
    QCOMPARE(report.value(u"command").toString(), command);
    QStringList steps;
    for (const QJsonValue& s : report.value(u"steps").toArray())
        steps << s.toObject().value(u"step").toString();
    QVERIFY2(steps.contains(step), qPrintable(steps.join(u", ")));
    if (grant == u"hybrid") { // the response type the grant asks for: the code with an ID token
        const QStringList hashes = checkMessages(report, QStringLiteral("OIDC Core §3.3.2.11"));
        QVERIFY2(hashes.contains(u"\"c_hash\" matches."_s), qPrintable(hashes.join(u"\n")));
    }
}

void tst_ProfileGrant::theGrantsOwnRulesHoldForItsOptions()
{
    // A token exchange profile run bare without its subject token: the grant's rule, said with the grant.
    const CliRun bare = runCli({QStringLiteral("flow"), QStringLiteral("--profile-file"),
                                profileFile(u"debugger-exchange"_s, u"token_exchange"_s)},
                               m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(bare.exitCode, 2);
    QVERIFY2(
        bare.firstErrorLine().contains(u"the profile's grant is token_exchange: flow token_exchange needs "
                                       u"--subject-token-env"),
        bare.err.constData());
    // An option of another grant is refused once the grant is known.
    const CliRun misplaced = runCli({QStringLiteral("flow"), QStringLiteral("--profile-file"),
                                     profileFile(u"debugger-device"_s, u"device_code"_s),
                                     QStringLiteral("--username"), QStringLiteral("alice")},
                                    m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(misplaced.exitCode, 2);
    QVERIFY2(misplaced.firstErrorLine().contains(u"--username and --password-env goes with flow password"),
             misplaced.err.constData());
}

void tst_ProfileGrant::aGrantTheVersionDoesNotKnowIsRefused()
{
    const CliRun r = runCli({QStringLiteral("flow"), QStringLiteral("--profile-file"),
                             profileFile(u"debugger-public"_s, u"magic_link"_s)},
                            m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("grant"), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_ProfileGrant)
#include "tst_profilegrant.moc"
