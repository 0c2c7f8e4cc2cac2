// Implicit and hybrid flows (OIDC Core §3.2, §3.3) from the command line against the test provider's own
// response types: the response in the URL fragment, posted back by the listener's page (the scripted browser
// runs that page's script as a browser would), the front channel's ID token verified with nonce, at_hash and
// c_hash, and for hybrid the code exchanged only after that. debugger-hybrid-bad is a provider shape whose
// front-channel ID tokens carry the c_hash of another code: its code must never reach the token endpoint.
#include "CliProcess.h"
#include "ProviderInfo.h"
#include "net/ListenerResponse.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace oauth2dbg;

class tst_FrontChannel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theRelayPageAllowsOnlyItsOwnScript();
    void implicitTokensArriveVerifiedAndWarned();
    void anIdTokenAloneIsNotWarnedAbout();
    void hybridVerifiesTheFrontChannelBeforeTheCode_data();
    void hybridVerifiesTheFrontChannelBeforeTheCode();
    void aCodeItsIdTokenDoesNotBindIsNeverSent();
    void aResponseTypeTheCommandDoesNotTakeIsAUsageError();

private:
    [[nodiscard]] CliRun run(const QString& flow, const QString& clientId,
                             const QString& responseType = {}) const;
    [[nodiscard]] static QStringList paths(const QJsonObject& report);
    [[nodiscard]] static QStringList stepNames(const QJsonObject& report);

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_FrontChannel::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_provider.clients.contains(QStringLiteral("debugger-hybrid-bad")));
    QVERIFY(m_dir.isValid());
}

