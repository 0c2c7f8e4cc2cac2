#include "oauth/FormEncoding.h"

#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

class tst_FormEncoding : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void encode_data();
    void encode();
    void decode_data();
    void decode();
    void refuses_data();
    void refuses();
    void roundTrip();
    void pairCap();
};

void tst_FormEncoding::encode_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("kept as is") << u"AZaz09*-._"_s << QByteArray("AZaz09*-._");
    QTest::addRow("space is plus") << u"a b"_s << QByteArray("a+b");
    // RFC 6749 Appendix B.
    QTest::addRow("appendix B") << QString::fromUtf8(" %&+£€") << QByteArray("+%25%26%2B%C2%A3%E2%82%AC");
    // TE-01 vectors (CONFORMANCE §1.4): what a correct Basic header encodes.
    QTest::addRow("dbg client:1") << u"dbg client:1"_s << QByteArray("dbg+client%3A1");
    QTest::addRow("tricky secret") << u"p@ss:w+rd%/~ x&=?"_s
                                   << QByteArray("p%40ss%3Aw%2Brd%25%2F%7E+x%26%3D%3F");
    QTest::addRow("AppAuth-iOS vector")
        << u"t _9V-F*I+Z1Lk.u7:2/8L+w="_s << QByteArray("t+_9V-F*I%2BZ1Lk.u7%3A2%2F8L%2Bw%3D");
    QTest::addRow("non-ASCII") << QString::fromUtf8("é") << QByteArray("%C3%A9");
    QTest::addRow("empty") << u""_s << QByteArray();
}

void tst_FormEncoding::encode()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(FormEncoding::encode(input), expected);
}

void tst_FormEncoding::decode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected"); // name=value, in order
    // AZ-09 vectors.
    QTest::addRow("plus is space") << QByteArray("scope=a+b") << QStringList{u"scope=a b"_s};
    QTest::newRow("%20 is space") << QByteArray("scope=a%20b") << QStringList{u"scope=a b"_s};
    QTest::addRow("appendix B") << QByteArray("v=+%25%26%2B%C2%A3%E2%82%AC")
                                << QStringList{QString::fromUtf8("v= %&+£€")};
    QTest::addRow("escaped & stays data")
        << QByteArray("state=abc%26code%3Devil") << QStringList{u"state=abc&code=evil"_s};
    QTest::addRow("decoded once") << QByteArray("x=%2526") << QStringList{u"x=%26"_s};
    QTest::newRow("%2B is plus") << QByteArray("x=%2B") << QStringList{u"x=+"_s};
    QTest::addRow("semicolon is data") << QByteArray("a=1;b=2") << QStringList{u"a=1;b=2"_s};
    QTest::addRow("name without =") << QByteArray("code&state=s") << QStringList{u"code="_s, u"state=s"_s};
    QTest::addRow("empty segments") << QByteArray("&a=1&&b=2&") << QStringList{u"a=1"_s, u"b=2"_s};
    QTest::addRow("duplicates kept") << QByteArray("code=a&code=b") << QStringList{u"code=a"_s, u"code=b"_s};
    QTest::addRow("second = is data") << QByteArray("a=b=c") << QStringList{u"a=b=c"_s};
    QTest::addRow("lower-case hex") << QByteArray("a=%c3%a9") << QStringList{QString::fromUtf8("a=é")};
    QTest::addRow("empty input") << QByteArray() << QStringList{};
}

void tst_FormEncoding::decode()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    const FormEncoding::Decoded decoded = FormEncoding::decode(input);
    QVERIFY2(decoded.ok(), qPrintable(decoded.error));
    QStringList actual;
    for (const auto& [name, value] : decoded.pairs)
        actual << name + u'=' + value;
    QCOMPARE(actual, expected);
}

void tst_FormEncoding::refuses_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("errorContains");
    // LB-19 vectors.
    QTest::addRow("invalid escape") << QByteArray("a=%zz") << u"invalid percent escape"_s;
    QTest::addRow("truncated escape") << QByteArray("a=%4") << u"truncated"_s;
    QTest::addRow("lone percent") << QByteArray("a=%") << u"truncated"_s;
    QTest::addRow("NUL") << QByteArray("a=%00") << u"NUL"_s;
    QTest::addRow("overlong UTF-8") << QByteArray("a=%C0%AF") << u"UTF-8"_s;
    QTest::addRow("invalid UTF-8") << QByteArray("a=%FF") << u"UTF-8"_s;
    QTest::addRow("bad escape in a name") << QByteArray("%zz=1") << u"invalid percent escape"_s;
}

void tst_FormEncoding::refuses()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, errorContains);
    const FormEncoding::Decoded decoded = FormEncoding::decode(input);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error.contains(errorContains), qPrintable(decoded.error));
    QVERIFY(decoded.pairs.isEmpty());
}

void tst_FormEncoding::roundTrip()
{
    const FormPairs pairs = {
        {QStringLiteral("redirect_uri"), QStringLiteral("http://127.0.0.1:5000/cb?x=1&y=2")},
        {QStringLiteral("scope"), QStringLiteral("openid email")},
        {QString::fromUtf8("ünï"), QString::fromUtf8("€ + % & =")}};
    const FormEncoding::Decoded decoded = FormEncoding::decode(FormEncoding::encode(pairs));
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.pairs, pairs);
}

void tst_FormEncoding::pairCap()
{
    QByteArray many;
    for (int i = 0; i < 10'000; ++i)
        many += "a=1&";
    const FormEncoding::Decoded decoded = FormEncoding::decode(many);
    QVERIFY(!decoded.ok());
    QVERIFY2(decoded.error.contains(u"more than 64"), qPrintable(decoded.error));
    QVERIFY(FormEncoding::decode(QByteArray("a=1&").repeated(64)).ok());
}

QTEST_GUILESS_MAIN(tst_FormEncoding)
#include "tst_formencoding.moc"
