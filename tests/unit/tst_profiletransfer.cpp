#include "profiles/ProfileTransfer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace oauth2dbg;

namespace {
Profile make(const QString& id, const QString& name, const QString& method = QStringLiteral("none"))
{
    Profile p;
    p.id = id;
    p.name = name;
    p.issuer = QStringLiteral("https://login.example.com");
    p.clientId = name.toLower();
    p.authMethod = method;
    p.clientType = method == u"none" ? QStringLiteral("public") : QStringLiteral("confidential");
    return p;
}
} // namespace

class tst_ProfileTransfer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exportHasNoSecretButSaysWhichNeedOne();
    void roundTripWithoutConflicts();
    void conflictsAndTheirResolution();
    void refusesBadFiles_data();
    void refusesBadFiles();
    void acceptsASingleProfileObject();
    void machineSettingsNeverComeFromAFile();
    void replaceKeepsThisMachinesSettings();
    void environmentsTravelWithoutSecrets();
};

void tst_ProfileTransfer::exportHasNoSecretButSaysWhichNeedOne()
{
    const QByteArray file = ProfileTransfer::exportProfiles(
        {make(QStringLiteral("a"), QStringLiteral("Public")),
         make(QStringLiteral("b"), QStringLiteral("Confidential"), QStringLiteral("client_secret_basic"))});
    const QJsonObject root = QJsonDocument::fromJson(file).object();
    QCOMPARE(root.value(u"format").toString(), QStringLiteral("oauth2-debugger-profiles"));
    QCOMPARE(root.value(u"schema").toInt(), 1);
    const QJsonArray profiles = root.value(u"profiles").toArray();
    QCOMPARE(profiles.at(0).toObject().value(u"secretRequired").toBool(), false);
    QCOMPARE(profiles.at(1).toObject().value(u"secretRequired").toBool(), true);
    for (const QJsonValue& p : profiles) {
        for (const QString& key : p.toObject().keys())
            QVERIFY2(!key.contains(u"secret", Qt::CaseInsensitive) || key == u"secretRequired",
                     qPrintable(key));
    }
}

void tst_ProfileTransfer::roundTripWithoutConflicts()
{
    const QList<Profile> mine = {
        make(QStringLiteral("a"), QStringLiteral("Dev")),
        make(QStringLiteral("b"), QStringLiteral("Prod"), QStringLiteral("client_secret_post"))};
    const ProfileTransfer::Imported imported =
        ProfileTransfer::importProfiles(ProfileTransfer::exportProfiles(mine), {});
    QVERIFY(imported.ok());
    QVERIFY(imported.conflicts.isEmpty());
    QCOMPARE(imported.profiles, mine);
}

void tst_ProfileTransfer::conflictsAndTheirResolution()
{
    QList<Profile> mine = {make(QStringLiteral("a"), QStringLiteral("Dev")),
                           make(QStringLiteral("b"), QStringLiteral("Prod"))};
    Profile incomingSameId = make(QStringLiteral("a"), QStringLiteral("Dev renamed"));
    incomingSameId.scopes = QStringLiteral("openid");
    const Profile incomingSameName = make(QStringLiteral("z"), QStringLiteral("prod"));
    const Profile fresh = make(QStringLiteral("c"), QStringLiteral("Staging"));
    const ProfileTransfer::Imported imported = ProfileTransfer::importProfiles(
        ProfileTransfer::exportProfiles({incomingSameId, incomingSameName, fresh}), mine);
    QVERIFY(imported.ok());
    QCOMPARE(imported.profiles, QList<Profile>{fresh});
    QCOMPARE(imported.conflicts.size(), 2);
    QCOMPARE(imported.conflicts.at(0).existing.id, QStringLiteral("a")); // same id
    QCOMPARE(imported.conflicts.at(1).existing.id, QStringLiteral("b")); // same name, whatever the case

    ProfileTransfer::resolve(mine, imported.conflicts.at(0), ProfileTransfer::Resolution::Replace);
    QCOMPARE(mine.at(0).name, QStringLiteral("Dev renamed"));
    QCOMPARE(mine.at(0).scopes, QStringLiteral("openid"));
    QCOMPARE(mine.at(0).id, QStringLiteral("a"));
    ProfileTransfer::resolve(mine, imported.conflicts.at(1), ProfileTransfer::Resolution::Rename);
    QCOMPARE(mine.size(), 3);
    QCOMPARE(mine.at(2).name, QStringLiteral("prod (2)"));
    QVERIFY(mine.at(2).id != QStringLiteral("z") && !mine.at(2).id.isEmpty());
    const QList<Profile> before = mine;
    ProfileTransfer::resolve(mine, imported.conflicts.at(1), ProfileTransfer::Resolution::Keep);
    QCOMPARE(mine, before);
}

