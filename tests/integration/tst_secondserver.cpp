// The main flows and the refusals against a second, independent server (glewlwyd, a C OpenID provider that
// tests/provider/glewlwyd.mjs sets up from scratch), through the command line. Where it differs from
// oidc-provider — it does not form-decode the Basic header, answers a refused client with 403 and an empty
// body or 403 unauthorized_client, matches redirect URIs exactly — the tests pin what the debugger says about
// it.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

class tst_SecondServer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void codeFlowWithPkceVerifies();
    void refreshUserinfoIntrospectRevoke();
    void rfcBasicFormIsRefusedAndExplained();
    void rawBasicFormWorks();
    void postClient();
    void wrongMethodIsDiagnosed();
    void unknownClientIsDiagnosed();
    void theRequestIsCheckedBeforeAnySignIn();
    void aCodeExchangeRefusedAsUnauthorizedClientNamesTheForm();
    void plainPkceIsNamedAsTheRefusedParameter();
    void aNarrowedScopeIsSaid();
    void aBrowserStepThatNeverReturnsIsReported();

private:
    struct Client {
        QJsonObject json;
        QString authMethod;
    };
    CliRun run(const QStringList& arguments, const QProcessEnvironment& env = {}) const
    {
        return runCli(arguments, m_dir.filePath(QStringLiteral("config")), env);
    }
    QString profileFile(const QString& name, const QString& clientId, const QString& authMethod,
                        const QString& redirectUri = {}) const;
    QProcessEnvironment secretEnv(const QJsonObject& client) const;

    ProviderInfo m_server;
    QTemporaryDir m_dir;
    QJsonObject m_flow; // the public client's sign-in, tokens revealed
};

QString tst_SecondServer::profileFile(const QString& name, const QString& clientId, const QString& authMethod,
                                      const QString& redirectUri) const
{
    QJsonObject profile{{QStringLiteral("name"), name},
                        {QStringLiteral("issuer"), m_server.issuer},
                        {QStringLiteral("clientId"), clientId},
                        {QStringLiteral("scopes"), QStringLiteral("openid")},
                        {QStringLiteral("authMethod"), authMethod},
                        {QStringLiteral("localTestServer"), true}};
    if (!redirectUri.isEmpty()) {
        profile.insert(QStringLiteral("redirectMode"), QStringLiteral("loopback-fixed"));
        profile.insert(QStringLiteral("redirectUri"), redirectUri);
    }
    const QString path = m_dir.filePath(name + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}

QProcessEnvironment tst_SecondServer::secretEnv(const QJsonObject& client) const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("GW_SECRET"), client.value(u"client_secret").toString());
    return env;
}

