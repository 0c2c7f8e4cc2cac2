// Pushed authorization requests (RFC 9126) and signed request objects (RFC 9101) from the command line
// against the test provider's own PAR endpoint and request object support: the parameters pushed with the
// client's authentication, the browser given client_id and request_uri only (the scripted browser records the
// URL it was given), a client the provider holds to PAR refused without it and the refusal explained, a push
// the provider refuses, and a request object by value, pushed, and for another audience.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

class tst_PushedRequest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aPushedSignInGivesTheBrowserOnlyTheReference();
    void aClientHeldToPushedRequestsIsToldWhy();
    void aRefusedPushSendsNoBrowser();
    void parGoesWithBrowserFlowsOnly();
    void aSignedRequestGoesByValueOrPushed_data();
    void aSignedRequestGoesByValueOrPushed();
    void aRequestObjectForAnotherAudienceIsRefusedByName();
    void aDpopSignInFromTheCommandLine_data();
    void aDpopSignInFromTheCommandLine();
    void dpopFaultsAreNamed();
    void anApiIsCalledFromTheCommandLine();
    void aJwtSecuredResponse_data();
    void aJwtSecuredResponse();
    void aTamperedResponseIsRefusedByName();

private:
    [[nodiscard]] CliRun signIn(const QString& clientId, bool pushed, const QString& browser = {},
                                const QStringList& more = {}) const;
    [[nodiscard]] static QStringList rules(const QJsonObject& report, const QString& step);
    // A private_key_jwt client's sign-in with --jar (and --par, --jar-audience when given).
    [[nodiscard]] CliRun signedSignIn(const QStringList& options) const;
    [[nodiscard]] QStringList recordedKeys() const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_PushedRequest::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_provider.clients.contains(u"debugger-par"_s));
    QVERIFY(m_dir.isValid());
}

CliRun tst_PushedRequest::signIn(const QString& clientId, bool pushed, const QString& browser,
                                 const QStringList& more) const
{
    const QJsonObject profile{{u"name"_s, clientId},        {u"issuer"_s, m_provider.issuer},
                              {u"clientId"_s, clientId},    {u"clientType"_s, u"public"_s},
                              {u"authMethod"_s, u"none"_s}, {u"scopes"_s, u"openid"_s},
                              {u"localTestServer"_s, true}};
    const QString path = m_dir.filePath(clientId + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    file.close();
    QStringList arguments{u"flow"_s,
                          u"authorization_code"_s,
                          u"--profile-file"_s,
                          path,
                          u"--browser"_s,
                          browser.isEmpty()
                              ? u"node "_s % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --record "_s %
                                    m_dir.filePath(u"url.txt"_s) % u" --quiet %u"_s
                              : browser,
                          u"--timeout"_s,
                          u"15"_s,
                          u"--json"_s};
    if (pushed)
        arguments << u"--par"_s;
    return runCli(arguments + more, m_dir.filePath(u"config"_s));
}

QStringList tst_PushedRequest::rules(const QJsonObject& report, const QString& step)
{
    QStringList out;
    for (const QJsonValue& s : report.value(u"steps").toArray())
        if (s.toObject().value(u"step").toString() == step)
            for (const QJsonValue& c : s.toObject().value(u"checks").toArray())
                out << c.toObject().value(u"rule").toString() % u' ' %
                           c.toObject().value(u"result").toString();
    return out;
}

void tst_PushedRequest::aPushedSignInGivesTheBrowserOnlyTheReference()
{
    QFile::remove(m_dir.filePath(u"url.txt"_s));
    const CliRun r = signIn(u"debugger-par"_s, true);
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QJsonObject report = r.json();
    QCOMPARE(rules(report, u"Pushed request"_s), (QStringList{u"PR-01 ok"_s, u"PR-02 ok"_s, u"PR-03 ok"_s}));
    // What the browser was given, as it recorded it: the client and the reference, nothing else.
    QFile recorded(m_dir.filePath(u"url.txt"_s));
    QVERIFY(recorded.open(QIODevice::ReadOnly));
    const QUrl url(QString::fromUtf8(recorded.readAll()));
    QStringList keys;
    for (const auto& item : QUrlQuery(url).queryItems())
        keys << item.first;
    QCOMPARE(keys, (QStringList{u"client_id"_s, u"request_uri"_s}));
    QVERIFY(QUrlQuery(url)
                .queryItemValue(u"request_uri"_s, QUrl::FullyDecoded)
                .startsWith(u"urn:ietf:params:oauth:request_uri:"));
    // What went in the push: the parameters the callback is held to.
    QString pushedBody;
    for (const QJsonValue& e : report.value(u"traffic").toArray())
        if (e.toObject().value(u"url").toString().endsWith(u"/request"))
            pushedBody = e.toObject().value(u"request").toString();
    for (const char* member :
         {"state=", "code_challenge=", "code_challenge_method=S256", "redirect_uri=", "nonce="})
        QVERIFY2(pushedBody.contains(QLatin1StringView(member)), qPrintable(pushedBody));
    QVERIFY(!pushedBody.contains(u"request_uri="));
    // And the sign-in is checked as any other: state back, the ID token verified.
    QVERIFY(checkMessages(report, u"AZ-01"_s).contains(u"state matches this flow."_s));
    QCOMPARE(report.value(u"tokens")
                 .toObject()
                 .value(u"decoded")
                 .toObject()
                 .value(u"id_token")
                 .toObject()
                 .value(u"verification")
                 .toObject()
                 .value(u"verdict")
                 .toString(),
             u"verified"_s);
}

void tst_PushedRequest::aClientHeldToPushedRequestsIsToldWhy()
{
    const CliRun r = signIn(u"debugger-par"_s, false);
    QCOMPARE(r.exitCode, 1);
    const QStringList said = checkMessages(r.json(), u"PR-04"_s);
    QVERIFY2(said.size() == 1 && said.at(0).contains(u"use PAR (--par"), r.out.constData());
}

void tst_PushedRequest::aRefusedPushSendsNoBrowser()
{
    // A client the provider does not know: the push is refused (401), and the browser ("false") never runs.
    const CliRun r = signIn(u"debugger-nobody"_s, true, u"false %u"_s);
    QCOMPARE(r.exitCode, 1);
    const QJsonObject report = r.json();
    QVERIFY2(rules(report, u"Pushed request"_s).contains(u"PR-05 fail"_s), r.out.constData());
    QVERIFY2(checkMessages(report, u"PR-05"_s).at(0).contains(u"HTTP 401 (invalid_client)"),
             r.out.constData());
    QVERIFY(rules(report, u"Callback"_s).isEmpty());
}

void tst_PushedRequest::parGoesWithBrowserFlowsOnly()
{
    const CliRun r = runCli({u"flow"_s, u"client_credentials"_s, u"--profile"_s, u"x"_s, u"--par"_s},
                            m_dir.filePath(u"config"_s));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine().contains(u"--par goes with a flow that sends the browser"),
             r.err.constData());
}

