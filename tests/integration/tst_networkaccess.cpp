#include "ProviderInfo.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"
#include "traffic/TrafficLog.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace oauth2dbg;

class tst_NetworkAccess : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recordsWhatWasSent();
    void redirectsAreShownNotFollowed();
    void postBodyAndErrorResponse();
    void manyCallsEachFinishOnce();
    void endlessBodyIsCutOffEarly();

private:
    HttpExchange send(NetworkAccess& network, const HttpRequest& request);
    ProviderInfo m_provider;
};

void tst_NetworkAccess::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

namespace {
// A line of /proc/self/status in KiB (VmRSS now, VmHWM the peak); -1 where there is none.
long statusKib(const QByteArray& name)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(name + ':')))
            return line.mid(name.size() + 1).trimmed().split(' ').first().toLong();
    }
    return -1;
}
} // namespace

HttpExchange tst_NetworkAccess::send(NetworkAccess& network, const HttpRequest& request)
{
    HttpCall* call = network.send(request);
    QSignalSpy finished(call, &HttpCall::finished);
    if (!finished.wait(10'000))
        return {};
    return finished.first().first().value<HttpExchange>();
}

void tst_NetworkAccess::recordsWhatWasSent()
{
    TrafficLog log;
    NetworkAccess network(&log);
    const HttpExchange done = send(
        network, {.url = QUrl(m_provider.issuer + u"/jwks"), .headers = {{"Accept", "application/json"}}});
    QCOMPARE(done.status, 200);
    QCOMPARE(log.rowCount(), 1);
    const HttpExchange* logged = log.exchangeAt(0);
    QCOMPARE(logged->id, done.id);
    QCOMPARE(logged->requestHeaders.first(), qMakePair(QByteArray("Accept"), QByteArray("application/json")));
    QVERIFY(logged->requestHeader("User-Agent").startsWith("OAuth2Debugger/"));
    QVERIFY(logged->responseHeader("content-type").startsWith("application/"));
    QVERIFY(logged->responseBody.contains("\"keys\""));
}

void tst_NetworkAccess::redirectsAreShownNotFollowed()
{
    TrafficLog log;
    NetworkAccess network(&log);
    const QString query = QStringLiteral("client_id=debugger-public&response_type=code&scope=openid"
                                         "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Fcallback&state=s"
                                         "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                                         "&code_challenge_method=S256");
    const HttpExchange done = send(network, {.url = QUrl(m_provider.issuer + u"/auth?" + query)});
    QCOMPARE(done.status, 303);
    QVERIFY(done.responseHeader("Location").startsWith("/interaction/"));
    QCOMPARE(log.rowCount(), 1); // the hop was not followed
}

void tst_NetworkAccess::postBodyAndErrorResponse()
{
    TrafficLog log;
    NetworkAccess network(&log);
    const QByteArray body = "grant_type=client_credentials&client_id=nobody";
    const HttpExchange done =
        send(network, {.method = "POST",
                       .url = QUrl(m_provider.issuer + u"/token"),
                       .headers = {{"Content-Type", "application/x-www-form-urlencoded"}},
                       .body = body});
    QVERIFY2(done.status == 400 || done.status == 401, qPrintable(QString::number(done.status)));
    QVERIFY(!done.error.isError()); // an HTTP error status is an answer, not a transport failure
    QVERIFY(done.responseBody.contains("invalid_client"));
    QCOMPARE(log.exchangeAt(0)->requestBody, body);
    QCOMPARE(log.exchangeAt(0)->method, QByteArray("POST"));
}

void tst_NetworkAccess::manyCallsEachFinishOnce()
{
    TrafficLog log;
    NetworkAccess network(&log);
    constexpr int kCalls = 25;
    int finishedCount = 0;
    QSet<quint64> ids;
    for (int i = 0; i < kCalls; ++i) {
        HttpCall* call =
            network.send({.url = QUrl(m_provider.issuer + u"/.well-known/openid-configuration")});
        ids.insert(call->id());
        connect(call, &HttpCall::finished, this, [&finishedCount](const HttpExchange& e) {
            QCOMPARE(e.status, 200);
            ++finishedCount;
        });
    }
    QCOMPARE(ids.size(), kCalls);
    QTRY_COMPARE_WITH_TIMEOUT(finishedCount, kCalls, 15'000);
    QTest::qWait(50);
    QCOMPARE(finishedCount, kCalls);
    QCOMPARE(log.rowCount(), kCalls);
    for (int row = 0; row < kCalls; ++row)
        QVERIFY(log.exchangeAt(row)->finished);
}

// A server that sends without end (at the pace it is read): the call stops at 16 MiB, well within its
// deadline, and the process holds little more than that while it runs.
void tst_NetworkAccess::endlessBodyIsCutOffEarly()
{
    TrafficLog log;
    NetworkAccess network(&log);
    const long before = statusKib("VmRSS");
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    const bool peakReset = clear.open(QIODevice::WriteOnly) && clear.write("5") == 1; // VmHWM := VmRSS
    clear.close();
    QElapsedTimer clock;
    clock.start();
    HttpCall* call = network.send(
        {.url = QUrl(m_provider.issuer + u"/__shapes/endless"), .timeout = std::chrono::seconds(30)});
    QSignalSpy finished(call, &HttpCall::finished);
    QVERIFY(finished.wait(40'000));
    const qint64 took = clock.elapsed();
    const auto done = finished.first().first().value<HttpExchange>();
    QCOMPARE(done.error.kind, ErrorKind::Protocol);
    QVERIFY2(done.error.message.contains(u"larger than 16 MiB"), qPrintable(done.error.message));
    QVERIFY(done.responseBody.isEmpty()); // nothing of it is kept
    QVERIFY2(took < 30'000, "the cut-off came only with the deadline");
    if (!peakReset)
        QSKIP("no /proc/self/clear_refs: the peak cannot be measured here");
    const long grewKib = statusKib("VmHWM") - before;
    qInfo("endless body: cut off after %lld ms; peak resident memory grew by %ld KiB", took, grewKib);
    // 16 MiB of body and Qt's bounded read buffer (with a sanitizer's shadow of them); without the bound it
    // grew by 83 to 775 MiB, and by 110 MiB on this test's own server.
    QVERIFY2(grewKib < 32 * 1024, qPrintable(QString::number(grewKib)));
}

QTEST_GUILESS_MAIN(tst_NetworkAccess)
#include "tst_networkaccess.moc"
