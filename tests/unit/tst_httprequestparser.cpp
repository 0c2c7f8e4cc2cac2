// The data rows below build byte strings with '+'; plain QByteArray operators keep each row's type exact.
#undef QT_USE_QSTRINGBUILDER

#include "net/HttpRequestParser.h"

#include <QTest>

using namespace oauth2dbg;

class tst_HttpRequestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void parsesAHead();
    void byteByByte();
    void refuses_data();
    void refuses();
    void keepsTheRest();
    void needsMoreUntilTheBlankLine();
};

void tst_HttpRequestParser::parsesAHead()
{
    HttpRequestParser parser;
    const QByteArray raw =
        "GET /callback?code=a&state=b HTTP/1.1\r\nHost: 127.0.0.1:5000\r\nAccept:  text/html \r\n\r\n";
    QCOMPARE(parser.feed(raw), HttpRequestParser::State::Complete);
    QCOMPARE(parser.head().method, QByteArray("GET"));
    QCOMPARE(parser.head().target, QByteArray("/callback?code=a&state=b"));
    QCOMPARE(parser.head().version, QByteArray("HTTP/1.1"));
    QCOMPARE(parser.head().headers.size(), 2);
    QCOMPARE(parser.head().headerValues("host"), QList<QByteArray>{"127.0.0.1:5000"});
    QCOMPARE(parser.head().headerValues("Accept"), QList<QByteArray>{"text/html"});
    QCOMPARE(parser.head().raw, raw);
}

void tst_HttpRequestParser::byteByByte()
{
    // LB-23: a head split into one-byte segments parses the same.
    const QByteArray raw = "GET /callback?code=x HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n";
    HttpRequestParser parser;
    for (qsizetype i = 0; i < raw.size() - 1; ++i)
        QCOMPARE(parser.feed(raw.sliced(i, 1)), HttpRequestParser::State::NeedMore);
    QCOMPARE(parser.feed(raw.last(1)), HttpRequestParser::State::Complete);
    QCOMPARE(parser.head().target, QByteArray("/callback?code=x"));
}

void tst_HttpRequestParser::refuses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");
    const QByteArray host = "Host: 127.0.0.1:1\r\n";
    // LB-10
    QTest::addRow("method only") << QByteArray("GET\r\n\r\n") << 400;
    QTest::addRow("HTTP/0.9 style") << QByteArray("GET /cb\r\n\r\n") << 400;
    QTest::addRow("double space") << QByteArray("GET  /cb HTTP/1.1\r\n") + host + "\r\n" << 400;
    QTest::addRow("extra word") << QByteArray("GET /cb HTTP/1.1 extra\r\n") + host + "\r\n" << 400;
    QTest::addRow("short version") << QByteArray("GET / X\r\n\r\n") << 400;
    QTest::addRow("lower-case method") << QByteArray("get /cb HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("NUL in target") << QByteArray("GET /c\0b HTTP/1.1\r\n\r\n", 22) << 400;
    QTest::addRow("non-ASCII target") << QByteArray("GET /c\xC3\xA9 HTTP/1.1\r\n") + host + "\r\n" << 400;
    QTest::addRow("bare CR") << QByteArray("GET /cb HTTP/1.1\rX\r\n") + host + "\r\n" << 400;
    QTest::addRow("bare LF in a header") << QByteArray("GET /cb HTTP/1.1\r\nA: b\nC: d\r\n\r\n") << 400;
    // LB-11
    QTest::addRow("TLS ClientHello") << QByteArray("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) << 400;
    QTest::addRow("binary junk") << QByteArray("\x00\xff\xfe junk", 9) << 400;
    QTest::addRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    // LB-12
    QTest::addRow("HTTP/9.9") << QByteArray("GET /cb HTTP/9.9\r\n") + host + "\r\n" << 505;
    // Header rules
    QTest::addRow("space before colon") << QByteArray("GET /cb HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::addRow("folded header") << QByteArray("GET /cb HTTP/1.1\r\n") + host + " folded\r\n\r\n" << 400;
    QTest::addRow("no colon") << QByteArray("GET /cb HTTP/1.1\r\nnocolon\r\n\r\n") << 400;
    QTest::addRow("control in value") << QByteArray("GET /cb HTTP/1.1\r\nA: b\x01\r\n\r\n") << 400;
    // LB-05, LB-06
    QTest::addRow("request line over 8 KiB") << QByteArray("GET /cb?") + QByteArray(9000, 'a') << 414;
    QTest::addRow("head over 16 KiB")
        << QByteArray("GET /cb HTTP/1.1\r\nX: ") + QByteArray(17000, 'a') << 431;
    QTest::addRow("1 MiB header without CRLF")
        << QByteArray("GET /cb HTTP/1.1\r\nX: ") + QByteArray(1 << 20, 'a') << 431;
    QByteArray manyHeaders = "GET /cb HTTP/1.1\r\n";
    for (int i = 0; i < 101; ++i)
        manyHeaders += "X-" + QByteArray::number(i) + ": 1\r\n";
    QTest::addRow("101 header lines") << manyHeaders + "\r\n" << 431;
}

void tst_HttpRequestParser::refuses()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    HttpRequestParser parser;
    QCOMPARE(parser.feed(input), HttpRequestParser::State::Error);
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorReason().isEmpty());
    // After an error, more bytes change nothing.
    QCOMPARE(parser.feed("\r\n\r\n"), HttpRequestParser::State::Error);
}

void tst_HttpRequestParser::keepsTheRest()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("POST /cb HTTP/1.1\r\nHost: h\r\nContent-Length: 7\r\n\r\ncode=ab"),
             HttpRequestParser::State::Complete);
    QCOMPARE(parser.rest(), QByteArray("code=ab"));
}

void tst_HttpRequestParser::needsMoreUntilTheBlankLine()
{
    HttpRequestParser parser;
    QCOMPARE(parser.feed("GET /cb HTTP/1.1\r\nHost: h\r\n"), HttpRequestParser::State::NeedMore);
    QCOMPARE(parser.feed("\r\n"), HttpRequestParser::State::Complete);
}

QTEST_GUILESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"
