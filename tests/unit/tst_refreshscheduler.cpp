#include "oauth/RefreshScheduler.h"

#include <QSignalSpy>
#include <QTest>

using namespace oauth2dbg;

class tst_RefreshScheduler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lead_data();
    void lead();
    void firesOnceWhenTheClockGetsThere();
    void stopCancels();
};

void tst_RefreshScheduler::lead_data()
{
    QTest::addColumn<qint64>("lifetime");
    QTest::addColumn<qint64>("lead");
    QTest::addRow("20 s") << qint64(20) << qint64(5);
    QTest::addRow("120 s") << qint64(120) << qint64(12);
    QTest::addRow("1 h") << qint64(3600) << qint64(60);
}

void tst_RefreshScheduler::lead()
{
    QFETCH(qint64, lifetime);
    QFETCH(qint64, lead);
    QCOMPARE(RefreshScheduler::leadSeconds(lifetime), lead);
}

void tst_RefreshScheduler::firesOnceWhenTheClockGetsThere()
{
    const QDateTime start = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    QDateTime now = start;
    RefreshScheduler scheduler;
    scheduler.setClock([&now] { return now; });
    QSignalSpy due(&scheduler, &RefreshScheduler::due);
    scheduler.schedule(start, 600);
    QCOMPARE(scheduler.dueAt(), start.addSecs(540));
    now = start.addSecs(539);
    scheduler.check();
    QCOMPARE(due.size(), 0);
    now = start.addSecs(540);
    scheduler.check();
    QCOMPARE(due.size(), 1);
    scheduler.check();
    QCOMPARE(due.size(), 1); // once
    QVERIFY(!scheduler.isScheduled());
}

void tst_RefreshScheduler::stopCancels()
{
    QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    RefreshScheduler scheduler;
    scheduler.setClock([&now] { return now; });
    QSignalSpy due(&scheduler, &RefreshScheduler::due);
    scheduler.schedule(now, 60);
    scheduler.stop();
    now = now.addSecs(3600);
    scheduler.check();
    QCOMPARE(due.size(), 0);
}

QTEST_GUILESS_MAIN(tst_RefreshScheduler)
#include "tst_refreshscheduler.moc"
