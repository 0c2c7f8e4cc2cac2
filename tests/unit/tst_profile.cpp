#include "FieldProblems.h"
#include "profiles/Profile.h"

#include <QJsonDocument>
#include <QTemporaryFile>
#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

namespace {
Profile valid()
{
    Profile p;
    p.id = u"id-1"_s;
    p.name = u"Staging"_s;
    p.issuer = u"https://login.example.com"_s;
    p.clientId = u"app"_s;
    return p;
}

} // namespace

class tst_Profile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyFieldSurvivesJson();
    void olderProfilesGetDefaults();
    void validProfilesHaveNoProblems();
    void validation_data();
    void validation();
    void parameterLines();
};

void tst_Profile::everyFieldSurvivesJson()
{
    Profile p = valid();
    p.endpoints = {{u"token_endpoint"_s, u"https://login.example.com/token"_s},
                   {u"jwks_uri"_s, u"https://login.example.com/keys"_s}};
    p.clientType = u"confidential"_s;
    p.authMethod = u"client_secret_post"_s;
    p.scopes = u"openid email"_s;
    p.redirectMode = u"loopback-fixed"_s;
    p.redirectUri = u"http://127.0.0.1:8400/cb"_s;
    p.pkceMethod = u"plain"_s;
    p.grant = u"device_code"_s;
    p.authorizationParameters = {{u"prompt"_s, u"login"_s}, {u"ui_locales"_s, u"de fr"_s}};
    p.tokenParameters = {{u"resource"_s, u"https://api.example.com/"_s}};
    p.browserCommand = u"firefox --private-window %u"_s;
    p.localTestServer = true;
    p.caFile = u"/etc/ssl/certs/ca-certificates.crt"_s;
    p.allowSelfSigned = true;
    p.requestTimeoutSeconds = 12;
    p.browserTimeoutMinutes = 9;
    p.keepRefreshToken = true;
    p.plainFileFallback = true;
    p.notes = u"line one\nline two"_s;
    const QByteArray text = QJsonDocument(p.toJson()).toJson();
    QCOMPARE(Profile::fromJson(QJsonDocument::fromJson(text).object()), p);
    // Members come out sorted, so the file diffs well.
    QVERIFY(text.indexOf("\"allowSelfSigned\"") < text.indexOf("\"authMethod\""));
    QVERIFY(text.indexOf("\"jwks_uri\"") < text.indexOf("\"token_endpoint\""));
}

void tst_Profile::olderProfilesGetDefaults()
{
    const Profile p =
        Profile::fromJson(QJsonDocument::fromJson(R"({"name": "Old", "issuer": "https://a.example",
        "clientId": "c", "authMethod": "client_secret_basic"})")
                              .object());
    QCOMPARE(p.clientType, u"confidential"_s); // derived from the method
    QCOMPARE(p.redirectMode, u"loopback"_s);
    QCOMPARE(p.pkceMethod, u"S256"_s);
    QCOMPARE(p.grant, u"authorization_code"_s); // profiles from before the grant choice sign in
    QCOMPARE(p.requestTimeoutSeconds, 30);
    QCOMPARE(p.browserTimeoutMinutes, 5);
    QVERIFY(!p.keepRefreshToken);
    QVERIFY(!p.plainFileFallback);
    QVERIFY(p.validate().isEmpty());
}

void tst_Profile::validProfilesHaveNoProblems()
{
    QVERIFY(valid().validate().isEmpty());
    QVERIFY(Profile::localDemo().validate().isEmpty());
    Profile endpointsOnly = valid();
    endpointsOnly.issuer.clear();
    endpointsOnly.endpoints.insert(u"token_endpoint"_s, u"https://login.example.com/token"_s);
    QVERIFY(endpointsOnly.validate().isEmpty());
    Profile loopback = valid();
    loopback.issuer = u"http://[::1]:8080/realm"_s;
    loopback.localTestServer = true;
    QVERIFY(loopback.validate().isEmpty());
}

