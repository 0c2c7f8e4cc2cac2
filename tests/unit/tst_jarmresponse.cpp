// JWT-secured authorization responses (JARM §4.4): the response JWT verified before anything in it is read —
// one response and nothing beside it, the issuer's signature, iss and aud, exp — then its claims as the
// callback's parameters, held to the usual callback rules. Tokens signed here stand for a server's.
#include "TestSigner.h"
#include "oauth/CallbackValidator.h"
#include "oauth/JarmResponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

class tst_JarmResponse : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aGoodResponseIsReadAfterItIsVerified();
    void refusals_data();
    void refusals();
    void theModesAreKnown();

private:
    [[nodiscard]] QByteArray signedResponse(const QJsonObject& overrides,
                                            const test::TestKey* key = nullptr) const;
    [[nodiscard]] CallbackExpectations expectations() const;

    test::TestKey m_key = test::TestKey::generate(u"RS256"_s, u"as-1"_s);
    test::TestKey m_other = test::TestKey::generate(u"RS256"_s, u"as-1"_s); // same kid, another key
    qint64 m_now = 1'800'000'000;
};

void tst_JarmResponse::initTestCase()
{
    QVERIFY(!m_key.publicJwk().isEmpty());
}

QByteArray tst_JarmResponse::signedResponse(const QJsonObject& overrides, const test::TestKey* key) const
{
    QJsonObject claims{{u"iss"_s, u"https://as.example"_s},
                       {u"aud"_s, u"client-1"_s},
                       {u"exp"_s, double(m_now + 60)},
                       {u"code"_s, u"the-code"_s},
                       {u"state"_s, u"S"_s}};
    for (auto it = overrides.constBegin(); it != overrides.constEnd(); ++it) {
        if (it.value().isNull())
            claims.remove(it.key());
        else
            claims.insert(it.key(), it.value());
    }
    return (key ? key : &m_key)->sign({}, claims);
}

CallbackExpectations tst_JarmResponse::expectations() const
{
    CallbackExpectations e{.state = u"S"_s, .issuer = u"https://as.example"_s, .jarm = true};
    e.jarmExpected = {.issuer = u"https://as.example"_s,
                      .clientId = u"client-1"_s,
                      .keys = JwkSet::parse(
                          QJsonDocument(QJsonObject{{u"keys"_s, QJsonArray{m_key.publicJwk()}}}).toJson()),
                      .now = QDateTime::fromSecsSinceEpoch(m_now, Qt::UTC)};
    return e;
}

void tst_JarmResponse::aGoodResponseIsReadAfterItIsVerified()
{
    const CallbackVerdict v =
        validateCallback({{u"response"_s, QString::fromLatin1(signedResponse({}))}}, expectations());
    QCOMPARE(v.outcome, CallbackVerdict::Outcome::Code);
    QCOMPARE(v.code, u"the-code"_s);
    QStringList rules;
    for (const Finding& f : v.checks)
        rules << f.rule;
    QCOMPARE(rules.mid(0, 4), (QStringList{u"JM-01"_s, u"JM-02"_s, u"JM-03"_s, u"JM-04"_s}));
    QVERIFY(rules.contains(u"AZ-01"_s)); // the claims' state, held to the flow's
    QVERIFY(rules.contains(u"AZ-05"_s)); // and their iss
}

void tst_JarmResponse::refusals_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("parameters"); // "response" is the signed response below
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<bool>("otherKey");
    QTest::newRow("no response") << u"JM-01"_s << u"code=x&state=S"_s << QJsonObject{} << false;
    QTest::newRow("a code beside it") << u"JM-01"_s << u"response&code=x"_s << QJsonObject{} << false;
    QTest::newRow("another key, same kid") << u"JM-02"_s << u"response"_s << QJsonObject{} << true;
    QTest::newRow("another issuer") << u"JM-03"_s << u"response"_s
                                    << QJsonObject{{u"iss"_s, u"https://evil.example"_s}} << false;
    QTest::newRow("another client") << u"JM-03"_s << u"response"_s << QJsonObject{{u"aud"_s, u"client-2"_s}}
                                    << false;
    QTest::newRow("expired") << u"JM-04"_s << u"response"_s
                             << QJsonObject{{u"exp"_s, double(1'800'000'000 - 120)}} << false;
    QTest::newRow("no exp") << u"JM-04"_s << u"response"_s << QJsonObject{{u"exp"_s, QJsonValue::Null}}
                            << false;
    QTest::newRow("state of another flow")
        << u"AZ-01"_s << u"response"_s << QJsonObject{{u"state"_s, u"other"_s}} << false;
}

void tst_JarmResponse::refusals()
{
    QFETCH(QString, rule);
    QFETCH(QString, parameters);
    QFETCH(QJsonObject, claims);
    QFETCH(bool, otherKey);
    FormPairs pairs;
    for (const QString& part : parameters.split(u'&'))
        pairs.append({part.section(u'=', 0, 0),
                      part == u"response"
                          ? QString::fromLatin1(signedResponse(claims, otherKey ? &m_other : nullptr))
                          : part.section(u'=', 1)});
    const CallbackVerdict v = validateCallback(pairs, expectations());
    QCOMPARE(v.outcome, CallbackVerdict::Outcome::Rejected);
    QVERIFY(!v.checks.isEmpty());
    QCOMPARE(v.checks.last().rule, rule);
    QCOMPARE(v.checks.last().severity, Severity::Error);
    QVERIFY(v.code.isEmpty()); // nothing from a refused response is kept
}

void tst_JarmResponse::theModesAreKnown()
{
    for (const char16_t* mode : {u"jwt", u"query.jwt", u"fragment.jwt", u"form_post.jwt"})
        QVERIFY(JarmResponse::isJwtMode(QString::fromUtf16(mode)));
    for (const char16_t* mode : {u"", u"query", u"form_post", u"jwtx"})
        QVERIFY(!JarmResponse::isJwtMode(QString::fromUtf16(mode)));
}

QTEST_GUILESS_MAIN(tst_JarmResponse)
#include "tst_jarmresponse.moc"
