// The data rows below build byte strings with '+'; plain QByteArray operators keep each row's type exact.
#undef QT_USE_QSTRINGBUILDER

#include "oauth/CallbackValidator.h"

#include <QTest>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

namespace {
const QString kIssuer = QStringLiteral("https://op.example.com");
const QString kState = QStringLiteral("S-good");

FormPairs parse(const char* query)
{
    return FormEncoding::decode(QByteArrayView(query)).pairs;
}
} // namespace

class tst_CallbackValidator : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void verdicts_data();
    void verdicts();
    void checklistIsInOrder();
    void errorIsExplained();
    void frontChannelResponses_data();
    void frontChannelResponses();
    void signOutReturns_data();
    void signOutReturns();
};

// Implicit and hybrid responses (OIDC Core §3.2.2.5, §3.3.2.5), shapes the test provider never sends: a part
// the response type asked for missing, a token it did not ask for, and iss left out beside an ID token (RFC
// 9207 §2.4).
void tst_CallbackValidator::frontChannelResponses_data()
{
    QTest::addColumn<QString>("responseType");
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("rule"); // of the last check
    using O = CallbackVerdict::Outcome;
    QTest::newRow("implicit, complete")
        << u"id_token token"_s << "state=S-good&id_token=i&access_token=a&token_type=Bearer"_ba
        << int(O::Tokens) << u"AZ-13"_s;
    QTest::newRow("implicit, no token_type")
        << u"id_token token"_s << "state=S-good&id_token=i&access_token=a"_ba << int(O::Rejected)
        << u"AZ-13"_s;
    // Without the ID token nothing stands in for the iss the metadata promised.
    QTest::newRow("implicit, no id_token")
        << u"id_token"_s << "state=S-good"_ba << int(O::Rejected) << u"AZ-05"_s;
    QTest::newRow("implicit, no id_token, iss")
        << u"id_token"_s << "state=S-good&iss=https%3A%2F%2Fop.example.com"_ba << int(O::Rejected)
        << u"AZ-13"_s;
    QTest::newRow("an access token not asked for")
        << u"id_token"_s << "state=S-good&id_token=i&access_token=a"_ba << int(O::Rejected) << u"AZ-08"_s;
    QTest::newRow("hybrid, complete")
        << u"code id_token"_s << "state=S-good&id_token=i&code=c"_ba << int(O::Code) << u"AZ-04"_s;
    QTest::newRow("hybrid, no code") << u"code id_token"_s << "state=S-good&id_token=i"_ba << int(O::Rejected)
                                     << u"AZ-13"_s;
    QTest::newRow("hybrid, an error")
        << u"code id_token"_s << "state=S-good&iss=https%3A%2F%2Fop.example.com&error=access_denied"_ba
        << int(O::AuthorizationError) << u"AZ-07"_s;
    QTest::newRow("hybrid, two id_tokens")
        << u"code id_token"_s << "state=S-good&id_token=i&id_token=j&code=c"_ba << int(O::Rejected)
        << u"AZ-03"_s;
}

void tst_CallbackValidator::frontChannelResponses()
{
    QFETCH(QString, responseType);
    QFETCH(QByteArray, query);
    QFETCH(int, outcome);
    QFETCH(QString, rule);
    CallbackExpectations expected{kState, kIssuer, true};
    expected.responseType = responseType;
    const CallbackVerdict v = validateCallback(parse(query.constData()), expected);
    QCOMPARE(int(v.outcome), outcome);
    QCOMPARE(v.checks.constLast().rule, rule);
    // iss is required by the metadata, yet an ID token stands in for it; without one it would be refused.
    if (query.contains("id_token=i") && rule != u"AZ-03")
        QVERIFY(std::any_of(v.checks.cbegin(), v.checks.cend(), [](const Finding& f) {
            return f.rule == u"AZ-05" && f.severity == Severity::Info;
        }));
    if (outcome == int(CallbackVerdict::Outcome::Tokens)) {
        QCOMPARE(v.idToken, u"i"_s);
        QCOMPARE(v.accessToken, u"a"_s);
        QCOMPARE(v.tokenType, u"Bearer"_s);
    }
}

