// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0) from the command line against the test
// provider: the ID token of a real sign-in sent as id_token_hint, the provider's confirmation page answered
// by the scripted browser, its redirect to post_logout_redirect_uri caught on the listener with state
// checked, a forged way back refused, a sign-out without a hint, a way back that never comes, and a server
// that offers no sign-out.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

class tst_SignOut : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void signsOutWithTheIdTokenAndComesBack();
    void aForgedWayBackIsRefusedAndTheWaitGoesOn();
    void withoutAnIdTokenItSaysWhatThatMeans();
    void aWayBackThatNeverComesTimesOut();
    void aServerWithoutEndSessionIsSaidBeforeSending();
    void itsOptionsGoWithItOnly();

private:
    [[nodiscard]] QString profileFile(const QString& issuer) const;
    [[nodiscard]] CliRun logout(const QString& browserOptions, bool withIdToken, const QString& issuer = {},
                                const QString& browser = {}) const;
    // The results ("ok", "warn", "fail") and messages of a rule's checks in the Sign-out step.
    [[nodiscard]] static QStringList signOutChecks(const QJsonObject& report, const QString& rule);

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
    QByteArray m_idToken;
};

void tst_SignOut::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
    // A real sign-in first: its ID token is what a sign-out sends.
    const CliRun signIn =
        runCli({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                QStringLiteral("--profile-file"), profileFile(m_provider.issuer), QStringLiteral("--browser"),
                u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
                QStringLiteral("--json"), QStringLiteral("--reveal")},
               m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(signIn.exitCode, 0);
    m_idToken = signIn.json().value(u"tokens").toObject().value(u"id_token").toString().toUtf8();
    QCOMPARE(m_idToken.count('.'), 2);
}

