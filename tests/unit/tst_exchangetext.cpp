#include "traffic/ExchangeText.h"

#include <QTest>

using namespace oauth2dbg;

namespace {
HttpExchange tokenExchange()
{
    HttpExchange e;
    e.id = 1;
    e.method = "POST";
    e.url = QUrl(QStringLiteral("https://op.example.com/token?x=1"));
    e.requestHeaders = {{"Authorization", "Basic ZGJnOnMzY3JldA=="},
                        {"Content-Type", "application/x-www-form-urlencoded"}};
    e.requestBody =
        "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&redirect_uri=http%3A%2F%2F127.0.0.1"
        "&code_verifier=dBjftJeZ4CVP";
    e.finished = true;
    e.status = 200;
    e.reason = "OK";
    e.responseHeaders = {{"Content-Type", "application/json"}, {"Set-Cookie", "sid=abc"}};
    e.responseBody = R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600})";
    return e;
}
} // namespace

class tst_ExchangeText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void requestIsMaskedByDefault();
    void responseIsMaskedByDefault();
    void revealShowsEverything();
    void asSentKeepsTheBytes();
    void transportFailureIsExplained();
    void copyAsCurl();
};

void tst_ExchangeText::requestIsMaskedByDefault()
{
    const QString text = ExchangeText::request(tokenExchange());
    QVERIFY2(text.startsWith(u"POST /token?x=1 HTTP/1.1\nHost: op.example.com\n"), qPrintable(text));
    QVERIFY2(text.contains(u"Authorization: Basic ••••••••"), qPrintable(text));
    QVERIFY(!text.contains(u"ZGJnOnMzY3JldA=="));
    QVERIFY(!text.contains(u"SplxlOBeZQQYbYS6WxSbIA"));
    QVERIFY(!text.contains(u"dBjftJeZ4CVP"));
    QVERIFY2(text.contains(u"grant_type=authorization_code&code=••••••••"), qPrintable(text));
    QVERIFY(text.contains(u"redirect_uri=http%3A%2F%2F127.0.0.1")); // not a secret: shown as sent
}

void tst_ExchangeText::responseIsMaskedByDefault()
{
    const QString text = ExchangeText::response(tokenExchange());
    QVERIFY2(text.startsWith(u"HTTP/1.1 200 OK\n"), qPrintable(text));
    QVERIFY(!text.contains(u"2YotnFZFEjr1zCsicMWpAA"));
    QVERIFY(!text.contains(u"sid=abc"));
    QVERIFY2(text.contains(u"\"token_type\": \"Bearer\""), qPrintable(text));
    QVERIFY(text.contains(u"\"expires_in\": 3600"));
}

void tst_ExchangeText::revealShowsEverything()
{
    const HttpExchange e = tokenExchange();
    const QString request = ExchangeText::request(e, ExchangeText::Secrets::Revealed);
    QVERIFY(request.contains(u"Authorization: Basic ZGJnOnMzY3JldA=="));
    QVERIFY(request.contains(u"code=SplxlOBeZQQYbYS6WxSbIA"));
    QVERIFY(ExchangeText::response(e, ExchangeText::Secrets::Revealed).contains(u"2YotnFZFEjr1zCsicMWpAA"));
}

void tst_ExchangeText::asSentKeepsTheBytes()
{
    HttpExchange e = tokenExchange();
    e.responseBody =
        R"({"token_type":"Bearer", "access_token" : "2YotnFZFEjr1zCsicMWpAA","id_token":"ey.a\"b.c"})";
    const QString masked =
        ExchangeText::response(e, ExchangeText::Secrets::Masked, ExchangeText::Body::AsSent);
    // Member order and spacing as the server sent them; only the secret values are replaced.
    QVERIFY2(
        masked.endsWith(u"\n{\"token_type\":\"Bearer\", \"access_token\" : \"•••••••• (22 chars, hidden)\","
                        u"\"id_token\":\"•••••••• (9 chars, hidden)\"}"),
        qPrintable(masked));
    const QString revealed =
        ExchangeText::response(e, ExchangeText::Secrets::Revealed, ExchangeText::Body::AsSent);
    QVERIFY(revealed.endsWith(QString::fromUtf8(e.responseBody)));
}

void tst_ExchangeText::transportFailureIsExplained()
{
    HttpExchange e = tokenExchange();
    e.status = 0;
    e.error = {.kind = ErrorKind::Network,
               .message = QStringLiteral("op.example.com:443 refused the connection.")};
    const QString text = ExchangeText::response(e);
    QVERIFY2(text.startsWith(u"No HTTP response.") && text.contains(u"refused the connection"),
             qPrintable(text));
    e.finished = false;
    QVERIFY(ExchangeText::response(e).contains(u"waiting"));
}

void tst_ExchangeText::copyAsCurl()
{
    HttpExchange e = tokenExchange();
    e.requestBody += "&scope=it's";
    // Masked, each secret is a shell variable the first line names: shareable, and it runs once they are set.
    const QString masked = ExchangeText::curl(e);
    QVERIFY2(
        masked.startsWith(u"# Set CLIENT_SECRET, CODE, CODE_VERIFIER first: this command holds no secret"),
        qPrintable(masked));
    QVERIFY2(masked.contains(u"\ncurl -X POST 'https://op.example.com/token?x=1'"), qPrintable(masked));
    QVERIFY2(masked.contains(u"-u 'dbg:'\"$CLIENT_SECRET\""),
             qPrintable(masked)); // Basic, from id and secret
    QVERIFY2(masked.contains(u"--data-raw 'grant_type=authorization_code&code='\"$CODE\"'&redirect_uri="
                             u"http%3A%2F%2F127.0.0.1&code_verifier='\"$CODE_VERIFIER\"'&scope=it'\\''s'"),
             qPrintable(masked)); // a quote inside single quotes
    QVERIFY(!masked.contains(u"ZGJnOnMzY3JldA=="));
    QVERIFY(!masked.contains(u"s3cret"));
    QVERIFY(!masked.contains(u"SplxlOBeZQQYbYS6WxSbIA"));
    QVERIFY(!masked.contains(u"dBjftJeZ4CVP"));
    HttpExchange bearer;
    bearer.method = "GET";
    bearer.url = QUrl(QStringLiteral("https://op.example.com/userinfo?access_token=abc"));
    bearer.requestHeaders = {{"Authorization", "Bearer 2YotnFZFEjr1zCsicMWpAA"}};
    const QString userinfo = ExchangeText::curl(bearer);
    QVERIFY2(userinfo.contains(u"curl 'https://op.example.com/userinfo?access_token='\"$ACCESS_TOKEN\" \\\n"
                               u"  -H 'Authorization: Bearer '\"$ACCESS_TOKEN\""),
             qPrintable(userinfo));
    QVERIFY(!userinfo.contains(u"2YotnFZFEjr1zCsicMWpAA") && !userinfo.contains(u"=abc"));
    const QString revealed = ExchangeText::curl(e, ExchangeText::Secrets::Revealed);
    QVERIFY(revealed.contains(u"-H 'Authorization: Basic ZGJnOnMzY3JldA=='"));
    QVERIFY(revealed.contains(u"--data-raw 'grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&"));
    HttpExchange get;
    get.method = "GET";
    get.url = QUrl(QStringLiteral("https://op.example.com/.well-known/openid-configuration"));
    QCOMPARE(ExchangeText::curl(get),
             QStringLiteral("curl 'https://op.example.com/.well-known/openid-configuration'"));
}

QTEST_GUILESS_MAIN(tst_ExchangeText)
#include "tst_exchangetext.moc"
