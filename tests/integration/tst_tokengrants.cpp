// Token exchange (RFC 8693), the JWT bearer grant (RFC 7523 §2.1) and the password grant (RFC 6749 §4.3) from
// the command line against the test provider. oidc-provider ships none of them: tests/provider/grants.mjs
// registers them through its registerGrantType extension point, as shapes written to the RFCs (and one
// client, debugger-exchange-bare, whose answers leave out issued_token_type, to see TX-01 fail). What each
// issues is a token of the provider's own: introspection and userinfo take it.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

class tst_TokenGrants : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tokenExchangeTradesAnAccessTokenForOneWithAnAudience();
    void anAnswerWithoutIssuedTokenTypeFailsTx01();
    void aSubjectTokenTheServerDoesNotKnowIsRefused();
    void jwtBearerShowsTheAssertionItSigned();
    void jwtBearerForAnotherAudienceIsRefusedByTheServer();
    void thePasswordGrantWarnsAndNeverShowsThePassword();
    void aWrongPasswordIsTheServersNo();
    void eachGrantSaysWhatItLacks();

private:
    [[nodiscard]] QString profileFile(const QString& clientId, const QString& method) const;
    [[nodiscard]] CliRun run(const QString& grant, const QString& clientId, const QString& method,
                             const QStringList& more, const QProcessEnvironment& env = {}) const;
    [[nodiscard]] QProcessEnvironment secretOf(const QString& clientId) const;
    // A client credentials token of debugger-exchange: a subject to trade.
    [[nodiscard]] QString subjectToken() const;
    [[nodiscard]] static QString request(const QJsonObject& report, int index);

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_TokenGrants::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_provider.clients.contains(QStringLiteral("debugger-jwt-bearer")));
    QVERIFY(m_dir.isValid());
}

QString tst_TokenGrants::profileFile(const QString& clientId, const QString& method) const
{
    const QJsonObject profile{{QStringLiteral("name"), clientId},
                              {QStringLiteral("issuer"), m_provider.issuer},
                              {QStringLiteral("clientId"), clientId},
                              {QStringLiteral("authMethod"), method},
                              {QStringLiteral("scopes"), QStringLiteral("openid")},
                              {QStringLiteral("localTestServer"), true}};
    const QString path = m_dir.filePath(clientId + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}

QProcessEnvironment tst_TokenGrants::secretOf(const QString& clientId) const
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("CLIENT_SECRET"),
               m_provider.clients.value(clientId).value(u"client_secret").toString());
    return env;
}

CliRun tst_TokenGrants::run(const QString& grant, const QString& clientId, const QString& method,
                            const QStringList& more, const QProcessEnvironment& env) const
{
    QStringList arguments{QStringLiteral("flow"), grant, QStringLiteral("--profile-file"),
                          profileFile(clientId, method), QStringLiteral("--json")};
    if (method != u"none")
        arguments << QStringLiteral("--client-secret-env") << QStringLiteral("CLIENT_SECRET");
    QProcessEnvironment all = method == u"none" ? QProcessEnvironment() : secretOf(clientId);
    for (const QString& name : env.keys())
        all.insert(name, env.value(name));
    return runCli(arguments + more, m_dir.filePath(QStringLiteral("config")), all);
}

QString tst_TokenGrants::subjectToken() const
{
    const CliRun r = run(QStringLiteral("client_credentials"), QStringLiteral("debugger-exchange"),
                         QStringLiteral("client_secret_basic"), {QStringLiteral("--reveal")});
    return r.json().value(u"tokens").toObject().value(u"access_token").toString();
}

QString tst_TokenGrants::request(const QJsonObject& report, int index)
{
    return report.value(u"traffic").toArray().at(index).toObject().value(u"request").toString();
}

