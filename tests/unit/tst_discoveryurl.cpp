#include "oauth/DiscoveryUrl.h"

#include <QTest>

using namespace oauth2dbg;

class tst_DiscoveryUrl : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void openIdConfiguration_data();
    void openIdConfiguration();
    void authorizationServerMetadata_data();
    void authorizationServerMetadata();
    void issuerProblem_data();
    void issuerProblem();
    void loopbackHosts_data();
    void loopbackHosts();
};

void tst_DiscoveryUrl::openIdConfiguration_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("expected");
    // MD-01: OpenID Connect Discovery §4 appends to the path.
    QTest::addRow("no path") << "https://op.example.com"
                             << "https://op.example.com/.well-known/openid-configuration";
    QTest::addRow("root slash") << "https://op.example.com/"
                                << "https://op.example.com/.well-known/openid-configuration";
    QTest::addRow("path") << "https://op.example.com/realms/main"
                          << "https://op.example.com/realms/main/.well-known/openid-configuration";
    QTest::addRow("path, trailing slash")
        << "https://op.example.com/realms/main/"
        << "https://op.example.com/realms/main/.well-known/openid-configuration";
    QTest::addRow("port") << "http://127.0.0.1:9440"
                          << "http://127.0.0.1:9440/.well-known/openid-configuration";
    QTest::addRow("encoded path kept")
        << "https://op.example.com/tenant%20a"
        << "https://op.example.com/tenant%20a/.well-known/openid-configuration";
    QTest::addRow("ipv6") << "http://[::1]:8080/x"
                          << "http://[::1]:8080/x/.well-known/openid-configuration";
}

void tst_DiscoveryUrl::openIdConfiguration()
{
    QFETCH(QString, issuer);
    QFETCH(QString, expected);
    QCOMPARE(DiscoveryUrl::openIdConfiguration(QUrl(issuer)).toString(QUrl::FullyEncoded), expected);
}

void tst_DiscoveryUrl::authorizationServerMetadata_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QString>("expected");
    // MD-01: RFC 8414 §3.1 inserts between host and path, and drops a terminating slash.
    QTest::addRow("no path") << "https://as.example.com"
                             << "https://as.example.com/.well-known/oauth-authorization-server";
    QTest::addRow("root slash") << "https://as.example.com/"
                                << "https://as.example.com/.well-known/oauth-authorization-server";
    QTest::addRow("path") << "https://as.example.com/issuer1"
                          << "https://as.example.com/.well-known/oauth-authorization-server/issuer1";
    QTest::addRow("deep path, trailing slash")
        << "https://as.example.com/a/b/"
        << "https://as.example.com/.well-known/oauth-authorization-server/a/b";
}

void tst_DiscoveryUrl::authorizationServerMetadata()
{
    QFETCH(QString, issuer);
    QFETCH(QString, expected);
    QCOMPARE(DiscoveryUrl::authorizationServerMetadata(QUrl(issuer)).toString(QUrl::FullyEncoded), expected);
}

void tst_DiscoveryUrl::issuerProblem_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<bool>("allowHttp");
    QTest::addColumn<QString>("problemContains"); // empty: the issuer is fine
    QTest::addRow("https") << "https://op.example.com" << false << "";
    QTest::addRow("https with path") << "https://op.example.com/realms/x" << false << "";
    QTest::addRow("empty") << "" << false << "issuer is empty";
    QTest::addRow("spaces") << " https://op.example.com" << false << "spaces";
    QTest::addRow("relative") << "/realms/x" << false << "absolute URL";
    QTest::addRow("no host") << "https://" << false << "absolute URL";
    QTest::addRow("query") << "https://op.example.com?x=1" << false << "query or fragment";
    QTest::addRow("fragment") << "https://op.example.com#x" << false << "query or fragment";
    QTest::addRow("userinfo") << "https://me:pw@op.example.com" << false << "user name or password";
    QTest::addRow("file scheme") << "file:///etc/passwd" << false << "absolute URL";
    QTest::addRow("ftp scheme") << "ftp://op.example.com" << false << "not ftp:";
    QTest::addRow("http remote, even when allowed") << "http://op.example.com" << true << "only https";
    QTest::addRow("http loopback, not allowed") << "http://127.0.0.1:9440" << false << "Local test server";
    QTest::addRow("http loopback, allowed") << "http://127.0.0.1:9440" << true << "";
    QTest::addRow("http localhost, allowed") << "http://localhost:9440" << true << "";
    QTest::addRow("http ::1, allowed") << "http://[::1]:9440" << true << "";
    QTest::addRow("http 127.1.2.3, allowed") << "http://127.1.2.3" << true << "";
    QTest::addRow("http lookalike host") << "http://127.0.0.1.example.com" << true << "only https";
    QTest::addRow("bad percent") << "https://op.example.com/%zz" << false << "not a valid URL";
}

void tst_DiscoveryUrl::issuerProblem()
{
    QFETCH(QString, issuer);
    QFETCH(bool, allowHttp);
    QFETCH(QString, problemContains);
    const QString problem = DiscoveryUrl::issuerProblem(issuer, allowHttp);
    if (problemContains.isEmpty())
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    else
        QVERIFY2(problem.contains(problemContains), qPrintable(problem));
}

void tst_DiscoveryUrl::loopbackHosts_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::addRow("127.0.0.1") << "127.0.0.1" << true;
    QTest::addRow("127.255.0.9") << "127.255.0.9" << true;
    QTest::addRow("::1") << "::1" << true;
    QTest::addRow("localhost") << "localhost" << true;
    QTest::addRow("LOCALHOST") << "LOCALHOST" << true;
    QTest::addRow("10.0.0.1") << "10.0.0.1" << false;
    QTest::addRow("localhost.example.com") << "localhost.example.com" << false;
    QTest::addRow("empty") << "" << false;
}

void tst_DiscoveryUrl::loopbackHosts()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(DiscoveryUrl::isLoopbackHost(host), loopback);
}

QTEST_GUILESS_MAIN(tst_DiscoveryUrl)
#include "tst_discoveryurl.moc"
