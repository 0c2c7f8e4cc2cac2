#include "ProviderInfo.h"
#include "net/NetworkAccess.h"
#include "oauth/DiscoveryClient.h"
#include "traffic/TrafficLog.h"

#include <QSignalSpy>
#include <QTest>

using namespace oauth2dbg;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(oauth2dbg::DiscoveryResult)

class tst_Discovery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void discoversTheProvider();
    void issuerMismatch_data();
    void issuerMismatch();
    void notFoundNamesBothUrls();
    void fallsBackToRfc8414();
    void badDocuments_data();
    void badDocuments();
    void wrongTypesAreReported();
    void unreachable();
    void tlsErrorIsNamed();
    void timeoutIsVisible();
    void httpNeedsTheLocalOptIn();
    void cancel();

private:
    DiscoveryResult run(const QString& issuer, DiscoveryOptions options = {.allowHttp = true});

    ProviderInfo m_provider;
    std::unique_ptr<TrafficLog> m_log;
    std::unique_ptr<NetworkAccess> m_network;
};

void tst_Discovery::initTestCase()
{
    qRegisterMetaType<DiscoveryResult>();
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
}

void tst_Discovery::init()
{
    m_network.reset();
    m_log = std::make_unique<TrafficLog>();
    m_network = std::make_unique<NetworkAccess>(m_log.get());
}

DiscoveryResult tst_Discovery::run(const QString& issuer, DiscoveryOptions options)
{
    DiscoveryClient client(m_network.get());
    QSignalSpy finished(&client, &DiscoveryClient::finished);
    client.discover(issuer, options);
    if (!finished.wait(15'000))
        return {};
    [&] {
        QCOMPARE(finished.size(), 1);
    }();
    return finished.first().first().value<DiscoveryResult>();
}

void tst_Discovery::discoversTheProvider()
{
    const DiscoveryResult result = run(m_provider.issuer);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.kind, MetadataValidator::Kind::OpenIdConfiguration);
    QCOMPARE(result.documentUrl.toString(),
             QString(m_provider.issuer + u"/.well-known/openid-configuration"));
    QCOMPARE(result.metadata.value(u"issuer").toString(), m_provider.issuer);
    QCOMPARE(result.metadata.value(u"token_endpoint").toString(), QString(m_provider.issuer + u"/token"));
    QVERIFY(!hasErrors(result.findings));
    // The exchange is in the traffic log, finished, with what was sent and what came back.
    QCOMPARE(result.exchangeIds.size(), 1);
    QCOMPARE(m_log->rowCount(), 1);
    const HttpExchange* exchange = m_log->exchangeById(result.exchangeIds.first());
    QVERIFY(exchange);
    QVERIFY(exchange->finished);
    QCOMPARE(exchange->status, 200);
    QCOMPARE(exchange->requestHeader("Accept"), QByteArray("application/json"));
    QVERIFY(exchange->responseBody.contains("\"authorization_endpoint\""));
    QVERIFY(exchange->durationMs >= 0);
}

void tst_Discovery::issuerMismatch_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("messageContains");
    const ProviderInfo provider = ProviderInfo::load();
    const ProviderInfo other = ProviderInfo::load("OAUTH2DBG_PROVIDER_B_INFO");
    // A second provider that serves at its root but claims an issuer with a path (a misconfigured proxy).
    QTest::addRow("served elsewhere than its issuer")
        << other.origin() << QString(u"says its issuer is \"" % other.issuer % u'"');
    QTest::addRow("trailing slash") << QString(provider.issuer + u'/') << QStringLiteral("trailing slash");
}

void tst_Discovery::issuerMismatch()
{
    QFETCH(QString, issuer);
    QFETCH(QString, messageContains);
    const DiscoveryResult result = run(issuer);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ErrorKind::Protocol);
    QVERIFY2(result.error.message.contains(messageContains), qPrintable(result.error.message));
    QVERIFY2(result.error.message.contains(issuer), qPrintable(result.error.message));
    // The document is still there to look at.
    QVERIFY(result.metadata.value(u"issuer").isString());
    QVERIFY(result.metadata.value(u"issuer").toString() != issuer);
}

void tst_Discovery::notFoundNamesBothUrls()
{
    const DiscoveryResult result = run(m_provider.issuer + u"/no-such-tenant");
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ErrorKind::Http);
    QCOMPARE(result.error.httpStatus, 404);
    const QString& message = result.error.message;
    QVERIFY2(message.contains(m_provider.issuer +
                              u"/no-such-tenant/.well-known/openid-configuration answered 404"),
             qPrintable(message));
    QVERIFY2(message.contains(m_provider.issuer + u"/.well-known/oauth-authorization-server/no-such-tenant"),
             qPrintable(message));
    QCOMPARE(result.exchangeIds.size(), 2);
    QCOMPARE(m_log->rowCount(), 2);
}

void tst_Discovery::fallsBackToRfc8414()
{
    // Shape the provider cannot produce: a server with RFC 8414 metadata only (a /__shapes/ test endpoint).
    const QString issuer = m_provider.issuer + u"/__shapes/oauth";
    const DiscoveryResult result = run(issuer);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.kind, MetadataValidator::Kind::AuthorizationServerMetadata);
    QCOMPARE(result.documentUrl.toString(),
             QString(m_provider.issuer + u"/.well-known/oauth-authorization-server/__shapes/oauth"));
    QCOMPARE(result.exchangeIds.size(), 2);
    QCOMPARE(m_log->exchangeById(result.exchangeIds.first())->status, 404);
}