void tst_SecondServer::initTestCase()
{
    m_server = ProviderInfo::load("OAUTH2DBG_GLEWLWYD_INFO");
    QVERIFY2(m_server.error.isEmpty(), qPrintable(m_server.error));
    QCOMPARE(m_server.server, QStringLiteral("glewlwyd"));
    QVERIFY(m_server.redirectUris.size() >= 2);
    QVERIFY(m_dir.isValid());
    // glewlwyd matches redirect URIs exactly, port included: a fixed loopback port it knows.
    const CliRun r = run(
        {QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
         profileFile(QStringLiteral("public"), m_server.publicClient.value(u"client_id").toString(),
                     QStringLiteral("none"), m_server.redirectUris.at(0)),
         QStringLiteral("--browser"), u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
         QStringLiteral("--json"), QStringLiteral("--reveal")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    m_flow = r.json();
}

void tst_SecondServer::codeFlowWithPkceVerifies()
{
    const QJsonObject decoded = m_flow.value(u"tokens").toObject().value(u"decoded").toObject();
    const QJsonObject id = decoded.value(u"id_token").toObject();
    QCOMPARE(id.value(u"header").toObject().value(u"alg").toString(), QStringLiteral("RS256"));
    QCOMPARE(id.value(u"claims").toObject().value(u"iss").toString(), m_server.issuer);
    QCOMPARE(id.value(u"verification").toObject().value(u"verdict").toString(), QStringLiteral("verified"));
    // glewlwyd's access tokens are JWTs (RFC 9068): verified with the same published keys.
    const QJsonObject access = decoded.value(u"access_token").toObject();
    QCOMPARE(access.value(u"kind").toString(), QStringLiteral("jws"));
    QCOMPARE(access.value(u"verification").toObject().value(u"verdict").toString(),
             QStringLiteral("verified"));
    // It sends no "iss" in the authorization response and does not promise one: said as a warning.
    QVERIFY(!checkMessages(m_flow, QStringLiteral("AZ-05")).isEmpty());
    // Its metadata lists grant types among the response types: a lax spot, said as such.
    const QStringList lax = checkMessages(m_flow, QStringLiteral("MD-06"));
    QVERIFY2(lax.size() == 1 &&
                 lax.at(0).contains(u"lists client_credentials, refresh_token, which are grant types"),
             qPrintable(lax.join(u'\n')));
}

void tst_SecondServer::refreshUserinfoIntrospectRevoke()
{
    const QJsonObject tokens = m_flow.value(u"tokens").toObject();
    QVERIFY(!tokens.value(u"refresh_token").toString().isEmpty());
    const QString publicProfile = m_dir.filePath(QStringLiteral("public.json"));
    QProcessEnvironment env;
    env.insert(QStringLiteral("GW_REFRESH"), tokens.value(u"refresh_token").toString());
    env.insert(QStringLiteral("GW_ACCESS"), tokens.value(u"access_token").toString());
    const CliRun refreshed =
        run({QStringLiteral("refresh"), QStringLiteral("--profile-file"), publicProfile,
             QStringLiteral("--refresh-token-env"), QStringLiteral("GW_REFRESH"), QStringLiteral("--json")},
            env);
    QVERIFY2(refreshed.exitCode == 0, refreshed.err.constData());
    QVERIFY(!refreshed.json().value(u"tokens").toObject().value(u"access_token").toString().isEmpty());

    const CliRun userinfo =
        run({QStringLiteral("userinfo"), QStringLiteral("--profile-file"), publicProfile,
             QStringLiteral("--token-env"), QStringLiteral("GW_ACCESS"), QStringLiteral("--json")},
            env);
    QVERIFY2(userinfo.exitCode == 0, userinfo.err.constData());
    // Its subject identifiers are its own (not the login name): the ID token's, as OIDC Core §5.3.2 requires.
    const QString sub = tokens.value(u"decoded")
                            .toObject()
                            .value(u"id_token")
                            .toObject()
                            .value(u"claims")
                            .toObject()
                            .value(u"sub")
                            .toString();
    QVERIFY(!sub.isEmpty());
    QCOMPARE(
        userinfo.json().value(u"documents").toObject().value(u"Answer").toObject().value(u"sub").toString(),
        sub);

    // Introspection and revocation take a confidential client (Basic, in the raw form this server wants),
    // and this server lets a client ask only about its own tokens: one from client credentials.
    const QJsonObject basic = m_server.basicClient;
    const QString basicProfile =
        profileFile(QStringLiteral("basic-ops"), basic.value(u"client_id").toString(),
                    QStringLiteral("client_secret_basic"));
    env.insert(secretEnv(basic));
    const CliRun own =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             basicProfile, QStringLiteral("--client-secret-env"), QStringLiteral("GW_SECRET"),
             QStringLiteral("--basic-form"), QStringLiteral("raw"), QStringLiteral("--json"),
             QStringLiteral("--reveal")},
            env);
    QVERIFY2(own.exitCode == 0, own.err.constData());
    env.insert(QStringLiteral("GW_ACCESS"),
               own.json().value(u"tokens").toObject().value(u"access_token").toString());
    const QStringList common{QStringLiteral("--profile-file"),
                             basicProfile,
                             QStringLiteral("--client-secret-env"),
                             QStringLiteral("GW_SECRET"),
                             QStringLiteral("--basic-form"),
                             QStringLiteral("raw"),
                             QStringLiteral("--token-env"),
                             QStringLiteral("GW_ACCESS"),
                             QStringLiteral("--json")};
    const CliRun active = run(QStringList{QStringLiteral("introspect")} + common, env);
    QVERIFY2(active.exitCode == 0, active.err.constData());
    QVERIFY2(active.out.contains("\"active\": true"), active.out.constData());
    const CliRun revoked = run(QStringList{QStringLiteral("revoke")} + common, env);
    QVERIFY2(revoked.exitCode == 0, revoked.err.constData());
    const CliRun inactive = run(QStringList{QStringLiteral("introspect")} + common, env);
    QVERIFY2(inactive.out.contains("\"active\": false"), inactive.out.constData());
}