QString tst_SignOut::profileFile(const QString& issuer) const
{
    const QJsonObject profile{{QStringLiteral("name"), QStringLiteral("sign-out")},
                              {QStringLiteral("issuer"), issuer},
                              {QStringLiteral("clientId"), QStringLiteral("debugger-public")},
                              {QStringLiteral("clientType"), QStringLiteral("public")},
                              {QStringLiteral("authMethod"), QStringLiteral("none")},
                              {QStringLiteral("scopes"), QStringLiteral("openid profile")},
                              {QStringLiteral("localTestServer"), true}};
    const QString path = m_dir.filePath(QString::number(qHash(issuer)) + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}

CliRun tst_SignOut::logout(const QString& browserOptions, bool withIdToken, const QString& issuer,
                           const QString& browser) const
{
    QStringList arguments{QStringLiteral("logout"),
                          QStringLiteral("--profile-file"),
                          profileFile(issuer.isEmpty() ? m_provider.issuer : issuer),
                          QStringLiteral("--browser"),
                          browser.isEmpty() ? u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u' ' %
                                                  browserOptions % u" --quiet %u"
                                            : browser,
                          QStringLiteral("--timeout"),
                          QStringLiteral("15"),
                          QStringLiteral("--json")};
    QProcessEnvironment environment;
    if (withIdToken) {
        arguments << QStringLiteral("--id-token-env") << QStringLiteral("SIGN_OUT_ID_TOKEN");
        environment.insert(QStringLiteral("SIGN_OUT_ID_TOKEN"), QString::fromUtf8(m_idToken));
    }
    return runCli(arguments, m_dir.filePath(QStringLiteral("config")), environment);
}

QStringList tst_SignOut::signOutChecks(const QJsonObject& report, const QString& rule)
{
    QStringList out;
    for (const QJsonValue& s : report.value(u"steps").toArray()) {
        if (s.toObject().value(u"step").toString() != u"Sign-out")
            continue;
        for (const QJsonValue& c : s.toObject().value(u"checks").toArray())
            if (c.toObject().value(u"rule").toString() == rule)
                out << c.toObject().value(u"result").toString() % u": " %
                           c.toObject().value(u"message").toString();
    }
    return out;
}

void tst_SignOut::signsOutWithTheIdTokenAndComesBack()
{
    const CliRun r = logout({}, true);
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QJsonObject report = r.json();
    QVERIFY2(signOutChecks(report, QStringLiteral("LO-03")).filter(u"ok: The ID token").size() == 1,
             r.out.constData());
    QVERIFY2(
        signOutChecks(report, QStringLiteral("LO-02")) ==
            QStringList{u"ok: The server came back to post_logout_redirect_uri with the state this sign-out "
                        u"sent."_qs},
        r.out.constData());
    // What was sent, as the report keeps it: the hint masked, the way back on the listener's /logout.
    const QString summary = report.value(u"steps").toArray().last().toObject().value(u"summary").toString();
    const QUrl sent(summary.mid(summary.lastIndexOf(u"Sent: ") + 6).trimmed());
    const QUrlQuery query(sent);
    QCOMPARE(sent.path(), QStringLiteral("/session/end"));
    QCOMPARE(query.queryItemValue(QStringLiteral("client_id")), QStringLiteral("debugger-public"));
    QCOMPARE(query.queryItemValue(QStringLiteral("id_token_hint"), QUrl::FullyDecoded),
             QStringLiteral("••••••••"));
    const QUrl back(query.queryItemValue(QStringLiteral("post_logout_redirect_uri"), QUrl::FullyDecoded));
    QCOMPARE(back.host(), QStringLiteral("127.0.0.1"));
    QCOMPARE(back.path(), QStringLiteral("/logout"));
    QCOMPARE(query.queryItemValue(QStringLiteral("state")).size(), 43); // 32 random octets, base64url
    QVERIFY(!r.out.contains(m_idToken) && !r.err.contains(m_idToken));
}

void tst_SignOut::aForgedWayBackIsRefusedAndTheWaitGoesOn()
{
    // The scripted browser first calls the way back with a state of its own, as anyone on this machine could.
    const CliRun r = logout(QStringLiteral("--forge-return"), true);
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QStringList said = signOutChecks(r.json(), QStringLiteral("LO-02"));
    QVERIFY2(said.size() == 2 &&
                 said.at(0).startsWith(u"warn: 1 other request(s) to the listener were refused") &&
                 said.at(0).contains(u"does not match") && said.at(1).startsWith(u"ok: "),
             qPrintable(said.join(u'\n')));
}

void tst_SignOut::withoutAnIdTokenItSaysWhatThatMeans()
{
    // client_id alone: the provider asks the user to confirm (the scripted browser does), then comes back.
    const CliRun r = logout({}, false);
    QVERIFY2(r.exitCode == 0, r.out.constData());
    QVERIFY2(signOutChecks(r.json(), QStringLiteral("LO-03")).filter(u"warn: No ID token").size() == 1,
             r.out.constData());
    QVERIFY(!r.json()
                 .value(u"steps")
                 .toArray()
                 .last()
                 .toObject()
                 .value(u"summary")
                 .toString()
                 .contains(u"id_token_hint="));
}

void tst_SignOut::aWayBackThatNeverComesTimesOut()
{
    QStringList arguments{
        QStringLiteral("logout"),    QStringLiteral("--profile-file"), profileFile(m_provider.issuer),
        QStringLiteral("--browser"), QStringLiteral("true %u"),        QStringLiteral("--timeout"),
        QStringLiteral("2"),         QStringLiteral("--json")};
    const CliRun r = runCli(arguments, m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(signOutChecks(r.json(), QStringLiteral("LO-04"))
                     .filter(u"fail: The browser did not come back")
                     .size() == 1,
             r.out.constData());
}

void tst_SignOut::aServerWithoutEndSessionIsSaidBeforeSending()
{
    // The RFC 8414 shape of the provider lists no end_session_endpoint; the browser command would fail the
    // run if it were started.
    const CliRun r = logout({}, true, m_provider.issuer + u"/__shapes/oauth", QStringLiteral("false %u"));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(signOutChecks(r.json(), QStringLiteral("LO-01"))
                     .filter(u"fail: The server's metadata lists no")
                     .size() == 1,
             r.out.constData());
}

void tst_SignOut::itsOptionsGoWithItOnly()
{
    const CliRun misplaced =
        runCli({QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile"),
                QStringLiteral("x"), QStringLiteral("--id-token-env"), QStringLiteral("T")},
               m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(misplaced.exitCode, 2);
    QVERIFY2(misplaced.firstErrorLine().contains(u"--id-token-env goes with logout"),
             misplaced.err.constData());
    QStringList empty{QStringLiteral("logout"), QStringLiteral("--profile-file"),
                      profileFile(m_provider.issuer), QStringLiteral("--id-token-env"),
                      QStringLiteral("SIGN_OUT_UNSET_VARIABLE")};
    const CliRun unset = runCli(empty, m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(unset.exitCode, 2);
    QVERIFY2(unset.firstErrorLine().contains(u"SIGN_OUT_UNSET_VARIABLE (--id-token-env) is empty or unset"),
             unset.err.constData());
}

QTEST_GUILESS_MAIN(tst_SignOut)
#include "tst_signout.moc"
