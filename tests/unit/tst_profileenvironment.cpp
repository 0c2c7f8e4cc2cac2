#include "FieldProblems.h"
#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"

#include <QJsonDocument>
#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

namespace {
// A profile for production with a staging and a local environment.
Profile staged()
{
    Profile p;
    p.id = u"shop"_s;
    p.name = u"Shop"_s;
    p.issuer = u"https://login.example.com"_s;
    p.endpoints.insert(u"revocation_endpoint"_s, u"https://login.example.com/revoke"_s);
    p.clientId = u"shop-web"_s;
    p.localTestServer = true;
    p.authorizationParameters = {{u"prompt"_s, u"login"_s}, {u"ui_locales"_s, u"en"_s}};
    ProfileEnvironment staging;
    staging.id = u"staging"_s;
    staging.name = u"Staging"_s;
    staging.endpoints.insert(u"token_endpoint"_s, u"https://login.example.com/staging/token"_s);
    staging.clientId = u"shop-web-staging"_s;
    staging.authorizationParameters = {{u"prompt"_s, u"consent"_s}, {u"audience"_s, u"staging-api"_s}};
    ProfileEnvironment local;
    local.id = u"local"_s;
    local.name = u"Local"_s;
    local.issuer = u"http://127.0.0.1:9440"_s;
    local.redirectMode = u"loopback-fixed"_s;
    local.redirectUri = u"http://127.0.0.1:8765/callback"_s;
    p.environments = {staging, local};
    return p;
}

} // namespace

class tst_ProfileEnvironment : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void anEnvironmentOverridesWhatItSets();
    void anOwnIssuerDropsTheProfilesEndpoints();
    void environmentsSurviveJson();
    void foundByNameOrId();
    void eachHasItsOwnKeychainEntries();
    void problemsNameTheEnvironment();
    void idsFromNames();
};

void tst_ProfileEnvironment::anEnvironmentOverridesWhatItSets()
{
    const Profile shop = staged();
    const Profile staging = shop.inEnvironment(shop.environments.at(0));
    QCOMPARE(staging.environment, u"Staging"_s);
    QCOMPARE(staging.issuer, shop.issuer);
    QCOMPARE(staging.clientId, u"shop-web-staging"_s);
    QCOMPARE(staging.endpoints.value(u"token_endpoint"_s), u"https://login.example.com/staging/token"_s);
    QCOMPARE(staging.endpoints.value(u"revocation_endpoint"_s), u"https://login.example.com/revoke"_s);
    // Same name replaces, a new one is added after the profile's.
    const Parameters expected{
        {u"prompt"_s, u"consent"_s}, {u"ui_locales"_s, u"en"_s}, {u"audience"_s, u"staging-api"_s}};
    QCOMPARE(staging.authorizationParameters, expected);
    QCOMPARE(staging.redirectMode, u"loopback"_s);
    QVERIFY(staging.environments.isEmpty());
    QVERIFY(staging.validate().isEmpty());
}

void tst_ProfileEnvironment::anOwnIssuerDropsTheProfilesEndpoints()
{
    const Profile shop = staged();
    const Profile local = shop.inEnvironment(shop.environments.at(1));
    QCOMPARE(local.issuer, u"http://127.0.0.1:9440"_s);
    QVERIFY2(local.endpoints.isEmpty(), "the profile's revocation endpoint belongs to the other server");
    QCOMPARE(local.clientId, u"shop-web"_s);
    QCOMPARE(local.redirectMode, u"loopback-fixed"_s);
    QCOMPARE(local.redirectUri, u"http://127.0.0.1:8765/callback"_s);
    QCOMPARE(local.authorizationParameters, shop.authorizationParameters);
}

void tst_ProfileEnvironment::environmentsSurviveJson()
{
    const Profile shop = staged();
    const QJsonObject json = shop.toJson();
    // Through text, as the profile file has it.
    const Profile back = Profile::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
    QCOMPARE(back.environments, shop.environments);
    QCOMPARE(back, shop);
    // Only what an environment sets is written.
    const QJsonObject local = json.value(u"environments").toArray().at(1).toObject();
    QCOMPARE(QStringList(local.keys()),
             (QStringList{u"id"_s, u"issuer"_s, u"name"_s, u"redirectMode"_s, u"redirectUri"_s}));
    // A profile without environments writes no member for them.
    QVERIFY(!Profile::localDemo().toJson().contains(u"environments"));
}

