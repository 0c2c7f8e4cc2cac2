// The device grant (RFC 8628) against the second, independent server (glewlwyd, set up by
// tests/provider/glewlwyd.mjs with its own device authorization: an interval of 1 s and codes that live 12
// s). The scripted browser opens glewlwyd's verification_uri_complete, signs in on its script-driven login
// page and grants the scopes, as a user on a phone would; nobody signing in lets the code run out on
// glewlwyd's clock.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

class tst_SecondServerDevice : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aSignInOnTheOtherServerGetsVerifiedTokens();
    void nobodySigningInRunsOutAtItsPace();

private:
    [[nodiscard]] CliRun run(const QString& browser) const;
    [[nodiscard]] static QList<QDateTime> startsOf(const QJsonObject& report, const QString& path);

    ProviderInfo m_server;
    QTemporaryDir m_dir;
};

void tst_SecondServerDevice::initTestCase()
{
    m_server = ProviderInfo::load("OAUTH2DBG_GLEWLWYD_INFO");
    QVERIFY2(m_server.error.isEmpty(), qPrintable(m_server.error));
    QCOMPARE(m_server.server, QStringLiteral("glewlwyd"));
    QVERIFY(m_dir.isValid());
}

CliRun tst_SecondServerDevice::run(const QString& browser) const
{
    const QJsonObject profile{
        {QStringLiteral("name"), QStringLiteral("glewlwyd device")},
        {QStringLiteral("issuer"), m_server.issuer},
        {QStringLiteral("clientId"), m_server.publicClient.value(u"client_id").toString()},
        {QStringLiteral("authMethod"), QStringLiteral("none")},
        {QStringLiteral("scopes"), QStringLiteral("openid profile")},
        {QStringLiteral("localTestServer"), true}};
    const QString path = m_dir.filePath(QStringLiteral("device.json"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    file.close();
    QStringList arguments{QStringLiteral("flow"), QStringLiteral("device_code"),
                          QStringLiteral("--profile-file"), path, QStringLiteral("--json")};
    if (!browser.isEmpty())
        arguments << QStringLiteral("--browser") << browser;
    return runCli(arguments, m_dir.filePath(QStringLiteral("config")));
}

QList<QDateTime> tst_SecondServerDevice::startsOf(const QJsonObject& report, const QString& path)
{
    QList<QDateTime> starts;
    for (const QJsonValue& e : report.value(u"traffic").toArray())
        if (QUrl(e.toObject().value(u"url").toString()).path().endsWith(path))
            starts << QDateTime::fromString(e.toObject().value(u"started").toString(), Qt::ISODateWithMs);
    return starts;
}

void tst_SecondServerDevice::aSignInOnTheOtherServerGetsVerifiedTokens()
{
    const CliRun r = run(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject report = r.json();
    // glewlwyd's own device authorization answer, held to RFC 8628 §3.2 like any other.
    QCOMPARE(checkMessages(report, QStringLiteral("DV-01")).size(), 1);
    QVERIFY2(r.err.contains("/device?code="), r.err.constData()); // verification_uri_complete, shown at once
    const QJsonObject decoded = report.value(u"tokens").toObject().value(u"decoded").toObject();
    QCOMPARE(
        decoded.value(u"id_token").toObject().value(u"verification").toObject().value(u"verdict").toString(),
        QStringLiteral("verified"));
    QCOMPARE(decoded.value(u"id_token").toObject().value(u"claims").toObject().value(u"iss").toString(),
             m_server.issuer);
    // The device_code is a credential at this server too: masked in the traffic.
    bool sawPoll = false;
    for (const QJsonValue& e : report.value(u"traffic").toArray()) {
        const QString request = e.toObject().value(u"request").toString();
        if (!request.contains(u"grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"))
            continue;
        sawPoll = true;
        QVERIFY2(request.contains(u"device_code=\u2022"), qPrintable(request));
    }
    QVERIFY(sawPoll);
}

void tst_SecondServerDevice::nobodySigningInRunsOutAtItsPace()
{
    // No browser: the code glewlwyd gives lives 12 s and asks for a poll a second at most.
    const CliRun r = run({});
    QCOMPARE(r.exitCode, 4);
    const QJsonObject report = r.json();
    QVERIFY2(report.value(u"error").toObject().value(u"message").toString().contains(u"expired"),
             r.out.constData());
    const QList<QDateTime> polls = startsOf(report, QStringLiteral("/token"));
    QVERIFY2(polls.size() >= 5 && polls.size() <= 12, r.out.constData());
    for (qsizetype i = 1; i < polls.size(); ++i)
        QVERIFY2(polls.at(i - 1).msecsTo(polls.at(i)) >= 990, "never sooner than glewlwyd's interval");
    // glewlwyd never had reason to say slow_down: the pace stayed its own.
    const QStringList pace = checkMessages(report, QStringLiteral("DV-02"));
    QVERIFY2(pace.size() == 2 && pace.at(0) == u"Polls every 1 s, as the server asks." &&
                 pace.at(1) == QStringLiteral("%1 poll(s), 1 s apart.").arg(polls.size()),
             qPrintable(pace.join(u'\n')));
}

QTEST_GUILESS_MAIN(tst_SecondServerDevice)
#include "tst_secondserverdevice.moc"