CliRun tst_PushedRequest::signedSignIn(const QStringList& options) const
{
    const QString id = u"debugger-pkjwt-es256"_s;
    const QJsonObject profile{{u"name"_s, id},
                              {u"issuer"_s, m_provider.issuer},
                              {u"clientId"_s, id},
                              {u"clientType"_s, u"confidential"_s},
                              {u"authMethod"_s, u"private_key_jwt"_s},
                              {u"scopes"_s, u"openid"_s},
                              {u"localTestServer"_s, true}};
    QFile file(m_dir.filePath(u"signed.json"_s));
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    file.close();
    QFile key(m_dir.filePath(u"es256.pem"_s));
    if (key.open(QIODevice::WriteOnly))
        key.write(m_provider.clients.value(id).value(u"private_key_pem").toString().toUtf8());
    key.close();
    QFile::remove(m_dir.filePath(u"url.txt"_s));
    return runCli(QStringList{u"flow"_s, u"authorization_code"_s, u"--profile-file"_s, file.fileName(),
                              u"--client-key-file"_s, key.fileName(), u"--browser"_s,
                              u"node "_s % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --record "_s %
                                  m_dir.filePath(u"url.txt"_s) % u" --quiet %u"_s,
                              u"--timeout"_s, u"15"_s, u"--json"_s, u"--jar"_s} +
                      options,
                  m_dir.filePath(u"config"_s));
}

QStringList tst_PushedRequest::recordedKeys() const
{
    QFile recorded(m_dir.filePath(u"url.txt"_s));
    if (!recorded.open(QIODevice::ReadOnly))
        return {};
    QStringList keys;
    for (const auto& item : QUrlQuery(QUrl(QString::fromUtf8(recorded.readAll()))).queryItems())
        keys << item.first;
    return keys;
}

void tst_PushedRequest::aSignedRequestGoesByValueOrPushed_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QStringList>("browserGets");
    QTest::newRow("by value") << QStringList{}
                              << QStringList{u"client_id"_s, u"response_type"_s, u"scope"_s, u"request"_s};
    QTest::newRow("pushed") << QStringList{u"--par"_s} << QStringList{u"client_id"_s, u"request_uri"_s};
}