void tst_SecondServer::rfcBasicFormIsRefusedAndExplained()
{
    const QJsonObject basic = m_server.basicClient;
    QVERIFY(basic.value(u"client_secret").toString().contains(u':'));
    const CliRun r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("basic"), basic.value(u"client_id").toString(),
                         QStringLiteral("client_secret_basic")),
             QStringLiteral("--client-secret-env"), QStringLiteral("GW_SECRET"), QStringLiteral("--json")},
            secretEnv(basic));
    QCOMPARE(r.exitCode, 1);
    const QJsonObject report = r.json();
    // glewlwyd: 403 and an empty body, no error code; the diagnosis names the Basic form first.
    QCOMPARE(report.value(u"error").toObject().value(u"httpStatus").toInt(), 403);
    const QStringList said = checkMessages(report, QStringLiteral("TE-12"));
    QVERIFY2(said.size() >= 3, qPrintable(said.join(u'\n')));
    QVERIFY2(said.at(0).contains(u"empty body") && said.at(0).contains(u"RFC 6749 §2.3.1 form"),
             qPrintable(said.at(0)));
    QVERIFY2(said.at(1).startsWith(u"Likely cause 1 of") && said.at(1).contains(u"raw Basic form"),
             qPrintable(said.at(1)));
    QVERIFY(!r.err.contains("A proxy or a server error page"));
    // Neither 400 nor a JSON object with "error": the shape RFC 6749 §5.2 gives is not kept, said as a
    // warning.
    const QStringList shape = checkMessages(report, QStringLiteral("RFC 6749 §5.2"));
    QVERIFY2(shape.size() == 2 && shape.at(1).contains(u"HTTP 403"), qPrintable(shape.join(u'\n')));
}

void tst_SecondServer::rawBasicFormWorks()
{
    const QJsonObject basic = m_server.basicClient;
    const CliRun r = run({QStringLiteral("flow"), QStringLiteral("client_credentials"),
                          QStringLiteral("--profile-file"), m_dir.filePath(QStringLiteral("basic.json")),
                          QStringLiteral("--client-secret-env"), QStringLiteral("GW_SECRET"),
                          QStringLiteral("--basic-form"), QStringLiteral("raw"), QStringLiteral("--json")},
                         secretEnv(basic));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("raw form"), r.out.constData());
    // Its grant_types_supported leaves out the client_credentials grant it has just answered.
    const QStringList lax = checkMessages(r.json(), QStringLiteral("MD-06"));
    QVERIFY2(lax.size() == 2 && // the response types (discovery), then the grant (the token step)
                 lax.at(1).contains(u"grant_types_supported lists authorization_code, implicit, "
                                    u"urn:ietf:params:oauth:grant-type:device_code, not client_credentials"),
             qPrintable(lax.join(u'\n')));
}

void tst_SecondServer::postClient()
{
    const QJsonObject post = m_server.postClient;
    const CliRun r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("post"), post.value(u"client_id").toString(),
                         QStringLiteral("client_secret_post")),
             QStringLiteral("--client-secret-env"), QStringLiteral("GW_SECRET")},
            secretEnv(post));
    QVERIFY2(r.exitCode == 0, r.err.constData());
}

