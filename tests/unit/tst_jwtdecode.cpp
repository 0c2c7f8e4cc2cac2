#include "jose/JwtDecode.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

namespace {
QByteArray segment(const QByteArray& json)
{
    return json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// RFC 7519 §3.1's example (HS256).
const QByteArray kRfcExample = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
                               "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGx"
                               "lLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

const QDateTime kNow = QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);
} // namespace

class tst_JwtDecode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rfc7519Example();
    void kinds_data();
    void kinds();
    void warnings();
    void claimsInWords();
    void relativeTimes_data();
    void relativeTimes();
    void countdowns();
};

void tst_JwtDecode::rfc7519Example()
{
    const DecodedToken t = decodeToken(kRfcExample);
    QCOMPARE(t.kind, DecodedToken::Kind::Jws);
    QCOMPARE(t.header.value(u"alg").toString(), u"HS256"_s);
    QCOMPARE(t.header.value(u"typ").toString(), u"JWT"_s);
    QCOMPARE(t.payload.value(u"iss").toString(), u"joe"_s);
    QCOMPARE(t.payload.value(u"exp").toInteger(), 1300819380);
    QCOMPARE(t.payload.value(u"http://example.com/is_root").toBool(), true);
    QVERIFY(t.warnings.isEmpty());
    QCOMPARE(t.summary(), u"JWT (JWS, HS256, typ JWT)"_s);
}

void tst_JwtDecode::kinds_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("summary");
    QTest::newRow("opaque") << QByteArray("2YotnFZFEjr1zCsicMWpAA") << int(DecodedToken::Kind::Opaque)
                            << u"opaque"_s;
    QTest::newRow("opaque with dots")
        << QByteArray("abc.def.ghi") << int(DecodedToken::Kind::Opaque) << u"opaque"_s;
    QTest::newRow("empty") << QByteArray("  ") << int(DecodedToken::Kind::Malformed) << u"no token"_s;
    QTest::newRow("JWE") << (segment(R"({"alg":"RSA-OAEP","enc":"A256GCM"})") + ".a.b.c.d")
                         << int(DecodedToken::Kind::Jwe) << u"encrypted (RSA-OAEP / A256GCM)"_s;
    QTest::newRow("broken header") << QByteArray("eyJhbGciOi.eyJ.sig") << int(DecodedToken::Kind::Malformed)
                                   << u"header is not JSON"_s;
    QTest::newRow("bad payload base64")
        << (segment(R"({"alg":"RS256"})") + ".e!!.sig") << int(DecodedToken::Kind::Malformed)
        << u"payload is not base64url"_s;
    QTest::newRow("surrounding whitespace")
        << ("\n " + kRfcExample + " \n") << int(DecodedToken::Kind::Jws) << u"JWT (JWS, HS256"_s;
}

void tst_JwtDecode::kinds()
{
    QFETCH(QByteArray, token);
    QFETCH(int, kind);
    QFETCH(QString, summary);
    const DecodedToken t = decodeToken(token);
    QCOMPARE(int(t.kind), kind);
    QVERIFY2(t.summary().contains(summary), qPrintable(t.summary()));
}

void tst_JwtDecode::warnings()
{
    // Padding and standard base64: readable, but said.
    QByteArray padded = QByteArray(R"({"alg":"RS256","x":"??>"})").toBase64() + "." +
                        QByteArray(R"({"sub":"a"})").toBase64() + ".sig";
    DecodedToken t = decodeToken(padded);
    QCOMPARE(t.kind, DecodedToken::Kind::Jws);
    QCOMPARE(t.payload.value(u"sub").toString(), u"a"_s);
    QVERIFY2(t.warnings.join(u'\n').contains(u"padding"), qPrintable(t.warnings.join(u'\n')));
    QVERIFY2(t.warnings.join(u'\n').contains(u"standard base64"), qPrintable(t.warnings.join(u'\n')));
    // alg none, no signature.
    t = decodeToken(segment(R"({"alg":"none"})") + "." + segment(R"({"sub":"a"})") + ".");
    QVERIFY(t.warnings.join(u'\n').contains(u"Unsigned"));
    // A payload that is not JSON is kept as text.
    t = decodeToken(segment(R"({"alg":"HS256"})") + "." + segment("hello") + ".sig");
    QCOMPARE(t.kind, DecodedToken::Kind::Jws);
    QCOMPARE(t.payloadBytes, QByteArray("hello"));
    QVERIFY(t.warnings.join(u'\n').contains(u"payload is not JSON"));
}

void tst_JwtDecode::claimsInWords()
{
    const QJsonObject payload = QJsonDocument::fromJson(R"({"iss":"https://op.example","aud":["api","web"],
        "exp":1795612320,"iat":"yesterday","scope":"openid email","custom":{"a":1}})")
                                    .object();
    const QList<ClaimLine> lines = explainClaims(payload, kNow);
    QHash<QString, ClaimLine> byName;
    for (const ClaimLine& line : lines)
        byName.insert(line.name, line);
    QCOMPARE(byName.value(u"aud"_s).items, (QStringList{u"api"_s, u"web"_s}));
    QCOMPARE(byName.value(u"aud"_s).meaning, u"audience: who may accept it"_s);
    QCOMPARE(byName.value(u"scope"_s).items, (QStringList{u"openid"_s, u"email"_s}));
    // 1795612320 is 2026-11-25 13:12:00 UTC: 72 minutes after "now".
    QVERIFY2(byName.value(u"exp"_s).value.contains(u"(in 72 min) — 1795612320"),
             qPrintable(byName.value(u"exp"_s).value));
    QVERIFY(byName.value(u"iat"_s).meaning.contains(u"should be a number"));
    QCOMPARE(byName.value(u"custom"_s).value, u"{\"a\":1}"_s);
    QVERIFY(byName.value(u"custom"_s).meaning.isEmpty());
}

void tst_JwtDecode::relativeTimes_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("now") << 3 << u"now"_s;
    QTest::newRow("seconds") << 40 << u"in 40 s"_s;
    QTest::newRow("minutes") << 240 << u"in 4 min"_s;
    QTest::newRow("past hours") << -7200 << u"2 h ago"_s;
    QTest::newRow("days") << 3 * 86400 << u"in 3 days"_s;
}

void tst_JwtDecode::relativeTimes()
{
    QFETCH(int, seconds);
    QFETCH(QString, text);
    QCOMPARE(relativeTime(kNow.addSecs(seconds), kNow), text);
}

void tst_JwtDecode::countdowns()
{
    const auto exp = [](qint64 at) {
        return QJsonObject{{u"exp"_s, double(at)}};
    };
    QCOMPARE(countdown(exp(kNow.toSecsSinceEpoch() + 272), kNow), u"expires in 4:32"_s);
    QCOMPARE(countdown(exp(kNow.toSecsSinceEpoch() - 120), kNow), u"expired 2 min ago"_s);
    QCOMPARE(countdown(exp(kNow.toSecsSinceEpoch() + 7200), kNow), u"expires in 2 h"_s);
    QCOMPARE(countdown(QJsonObject{}, kNow), QString());
}

QTEST_GUILESS_MAIN(tst_JwtDecode)
#include "tst_jwtdecode.moc"
