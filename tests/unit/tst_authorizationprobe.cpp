// What the server answers an authorization request before any sign-in, and what a browser step that never
// came back most likely met: each answer shape read the way it means, the page's text shown as plain text.
#include "oauth/AuthorizationProbe.h"

#include <QJsonArray>
#include <QTest>

using namespace oauth2dbg;

class tst_AuthorizationProbe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void answers_data();
    void answers();
    void aPageIsPlainText();
    void aTimeoutHoldsTheRequestAndTheCauses();

private:
    static AuthorizationRequest request();
};

AuthorizationRequest tst_AuthorizationProbe::request()
{
    AuthorizationRequest r;
    r.redirectUri = QStringLiteral("http://127.0.0.1:53682/callback");
    r.url = QStringLiteral("https://as.example/authorize?client_id=app&redirect_uri=") + r.redirectUri;
    r.parameters = {{QStringLiteral("response_type"), QStringLiteral("code")},
                    {QStringLiteral("client_id"), QStringLiteral("app")},
                    {QStringLiteral("redirect_uri"), r.redirectUri},
                    {QStringLiteral("code_challenge"), QStringLiteral("abc")},
                    {QStringLiteral("code_challenge_method"), QStringLiteral("plain")}};
    return r;
}

void tst_AuthorizationProbe::answers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("refused");
    QTest::addColumn<QString>("says");  // some check says this
    QTest::addColumn<QString>("first"); // the first likely cause says this (empty: no causes)
    QTest::addRow("on to a sign-in page") << 302 << QByteArray("/login?x=1") << QByteArray() << false
                                          << QStringLiteral("https://as.example/login") << QString();
    QTest::addRow("straight back with an error")
        << 302 << QByteArray("http://127.0.0.1:53682/callback?error=invalid_request&error_description=PKCE")
        << QByteArray() << true << QStringLiteral("PKCE plain") << QString();
    QTest::addRow("a sign-in page") << 200 << QByteArray() << QByteArray("<title>Sign in</title><form>")
                                    << false << QStringLiteral("most likely its sign-in") << QString();
    QTest::addRow("a 200 error page") << 200 << QByteArray() << QByteArray("<h1>Error: invalid client</h1>")
                                      << false << QStringLiteral("reads like an error") << QString();
    QTest::addRow("a page naming the redirect URI")
        << 400 << QByteArray() << QByteArray("<p>The redirect_uri does not match.</p>") << true
        << QStringLiteral("The redirect_uri does not match.") << QStringLiteral("not registered exactly");
    QTest::addRow("a page naming the client")
        << 400 << QByteArray() << QByteArray("<p>Unknown client.</p>") << true
        << QStringLiteral("Unknown client.") << QStringLiteral("does not know the client_id \"app\"");
    QTest::addRow("an empty 403") << 403 << QByteArray() << QByteArray() << true
                                  << QStringLiteral("empty body") << QStringLiteral("not registered exactly");
}

void tst_AuthorizationProbe::answers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, body);
    QFETCH(bool, refused);
    QFETCH(QString, says);
    QFETCH(QString, first);
    HttpExchange exchange;
    exchange.url = QUrl(request().url);
    exchange.status = status;
    if (!location.isEmpty())
        exchange.responseHeaders.append({"Location", location});
    exchange.responseBody = body;
    const QJsonObject metadata{
        {QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")}}};
    const AuthorizationProbe::Verdict v = AuthorizationProbe::interpret(exchange, request(), metadata, false);
    QCOMPARE(v.refused, refused);
    QStringList messages;
    QString firstCause;
    for (const Finding& f : v.checks) {
        QCOMPARE(f.rule, QStringLiteral("AZ-12"));
        messages << f.message;
        if (firstCause.isEmpty() && f.message.startsWith(u"Likely cause 1"))
            firstCause = f.message;
    }
    QVERIFY2(messages.join(u'\n').contains(says), qPrintable(messages.join(u'\n')));
    if (first.isEmpty())
        QVERIFY(firstCause.isEmpty());
    else
        QVERIFY2(firstCause.contains(first), qPrintable(firstCause));
}

void tst_AuthorizationProbe::aPageIsPlainText()
{
    const QByteArray page = "<html><head><title>x</title><script>alert('no')</script></head><body><h1>Bad "
                            "&amp; wrong</h1><p>client&#39;s uri &lt;x&gt;&#x41;</p></body></html>";
    QCOMPARE(AuthorizationProbe::pageText(page), QStringLiteral("Bad & wrong client's uri <x>A"));
    QCOMPARE(AuthorizationProbe::pageText(QByteArray(1000, 'a'), 10), QString(QString(10, u'a') + u'…'));
}

void tst_AuthorizationProbe::aTimeoutHoldsTheRequestAndTheCauses()
{
    const Findings any = AuthorizationProbe::timedOut(
        request(), {.address = QStringLiteral("127.0.0.1:53682"), .fixedPort = false, .waitedSeconds = 300});
    QCOMPARE(any.first().severity, Severity::Error);
    QVERIFY(any.first().message.contains(u"127.0.0.1:53682 within 300 s"));
    QStringList fields;
    QStringList causes;
    for (const Finding& f : any) {
        fields << f.field;
        if (f.severity == Severity::Warning)
            causes << f.message;
    }
    for (const char* name :
         {"url", "response_type", "client_id", "redirect_uri", "code_challenge_method", "listener"})
        QVERIFY2(fields.contains(QLatin1String(name)), name);
    QCOMPARE(causes.size(), 3);
    QVERIFY(causes.at(0).contains(u"loopback-fixed"));
    QVERIFY(causes.at(1).contains(u"does not know the client_id"));
    QVERIFY(causes.at(2).contains(u"never finished"));
    // With the profile's own fixed port, the fix is not "use a fixed port".
    const Findings fixed = AuthorizationProbe::timedOut(
        request(), {.address = QStringLiteral("127.0.0.1:53682"), .fixedPort = true, .waitedSeconds = 300});
    for (const Finding& f : fixed)
        QVERIFY(!f.message.contains(u"choose loopback-fixed"));
}

QTEST_GUILESS_MAIN(tst_AuthorizationProbe)
#include "tst_authorizationprobe.moc"
