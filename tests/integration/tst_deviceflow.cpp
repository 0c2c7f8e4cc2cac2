// The device authorization grant (RFC 8628) from the command line against the test provider, with the
// scripted browser signing in at verification_uri_complete as QA automation does: approved (tokens, the first
// poll one interval after the code), denied (exit 1), expired (exit 4), and a slow_down that makes every
// later poll wait 5 s more. The provider's device clients get `interval` 1 s and the slow_down answer from
// tests/provider/device.mjs (oidc-provider sends neither); the code and its QR code go to stderr, the report
// stays one JSON document on stdout.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class tst_DeviceFlow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anApprovedSignInGetsTokens();
    void aDenialEndsIt();
    void anExpiredCodeEndsItAsATimeOut();
    void slowDownLengthensEveryLaterPoll();
    void aServerWithoutTheGrantIsSaidBeforeSending();

private:
    [[nodiscard]] QString profileFile(const QString& clientId, const QString& issuer = {}) const;
    [[nodiscard]] CliRun run(const QString& clientId, const QString& browserArgs = {}) const;
    // When each exchange to `path` started, in order.
    [[nodiscard]] static QList<QDateTime> startsOf(const QJsonObject& report, const QString& path);

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_DeviceFlow::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_provider.clients.contains(QStringLiteral("debugger-device-slow")));
    QVERIFY(m_dir.isValid());
}

QString tst_DeviceFlow::profileFile(const QString& clientId, const QString& issuer) const
{
    const QJsonObject profile{{QStringLiteral("name"), clientId},
                              {QStringLiteral("issuer"), issuer.isEmpty() ? m_provider.issuer : issuer},
                              {QStringLiteral("clientId"), clientId},
                              {QStringLiteral("clientType"), QStringLiteral("public")},
                              {QStringLiteral("authMethod"), QStringLiteral("none")},
                              {QStringLiteral("scopes"), QStringLiteral("openid offline_access")},
                              {QStringLiteral("localTestServer"), true}};
    const QString path = m_dir.filePath(clientId + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}

CliRun tst_DeviceFlow::run(const QString& clientId, const QString& browserArgs) const
{
    QStringList arguments{QStringLiteral("flow"), QStringLiteral("device_code"),
                          QStringLiteral("--profile-file"), profileFile(clientId), QStringLiteral("--json")};
    if (!browserArgs.isNull())
        arguments << QStringLiteral("--browser")
                  << u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet " % browserArgs %
                         u" %u";
    QProcessEnvironment env;
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    return runCli(arguments, m_dir.filePath(QStringLiteral("config")), env);
}

QList<QDateTime> tst_DeviceFlow::startsOf(const QJsonObject& report, const QString& path)
{
    QList<QDateTime> starts;
    for (const QJsonValue& e : report.value(u"traffic").toArray())
        if (QUrl(e.toObject().value(u"url").toString()).path() == path)
            starts << QDateTime::fromString(e.toObject().value(u"started").toString(), Qt::ISODateWithMs);
    return starts;
}

void tst_DeviceFlow::anApprovedSignInGetsTokens()
{
    const CliRun r = run(QStringLiteral("debugger-device"), QStringLiteral(""));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = r.json();
    QVERIFY(!report.value(u"tokens").toObject().value(u"access_token").toString().isEmpty());
    QVERIFY(!report.value(u"tokens").toObject().value(u"refresh_token").toString().isEmpty());
    QCOMPARE(checkMessages(report, QStringLiteral("DV-01")).size(), 1);
    QVERIFY(checkMessages(report, QStringLiteral("DV-02")).contains(u"Polls every 1 s, as the server asks."));
    // The first poll waits one interval (RFC 8628 §3.4-3.5); the code went nowhere but the token endpoint.
    const QList<QDateTime> issued = startsOf(report, QStringLiteral("/device/auth"));
    const QList<QDateTime> polls = startsOf(report, QStringLiteral("/token"));
    QVERIFY(issued.size() == 1 && !polls.isEmpty());
    QVERIFY2(issued.first().msecsTo(polls.first()) >= 950,
             qPrintable(polls.first().toString(Qt::ISODateWithMs)));
    // The user code and a QR code of the complete URI on stderr; stdout is the JSON document alone.
    QVERIFY2(r.err.contains("To sign in, open ") && r.err.contains("and enter the code"), r.err.constData());
    QVERIFY(r.err.contains("\xe2\x96\x88")); // half blocks: U+2588
    QVERIFY(r.out.trimmed().startsWith('{') && r.out.trimmed().endsWith('}'));
    const QString request = report.value(u"traffic").toArray().at(2).toObject().value(u"request").toString();
    // The device_code is a credential: masked in the traffic, like a code.
    QVERIFY2(request.contains(u"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code") &&
                 request.contains(u"device_code=\u2022"),
             qPrintable(request));
    const QString answer = report.value(u"traffic").toArray().at(1).toObject().value(u"response").toString();
    QVERIFY2(answer.contains(QRegularExpression(QStringLiteral("\"device_code\":\\s*\"\u2022"))) &&
                 answer.contains(QRegularExpression(QStringLiteral("\"user_code\":\\s*\"[A-Z]"))),
             qPrintable(answer));
}

void tst_DeviceFlow::aDenialEndsIt()
{
    const CliRun r = run(QStringLiteral("debugger-device"), QStringLiteral("--cancel"));
    QCOMPARE(r.exitCode, 1);
    const QJsonObject error = r.json().value(u"error").toObject();
    QCOMPARE(error.value(u"error").toString(), QStringLiteral("access_denied"));
    QVERIFY2(error.value(u"message").toString().contains(u"denied"), r.out.constData());
}

void tst_DeviceFlow::anExpiredCodeEndsItAsATimeOut()
{
    // No one signs in; the code lives 3 s.
    const CliRun r = run(QStringLiteral("debugger-device-short"));
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.json().value(u"error").toObject().value(u"message").toString().contains(u"expired"),
             r.out.constData());
    QVERIFY(startsOf(r.json(), QStringLiteral("/token")).size() <= 4); // one a second at most
}