void tst_PushedRequest::aSignedRequestGoesByValueOrPushed()
{
    QFETCH(QStringList, options);
    QFETCH(QStringList, browserGets);
    const CliRun r = signedSignIn(options);
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QJsonObject report = r.json();
    QCOMPARE(rules(report, u"Request object"_s), QStringList{u"JR-01 ok"_s});
    QCOMPARE(recordedKeys(), browserGets); // state, nonce and the challenge only inside the signed object
    // The object as signed, decoded in the report: what RFC 9101 §4 asks of it.
    const QJsonObject object = report.value(u"documents").toObject().value(u"Request object"_s).toObject();
    const QJsonObject claims = object.value(u"claims").toObject();
    QCOMPARE(object.value(u"header").toObject().value(u"typ").toString(), u"oauth-authz-req+jwt"_s);
    QCOMPARE(object.value(u"header").toObject().value(u"alg").toString(), u"ES256"_s);
    QCOMPARE(claims.value(u"aud").toString(), m_provider.issuer);
    QCOMPARE(claims.value(u"iss").toString(), u"debugger-pkjwt-es256"_s);
    QCOMPARE(claims.value(u"exp").toInteger() - claims.value(u"nbf").toInteger(), 300);
    for (const char16_t* member : {u"state", u"nonce", u"code_challenge", u"redirect_uri", u"jti"})
        QVERIFY2(!claims.value(QStringView(member)).toString().isEmpty(),
                 qPrintable(QStringView(member).toString()));
    QVERIFY(checkMessages(report, u"AZ-01"_s).contains(u"state matches this flow."_s));
}

void tst_PushedRequest::aRequestObjectForAnotherAudienceIsRefusedByName()
{
    // Pushed, the provider checks the object at once and says why (by value, it shows its own error page).
    const CliRun r = signedSignIn({u"--par"_s, u"--jar-audience"_s, u"https://elsewhere.example"_s});
    QCOMPARE(r.exitCode, 1);
    const QStringList said = checkMessages(r.json(), u"JR-02"_s);
    QVERIFY2(said.size() == 1 && said.at(0).startsWith(u"The server refused the request object"),
             r.out.constData());
    QVERIFY(recordedKeys().isEmpty()); // no browser
}

void tst_PushedRequest::aDpopSignInFromTheCommandLine_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("tokenRules");
    // debugger-dpop-nonce: the provider wants its nonce in the token request's proof (RFC 9449 §8).
    QTest::newRow("--dpop") << QStringList{u"--dpop"_s} << 0
                            << QStringList{u"DP-03 ok"_s, u"DP-01 ok"_s, u"DP-02 ok"_s, u"DP-04 ok"_s};
    QTest::newRow("a proof for another URL") << QStringList{u"--dpop"_s, u"--dpop-fault"_s, u"wrong-htu"_s}
                                             << 1
                                             // refused for its htu before the provider asks for a nonce
                                             << QStringList{u"DP-01 ok"_s, u"DP-02 warn"_s, u"DP-02 fail"_s};
}

void tst_PushedRequest::aDpopSignInFromTheCommandLine()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QStringList, tokenRules);
    QFile::remove(m_dir.filePath(u"url.txt"_s));
    const CliRun r = signIn(u"debugger-dpop-nonce"_s, false, {}, options);
    QVERIFY2(r.exitCode == exitCode, r.out.constData());
    const QJsonObject report = r.json();
    QCOMPARE(rules(report, u"Token"_s).filter(u"DP-"_s), tokenRules);
    QFile recorded(m_dir.filePath(u"url.txt"_s));
    QVERIFY(recorded.open(QIODevice::ReadOnly));
    QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(recorded.readAll()))).queryItemValue(u"dpop_jkt"_s).size(), 43);
    // The proof decoded in the traffic, as the window's traffic view shows it; never the proof itself.
    QString tokenRequest;
    for (const QJsonValue& e : report.value(u"traffic").toArray())
        if (e.toObject().value(u"url").toString().endsWith(u"/token"))
            tokenRequest = e.toObject().value(u"request").toString();
    QVERIFY2(tokenRequest.contains(u"(DPoP proof, decoded. Header: {\"alg\":\"ES256\""),
             qPrintable(tokenRequest));
    QVERIFY(!tokenRequest.contains(u"DPoP: eyJ"));
    if (exitCode == 0)
        QCOMPARE(report.value(u"tokens").toObject().value(u"token_type").toString(), u"DPoP"_s);
}

void tst_PushedRequest::dpopFaultsAreNamed()
{
    const CliRun r = runCli(
        {u"flow"_s, u"authorization_code"_s, u"--profile"_s, u"x"_s, u"--dpop-fault"_s, u"wrong_htu"_s},
        m_dir.filePath(u"config"_s));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.firstErrorLine().contains(u"--dpop-fault is wrong-htu, reused-jti or no-proof"),
             r.err.constData());
}

