#include "traffic/TrafficLog.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace oauth2dbg;

namespace {
HttpExchange pending(quint64 id, const char* url)
{
    HttpExchange e;
    e.id = id;
    e.started = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678));
    e.method = "GET";
    e.url = QUrl(QString::fromLatin1(url));
    return e;
}
} // namespace

class tst_TrafficLog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recordsAndUpdatesRows();
    void displaysAnExchange();
    void transportErrorsAreNamed_data();
    void transportErrorsAreNamed();
    void clearEmpties();
    void aClearCanBeUndone();
    void exportMasksCredentials();
};

void tst_TrafficLog::recordsAndUpdatesRows()
{
    TrafficLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&log, &TrafficLog::rowsInserted);
    QSignalSpy changed(&log, &TrafficLog::dataChanged);

    log.record(pending(7, "https://op.example.com/token"));
    log.record(pending(8, "https://op.example.com/jwks"));
    QCOMPARE(log.rowCount(), 2);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(log.data(log.index(0, TrafficLog::Status)).toString(), QStringLiteral("…"));

    HttpExchange done = pending(7, "https://op.example.com/token");
    done.finished = true;
    done.status = 400;
    done.durationMs = 12;
    log.record(done);
    QCOMPARE(log.rowCount(), 2); // updated in place, not appended
    QCOMPARE(changed.size(), 1);
    QCOMPARE(log.rowOf(7), 0);
    QCOMPARE(log.exchangeById(7)->status, 400);
    QCOMPARE(log.data(log.index(0, TrafficLog::Status)).toString(), QStringLiteral("400"));
    QCOMPARE(log.data(log.index(1, 0), TrafficLog::ExchangeIdRole).toULongLong(), 8ull);
    QVERIFY(log.exchangeAt(2) == nullptr);
    QVERIFY(log.exchangeAt(-1) == nullptr);
}

void tst_TrafficLog::displaysAnExchange()
{
    TrafficLog log;
    HttpExchange e = pending(1, "https://op.example.com:8443/realms/x/token?q=1");
    e.finished = true;
    e.status = 200;
    e.durationMs = 34;
    e.responseBody = QByteArray(1500, 'x');
    log.record(e);
    const auto cell = [&log](int column) {
        return log.data(log.index(0, column)).toString();
    };
    QCOMPARE(cell(TrafficLog::Time), QStringLiteral("03:04:05.678"));
    QCOMPARE(cell(TrafficLog::Method), QStringLiteral("GET"));
    QCOMPARE(cell(TrafficLog::Host), QStringLiteral("op.example.com:8443"));
    QCOMPARE(cell(TrafficLog::Path), QStringLiteral("/realms/x/token"));
    QCOMPARE(cell(TrafficLog::Status), QStringLiteral("200"));
    QCOMPARE(cell(TrafficLog::Duration), QStringLiteral("34 ms"));
    // Above a second, seconds; above a minute, minutes: the same words in the window and the command line.
    for (const auto& [ms, text] : {std::pair<qint64, const char*>{999, "999 ms"},
                                   {1000, "1.0 s"},
                                   {1449, "1.4 s"},
                                   {59'949, "59.9 s"},
                                   {59'950, "1 min 00 s"},
                                   {125'400, "2 min 05 s"}}) {
        e.durationMs = ms;
        log.record(e);
        QCOMPARE(cell(TrafficLog::Duration), QString::fromLatin1(text));
    }
    e.durationMs = 34;
    log.record(e);
    QCOMPARE(cell(TrafficLog::Size), QStringLiteral("1.5 kB"));
    QCOMPARE(log.headerData(TrafficLog::Status, Qt::Horizontal).toString(), QStringLiteral("Status"));
}

void tst_TrafficLog::transportErrorsAreNamed_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("status");
    QTest::addRow("timeout") << int(ErrorKind::Timeout) << "timeout";
    QTest::addRow("tls") << int(ErrorKind::Tls) << "TLS error";
    QTest::addRow("cancelled") << int(ErrorKind::Cancelled) << "cancelled";
    QTest::addRow("refused") << int(ErrorKind::Network) << "failed";
}

void tst_TrafficLog::transportErrorsAreNamed()
{
    QFETCH(int, kind);
    QFETCH(QString, status);
    TrafficLog log;
    HttpExchange e = pending(1, "https://op.example.com/");
    e.finished = true;
    e.error = {.kind = ErrorKind(kind), .message = QStringLiteral("what happened")};
    log.record(e);
    QCOMPARE(log.data(log.index(0, TrafficLog::Status)).toString(), status);
    QCOMPARE(log.data(log.index(0, TrafficLog::Status), Qt::ToolTipRole).toString(),
             QStringLiteral("what happened"));
    QCOMPARE(log.data(log.index(0, TrafficLog::Size)).toString(), QString());
}

void tst_TrafficLog::clearEmpties()
{
    TrafficLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.record(pending(1, "https://a.example/"));
    log.clear();
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(log.rowOf(1), -1);
    log.record(pending(2, "https://b.example/"));
    QCOMPARE(log.rowOf(2), 0);
}

void tst_TrafficLog::aClearCanBeUndone()
{
    TrafficLog log;
    QAbstractItemModelTester tester(&log, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.record(pending(1, "https://a.example/"));
    log.record(pending(2, "https://b.example/"));
    std::vector<HttpExchange> taken = log.takeAll();
    QCOMPARE(log.rowCount(), 0);
    QCOMPARE(taken.size(), size_t(2));
    log.record(pending(3, "https://c.example/"));      // while the undo is on offer
    taken.push_back(pending(3, "https://c.example/")); // never twice
    log.restore(std::move(taken));
    QCOMPARE(log.rowCount(), 3);
    QCOMPARE(log.rowOf(1), 0);
    QCOMPARE(log.rowOf(2), 1);
    QCOMPARE(log.rowOf(3), 2);
    QVERIFY(log.searchText(1).contains(u"b.example"));
}

void tst_TrafficLog::exportMasksCredentials()
{
    TrafficLog log;
    HttpExchange e = pending(1, "https://login.example.com/token?code=c0de-value");
    e.method = "POST";
    e.requestHeaders = {{"Authorization", "Basic ZGVidWdnZXI6czNjcmV0"}};
    e.requestBody = "grant_type=refresh_token&refresh_token=rt-value-123&client_secret=s3cret-value";
    e.finished = true;
    e.status = 200;
    e.reason = "OK";
    e.responseHeaders = {{"Content-Type", "application/json"}};
    e.responseBody =
        R"({"access_token":"at-value-456","refresh_token":"rt-value-789","token_type":"Bearer"})";
    log.record(e);
    const QByteArray text = log.exportText();
    QVERIFY(text.contains("POST"));
    QVERIFY(text.contains("grant_type=refresh_token"));
    QVERIFY(text.contains("\"token_type\": \"Bearer\""));
    for (const char* secret : {"ZGVidWdnZXI6czNjcmV0", "rt-value-123", "s3cret-value", "at-value-456",
                               "rt-value-789", "c0de-value"})
        QVERIFY2(!text.contains(secret), secret);
}

QTEST_GUILESS_MAIN(tst_TrafficLog)
#include "tst_trafficlog.moc"
