// The device authorization response read strictly (RFC 8628 §3.2), on answers no test server gives: each
// required member missing or of the wrong type (DV-01), no interval (the 5 s default, DV-02) or a useless
// one, a verification URI that is not https, and an error answer read as the token endpoint's.
#include "net/HttpExchange.h"
#include "oauth/DeviceAuthorization.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace oauth2dbg;

namespace {
const QJsonObject kGood{{QStringLiteral("device_code"), QStringLiteral("dc-123")},
                        {QStringLiteral("user_code"), QStringLiteral("WDJB-MJHT")},
                        {QStringLiteral("verification_uri"), QStringLiteral("https://op.example.com/device")},
                        {QStringLiteral("verification_uri_complete"),
                         QStringLiteral("https://op.example.com/device?user_code=WDJB-MJHT")},
                        {QStringLiteral("expires_in"), 1800}};

DeviceAuthorization read(const QJsonObject& body, int status = 200)
{
    HttpExchange e;
    e.id = 7;
    e.finished = true;
    e.status = status;
    e.responseHeaders = {{"Content-Type", "application/json"}};
    e.responseBody = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return DeviceAuthorizationResponse::interpret(e);
}

QStringList messages(const DeviceAuthorization& d, const QString& rule)
{
    QStringList out;
    for (const Finding& f : d.checks)
        if (f.rule == rule)
            out << f.message;
    return out;
}
} // namespace

class tst_DeviceAuthorization : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aCompleteAnswerIsRead()
    {
        const DeviceAuthorization d = read(kGood);
        QVERIFY2(d.ok(), qPrintable(d.error.message));
        QCOMPARE(d.deviceCode.reveal(), QByteArray("dc-123"));
        QCOMPARE(d.userCode, QStringLiteral("WDJB-MJHT"));
        QCOMPARE(d.uriToOpen().toString(),
                 QStringLiteral("https://op.example.com/device?user_code=WDJB-MJHT"));
        QCOMPARE(d.expiresAt(), d.issuedAt.addSecs(1800));
        QCOMPARE(d.exchangeId, quint64(7));
        // No interval: 5 s, the RFC's default (DV-02).
        QCOMPARE(d.interval, 5);
        QVERIFY(!d.intervalGiven);
        QVERIFY(messages(d, QStringLiteral("DV-02")).first().contains(u"polls every 5 s"));
    }

    void theServersIntervalIsKept_data()
    {
        QTest::addColumn<QJsonValue>("interval");
        QTest::addColumn<int>("used");
        QTest::addRow("7") << QJsonValue(7) << 7;
        QTest::addRow("zero") << QJsonValue(0) << 5;
        QTest::addRow("a string") << QJsonValue(QStringLiteral("7")) << 5;
        QTest::addRow("a day") << QJsonValue(86'400) << 5;
    }

    void theServersIntervalIsKept()
    {
        QFETCH(QJsonValue, interval);
        QFETCH(int, used);
        QJsonObject body = kGood;
        body.insert(QStringLiteral("interval"), interval);
        const DeviceAuthorization d = read(body);
        QVERIFY(d.ok());
        QCOMPARE(d.interval, used);
    }

    void eachRequiredMemberIsRequired_data()
    {
        QTest::addColumn<QString>("member");
        QTest::addColumn<QJsonValue>("value"); // undefined: left out
        QTest::addColumn<QString>("said");
        QTest::addRow("no device_code")
            << "device_code" << QJsonValue(QJsonValue::Undefined) << "device_code (missing)";
        QTest::addRow("numeric user_code") << "user_code" << QJsonValue(42) << "user_code (not a string)";
        QTest::addRow("no verification_uri")
            << "verification_uri" << QJsonValue(QJsonValue::Undefined) << "verification_uri (missing)";
        QTest::addRow("javascript: verification_uri")
            << "verification_uri" << QJsonValue(QStringLiteral("javascript:alert(1)")) << "not an https URL";
        QTest::addRow("http verification_uri elsewhere")
            << "verification_uri" << QJsonValue(QStringLiteral("http://op.example.com/device"))
            << "not an https URL";
        QTest::addRow("expires_in as text") << "expires_in" << QJsonValue(QStringLiteral("1800"))
                                            << "expires_in (not a positive whole number)";
        QTest::addRow("expires_in negative")
            << "expires_in" << QJsonValue(-1) << "not a positive whole number";
    }

    void eachRequiredMemberIsRequired()
    {
        QFETCH(QString, member);
        QFETCH(QJsonValue, value);
        QFETCH(QString, said);
        QJsonObject body = kGood;
        if (value.isUndefined())
            body.remove(member);
        else
            body.insert(member, value);
        const DeviceAuthorization d = read(body);
        QVERIFY(!d.ok());
        QCOMPARE(d.error.kind, ErrorKind::Protocol);
        const QStringList dv01 = messages(d, QStringLiteral("DV-01"));
        QVERIFY2(dv01.size() == 1 && dv01.first().contains(said), qPrintable(dv01.join(u'\n')));
    }

    void aUselessCompleteUriIsNotUsed()
    {
        QJsonObject body = kGood;
        body.insert(QStringLiteral("verification_uri_complete"), QStringLiteral("file:///etc/passwd"));
        const DeviceAuthorization d = read(body);
        QVERIFY(d.ok());
        QVERIFY(!d.verificationUriComplete.isValid());
        QCOMPARE(d.uriToOpen().toString(), QStringLiteral("https://op.example.com/device"));
        QVERIFY(messages(d, QStringLiteral("DV-01")).filter(u"is not used").size() == 1);
    }

    void anErrorIsReadAsTheTokenEndpointsWould()
    {
        const DeviceAuthorization d =
            read({{QStringLiteral("error"), QStringLiteral("invalid_client")},
                  {QStringLiteral("error_description"), QStringLiteral("unknown client")}},
                 401);
        QVERIFY(!d.ok());
        QCOMPARE(d.error.oauthError, QStringLiteral("invalid_client"));
        QCOMPARE(d.error.httpStatus, 401);
        QVERIFY2(!d.error.message.contains(u"The token endpoint"), qPrintable(d.error.message));
    }
};

QTEST_GUILESS_MAIN(tst_DeviceAuthorization)
#include "tst_deviceauthorization.moc"
