// Rich authorization requests (RFC 9396) from the command line against the test provider's own (its
// debugger-rar client may ask for payment_initiation and account_information): the details checked before
// they are sent, granted back in the token response, a type the server does not take refused by name, and
// text that is not an authorization_details array never sent at all.
#include "CliProcess.h"
#include "ProviderInfo.h"
#include "oauth/AuthorizationDetails.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

class tst_RichAuthorization : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void detailsAreAskedForAndGranted();
    void detailsGoInAClientCredentialsRequest();
    void aTypeTheServerDoesNotTakeIsRefusedByName();
    void textThatIsNotDetailsIsNeverSent_data();
    void textThatIsNotDetailsIsNeverSent();

private:
    [[nodiscard]] CliRun run(const QStringList& arguments) const;
    [[nodiscard]] static QStringList rules(const QJsonObject& report, const QString& step);

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
    QString m_profile;
};

void tst_RichAuthorization::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_provider.clients.contains(u"debugger-rar"_s));
    const QJsonObject profile{{u"name"_s, u"rar"_s},
                              {u"issuer"_s, m_provider.issuer},
                              {u"clientId"_s, u"debugger-rar"_s},
                              {u"clientType"_s, u"confidential"_s},
                              {u"authMethod"_s, u"client_secret_basic"_s},
                              {u"scopes"_s, u"payments"_s},
                              {u"localTestServer"_s, true}};
    m_profile = m_dir.filePath(u"rar.json"_s);
    QFile file(m_profile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(profile).toJson());
}

CliRun tst_RichAuthorization::run(const QStringList& arguments) const
{
    QProcessEnvironment env;
    env.insert(u"RAR_SECRET"_s,
               m_provider.clients.value(u"debugger-rar"_s).value(u"client_secret").toString());
    return runCli(arguments + QStringList{u"--profile-file"_s, m_profile, u"--client-secret-env"_s,
                                          u"RAR_SECRET"_s, u"--json"_s},
                  m_dir.filePath(u"config"_s), env);
}

QStringList tst_RichAuthorization::rules(const QJsonObject& report, const QString& step)
{
    QStringList out;
    for (const QJsonValue& s : report.value(u"steps").toArray())
        if (s.toObject().value(u"step").toString() == step)
            for (const QJsonValue& c : s.toObject().value(u"checks").toArray())
                if (c.toObject().value(u"rule").toString().startsWith(u"RA-"))
                    out << c.toObject().value(u"rule").toString() % u' ' %
                               c.toObject().value(u"result").toString();
    return out;
}

void tst_RichAuthorization::detailsAreAskedForAndGranted()
{
    const QString payment = uR"([{"type": "payment_initiation", "actions": ["initiate"],
              "instructedAmount": {"currency": "EUR", "amount": "12.50"}, "creditorName": "Shop"}])"_s;
    const CliRun r =
        run({u"flow"_s, u"authorization_code"_s, u"--authorization-details"_s, payment, u"--browser"_s,
             u"node "_s % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u"_s, u"--timeout"_s,
             u"15"_s});
    QVERIFY2(r.exitCode == 0, r.out.constData());
    const QJsonObject report = r.json();
    QCOMPARE(rules(report, u"Authorization request"_s), (QStringList{u"RA-01 ok"_s, u"RA-02 ok"_s}));
    QCOMPARE(rules(report, u"Token"_s), QStringList{u"RA-03 ok"_s});
    // Granted back as the user consented.
    QString sent;
    for (const QJsonValue& e : report.value(u"traffic").toArray())
        if (e.toObject().value(u"url").toString().endsWith(u"/token"))
            sent = e.toObject().value(u"response").toString();
    QVERIFY2(sent.contains(u"\"creditorName\": \"Shop\""), qPrintable(sent));
}

void tst_RichAuthorization::detailsGoInAClientCredentialsRequest()
{
    const CliRun r = run({u"flow"_s, u"client_credentials"_s, u"--authorization-details"_s,
                          uR"([{"type":"account_information","actions":["list"]}])"_s});
    QVERIFY2(r.exitCode == 0, r.out.constData());
    QCOMPARE(rules(r.json(), u"Client credentials"_s),
             (QStringList{u"RA-01 ok"_s, u"RA-02 ok"_s, u"RA-03 ok"_s}));
    const QString request =
        r.json().value(u"traffic").toArray().last().toObject().value(u"request").toString();
    QVERIFY2(request.contains(u"authorization_details=%5B%7B%22type%22%3A%22account_information%22"),
             qPrintable(request));
}

void tst_RichAuthorization::aTypeTheServerDoesNotTakeIsRefusedByName()
{
    const CliRun r = run({u"flow"_s, u"client_credentials"_s, u"--authorization-details"_s,
                          uR"([{"type":"wire_transfer"}])"_s});
    QCOMPARE(r.exitCode, 1);
    QStringList said = rules(r.json(), u"Client credentials"_s);
    QCOMPARE(said, (QStringList{u"RA-01 ok"_s, u"RA-02 warn"_s}));
    QVERIFY2(QString::fromUtf8(r.err).contains(u"invalid_authorization_details"), r.err.constData());
}

void tst_RichAuthorization::textThatIsNotDetailsIsNeverSent_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("said");
    QTest::newRow("not JSON") << u"[{\"type\": }"_s << u"Not JSON"_s;
    QTest::newRow("an object") << u"{\"type\": \"a\"}"_s << u"a JSON array"_s;
    QTest::newRow("no type") << u"[{\"actions\": [\"x\"]}]"_s << u"has no type"_s;
    QTest::newRow("actions not strings")
        << u"[{\"type\": \"a\", \"actions\": [1]}]"_s << u"array of non-empty strings"_s;
}

void tst_RichAuthorization::textThatIsNotDetailsIsNeverSent()
{
    QFETCH(QString, text);
    QFETCH(QString, said);
    const Findings checks = AuthorizationDetails::check(text, {});
    QCOMPARE(checks.size(), 1);
    QCOMPARE(checks.first().severity, Severity::Error);
    QVERIFY2(checks.first().message.contains(said), qPrintable(checks.first().message));
    // The command line stops before the request: the browser ("false") never runs, nothing reaches /auth.
    const CliRun r = run({u"flow"_s, u"authorization_code"_s, u"--authorization-details"_s, text,
                          u"--browser"_s, u"false %u"_s});
    QVERIFY(r.exitCode != 0);
    QVERIFY2(QString::fromUtf8(r.err).contains(u"authorization_details was not sent"), r.err.constData());
    for (const QJsonValue& e : r.json().value(u"traffic").toArray())
        QVERIFY(!e.toObject().value(u"url").toString().contains(u"/auth"));
}

QTEST_GUILESS_MAIN(tst_RichAuthorization)
#include "tst_richauthorization.moc"