void tst_ProfileEnvironment::foundByNameOrId()
{
    const Profile shop = staged();
    QCOMPARE(shop.findEnvironment(u"staging"_s), &shop.environments.at(0));
    QCOMPARE(shop.findEnvironment(u"LOCAL"_s), &shop.environments.at(1));
    QCOMPARE(shop.findEnvironment(u" Local "_s), &shop.environments.at(1));
    QCOMPARE(shop.findEnvironment(u"prod"_s), nullptr);
    QCOMPARE(shop.findEnvironment(QString()), nullptr);
    QCOMPARE(shop.environmentNames(), (QStringList{u"Staging"_s, u"Local"_s}));
}

void tst_ProfileEnvironment::eachHasItsOwnKeychainEntries()
{
    const Profile shop = staged();
    const Profile staging = shop.inEnvironment(shop.environments.at(0));
    const Profile local = shop.inEnvironment(shop.environments.at(1));
    QCOMPARE(staging.id, u"shop/env/staging"_s);
    QCOMPARE(Profile::baseId(staging.id), shop.id);
    QCOMPARE(Profile::baseId(shop.id), shop.id);
    const QString key = ProfileSecrets::keyFor(shop.id, ProfileSecrets::Kind::ClientSecret);
    QCOMPARE_NE(ProfileSecrets::keyFor(staging.id, ProfileSecrets::Kind::ClientSecret), key);
    QCOMPARE_NE(ProfileSecrets::keyFor(local.id, ProfileSecrets::Kind::ClientSecret),
                ProfileSecrets::keyFor(staging.id, ProfileSecrets::Kind::ClientSecret));
    // Bound to what the environment sends it to, so the profile's secret is never released to it.
    QCOMPARE_NE(ProfileSecrets::bindingOf(staging), ProfileSecrets::bindingOf(shop));
}

void tst_ProfileEnvironment::problemsNameTheEnvironment()
{
    Profile shop = staged();
    QVERIFY2(shop.validate().isEmpty(), qPrintable(fieldsOf(shop.validate()).join(u", ")));
    shop.environments[0].name = u"local"_s; // the other's name, in other case
    shop.environments[0].endpoints.insert(u"token_endpoint"_s, u"ftp://x"_s);
    shop.environments[1].redirectUri = u"https://app.example.com/cb"_s; // not loopback, for loopback-fixed
    shop.environments[1].authorizationParameters = {{u"client_secret"_s, u"x"_s}};
    QStringList fields = fieldsOf(shop.validate());
    QCOMPARE(fields,
             (QStringList{u"environments.0.endpoints.token_endpoint"_s, u"environments.1.name"_s,
                          u"environments.1.redirectUri"_s, u"environments.1.authorizationParameters"_s}));
    // A bad issuer of the profile is the profile's problem, not the environment's that names its own.
    shop = staged();
    shop.issuer = u"not a url"_s;
    fields = fieldsOf(shop.validate());
    QVERIFY(fields.contains(u"issuer"_s));
    QVERIFY2(!fields.contains(u"environments.0.issuer"_s), "staging uses the profile's issuer: said once");
    QVERIFY(!fields.contains(u"environments.1.issuer"_s));
    // Ids: unique, plain.
    shop = staged();
    shop.environments[1].id = u"staging"_s;
    QCOMPARE(fieldsOf(shop.validate()), QStringList{u"environments.1.id"_s});
    shop.environments[1].id = u"../x"_s;
    QCOMPARE(fieldsOf(shop.validate()), QStringList{u"environments.1.id"_s});
    shop.environments = QList<ProfileEnvironment>(Profile::kMaxEnvironments + 1, shop.environments.at(0));
    QCOMPARE(fieldsOf(shop.validate()).first(), u"environments"_s);
}

void tst_ProfileEnvironment::idsFromNames()
{
    QCOMPARE(ProfileEnvironment::idFor(u"Staging EU"_s, {}), u"staging-eu"_s);
    QCOMPARE(ProfileEnvironment::idFor(u"Prod"_s, {u"prod"_s}), u"prod-2"_s);
    QCOMPARE(ProfileEnvironment::idFor(u"Ünïcode"_s, {}), u"n-code"_s);
    QCOMPARE(ProfileEnvironment::idFor(u"***"_s, {}), u"environment"_s);
    // A file written by hand names no ids: they come from the names, unique.
    const QJsonObject json{{u"name"_s, u"P"_s},
                           {u"environments"_s, QJsonArray{QJsonObject{{u"name"_s, u"Dev"_s}},
                                                          QJsonObject{{u"name"_s, u"dev"_s}}}}};
    const Profile p = Profile::fromJson(json);
    QCOMPARE(p.environments.at(0).id, u"dev"_s);
    QCOMPARE(p.environments.at(1).id, u"dev-2"_s);
}

QTEST_GUILESS_MAIN(tst_ProfileEnvironment)
#include "tst_profileenvironment.moc"
