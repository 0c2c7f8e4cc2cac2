#include "oauth/ClientAuthentication.h"

#include <QTest>

using namespace oauth2dbg;

class tst_ClientAuthentication : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void basicHeader_data();
    void basicHeader();
    void naiveDiffersOnlyWhenItMatters();
    void oneMethodPerRequest();
    void explainsWithoutTheSecret();
    void names();
};

void tst_ClientAuthentication::basicHeader_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("expected");
    // TE-01 vectors (CONFORMANCE §1.4).
    QTest::addRow("RFC 6749 example") << QStringLiteral("s6BhdRkqt3") << QByteArray("7Fjfp0ZBr1KtDRbnfVdmIw")
                                      << QByteArray("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");
    QTest::addRow("colon, percent, plus, space")
        << QStringLiteral("dbg client:1") << QByteArray("p@ss:w+rd%/~ x&=?")
        << QByteArray("Basic ZGJnK2NsaWVudCUzQTE6cCU0MHNzJTNBdyUyQnJkJTI1JTJGJTdFK3glMjYlM0QlM0Y=");
    QTest::addRow("non-ASCII") << QStringLiteral("my client:1") << QByteArray("p@ss:w+rd%/\xc3\xa9~")
                               << QByteArray(
                                      "Basic bXkrY2xpZW50JTNBMTpwJTQwc3MlM0F3JTJCcmQlMjUlMkYlQzMlQTklN0U=");
}

void tst_ClientAuthentication::basicHeader()
{
    QFETCH(QString, clientId);
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, expected);
    QCOMPARE(ClientAuthentication::basicHeader(clientId, Secret(secret)), expected);
}

void tst_ClientAuthentication::naiveDiffersOnlyWhenItMatters()
{
    const Secret tricky("p@ss:w+rd%/~ x&=?");
    QCOMPARE(ClientAuthentication::naiveBasicHeader(QStringLiteral("dbg client:1"), tricky),
             QByteArray("Basic ZGJnIGNsaWVudDoxOnBAc3M6dytyZCUvfiB4Jj0/"));
    QVERIFY(ClientAuthentication::naiveBasicHeader(QStringLiteral("dbg client:1"), tricky) !=
            ClientAuthentication::basicHeader(QStringLiteral("dbg client:1"), tricky));
    const Secret plain("7Fjfp0ZBr1KtDRbnfVdmIw");
    QCOMPARE(ClientAuthentication::naiveBasicHeader(QStringLiteral("s6BhdRkqt3"), plain),
             ClientAuthentication::basicHeader(QStringLiteral("s6BhdRkqt3"), plain));
    // TE-02: a long secret does not wrap.
    QVERIFY(
        !ClientAuthentication::basicHeader(QStringLiteral("c"), Secret(QByteArray(200, 'x'))).contains('\n'));
}

void tst_ClientAuthentication::oneMethodPerRequest()
{
    const Secret secret("s3cret");
    FormPairs body;
    HttpHeaders headers;
    ClientAuthentication::apply(ClientAuthMethod::ClientSecretBasic, QStringLiteral("id"), secret, body,
                                headers);
    QVERIFY(body.isEmpty()); // TE-03: no client_id or client_secret in the body as well
    QCOMPARE(headers.size(), 1);
    QCOMPARE(headers.first().first, QByteArray("Authorization"));

    body.clear();
    headers.clear();
    ClientAuthentication::apply(ClientAuthMethod::ClientSecretPost, QStringLiteral("id"), secret, body,
                                headers);
    QVERIFY(headers.isEmpty());
    QCOMPARE(body, FormPairs({{QStringLiteral("client_id"), QStringLiteral("id")},
                              {QStringLiteral("client_secret"), QStringLiteral("s3cret")}}));

    body.clear();
    ClientAuthentication::apply(ClientAuthMethod::None, QStringLiteral("id"), secret, body, headers);
    QVERIFY(headers.isEmpty());
    QCOMPARE(body, FormPairs({{QStringLiteral("client_id"), QStringLiteral("id")}}));
}

void tst_ClientAuthentication::explainsWithoutTheSecret()
{
    const QString text = ClientAuthentication::explain(ClientAuthMethod::ClientSecretBasic,
                                                       QStringLiteral("dbg client:1"), Secret("p@ss:w+rd%"));
    QVERIFY2(text.contains(u"dbg+client%3A1"), qPrintable(text));
    QVERIFY2(text.contains(u"gets wrong"), qPrintable(text));
    QVERIFY(!text.contains(u"p@ss"));
    const QString simple = ClientAuthentication::explain(ClientAuthMethod::ClientSecretBasic,
                                                         QStringLiteral("abc"), Secret("def"));
    QVERIFY(!simple.contains(u"gets wrong"));
}

void tst_ClientAuthentication::names()
{
    ClientAuthMethod method = ClientAuthMethod::None;
    QVERIFY(ClientAuthentication::methodFromName(QStringLiteral("client_secret_post"), &method));
    QCOMPARE(method, ClientAuthMethod::ClientSecretPost);
    QVERIFY(ClientAuthentication::methodFromName(QStringLiteral("private_key_jwt"), &method));
    QCOMPARE(method, ClientAuthMethod::PrivateKeyJwt);
    QVERIFY(!ClientAuthentication::methodFromName(QStringLiteral("client_secret_magic"), &method));
    QCOMPARE(ClientAuthentication::methodName(ClientAuthMethod::ClientSecretBasic),
             QStringLiteral("client_secret_basic"));
}

QTEST_GUILESS_MAIN(tst_ClientAuthentication)
#include "tst_clientauthentication.moc"