void tst_TokenGrants::tokenExchangeTradesAnAccessTokenForOneWithAnAudience()
{
    const QString subject = subjectToken();
    QVERIFY(!subject.isEmpty());
    QProcessEnvironment env;
    env.insert(QStringLiteral("SUBJECT"), subject);
    const CliRun r =
        run(QStringLiteral("token_exchange"), QStringLiteral("debugger-exchange"),
            QStringLiteral("client_secret_basic"),
            {QStringLiteral("--subject-token-env"), QStringLiteral("SUBJECT"), QStringLiteral("--audience"),
             QStringLiteral("https://api.example.test"), QStringLiteral("--reveal")},
            env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = r.json();
    QCOMPARE(
        checkMessages(report, QStringLiteral("TX-01")),
        QStringList{QStringLiteral("issued_token_type is urn:ietf:params:oauth:token-type:access_token.")});
    const QString issued = report.value(u"tokens").toObject().value(u"access_token").toString();
    QVERIFY(!issued.isEmpty() && issued != subject);
    // The new token is the server's own, for that audience.
    env.insert(QStringLiteral("ISSUED"), issued);
    const CliRun introspected =
        runCli({QStringLiteral("introspect"), QStringLiteral("--profile-file"),
                profileFile(QStringLiteral("debugger-exchange"), QStringLiteral("client_secret_basic")),
                QStringLiteral("--client-secret-env"), QStringLiteral("CLIENT_SECRET"),
                QStringLiteral("--token-env"), QStringLiteral("ISSUED"), QStringLiteral("--json")},
               m_dir.filePath(QStringLiteral("config")), [&] {
                   QProcessEnvironment e = secretOf(QStringLiteral("debugger-exchange"));
                   e.insert(QStringLiteral("ISSUED"), issued);
                   return e;
               }());
    QVERIFY2(introspected.exitCode == 0, introspected.err.constData());
    const QJsonObject answer = introspected.json().value(u"documents").toObject().value(u"Answer").toObject();
    QCOMPARE(answer.value(u"active").toBool(), true);
    QCOMPARE(answer.value(u"aud").toString(), QStringLiteral("https://api.example.test"));
}

void tst_TokenGrants::anAnswerWithoutIssuedTokenTypeFailsTx01()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("SUBJECT"), subjectToken());
    const CliRun r = run(QStringLiteral("token_exchange"), QStringLiteral("debugger-exchange-bare"),
                         QStringLiteral("client_secret_basic"),
                         {QStringLiteral("--subject-token-env"), QStringLiteral("SUBJECT")}, env);
    QCOMPARE(r.exitCode, 1);
    const QStringList tx01 = checkMessages(r.json(), QStringLiteral("TX-01"));
    QVERIFY2(tx01.size() == 1 && tx01.first().contains(u"no issued_token_type"), r.out.constData());
    // What went out: the RFC 8693 §2.1 parameters, the subject token masked like any token.
    const QString sent = request(r.json(), 1);
    QVERIFY2(
        sent.contains(u"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange") &&
            sent.contains(u"subject_token=\u2022") &&
            sent.contains(u"subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token") &&
            !sent.contains(env.value(QStringLiteral("SUBJECT"))),
        qPrintable(sent));
}

void tst_TokenGrants::aSubjectTokenTheServerDoesNotKnowIsRefused()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("SUBJECT"), QStringLiteral("not-a-token-of-this-server"));
    const CliRun r = run(QStringLiteral("token_exchange"), QStringLiteral("debugger-exchange"),
                         QStringLiteral("client_secret_basic"),
                         {QStringLiteral("--subject-token-env"), QStringLiteral("SUBJECT")}, env);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json().value(u"error").toObject().value(u"error").toString(), QStringLiteral("invalid_grant"));
}