void tst_PushedRequest::anApiIsCalledFromTheCommandLine()
{
    // A sign-in's access token, then call with it: the provider's userinfo stands for the API.
    const CliRun signedIn = signIn(u"debugger-public"_s, false, {}, {u"--reveal"_s});
    QVERIFY2(signedIn.exitCode == 0, signedIn.out.constData());
    const QString token = signedIn.json().value(u"tokens").toObject().value(u"access_token").toString();
    QVERIFY(!token.isEmpty());
    const QString profile = m_dir.filePath(u"debugger-public.json"_s);
    const auto call = [this, &profile](const QString& value, const QStringList& more) {
        QProcessEnvironment env;
        env.insert(u"API_TOKEN"_s, value);
        return runCli(QStringList{u"call"_s, u"--profile-file"_s, profile, u"--token-env"_s, u"API_TOKEN"_s,
                                  u"--url"_s, m_provider.origin() + u"/me"_s, u"--json"_s} +
                          more,
                      m_dir.filePath(u"config"_s), env);
    };
    const CliRun ok = call(token, {u"--header"_s, u"X-Request-Id: 42"_s});
    QVERIFY2(ok.exitCode == 0, ok.out.constData());
    const QJsonObject report = ok.json();
    QVERIFY(!report.value(u"documents")
                 .toObject()
                 .value(u"Answer"_s)
                 .toObject()
                 .value(u"sub")
                 .toString()
                 .isEmpty());
    const QString sent = report.value(u"traffic").toArray().last().toObject().value(u"request").toString();
    QVERIFY2(sent.startsWith(u"GET /me HTTP/1.1") && sent.contains(u"X-Request-Id: 42") &&
                 sent.contains(u"Authorization: Bearer \u2022") && !sent.contains(token),
             qPrintable(sent));
    // A token the server does not know: its challenge explained.
    const CliRun refused = call(u"not-a-token"_s, {u"--method"_s, u"post"_s, u"--data"_s, u"a=b"_s});
    QCOMPARE(refused.exitCode, 1);
    const QStringList said = checkMessages(refused.json(), u"AP-01"_s);
    QVERIFY2(!said.isEmpty() && said.first().startsWith(u"Bearer challenge: invalid_token"),
             refused.out.constData());
    // A header on more than one line is refused before anything is sent.
    const CliRun injected = call(token, {u"--header"_s, u"X-A: 1\r\nX-B: 2"_s});
    QCOMPARE(injected.exitCode, 2);
    QVERIFY2(injected.firstErrorLine().contains(u"on one line"), injected.err.constData());
}

void tst_PushedRequest::aJwtSecuredResponse_data()
{
    QTest::addColumn<QString>("mode");
    // The provider's own JARM (features.jwtResponseModes): in the query, a form post, the fragment (the
    // listener's page posts it back), and jwt (the query for the code flow).
    for (const char* mode : {"query.jwt", "form_post.jwt", "fragment.jwt", "jwt"})
        QTest::newRow(mode) << QString::fromLatin1(mode);
}

void tst_PushedRequest::aJwtSecuredResponse()
{
    QFETCH(QString, mode);
    const CliRun r = signIn(u"debugger-public"_s, false, {}, {u"--response-mode"_s, mode});
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QJsonObject report = r.json();
    QCOMPARE(rules(report, u"Callback"_s).mid(0, 4),
             (QStringList{u"JM-01 ok"_s, u"JM-02 ok"_s, u"JM-03 ok"_s, u"JM-04 ok"_s}));
    QVERIFY(checkMessages(report, u"AZ-01"_s).contains(u"state matches this flow."_s));
    QFile recorded(m_dir.filePath(u"url.txt"_s));
    QVERIFY(recorded.open(QIODevice::ReadOnly));
    QCOMPARE(QUrlQuery(QUrl(QString::fromUtf8(recorded.readAll()))).queryItemValue(u"response_mode"_s), mode);
}

void tst_PushedRequest::aTamperedResponseIsRefusedByName()
{
    // The scripted browser delivers the response once with its signature changed, then the genuine one: the
    // first is refused by its rule and the wait goes on (AZ-02).
    const CliRun r =
        signIn(u"debugger-public"_s, false,
               u"node "_s % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --tamper-response --quiet %u"_s,
               {u"--response-mode"_s, u"query.jwt"_s});
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QStringList said = checkMessages(r.json(), u"AZ-02"_s);
    QVERIFY2(said.size() == 1 && said.first().contains(u"JM-02: The response's signature does not verify"),
             r.out.constData());
    const CliRun unknown = runCli(
        {u"flow"_s, u"authorization_code"_s, u"--profile"_s, u"x"_s, u"--response-mode"_s, u"jwt.query"_s},
        m_dir.filePath(u"config"_s));
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.firstErrorLine().contains(u"--response-mode is one of"), unknown.err.constData());
}

QTEST_GUILESS_MAIN(tst_PushedRequest)
#include "tst_pushedrequest.moc"