void tst_SecondServer::wrongMethodIsDiagnosed()
{
    // The post client's right secret, sent with Basic: the server holds each client to its own method.
    const QJsonObject post = m_server.postClient;
    const CliRun r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("post-as-basic"), post.value(u"client_id").toString(),
                         QStringLiteral("client_secret_basic")),
             QStringLiteral("--client-secret-env"), QStringLiteral("GW_SECRET"), QStringLiteral("--json")},
            secretEnv(post));
    QCOMPARE(r.exitCode, 1);
    const QStringList said = checkMessages(r.json(), QStringLiteral("TE-12"));
    // Its secret has no character the forms disagree on: the Basic form is not blamed.
    QVERIFY(!said.join(u' ').contains(u"raw Basic form"));
    QVERIFY2(
        said.join(u' ').contains(u"registered for another authentication method than client_secret_basic"),
        qPrintable(said.join(u'\n')));
}

void tst_SecondServer::unknownClientIsDiagnosed()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("GW_SECRET"), QStringLiteral("whatever"));
    const CliRun r =
        run({QStringLiteral("flow"), QStringLiteral("client_credentials"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("nobody"), QStringLiteral("nobody-here"),
                         QStringLiteral("client_secret_post")),
             QStringLiteral("--client-secret-env"), QStringLiteral("GW_SECRET"), QStringLiteral("--json")},
            env);
    QCOMPARE(r.exitCode, 1);
    const QStringList said = checkMessages(r.json(), QStringLiteral("TE-12"));
    QVERIFY2(said.join(u' ').contains(u"does not know this client_id"), qPrintable(said.join(u'\n')));
}

void tst_SecondServer::theRequestIsCheckedBeforeAnySignIn()
{
    // The default loopback mode picks a port for the run; glewlwyd holds the redirect URI with its port.
    const QString clientId = m_server.publicClient.value(u"client_id").toString();
    const CliRun any =
        run({QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
             profileFile(QStringLiteral("any-port"), clientId, QStringLiteral("none")),
             QStringLiteral("--check-request"), QStringLiteral("--json")});
    QCOMPARE(any.exitCode, 1);
    const QStringList refused = checkMessages(any.json(), QStringLiteral("AZ-12"));
    QVERIFY2(refused.size() == 3 && refused.at(0).contains(u"HTTP 403 with an empty body"),
             qPrintable(refused.join(u'\n')));
    QVERIFY2(refused.at(1).contains(u"not registered exactly") && refused.at(1).contains(u"loopback-fixed"),
             qPrintable(refused.at(1)));
    // Its registered URI, fixed: accepted so far, on to the sign-in page; no browser was started.
    const CliRun fixed = run({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                              QStringLiteral("--profile-file"), m_dir.filePath(QStringLiteral("public.json")),
                              QStringLiteral("--check-request"), QStringLiteral("--json")});
    QVERIFY2(fixed.exitCode == 0, fixed.err.constData());
    const QStringList accepted = checkMessages(fixed.json(), QStringLiteral("AZ-12"));
    QVERIFY2(accepted.size() == 1 && accepted.at(0).contains(u"login.html"),
             qPrintable(accepted.join(u'\n')));
}