// A profile someone sent is data: it runs no program, picks no file, weakens no TLS and approves no host.
void tst_ProfileTransfer::machineSettingsNeverComeFromAFile()
{
    QJsonObject hostile = make(QStringLiteral("x"), QStringLiteral("Shared")).toJson();
    hostile.insert(QStringLiteral("browserCommand"), QStringLiteral("sh -c \"id > /tmp/owned\" %u"));
    hostile.insert(QStringLiteral("caFile"), QStringLiteral("/dev/zero"));
    hostile.insert(QStringLiteral("allowSelfSigned"), true);
    hostile.insert(QStringLiteral("approvedHosts"), QJsonArray{QStringLiteral("evil.example")});
    const ProfileTransfer::Imported imported =
        ProfileTransfer::importProfiles(QJsonDocument(hostile).toJson(), {});
    QVERIFY2(imported.ok(), qPrintable(imported.problems.join(u' ')));
    QCOMPARE(imported.profiles.size(), 1);
    const Profile& p = imported.profiles.first();
    QVERIFY(p.browserCommand.isEmpty());
    QVERIFY(p.caFile.isEmpty());
    QVERIFY(!p.allowSelfSigned);
    QVERIFY(p.approvedHosts.isEmpty());
    QStringList fields;
    for (const ProfileTransfer::Withheld& w : imported.withheld)
        fields << w.field;
    QCOMPARE(fields, ProfileTransfer::machineOnlyFields());
    QCOMPARE(imported.withheld.first().value, QStringLiteral("sh -c \"id > /tmp/owned\" %u"));
    const QString notes = imported.withheldNotes().join(u' ');
    QVERIFY2(notes.contains(u"never runs a program") && notes.contains(u"/dev/zero"), qPrintable(notes));

    // Nor does an export carry them to someone else.
    Profile mine = make(QStringLiteral("y"), QStringLiteral("Mine"));
    mine.browserCommand = QStringLiteral("firefox %u");
    mine.caFile = QStringLiteral("/etc/ssl/my-ca.pem");
    mine.allowSelfSigned = true;
    mine.approvedHosts = {QStringLiteral("api.example.com")};
    const QJsonObject exported = QJsonDocument::fromJson(ProfileTransfer::exportProfiles({mine}))
                                     .object()
                                     .value(u"profiles")[0]
                                     .toObject();
    for (const QString& field : ProfileTransfer::machineOnlyFields())
        QVERIFY2(!exported.contains(field), qPrintable(field));
}

void tst_ProfileTransfer::replaceKeepsThisMachinesSettings()
{
    Profile mine = make(QStringLiteral("a"), QStringLiteral("Dev"));
    mine.browserCommand = QStringLiteral("firefox %u");
    mine.approvedHosts = {QStringLiteral("api.example.com")};
    QList<Profile> profiles{mine};
    Profile theirs = make(QStringLiteral("a"), QStringLiteral("Dev"));
    theirs.issuer = QStringLiteral("https://elsewhere.example.com");
    const ProfileTransfer::Imported imported =
        ProfileTransfer::importProfiles(ProfileTransfer::exportProfiles({theirs}), profiles);
    QCOMPARE(imported.conflicts.size(), 1);
    ProfileTransfer::resolve(profiles, imported.conflicts.first(), ProfileTransfer::Resolution::Replace);
    QCOMPARE(profiles.first().issuer, QStringLiteral("https://elsewhere.example.com"));
    QCOMPARE(profiles.first().browserCommand, QStringLiteral("firefox %u")); // the user's own choice stays
    QVERIFY(profiles.first().approvedHosts.isEmpty()); // approved for another issuer: not for this one
}