CliRun tst_FrontChannel::run(const QString& flow, const QString& clientId, const QString& responseType) const
{
    const QJsonObject profile{{QStringLiteral("name"), clientId},
                              {QStringLiteral("issuer"), m_provider.issuer},
                              {QStringLiteral("clientId"), clientId},
                              {QStringLiteral("clientType"), QStringLiteral("public")},
                              {QStringLiteral("authMethod"), QStringLiteral("none")},
                              {QStringLiteral("scopes"), QStringLiteral("openid profile")},
                              {QStringLiteral("localTestServer"), true}};
    const QString path = m_dir.filePath(clientId + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    file.close();
    QStringList arguments{QStringLiteral("flow"),
                          flow,
                          QStringLiteral("--profile-file"),
                          path,
                          QStringLiteral("--browser"),
                          u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
                          QStringLiteral("--timeout"),
                          QStringLiteral("20"),
                          QStringLiteral("--json")};
    if (!responseType.isEmpty())
        arguments << QStringLiteral("--response-type") << responseType;
    return runCli(arguments, m_dir.filePath(QStringLiteral("config")));
}

QStringList tst_FrontChannel::paths(const QJsonObject& report)
{
    QStringList out;
    for (const QJsonValue& e : report.value(u"traffic").toArray())
        out << QUrl(e.toObject().value(u"url").toString()).path();
    return out;
}

QStringList tst_FrontChannel::stepNames(const QJsonObject& report)
{
    QStringList out;
    for (const QJsonValue& s : report.value(u"steps").toArray())
        out << s.toObject().value(u"step").toString();
    return out;
}

void tst_FrontChannel::theRelayPageAllowsOnlyItsOwnScript()
{
    const QByteArray page = ListenerResponse::fragmentRelayPage();
    const qsizetype from = page.indexOf("<script>") + 8;
    const QByteArray script = page.mid(from, page.indexOf("</script>") - from);
    QVERIFY(script.contains("location.hash") && !script.contains("innerHTML"));
    const QByteArray policy = ListenerResponse::fragmentRelayHeaders().first().second;
    const QByteArray allowed = QByteArray("script-src 'sha256-") +
                               QCryptographicHash::hash(script, QCryptographicHash::Sha256).toBase64() + '\'';
    QVERIFY2(policy.contains(allowed) && policy.startsWith("default-src 'none'") &&
                 policy.contains("form-action 'self'"),
             policy.constData());
    // The relay page's policy replaces the default one (two policies would block the script).
    const QByteArray response =
        ListenerResponse::response(200, page, ListenerResponse::fragmentRelayHeaders(), false);
    QCOMPARE(response.count("Content-Security-Policy"), 1);
}

void tst_FrontChannel::implicitTokensArriveVerifiedAndWarned()
{
    const CliRun r = run(QStringLiteral("implicit"), QStringLiteral("debugger-implicit"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = r.json();
    QVERIFY(!report.value(u"tokens").toObject().value(u"access_token").toString().isEmpty());
    QVERIFY(!report.value(u"tokens").toObject().value(u"id_token").toString().isEmpty());
    QVERIFY2(checkMessages(report, QStringLiteral("OIDC Core §3.1.3.8")).contains(u"\"at_hash\" matches."),
             r.out.constData());
    QVERIFY(checkMessages(report, QStringLiteral("OIDC Core §3.1.3.7 (11)"))
                .contains(u"The nonce is the one sent."));
    QCOMPARE(checkMessages(report, QStringLiteral("LG-02")).size(), 1);
    QCOMPARE(checkMessages(report, QStringLiteral("AZ-13")).size(), 1);
    // No code, no PKCE, no token endpoint.
    QVERIFY2(!paths(report).contains(u"/token"), qPrintable(paths(report).join(u' ')));
    QVERIFY(checkMessages(report, QStringLiteral("AR-03")).isEmpty());
}

void tst_FrontChannel::anIdTokenAloneIsNotWarnedAbout()
{
    const CliRun r =
        run(QStringLiteral("implicit"), QStringLiteral("debugger-implicit"), QStringLiteral("id_token"));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(checkMessages(r.json(), QStringLiteral("LG-02")).isEmpty());
    QVERIFY(r.json().value(u"tokens").toObject().value(u"access_token").toString().isEmpty());
}

void tst_FrontChannel::hybridVerifiesTheFrontChannelBeforeTheCode_data()
{
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<bool>("frontIdToken");
    QTest::newRow("code id_token") << QStringLiteral("code id_token") << true;
    QTest::newRow("code token") << QStringLiteral("code token") << false;
    QTest::newRow("code id_token token") << QStringLiteral("code id_token token") << true;
}

void tst_FrontChannel::hybridVerifiesTheFrontChannelBeforeTheCode()
{
    QFETCH(QString, responseType);
    QFETCH(bool, frontIdToken);
    const CliRun r = run(QStringLiteral("hybrid"), QStringLiteral("debugger-hybrid"), responseType);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = r.json();
    QVERIFY(paths(report).contains(u"/token"));
    const QStringList steps = stepNames(report);
    // The front channel's ID token comes before the token endpoint's, which comes after the code exchange.
    const qsizetype token = steps.indexOf(QStringLiteral("Token"));
    QVERIFY2(token > 0 && steps.lastIndexOf(QStringLiteral("ID token")) > token,
             qPrintable(steps.join(u'|')));
    QCOMPARE(steps.indexOf(QStringLiteral("ID token")) < token, frontIdToken);
    if (frontIdToken)
        QVERIFY2(
            checkMessages(report, QStringLiteral("OIDC Core §3.3.2.11")).contains(u"\"c_hash\" matches."),
            r.out.constData());
    QCOMPARE(checkMessages(report, QStringLiteral("LG-02")).size(),
             responseType.split(u' ').contains(u"token") ? 1 : 0);
}

void tst_FrontChannel::aCodeItsIdTokenDoesNotBindIsNeverSent()
{
    const CliRun r = run(QStringLiteral("hybrid"), QStringLiteral("debugger-hybrid-bad"));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(checkMessages(r.json(), QStringLiteral("OIDC Core §3.3.2.11"))
                 .contains(u"\"c_hash\" does not match the code that came with it."),
             r.out.constData());
    QVERIFY2(!paths(r.json()).contains(u"/token"), qPrintable(paths(r.json()).join(u' ')));
}

void tst_FrontChannel::aResponseTypeTheCommandDoesNotTakeIsAUsageError()
{
    const CliRun r =
        run(QStringLiteral("implicit"), QStringLiteral("debugger-implicit"), QStringLiteral("code"));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("id_token token"), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_FrontChannel)
#include "tst_frontchannel.moc"