void tst_SecondServer::aBrowserStepThatNeverReturnsIsReported()
{
    // The browser meets glewlwyd's refusal (a port it does not hold) and never comes back.
    const QString clientId = m_server.publicClient.value(u"client_id").toString();
    const CliRun r = run(
        {QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
         profileFile(QStringLiteral("any-port"), clientId, QStringLiteral("none")),
         QStringLiteral("--browser"), u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
         QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 4);
    QJsonObject callback;
    for (const QJsonValue& step : r.json().value(u"steps").toArray())
        if (step.toObject().value(u"step").toString() == u"Callback")
            callback = step.toObject();
    QStringList fields;
    QStringList causes;
    for (const QJsonValue& check : callback.value(u"checks").toArray()) {
        QCOMPARE(check.toObject().value(u"rule").toString(), QStringLiteral("AZ-11"));
        fields << check.toObject().value(u"member").toString();
        if (check.toObject().value(u"result").toString() == u"warn")
            causes << check.toObject().value(u"message").toString();
    }
    for (const char* name : {"url", "client_id", "redirect_uri", "code_challenge", "listener"})
        QVERIFY2(fields.contains(QLatin1String(name)), name);
    QVERIFY2(causes.size() == 3 && causes.at(0).contains(u"loopback-fixed"), qPrintable(causes.join(u'\n')));
}

void tst_SecondServer::aCodeExchangeRefusedAsUnauthorizedClientNamesTheForm()
{
    // After a real sign-in, the code exchange in the RFC form: glewlwyd says 403 unauthorized_client.
    const QJsonObject basic = m_server.basicClient;
    const QString path = profileFile(QStringLiteral("basic-code"), basic.value(u"client_id").toString(),
                                     QStringLiteral("client_secret_basic"), m_server.redirectUris.at(1));
    const CliRun r = run(
        {QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"), path,
         QStringLiteral("--browser"), u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
         QStringLiteral("--client-secret-env"), QStringLiteral("GW_SECRET"), QStringLiteral("--json")},
        secretEnv(basic));
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json().value(u"error").toObject().value(u"error").toString(),
             QStringLiteral("unauthorized_client"));
    const QStringList said = checkMessages(r.json(), QStringLiteral("TE-12"));
    QVERIFY2(said.size() >= 3 && said.at(1).contains(u"Try the raw Basic form") &&
                 said.at(2).contains(u"may not use the authorization_code grant"),
             qPrintable(said.join(u'\n')));
}

void tst_SecondServer::plainPkceIsNamedAsTheRefusedParameter()
{
    // glewlwyd lists only S256 and answers PKCE plain with a bare invalid_request: the debugger names PKCE.
    QFile file(profileFile(QStringLiteral("plain"), m_server.publicClient.value(u"client_id").toString(),
                           QStringLiteral("none"), m_server.redirectUris.at(0)));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject profile = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    profile.insert(QStringLiteral("pkceMethod"), QStringLiteral("plain"));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(QJsonDocument(profile).toJson());
    file.close();
    const CliRun r = run({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                          QStringLiteral("--profile-file"), file.fileName(), QStringLiteral("--browser"),
                          u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
                          QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject error = r.json().value(u"error").toObject();
    QCOMPARE(error.value(u"error").toString(), QStringLiteral("invalid_request"));
    QVERIFY2(
        error.value(u"message").toString().contains(u"PKCE plain, and the server's metadata lists only S256"),
        qPrintable(error.value(u"message").toString()));
    QVERIFY(!error.value(u"message").toString().contains(u"missing or repeats"));
}

void tst_SecondServer::aNarrowedScopeIsSaid()
{
    // Asked for "openid admin", glewlwyd grants "openid" (alice may not have admin) without an error: TE-11.
    QFile file(profileFile(QStringLiteral("admin"), m_server.publicClient.value(u"client_id").toString(),
                           QStringLiteral("none"), m_server.redirectUris.at(2)));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QJsonObject profile = QJsonDocument::fromJson(file.readAll()).object();
    profile.insert(QStringLiteral("scopes"), QStringLiteral("openid admin"));
    file.resize(0);
    file.write(QJsonDocument(profile).toJson());
    file.close();
    const CliRun r = run({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                          QStringLiteral("--profile-file"), file.fileName(), QStringLiteral("--browser"),
                          u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
                          QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList said = checkMessages(r.json(), QStringLiteral("TE-11"));
    QVERIFY2(said.size() == 1 &&
                 said.at(0).contains(u"Asked for \"openid admin\", granted \"openid\" — not granted: admin"),
             qPrintable(said.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_SecondServer)
#include "tst_secondserver.moc"