void tst_CallbackValidator::verdicts_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<QString>("expectedState");
    QTest::addColumn<bool>("issRequired");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<QString>("rule"); // the rule that decided a rejection
    const int rejected = int(CallbackVerdict::Outcome::Rejected);
    const int code = int(CallbackVerdict::Outcome::Code);
    const int error = int(CallbackVerdict::Outcome::AuthorizationError);
    const QByteArray iss = "&iss=https%3A%2F%2Fop.example.com";

    QTest::addRow("code") << QByteArray("code=c&state=S-good") + iss << kState << true << code << u""_s;
    QTest::addRow("code, no iss, not promised")
        << QByteArray("code=c&state=S-good") << kState << false << code << u""_s;
    QTest::addRow("state wrong") << QByteArray("code=c&state=WRONG") + iss << kState << true << rejected
                                 << u"AZ-01"_s;
    QTest::addRow("state missing") << QByteArray("code=c") + iss << kState << true << rejected << u"AZ-01"_s;
    QTest::addRow("state empty") << QByteArray("code=c&state=") + iss << kState << true << rejected
                                 << u"AZ-01"_s;
    QTest::addRow("state unexpected")
        << QByteArray("code=c&state=S") + iss << QString() << true << rejected << u"AZ-01"_s;
    QTest::addRow("state duplicated")
        << QByteArray("code=c&state=S-good&state=S-good") + iss << kState << true << rejected << u"AZ-03"_s;
    QTest::addRow("code duplicated") << QByteArray("code=a&code=b&state=S-good") + iss << kState << true
                                     << rejected << u"AZ-03"_s;
    QTest::addRow("iss wrong") << QByteArray("code=c&state=S-good&iss=https%3A%2F%2Fevil.example") << kState
                               << true << rejected << "AZ-05";
    QTest::addRow("iss with trailing slash")
        << QByteArray("code=c&state=S-good&iss=https%3A%2F%2Fop.example.com%2F") << kState << false
        << rejected << "AZ-05";
    QTest::addRow("iss missing but promised")
        << QByteArray("code=c&state=S-good") << kState << true << rejected << u"AZ-05"_s;
    // AZ-01 tests: a forged error must not be reported as the server's answer.
    QTest::addRow("error, good state")
        << QByteArray("error=access_denied&state=S-good") + iss << kState << true << error << u""_s;
    QTest::addRow("error, bad state")
        << QByteArray("error=access_denied&state=WRONG") + iss << kState << true << rejected << u"AZ-01"_s;
    QTest::addRow("error, wrong iss")
        << QByteArray("error=access_denied&state=S-good&iss=https%3A%2F%2Fevil.example") << kState << true
        << rejected << "AZ-05";
    QTest::addRow("code empty") << QByteArray("code=&state=S-good") + iss << kState << true << rejected
                                << u"AZ-04"_s;
    QTest::addRow("nothing") << QByteArray("state=S-good") + iss << kState << true << rejected << u"AZ-04"_s;
    QTest::addRow("implicit leftover")
        << QByteArray("code=c&state=S-good&access_token=t") + iss << kState << true << rejected << "AZ-08";
    QTest::addRow("hybrid leftover") << QByteArray("code=c&state=S-good&id_token=t") + iss << kState << true
                                     << rejected << u"AZ-08"_s;
    QTest::addRow("duplicate checked before iss")
        << QByteArray("iss=x&iss=y&code=c&state=S-good") << kState << true << rejected << "AZ-03";
}

void tst_CallbackValidator::verdicts()
{
    QFETCH(QByteArray, query);
    QFETCH(QString, expectedState);
    QFETCH(bool, issRequired);
    QFETCH(int, outcome);
    QFETCH(QString, rule);
    const CallbackVerdict v =
        validateCallback(parse(query.constData()), {expectedState, kIssuer, issRequired});
    QCOMPARE(int(v.outcome), outcome);
    if (outcome == int(CallbackVerdict::Outcome::Rejected)) {
        QVERIFY(!v.checks.isEmpty());
        QCOMPARE(v.checks.constLast().severity, Severity::Error);
        QCOMPARE(v.checks.constLast().rule, rule);
        QCOMPARE(v.reason, v.checks.constLast().message);
        QVERIFY(v.code.isEmpty());
        QVERIFY(v.error.isEmpty());
    }
    if (outcome == int(CallbackVerdict::Outcome::Code))
        QCOMPARE(v.code, QStringLiteral("c"));
}