void tst_TokenGrants::jwtBearerShowsTheAssertionItSigned()
{
    const QString key = m_provider.privateKeyFile(QStringLiteral("debugger-jwt-bearer"), m_dir.path());
    const CliRun r =
        run(QStringLiteral("jwt_bearer"), QStringLiteral("debugger-jwt-bearer"), QStringLiteral("none"),
            {QStringLiteral("--assertion-key-file"), key, QStringLiteral("--subject"),
             QStringLiteral("alice"), QStringLiteral("--reveal")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = r.json();
    const QJsonObject assertion = report.value(u"documents").toObject().value(u"Bearer assertion").toObject();
    const QJsonObject claims = assertion.value(u"claims").toObject();
    QCOMPARE(claims.value(u"iss").toString(), QStringLiteral("debugger-jwt-bearer"));
    QCOMPARE(claims.value(u"sub").toString(), QStringLiteral("alice"));
    QCOMPARE(claims.value(u"aud").toString(), m_provider.origin() + QStringLiteral("/token"));
    QCOMPARE(qint64(claims.value(u"exp").toDouble()) - qint64(claims.value(u"iat").toDouble()), 300);
    QCOMPARE(assertion.value(u"header").toObject().value(u"alg").toString(), QStringLiteral("ES256"));
    // The token is for the assertion's subject.
    QProcessEnvironment env;
    env.insert(QStringLiteral("ISSUED"),
               report.value(u"tokens").toObject().value(u"access_token").toString());
    const CliRun userinfo =
        runCli({QStringLiteral("userinfo"), QStringLiteral("--profile-file"),
                profileFile(QStringLiteral("debugger-jwt-bearer"), QStringLiteral("none")),
                QStringLiteral("--token-env"), QStringLiteral("ISSUED"), QStringLiteral("--json")},
               m_dir.filePath(QStringLiteral("config")), env);
    QVERIFY2(userinfo.exitCode == 0, userinfo.out.constData());
    QCOMPARE(
        userinfo.json().value(u"documents").toObject().value(u"Answer").toObject().value(u"sub").toString(),
        QStringLiteral("alice"));
}

void tst_TokenGrants::jwtBearerForAnotherAudienceIsRefusedByTheServer()
{
    const QString key = m_provider.privateKeyFile(QStringLiteral("debugger-jwt-bearer"), m_dir.path());
    const CliRun r = run(
        QStringLiteral("jwt_bearer"), QStringLiteral("debugger-jwt-bearer"), QStringLiteral("none"),
        {QStringLiteral("--assertion-key-file"), key, QStringLiteral("--subject"), QStringLiteral("alice"),
         QStringLiteral("--assertion-audience"), QStringLiteral("https://elsewhere.example")});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject error = r.json().value(u"error").toObject();
    QCOMPARE(error.value(u"error").toString(), QStringLiteral("invalid_grant"));
    QVERIFY2(error.value(u"message").toString().contains(u"aud must be"), r.out.constData());
    QVERIFY2(request(r.json(), 1).contains(u"assertion=\u2022"), qPrintable(request(r.json(), 1)));
    // "issuer" names the issuer as the audience, which the server also takes.
    const CliRun issuer =
        run(QStringLiteral("jwt_bearer"), QStringLiteral("debugger-jwt-bearer"), QStringLiteral("none"),
            {QStringLiteral("--assertion-key-file"), key, QStringLiteral("--subject"),
             QStringLiteral("alice"), QStringLiteral("--assertion-audience"), QStringLiteral("issuer")});
    QVERIFY2(issuer.exitCode == 0, issuer.out.constData());
}

void tst_TokenGrants::thePasswordGrantWarnsAndNeverShowsThePassword()
{
    const QJsonObject user = m_provider.raw.value(u"passwordUser").toObject();
    const QString password = user.value(u"password").toString();
    QVERIFY(password.size() >= 12);
    QProcessEnvironment env;
    env.insert(QStringLiteral("USER_PASSWORD"), password);
    const CliRun r = run(QStringLiteral("password"), QStringLiteral("debugger-password"),
                         QStringLiteral("client_secret_post"),
                         {QStringLiteral("--username"), user.value(u"username").toString(),
                          QStringLiteral("--password-env"), QStringLiteral("USER_PASSWORD")},
                         env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList warning = checkMessages(r.json(), QStringLiteral("LG-01"));
    QVERIFY2(warning.size() == 1 && warning.first().contains(u"RFC 9700 §2.4"), r.out.constData());
    QVERIFY(r.json().value(u"tokens").toObject().value(u"access_token").toString().startsWith(u"\u2022"));
    // The password is masked wherever the report would show it.
    QVERIFY(!r.out.contains(password.toUtf8()) && !r.err.contains(password.toUtf8()));
    QVERIFY2(request(r.json(), 1).contains(u"password=\u2022"), qPrintable(request(r.json(), 1)));
}

void tst_TokenGrants::aWrongPasswordIsTheServersNo()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("USER_PASSWORD"), QStringLiteral("not the password"));
    const CliRun r = run(QStringLiteral("password"), QStringLiteral("debugger-password"),
                         QStringLiteral("client_secret_post"),
                         {QStringLiteral("--username"), QStringLiteral("alice"),
                          QStringLiteral("--password-env"), QStringLiteral("USER_PASSWORD")},
                         env);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.json().value(u"error").toObject().value(u"error").toString(), QStringLiteral("invalid_grant"));
    QCOMPARE(checkMessages(r.json(), QStringLiteral("LG-01")).size(), 1); // warned all the same
}

void tst_TokenGrants::eachGrantSaysWhatItLacks()
{
    const CliRun noSubject =
        run(QStringLiteral("jwt_bearer"), QStringLiteral("debugger-jwt-bearer"), QStringLiteral("none"), {});
    QCOMPARE(noSubject.exitCode, 2);
    QVERIFY2(noSubject.err.contains("--subject SUB"), noSubject.err.constData());
    const CliRun noKey = run(QStringLiteral("jwt_bearer"), QStringLiteral("debugger-jwt-bearer"),
                             QStringLiteral("none"), {QStringLiteral("--subject"), QStringLiteral("alice")});
    QCOMPARE(noKey.exitCode, 2);
    QVERIFY2(noKey.err.contains("--assertion-key-file"), noKey.err.constData());
    const CliRun unset = run(QStringLiteral("token_exchange"), QStringLiteral("debugger-exchange"),
                             QStringLiteral("client_secret_basic"),
                             {QStringLiteral("--subject-token-env"), QStringLiteral("NOT_SET_ANYWHERE")});
    QCOMPARE(unset.exitCode, 2);
    QVERIFY2(unset.err.contains("NOT_SET_ANYWHERE"), unset.err.constData());
    QProcessEnvironment env;
    env.insert(QStringLiteral("SUBJECT"), QStringLiteral("x"));
    const CliRun badType = run(QStringLiteral("token_exchange"), QStringLiteral("debugger-exchange"),
                               QStringLiteral("client_secret_basic"),
                               {QStringLiteral("--subject-token-env"), QStringLiteral("SUBJECT"),
                                QStringLiteral("--subject-token-type"), QStringLiteral("cookie")},
                               env);
    QCOMPARE(badType.exitCode, 2);
    QVERIFY2(badType.err.contains("\"cookie\" is not a token type"), badType.err.constData());
    QVERIFY(!badType.json().value(u"traffic").toArray().isEmpty()); // discovery only: nothing else sent
    QCOMPARE(badType.json().value(u"traffic").toArray().size(), 1);
}

QTEST_GUILESS_MAIN(tst_TokenGrants)
#include "tst_tokengrants.moc"