void tst_Discovery::badDocuments_data()
{
    // Shapes the provider cannot produce, served by its /__shapes/ test endpoints: what a captive portal, a
    // misrouted proxy or a broken server sends.
    QTest::addColumn<QString>("shape");
    QTest::addColumn<QString>("messageContains");
    QTest::addRow("HTML page") << "html"
                               << "sent an HTML page (Content-Type: text/html";
    QTest::addRow("JSON array") << "array"
                                << "sent a JSON array where a JSON object was expected";
    QTest::addRow("truncated JSON") << "broken"
                                    << "is not valid JSON";
}

void tst_Discovery::badDocuments()
{
    QFETCH(QString, shape);
    QFETCH(QString, messageContains);
    const DiscoveryResult result = run(m_provider.issuer + u"/__shapes/" + shape);
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ErrorKind::Protocol);
    QVERIFY2(result.error.message.contains(messageContains), qPrintable(result.error.message));
    QCOMPARE(result.error.httpStatus, 200);
    QVERIFY2(!result.error.body.isEmpty(), "the raw response must stay visible");
    QVERIFY(result.metadata.isEmpty());
}

void tst_Discovery::wrongTypesAreReported()
{
    const DiscoveryResult result = run(m_provider.issuer + u"/__shapes/badtypes");
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ErrorKind::Protocol);
    QVERIFY2(result.error.message.contains(u"more problems"), qPrintable(result.error.message));
    QStringList fields;
    for (const Finding& f : result.findings) {
        if (f.severity == Severity::Error)
            fields << f.field;
    }
    fields.sort();
    QCOMPARE(fields,
             QStringList({QStringLiteral("authorization_endpoint"),
                          QStringLiteral("authorization_response_iss_parameter_supported"),
                          QStringLiteral("code_challenge_methods_supported"),
                          QStringLiteral("id_token_signing_alg_values_supported"), QStringLiteral("jwks_uri"),
                          QStringLiteral("response_types_supported"),
                          QStringLiteral("subject_types_supported"), QStringLiteral("token_endpoint")}));
}

void tst_Discovery::unreachable()
{
    const quint16 port = unusedLoopbackPort();
    QVERIFY(port != 0);
    const DiscoveryResult result = run(u"http://127.0.0.1:" % QString::number(port));
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ErrorKind::Network);
    QVERIFY2(
        result.error.message.contains(u"127.0.0.1:" % QString::number(port) % u" refused the connection"),
        qPrintable(result.error.message));
    QCOMPARE(m_log->rowCount(), 1);
    QCOMPARE(m_log->data(m_log->index(0, TrafficLog::Status)).toString(), QStringLiteral("failed"));
}

void tst_Discovery::tlsErrorIsNamed()
{
    // https to the provider's plain-HTTP port: the TLS handshake cannot succeed.
    const DiscoveryResult result = run(u"https://127.0.0.1:" % QString::number(m_provider.port()));
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ErrorKind::Tls);
    QVERIFY2(result.error.message.contains(u"TLS handshake"), qPrintable(result.error.message));
    QVERIFY(!result.error.detail.isEmpty());
}

void tst_Discovery::timeoutIsVisible()
{
    // Shape the provider cannot produce: a server that accepts and never answers.
    QElapsedTimer clock;
    clock.start();
    const DiscoveryResult result =
        run(m_provider.issuer + u"/__shapes/hang", {.allowHttp = true, .timeout = 700ms});
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ErrorKind::Timeout);
    QVERIFY2(result.error.message.contains(u"within 0.7 s"), qPrintable(result.error.message));
    QVERIFY2(clock.elapsed() < 10'000, "the timeout must end the request");
    QCOMPARE(m_log->data(m_log->index(0, TrafficLog::Status)).toString(), QStringLiteral("timeout"));
}

void tst_Discovery::httpNeedsTheLocalOptIn()
{
    const DiscoveryResult result = run(m_provider.issuer, {.allowHttp = false});
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, ErrorKind::InvalidInput);
    QVERIFY2(result.error.message.contains(u"Local test server"), qPrintable(result.error.message));
    QCOMPARE(m_log->rowCount(), 0); // nothing was sent
}

void tst_Discovery::cancel()
{
    DiscoveryClient client(m_network.get());
    QSignalSpy finished(&client, &DiscoveryClient::finished);
    client.discover(m_provider.issuer + u"/__shapes/hang", {.allowHttp = true, .timeout = 30s});
    QVERIFY(client.isRunning());
    QTimer::singleShot(100, &client, &DiscoveryClient::cancel);
    QVERIFY(finished.wait(10'000));
    const auto result = finished.first().first().value<DiscoveryResult>();
    QCOMPARE(result.error.kind, ErrorKind::Cancelled);
    QVERIFY(!client.isRunning());
    QCOMPARE(m_log->data(m_log->index(0, TrafficLog::Status)).toString(), QStringLiteral("cancelled"));
}

QTEST_GUILESS_MAIN(tst_Discovery)
#include "tst_discovery.moc"