void tst_DeviceFlow::slowDownLengthensEveryLaterPoll()
{
    // The first poll is told to slow down; nobody signs in, so the polls go on until the code (14 s) expires.
    const CliRun r = run(QStringLiteral("debugger-device-slow"));
    QCOMPARE(r.exitCode, 4);
    const QList<QDateTime> polls = startsOf(r.json(), QStringLiteral("/token"));
    QVERIFY2(polls.size() >= 3, r.out.constData());
    for (qsizetype i = 1; i < polls.size(); ++i)
        QVERIFY2(polls.at(i - 1).msecsTo(polls.at(i)) >= 5'900,
                 "every poll after the slow_down waits 1 + 5 s");
    const QStringList said = checkMessages(r.json(), QStringLiteral("DV-02"));
    QVERIFY2(said.filter(u"asked to slow down 1 time(s)").size() == 1, qPrintable(said.join(u'\n')));
}

void tst_DeviceFlow::aServerWithoutTheGrantIsSaidBeforeSending()
{
    // The RFC 8414 shape of the provider lists no device_authorization_endpoint.
    QStringList arguments{
        QStringLiteral("flow"), QStringLiteral("device_code"), QStringLiteral("--profile-file"),
        profileFile(QStringLiteral("debugger-device"), m_provider.issuer + u"/__shapes/oauth"),
        QStringLiteral("--json")};
    const CliRun r = runCli(arguments, m_dir.filePath(QStringLiteral("config")));
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.json()
                 .value(u"error")
                 .toObject()
                 .value(u"message")
                 .toString()
                 .contains(u"lists no device_authorization_endpoint"),
             r.out.constData());
}

QTEST_GUILESS_MAIN(tst_DeviceFlow)
#include "tst_deviceflow.moc"