void tst_CallbackValidator::checklistIsInOrder()
{
    const CallbackVerdict v = validateCallback(parse("code=c&state=S-good&iss=https%3A%2F%2Fop.example.com"),
                                               {kState, kIssuer, true});
    QStringList rules;
    for (const Finding& f : v.checks) {
        rules << f.rule;
        QCOMPARE(f.severity, Severity::Info);
    }
    QCOMPARE(rules, QStringList({u"AZ-03"_s, u"AZ-05"_s, u"AZ-01"_s, u"AZ-04"_s}));
}

void tst_CallbackValidator::errorIsExplained()
{
    const CallbackVerdict v = validateCallback(parse("error=access_denied&error_description=End-User+aborted&"
                                                     "error_uri=https%3A%2F%2Fx.example%2Fe&state=S-good"),
                                               {kState, kIssuer, false});
    QCOMPARE(v.outcome, CallbackVerdict::Outcome::AuthorizationError);
    QCOMPARE(v.error, QStringLiteral("access_denied"));
    QCOMPARE(v.errorDescription, QStringLiteral("End-User aborted")); // '+' decoded as a space (AZ-09)
    QCOMPARE(v.errorUri, QStringLiteral("https://x.example/e"));
    QVERIFY2(v.reason.contains(u"refused"), qPrintable(v.reason));
    // Both truths: the answer is genuine (state matches: passed), and the sign-in failed (AZ-07 is an error).
    const auto rule = [&v](const char* id) {
        return std::find_if(v.checks.cbegin(), v.checks.cend(),
                            [id](const Finding& f) { return f.rule == QLatin1StringView(id); });
    };
    QVERIFY(rule("AZ-01") != v.checks.cend() && rule("AZ-01")->severity == Severity::Info);
    QVERIFY(rule("AZ-07") != v.checks.cend());
    QCOMPARE(rule("AZ-07")->severity, Severity::Error);
    QVERIFY2(rule("AZ-07")->message.startsWith(u"The sign-in failed. The server answered \"access_denied\""),
             qPrintable(rule("AZ-07")->message));
    QVERIFY(explainAuthorizationError(QStringLiteral("made_up")).contains(u"not defined"));
}

// The way back from RP-initiated logout: state only, once, and this sign-out's (LO-02). The provider always
// returns it right, so the wrong shapes are here.
void tst_CallbackValidator::signOutReturns_data()
{
    QTest::addColumn<QByteArray>("query");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("said");
    QTest::newRow("this sign-out's state") << "state=S-good"_ba << true << u"came back"_s;
    QTest::newRow("no state") << ""_ba << false << u"has no \"state\""_s;
    QTest::newRow("an empty state") << "state="_ba << false << u"has no \"state\""_s;
    QTest::newRow("another state") << "state=S-other"_ba << false << u"does not match"_s;
    QTest::newRow("state twice") << "state=S-good&state=S-good"_ba << false << u"appears 2 times"_s;
    // A code on the way back is not an authorization response: the sign-out's rules apply, nothing else.
    QTest::newRow("a code beside it") << "state=S-good&code=c"_ba << true << u"came back"_s;
}

void tst_CallbackValidator::signOutReturns()
{
    QFETCH(QByteArray, query);
    QFETCH(bool, accepted);
    QFETCH(QString, said);
    CallbackExpectations expected{.state = kState, .signOut = true};
    const CallbackVerdict v = validateCallback(parse(query.constData()), expected);
    QCOMPARE(v.outcome, accepted ? CallbackVerdict::Outcome::SignedOut : CallbackVerdict::Outcome::Rejected);
    QCOMPARE(v.checks.size(), 1);
    QCOMPARE(v.checks.first().rule, QStringLiteral("LO-02"));
    QCOMPARE(v.checks.first().severity, accepted ? Severity::Info : Severity::Error);
    QVERIFY2(v.checks.first().message.contains(said), qPrintable(v.checks.first().message));
    QVERIFY(v.code.isEmpty());
}

QTEST_GUILESS_MAIN(tst_CallbackValidator)
#include "tst_callbackvalidator.moc"