void tst_ProfileTransfer::refusesBadFiles_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("problem");
    QTest::addRow("not JSON") << QByteArray("{\"format\": ") << QStringLiteral("not valid JSON");
    QTest::addRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
    QTest::addRow("other format") << QByteArray(R"({"format": "postman", "profiles": []})")
                                  << QStringLiteral("not an OAuth2 Debugger profiles export");
    QTest::addRow("newer schema")
        << QByteArray(R"({"format": "oauth2-debugger-profiles", "schema": 7, "profiles": []})")
        << QStringLiteral("newer version (schema 7)");
    QTest::addRow("a secret inside")
        << QByteArray(R"({"name": "x", "issuer": "https://a.example", "clientSecret": "s3cret"})")
        << QStringLiteral("secrets are never imported");
    QTest::addRow("no name") << QByteArray(R"({"issuer": "https://a.example"})")
                             << QStringLiteral("\"name\": Give the profile a name.");
    QTest::addRow("bad method")
        << QByteArray(R"({"name": "x", "issuer": "https://a.example", "authMethod": "client_secret_magic"})")
        << QStringLiteral(
               "\"authMethod\": The method is client_secret_basic, client_secret_post, "
               "private_key_jwt, client_secret_jwt, tls_client_auth, self_signed_tls_client_auth or "
               "none.");
    QTest::addRow("neither issuer nor endpoints")
        << QByteArray(R"({"name": "x", "clientId": "c"})") << QStringLiteral("\"issuer\": Give the issuer");
    QTest::addRow("plain http elsewhere")
        << QByteArray(R"({"name": "x", "clientId": "c", "issuer": "http://login.example.com"})")
        << QStringLiteral("Use https://");
    QTest::addRow("a secret inside an environment")
        << QByteArray(R"({"name": "x", "issuer": "https://a.example", "clientId": "c",
                         "environments": [{"name": "prod", "client_secret": "s3cret"}]})")
        << QStringLiteral("\"environments[0].client_secret\": secrets are never imported");
    QTest::addRow("an environment that cannot be used")
        << QByteArray(R"({"name": "x", "issuer": "https://a.example", "clientId": "c",
                         "environments": [{"name": "prod", "issuer": "http://login.example.com"}]})")
        << QStringLiteral("\"environments.0.issuer\": Use https://");
    QTest::addRow("a credential as extra parameter")
        << QByteArray(R"({"name": "x", "clientId": "c", "issuer": "https://a.example",
                         "tokenParameters": [{"name": "client_assertion", "value": "ey"}]})")
        << QStringLiteral("\"tokenParameters\": \"client_assertion\" is a credential");
}

void tst_ProfileTransfer::refusesBadFiles()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, problem);
    const ProfileTransfer::Imported imported = ProfileTransfer::importProfiles(file, {});
    QVERIFY(!imported.ok());
    QVERIFY2(imported.problems.join(u'\n').contains(problem), qPrintable(imported.problems.join(u'\n')));
}

void tst_ProfileTransfer::acceptsASingleProfileObject()
{
    const ProfileTransfer::Imported imported = ProfileTransfer::importProfiles(
        R"({"name": "CLI", "issuer": "https://a.example", "clientId": "c", "authMethod": "client_secret_basic"})",
        {});
    QVERIFY(imported.ok());
    QCOMPARE(imported.profiles.size(), 1);
    QCOMPARE(imported.profiles.first().authMethod, QStringLiteral("client_secret_basic"));
}

void tst_ProfileTransfer::environmentsTravelWithoutSecrets()
{
    Profile shop =
        make(QStringLiteral("shop"), QStringLiteral("Shop"), QStringLiteral("client_secret_basic"));
    ProfileEnvironment staging;
    staging.id = QStringLiteral("staging");
    staging.name = QStringLiteral("Staging");
    staging.issuer = QStringLiteral("https://staging.example.com");
    staging.clientId = QStringLiteral("shop-staging");
    staging.tokenParameters = {{QStringLiteral("audience"), QStringLiteral("staging-api")}};
    shop.environments = {staging};
    const QByteArray file = ProfileTransfer::exportProfiles({shop});
    const QJsonObject exported =
        QJsonDocument::fromJson(file).object().value(u"profiles").toArray().at(0).toObject();
    const QJsonObject environment = exported.value(u"environments").toArray().at(0).toObject();
    QCOMPARE(environment.value(u"clientId").toString(), QStringLiteral("shop-staging"));
    for (const QString& key : environment.keys())
        QVERIFY2(!key.contains(u"secret", Qt::CaseInsensitive), qPrintable(key));
    const ProfileTransfer::Imported imported = ProfileTransfer::importProfiles(file, {});
    QVERIFY2(imported.ok(), qPrintable(imported.problems.join(u'\n')));
    QCOMPARE(imported.profiles.constFirst().environments, shop.environments);
}

QTEST_GUILESS_MAIN(tst_ProfileTransfer)
#include "tst_profiletransfer.moc"
