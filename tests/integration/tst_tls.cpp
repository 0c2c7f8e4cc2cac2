// A provider over https with a certificate nobody trusts yet: refused by default, accepted with the profile's
// CA file, or with "allow self-signed" — which then says so in every result.
#include "ProviderInfo.h"
#include "net/NetworkAccess.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/TokenClient.h"
#include "traffic/TrafficLog.h"

#include <QSignalSpy>
#include <QTest>

using namespace oauth2dbg;

Q_DECLARE_METATYPE(oauth2dbg::DiscoveryResult)

class tst_Tls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void untrustedCertificateIsNamed();
    void profileCaFileIsTrusted();
    void selfSignedAllowedWithAWarning();
    void unreadableCaFileSendsNothing_data();
    void unreadableCaFileSendsNothing();
    void tokenEndpointOverTls();
    void retryWithTrustInTheSameSession();

private:
    DiscoveryResult discover(const TlsOptions& tls);

    ProviderInfo m_provider;
    std::unique_ptr<TrafficLog> m_log;
    std::unique_ptr<NetworkAccess> m_network;
};

void tst_Tls::initTestCase()
{
    qRegisterMetaType<DiscoveryResult>();
    qRegisterMetaType<TokenResult>();
    m_provider = ProviderInfo::load("OAUTH2DBG_PROVIDER_TLS_INFO");
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_provider.issuer.startsWith(u"https://127.0.0.1:"));
    QVERIFY(QFile::exists(m_provider.caFile));
}

void tst_Tls::init()
{
    m_network.reset();
    m_log = std::make_unique<TrafficLog>();
    m_network = std::make_unique<NetworkAccess>(m_log.get());
}

void tst_Tls::cleanup()
{
    // QNetworkAccessManager hands its TLS connections to deleteLater: give them their event-loop turn now,
    // not never (the process would exit with OpenSSL objects still allocated).
    m_network.reset();
    m_log.reset();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

DiscoveryResult tst_Tls::discover(const TlsOptions& tls)
{
    DiscoveryClient client(m_network.get());
    QSignalSpy finished(&client, &DiscoveryClient::finished);
    client.discover(m_provider.issuer, {.tls = tls});
    if (!finished.wait(15'000))
        return {};
    return finished.first().first().value<DiscoveryResult>();
}

void tst_Tls::untrustedCertificateIsNamed()
{
    const DiscoveryResult result = discover({});
    QCOMPARE(result.error.kind, ErrorKind::Tls);
    QVERIFY2(result.error.message.contains(u"self-signed", Qt::CaseInsensitive),
             qPrintable(result.error.message));
    QVERIFY(result.error.message.contains(u"Trust its CA in the profile"));
    QCOMPARE(m_log->data(m_log->index(0, TrafficLog::Status)).toString(), QStringLiteral("TLS error"));
}

void tst_Tls::profileCaFileIsTrusted()
{
    const DiscoveryResult result = discover({.caFile = m_provider.caFile});
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    for (const Finding& f : result.findings)
        QVERIFY2(f.severity == Severity::Info, qPrintable(f.message)); // trusting a CA is not a warning
}

void tst_Tls::selfSignedAllowedWithAWarning()
{
    const DiscoveryResult result = discover({.allowSelfSigned = true});
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const auto tlsWarning =
        std::find_if(result.findings.cbegin(), result.findings.cend(),
                     [](const Finding& f) { return f.rule == u"TLS" && f.severity == Severity::Warning; });
    QVERIFY(tlsWarning != result.findings.cend());
    QVERIFY2(tlsWarning->message.contains(u"self-signed"), qPrintable(tlsWarning->message));
    QVERIFY(!m_log->exchangeAt(0)->notes.isEmpty());
}

void tst_Tls::unreadableCaFileSendsNothing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("why");
    QTest::newRow("missing") << QStringLiteral("/nonexistent/ca.pem") << QStringLiteral("does not exist");
    QTest::newRow("not PEM") << QStringLiteral(OAUTH2DBG_THIS_FILE)
                             << QStringLiteral("could not be read as PEM");
    // A path that never ends, or is no file at all, is not read (it would hang or fill memory).
    QTest::newRow("/dev/zero") << QStringLiteral("/dev/zero") << QStringLiteral("is not a regular file");
    QTest::newRow("a directory") << QStringLiteral("/") << QStringLiteral("is not a regular file");
}

void tst_Tls::unreadableCaFileSendsNothing()
{
    QFETCH(QString, path);
    QFETCH(QString, why);
    const DiscoveryResult result = discover({.caFile = path});
    QCOMPARE(result.error.kind, ErrorKind::InvalidInput);
    QVERIFY2(result.error.message.contains(why) && result.error.message.contains(u"othing was sent"),
             qPrintable(result.error.message));
    QCOMPARE(m_log->rowCount(), 1);
    QCOMPARE(m_log->exchangeAt(0)->status, 0);
}

void tst_Tls::tokenEndpointOverTls()
{
    TokenClient client(m_network.get());
    QSignalSpy finished(&client, &TokenClient::finished);
    client.clientCredentials(
        {.tokenEndpoint = QUrl(m_provider.issuer + u"/token"),
         .clientId = m_provider.postClient.value(u"client_id").toString(),
         .clientSecret = Secret::fromString(m_provider.postClient.value(u"client_secret").toString()),
         .method = ClientAuthMethod::ClientSecretPost,
         .tls = {.caFile = m_provider.caFile}},
        {});
    QVERIFY(finished.wait(15'000));
    const auto result = finished.first().first().value<TokenResult>();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.tokens.accessToken.isEmpty());
}

void tst_Tls::retryWithTrustInTheSameSession()
{
    // A user sees the TLS error, sets the CA file, and tries again: connections made without that trust must
    // not be reused for the new attempt (nor the other way round).
    QCOMPARE(discover({}).error.kind, ErrorKind::Tls);
    QVERIFY(discover({.caFile = m_provider.caFile}).ok());
    QCOMPARE(discover({}).error.kind, ErrorKind::Tls);
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
