#include "common/Seconds.h"
#include "jose/JwtDecode.h"
#include "oauth/RefreshScheduler.h"
#include "oauth/TokenResponse.h"
#include "session/FlowSteps.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace oauth2dbg;

// Lifetimes and times from a server are numbers anyone can choose: 1e300 must not become
// -9223372036854775808 s (an out-of-range cast), and a negative lifetime must not pass unremarked.
class tst_TokenResponse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lifetimes_data();
    void lifetimes();
    void absurdTimeClaims();
    void theScopeGrantedIsComparedWithTheScopeAsked_data();
    void theScopeGrantedIsComparedWithTheScopeAsked();
};

namespace {
HttpExchange answer(const QByteArray& expiresIn)
{
    HttpExchange e;
    e.finished = true;
    e.status = 200;
    e.responseHeaders = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
    e.responseBody = R"({"access_token":"at","token_type":"Bearer","expires_in":)" + expiresIn + "}";
    return e;
}
} // namespace

void tst_TokenResponse::lifetimes_data()
{
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<qint64>("taken");
    QTest::addColumn<bool>("warned");
    QTest::newRow("an hour") << QByteArray("3600") << qint64(3600) << false;
    QTest::newRow("1e300") << QByteArray("1e300") << Seconds::kMaxLifetime << true;
    QTest::newRow("negative") << QByteArray("-5") << qint64(0) << true;
    QTest::newRow("fraction") << QByteArray("59.5") << qint64(59) << true;
    QTest::newRow("as a huge string") << QByteArray("\"1e300\"") << Seconds::kMaxLifetime << true;
}

void tst_TokenResponse::lifetimes()
{
    QFETCH(QByteArray, sent);
    QFETCH(qint64, taken);
    QFETCH(bool, warned);
    const TokenResult result = TokenResponse::interpret(answer(sent));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.tokens.expiresIn.value_or(-1), taken);
    const bool said = std::any_of(result.checks.cbegin(), result.checks.cend(), [](const Finding& f) {
        return f.field == u"expires_in" && f.severity == Severity::Warning &&
               f.message.contains(u"ten years");
    });
    QCOMPARE(said, warned);
    RefreshScheduler scheduler;
    scheduler.schedule(QDateTime::currentDateTimeUtc(), *result.tokens.expiresIn); // no overflow, no UB
}

void tst_TokenResponse::absurdTimeClaims()
{
    const QJsonObject claims{{QStringLiteral("exp"), 1e300}, {QStringLiteral("iat"), -1.0}};
    const QList<ClaimLine> lines = explainClaims(claims, QDateTime::currentDateTimeUtc());
    QCOMPARE(lines.size(), 2);
    for (const ClaimLine& line : lines)
        QVERIFY2(line.meaning.contains(u"not a time"), qPrintable(line.meaning));
    QCOMPARE(countdown(claims, QDateTime::currentDateTimeUtc()),
             QStringLiteral("exp is not a time (outside 1970 to 9999)"));
    QVERIFY(!Seconds::epoch(1e300) && !Seconds::epoch(-1) && Seconds::epoch(1.7e9) == qint64(1700000000));
}

// TE-11 (RFC 6749 §3.3, §5.1): a grant narrower or wider than the request is said; the same scope in another
// order, or no scope member at all, is the scope asked for.
void tst_TokenResponse::theScopeGrantedIsComparedWithTheScopeAsked_data()
{
    QTest::addColumn<QString>("asked");
    QTest::addColumn<QString>("granted");
    QTest::addColumn<int>("severity"); // -1: no finding
    QTest::addColumn<QString>("says");
    QTest::addRow("as asked") << "openid email"
                              << "openid email" << int(Severity::Info) << "Granted as asked";
    QTest::addRow("another order") << "openid  email"
                                   << "email openid" << int(Severity::Info) << "Granted as asked";
    QTest::addRow("no scope member") << "openid email"
                                     << "" << int(Severity::Info) << "as asked (RFC 6749 §5.1)";
    QTest::addRow("narrowed") << "openid admin"
                              << "openid" << int(Severity::Warning) << "not granted: admin";
    QTest::addRow("widened") << "openid"
                             << "openid offline_access" << int(Severity::Warning)
                             << "granted without being asked: offline_access";
    QTest::addRow("nothing asked") << ""
                                   << "openid" << -1 << "";
}

void tst_TokenResponse::theScopeGrantedIsComparedWithTheScopeAsked()
{
    QFETCH(QString, asked);
    QFETCH(QString, granted);
    QFETCH(int, severity);
    QFETCH(QString, says);
    const std::optional<Finding> finding = FlowSteps::scopeGranted(asked, granted);
    QCOMPARE(finding.has_value(), severity >= 0);
    if (!finding)
        return;
    QCOMPARE(finding->rule, QStringLiteral("TE-11"));
    QCOMPARE(int(finding->severity), severity);
    QVERIFY2(finding->message.contains(says), qPrintable(finding->message));
}

QTEST_GUILESS_MAIN(tst_TokenResponse)
#include "tst_tokenresponse.moc"
