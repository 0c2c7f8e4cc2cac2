#include "traffic/TrafficFilter.h"
#include "traffic/TrafficLog.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

namespace {
HttpExchange exchange(quint64 id, const char* method, const char* url, int status, qint64 ms)
{
    HttpExchange e;
    e.id = id;
    e.started = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5)).addMSecs(qint64(id));
    e.method = method;
    e.url = QUrl(QString::fromLatin1(url));
    e.finished = true;
    e.status = status;
    e.durationMs = ms;
    return e;
}

QStringList paths(const QAbstractItemModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, TrafficLog::Path).data().toString();
    return out;
}
} // namespace

class tst_TrafficFilter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyWordMustMatch();
    void newRowsAreFiltered();
    void sortsByColumn();
};

void tst_TrafficFilter::everyWordMustMatch()
{
    TrafficLog log;
    TrafficFilter filter(&log);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.record(exchange(1, "GET", "https://login.example.com/.well-known/openid-configuration", 200, 12));
    log.record(exchange(2, "POST", "https://login.example.com/token", 400, 30));
    log.record(exchange(3, "POST", "https://api.example.com:8443/token/exchange", 200, 8));
    QCOMPARE(filter.rowCount(), 3);
    filter.setFilterText(u"token"_s);
    QCOMPARE(paths(filter), (QStringList{u"/token"_s, u"/token/exchange"_s}));
    filter.setFilterText(u"  POST   400 "_s); // case and extra spaces do not matter
    QCOMPARE(paths(filter), QStringList{u"/token"_s});
    filter.setFilterText(u":8443"_s); // the port is part of the host
    QCOMPARE(paths(filter), QStringList{u"/token/exchange"_s});
    filter.setFilterText(u"delete"_s);
    QCOMPARE(filter.rowCount(), 0);
    filter.setFilterText(QString());
    QCOMPARE(filter.rowCount(), 3);
}

void tst_TrafficFilter::newRowsAreFiltered()
{
    TrafficLog log;
    TrafficFilter filter(&log);
    filter.setFilterText(u"token"_s);
    log.record(exchange(1, "GET", "https://a.example/jwks", 200, 1));
    log.record(exchange(2, "POST", "https://a.example/token", 0, -1));
    QCOMPARE(paths(filter), QStringList{u"/token"_s});
    // A pending exchange that finishes is updated in place and still matches by its new status.
    filter.setFilterText(u"token 502"_s);
    QCOMPARE(filter.rowCount(), 0);
    log.record(exchange(2, "POST", "https://a.example/token", 502, 40));
    QCOMPARE(filter.rowCount(), 1);
}

void tst_TrafficFilter::sortsByColumn()
{
    TrafficLog log;
    TrafficFilter filter(&log);
    log.record(exchange(1, "GET", "https://a.example/b", 200, 50));
    log.record(exchange(2, "GET", "https://a.example/a", 404, 5));
    log.record(exchange(3, "GET", "https://a.example/c", 500, 20));
    filter.sort(TrafficLog::Time, Qt::DescendingOrder);
    QCOMPARE(paths(filter), (QStringList{u"/c"_s, u"/a"_s, u"/b"_s}));
    filter.sort(TrafficLog::Duration, Qt::AscendingOrder);
    QCOMPARE(paths(filter), (QStringList{u"/a"_s, u"/c"_s, u"/b"_s}));
    filter.sort(TrafficLog::Status, Qt::DescendingOrder);
    QCOMPARE(paths(filter), (QStringList{u"/c"_s, u"/a"_s, u"/b"_s}));
}

QTEST_GUILESS_MAIN(tst_TrafficFilter)
#include "tst_trafficfilter.moc"
