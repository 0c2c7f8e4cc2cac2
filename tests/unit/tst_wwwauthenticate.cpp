// WWW-Authenticate as resource servers send it (RFC 9110 §11.6.1, RFC 6750 §3, RFC 9449 §7.1): several
// challenges in one header, quoted values with escapes, a token68, and a malformed header read no further.
#include "net/WwwAuthenticate.h"

#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

class tst_WwwAuthenticate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rfc6750Example();
    void severalChallenges();
    void quotedPairsAndToken68();
    void malformedKeepsWhatCameBefore();
    void errorsAreExplained();
};

void tst_WwwAuthenticate::rfc6750Example()
{
    // RFC 6750 §3, its second example.
    const QList<AuthChallenge> c = WwwAuthenticate::parse(
        R"(Bearer realm="example", error="invalid_token", error_description="The access token expired")");
    QCOMPARE(c.size(), 1);
    QCOMPARE(c.first().scheme, u"Bearer"_s);
    QCOMPARE(c.first().param(u"realm"_s), u"example"_s);
    QCOMPARE(c.first().param(u"ERROR"_s), u"invalid_token"_s);
    QCOMPARE(c.first().param(u"error_description"_s), u"The access token expired"_s);
}

void tst_WwwAuthenticate::severalChallenges()
{
    // RFC 9449 §7.1: a resource server that takes both schemes says so.
    const QList<AuthChallenge> c =
        WwwAuthenticate::parse(R"(Bearer realm="rs", DPoP algs="ES256 PS256", error="use_dpop_nonce")");
    QCOMPARE(c.size(), 2);
    QCOMPARE(c.at(1).scheme, u"DPoP"_s);
    QCOMPARE(c.at(1).param(u"algs"_s), u"ES256 PS256"_s);
    QCOMPARE(WwwAuthenticate::find(c, u"dpop"_s).param(u"error"_s), u"use_dpop_nonce"_s);
    QVERIFY(WwwAuthenticate::find(c, u"Basic"_s).scheme.isEmpty());
    QCOMPARE(WwwAuthenticate::parse("Bearer realm=rs, error=insufficient_scope, scope=\"read write\"")
                 .first()
                 .param(u"scope"_s),
             u"read write"_s);
}

void tst_WwwAuthenticate::quotedPairsAndToken68()
{
    const QList<AuthChallenge> c = WwwAuthenticate::parse(R"(Bearer error_description="say \"no\", twice")");
    QCOMPARE(c.first().param(u"error_description"_s), uR"(say "no", twice)"_s);
    QCOMPARE(WwwAuthenticate::parse("Basic dXNlcg==").first().token68, u"dXNlcg=="_s);
    QCOMPARE(WwwAuthenticate::parse("Negotiate abc, Basic realm=\"x\"").at(1).param(u"realm"_s), u"x"_s);
}

void tst_WwwAuthenticate::malformedKeepsWhatCameBefore()
{
    const QList<AuthChallenge> c = WwwAuthenticate::parse(R"(DPoP error="invalid_token", realm="never ends)");
    QCOMPARE(c.size(), 1);
    QCOMPARE(c.first().param(u"error"_s), u"invalid_token"_s);
    QVERIFY(WwwAuthenticate::parse("").isEmpty());
    QVERIFY(WwwAuthenticate::parse(",,, ").isEmpty());
    QVERIFY(WwwAuthenticate::parse(QByteArray(100'000, ',') + "Bearer").size() <= 1);
}

void tst_WwwAuthenticate::errorsAreExplained()
{
    AuthChallenge c{.scheme = u"DPoP"_s, .params = {{u"error"_s, u"invalid_dpop_proof"_s}}};
    QVERIFY(WwwAuthenticate::explain(c).contains(u"RFC 9449 §7.1"));
    c.params = {{u"error"_s, u"insufficient_scope"_s}, {u"scope"_s, u"admin"_s}};
    QVERIFY(WwwAuthenticate::explain(c).contains(u"\"admin\""));
    c.params = {};
    QVERIFY(WwwAuthenticate::explain(c).isEmpty());
}

QTEST_GUILESS_MAIN(tst_WwwAuthenticate)
#include "tst_wwwauthenticate.moc"
