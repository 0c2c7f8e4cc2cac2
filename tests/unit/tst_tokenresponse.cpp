#include "common/Seconds.h"
#include "jose/JwtDecode.h"
#include "oauth/RefreshScheduler.h"
#include "oauth/TokenResponse.h"

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

QTEST_GUILESS_MAIN(tst_TokenResponse)
#include "tst_tokenresponse.moc"