void tst_Profile::validation_data()
{
    QTest::addColumn<Profile>("profile");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    Profile p = valid();
    p.grant = u"device"_s;
    QTest::newRow("unknown grant") << p << u"grant"_s << u"The grant is one of: authorization_code,"_s;
    p = valid();
    p.name = u"  "_s;
    QTest::newRow("no name") << p << u"name"_s << u"Give the profile a name."_s;
    p = valid();
    p.issuer.clear();
    QTest::newRow("nothing to connect to") << p << u"issuer"_s << u"Give the issuer"_s;
    p = valid();
    p.issuer = u"login.example.com"_s;
    QTest::newRow("relative issuer") << p << u"issuer"_s << u"Enter an absolute URL"_s;
    p = valid();
    p.issuer = u"http://login.example.com"_s;
    QTest::newRow("http elsewhere") << p << u"issuer"_s << u"Use https://"_s;
    p = valid();
    p.issuer = u"http://127.0.0.1:9440"_s;
    QTest::newRow("http here, no opt-in") << p << u"issuer"_s << u"needs \"Local test server\""_s;
    p = valid();
    p.issuer = u"ftp://login.example.com"_s;
    QTest::newRow("other scheme") << p << u"issuer"_s << u"Only https://"_s;
    p = valid();
    p.endpoints.insert(u"token_endpoint"_s, u"/token"_s);
    QTest::newRow("relative endpoint") << p << u"endpoints.token_endpoint"_s << u"absolute URL"_s;
    p = valid();
    p.endpoints.insert(u"foo_endpoint"_s, u"https://a.example/foo"_s);
    QTest::newRow("unknown endpoint") << p << u"endpoints.foo_endpoint"_s << u"not an endpoint"_s;
    p = valid();
    p.clientId = u" "_s;
    QTest::newRow("no client_id") << p << u"clientId"_s << u"The client_id is required."_s;
    p = valid();
    p.authMethod = u"client_secret_basic"_s;
    QTest::newRow("public with a secret") << p << u"authMethod"_s << u"A public client has no secret"_s;
    p = valid();
    p.clientType = u"confidential"_s;
    QTest::newRow("confidential without") << p << u"authMethod"_s << u"A confidential client authenticates"_s;
    p = valid();
    p.clientType = u"secretive"_s;
    QTest::newRow("bad type") << p << u"clientType"_s << u"confidential or public"_s;
    p = valid();
    p.authMethod = u"client_secret_magic"_s;
    QTest::newRow("bad method") << p << u"authMethod"_s << u"client_secret_basic, client_secret_post"_s;
    p = valid();
    p.pkceMethod = u"S512"_s;
    QTest::newRow("bad pkce") << p << u"pkceMethod"_s << u"S256, plain or none"_s;
    p = valid();
    p.redirectMode = u"loopback-fixed"_s;
    p.redirectUri = u"http://192.168.1.5:8080/cb"_s;
    QTest::newRow("fixed, not loopback") << p << u"redirectUri"_s << u"loopback, with a port"_s;
    p.redirectUri = u"http://127.0.0.1/cb"_s;
    QTest::newRow("fixed, no port") << p << u"redirectUri"_s << u"loopback, with a port"_s;
    p = valid();
    p.redirectMode = u"manual"_s;
    QTest::newRow("manual, empty") << p << u"redirectUri"_s << u"registered for this client"_s;
    p = valid();
    p.redirectMode = u"carrier-pigeon"_s;
    QTest::newRow("bad mode") << p << u"redirectMode"_s << u"loopback, loopback-fixed or manual"_s;
    p = valid();
    p.tokenParameters = {{u"client_secret"_s, u"x"_s}};
    QTest::newRow("secret as parameter") << p << u"tokenParameters"_s << u"belongs in the keychain"_s;
    p = valid();
    p.authorizationParameters = {{u""_s, u"x"_s}};
    QTest::newRow("nameless parameter") << p << u"authorizationParameters"_s << u"has no name"_s;
    p = valid();
    p.caFile = u"/nonexistent/ca.pem"_s;
    QTest::newRow("missing CA file") << p << u"caFile"_s << u"No readable file"_s;
    p = valid();
    p.requestTimeoutSeconds = 0;
    QTest::newRow("zero timeout") << p << u"requestTimeoutSeconds"_s << u"1 to 600 seconds"_s;
    p = valid();
    p.browserTimeoutMinutes = 61;
    QTest::newRow("long wait") << p << u"browserTimeoutMinutes"_s << u"1 to 60 minutes"_s;
}

void tst_Profile::validation()
{
    QFETCH(Profile, profile);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const QList<FieldProblem> problems = profile.validate();
    QCOMPARE(fieldsOf(problems), QStringList{field});
    QVERIFY2(problems.first().message.contains(message), qPrintable(problems.first().message));
}

void tst_Profile::parameterLines()
{
    QString bad;
    const Parameters parsed = parseParameterLines(u"a=1\n\n b = two words \nc=\nnovalue\nd=x=y"_s, &bad);
    const Parameters expected{
        {u"a"_s, u"1"_s}, {u"b"_s, u"two words"_s}, {u"c"_s, u""_s}, {u"d"_s, u"x=y"_s}};
    QCOMPARE(parsed, expected);
    QCOMPARE(bad, u"novalue"_s);
    QCOMPARE(oauth2dbg::parameterLines(expected), u"a=1\nb=two words\nc=\nd=x=y"_s);
}

QTEST_GUILESS_MAIN(tst_Profile)
#include "tst_profile.moc"
