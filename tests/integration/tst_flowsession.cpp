// The engine's flow session against the real provider, driven exactly as both faces drive it: one goal per
// row, the steps it reports and how it ends. Goals that need tokens start from a sign-in through the scripted
// browser (the launcher path users get).
#include "ProviderInfo.h"
#include "checks/CheckCatalogue.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "session/FlowSession.h"
#include "traffic/TrafficLog.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace oauth2dbg;

using Kind = FlowStep::Kind;
using Goal = FlowGoal;

class tst_FlowSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void goals_data();
    void goals();
    void aCodeIsExchangedOnce();
    void aCodeWaitsForTheKeychain();
    void requestsAreHeldToWhatTheyAsked();
    void refusedBeforeSending();
    void aPastedTokenIsHeldToTheIssuersKeys();
    void anOpenIdProviderIsAskedForOpenId();
    void aMissingEndpointIsExplainedByWhatTheRunKnows();

private:
    struct Run {
        FlowOutcome outcome;
        QList<FlowStep> steps; // the final state of each step, in order
    };
    [[nodiscard]] Profile profileFor(const QJsonObject& client) const;
    // Runs `goal` to its end (a minute at most); the steps it reported, interim ones left out.
    Run run(FlowSession& session, Goal goal, const FlowInput& input = {});
    static QList<Kind> kinds(const QList<FlowStep>& steps);

    ProviderInfo m_provider;
    TrafficLog m_log;
    NetworkAccess m_network{&m_log};
    BrowserLauncher m_launcher;
};

void tst_FlowSession::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    m_launcher.setCommand(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
}

Profile tst_FlowSession::profileFor(const QJsonObject& client) const
{
    Profile p;
    p.id = client.value(u"client_id").toString();
    p.name = p.id;
    p.issuer = m_provider.issuer;
    p.clientId = client.value(u"client_id").toString();
    p.authMethod = client.value(u"token_endpoint_auth_method").toString();
    p.clientType = p.authMethod == u"none" ? QStringLiteral("public") : QStringLiteral("confidential");
    p.scopes = QStringLiteral("openid email");
    p.localTestServer = true;
    return p;
}

tst_FlowSession::Run tst_FlowSession::run(FlowSession& session, Goal goal, const FlowInput& input)
{
    Run result;
    const QMetaObject::Connection steps =
        connect(&session, &FlowSession::stepChanged, this, [&result](const FlowStep& step) {
            if (!step.interim)
                result.steps << step;
        });
    QSignalSpy finished(&session, &FlowSession::goalFinished);
    session.run(goal, input);
    if (finished.isEmpty() && !finished.wait(60'000))
        qWarning("the goal did not end within a minute");
    disconnect(steps);
    if (!finished.isEmpty())
        result.outcome = finished.first().first().value<FlowOutcome>();
    else
        result.outcome.error = {.kind = ErrorKind::Timeout, .message = QStringLiteral("no end")};
    return result;
}

QList<Kind> tst_FlowSession::kinds(const QList<FlowStep>& steps)
{
    QList<Kind> k;
    for (const FlowStep& s : steps) {
        if (s.kind != Kind::Consent)
            k << s.kind;
    }
    return k;
}

void tst_FlowSession::goals_data()
{
    QTest::addColumn<QString>("client");
    QTest::addColumn<bool>("signInFirst");
    QTest::addColumn<int>("goal");
    QTest::addColumn<QList<Kind>>("expected");
    const QList<Kind> signIn{Kind::Discovery, Kind::Request, Kind::Callback, Kind::Token, Kind::IdToken};
    QTest::addRow("discover") << "public" << false << int(Goal::Discover) << QList<Kind>{Kind::Discovery};
    QTest::addRow("authorize, public client") << "public" << false << int(Goal::Authorize) << signIn;
    QTest::addRow("authorize, client_secret_basic") << "basic" << false << int(Goal::Authorize) << signIn;
    QTest::addRow("client credentials") << "post" << false << int(Goal::ClientCredentials)
                                        << QList<Kind>{Kind::Discovery, Kind::ClientCredentials};
    QTest::addRow("refresh") << "basic" << true << int(Goal::Refresh)
                             << QList<Kind>{Kind::Refresh, Kind::IdToken};
    QTest::addRow("userinfo") << "public" << true << int(Goal::UserInfo) << QList<Kind>{Kind::UserInfo};
    QTest::addRow("introspect") << "basic" << true << int(Goal::Introspect)
                                << QList<Kind>{Kind::Introspection};
    QTest::addRow("revoke") << "basic" << true << int(Goal::Revoke) << QList<Kind>{Kind::Revocation};
    QTest::addRow("verify a pasted token")
        << "public" << true << int(Goal::VerifyToken) << QList<Kind>{Kind::PastedToken};
}

void tst_FlowSession::goals()
{
    QFETCH(QString, client);
    QFETCH(bool, signInFirst);
    QFETCH(int, goal);
    QFETCH(QList<Kind>, expected);
    const QJsonObject c = client == u"public" ? m_provider.publicClient
                          : client == u"post" ? m_provider.postClient
                                              : m_provider.basicClient;
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(c));
    session.setClientSecret(Secret::fromString(c.value(u"client_secret").toString()));
    if (signInFirst) {
        const Run signIn = run(session, Goal::Authorize);
        QVERIFY2(signIn.outcome.ok(), qPrintable(signIn.outcome.error.message));
    }
    FlowInput input;
    if (Goal(goal) == Goal::VerifyToken)
        input.token = session.tokens().idToken; // as if pasted: it answers no request of this goal
    const Run r = run(session, Goal(goal), input);
    QVERIFY2(r.outcome.ok(), qPrintable(r.outcome.error.message));
    QCOMPARE(kinds(r.steps), expected);
    for (const FlowStep& step : r.steps)
        QVERIFY2(step.status == FlowStep::Status::Ok || step.status == FlowStep::Status::Warning,
                 qPrintable(FlowStep::title(step.kind) % u": " % step.text()));
    if (Goal(goal) == Goal::Authorize || Goal(goal) == Goal::Refresh) {
        QVERIFY(!session.tokens().accessToken.isEmpty());
        QVERIFY(session.idVerification() && session.idVerification()->verified());
        QVERIFY2(r.steps.constLast().text().startsWith(u"Verified: RS256 signature verified"),
                 qPrintable(r.steps.constLast().text()));
    }
    if (Goal(goal) == Goal::ClientCredentials)
        QVERIFY(!session.tokens().accessToken.isEmpty() && session.tokens().idToken.isEmpty());
    // Every step names what it sent in the traffic log, and every rule it applied is in the catalogue.
    for (const FlowStep& step : r.steps) {
        for (const quint64 id : step.exchangeIds)
            QVERIFY(m_log.exchangeById(id));
        for (const Finding& check : step.checks)
            QVERIFY2(CheckCatalogue::unknownIn(check.rule).isEmpty(), qPrintable(check.rule));
    }
}

void tst_FlowSession::aCodeIsExchangedOnce()
{
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(m_provider.publicClient));
    const Run signIn = run(session, Goal::Authorize);
    QVERIFY2(signIn.outcome.ok(), qPrintable(signIn.outcome.error.message));
    QVERIFY(!session.codeAvailable());
    const Run again = run(session, Goal::ExchangeCode);
    QCOMPARE(again.outcome.error.kind, ErrorKind::InvalidInput);
    QCOMPARE(again.outcome.step, Kind::Token);
    QVERIFY(again.steps.isEmpty()); // refused before anything was sent
}

void tst_FlowSession::aCodeWaitsForTheKeychain()
{
    // The window reads the secret from the keychain, which answers later: a code that arrives meanwhile waits
    // for it (an interim step says so) and is exchanged with it, not refused for want of a secret.
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(m_provider.basicClient));
    session.setCredentialsPending(true);
    bool waited = false;
    connect(&session, &FlowSession::stepChanged, this, [&](const FlowStep& step) {
        if (step.kind != Kind::Token || !step.interim || !step.summary.contains(u"from the keychain"))
            return;
        waited = true;
        QTimer::singleShot(200, &session, [&] {
            session.setClientSecret(
                Secret::fromString(m_provider.basicClient.value(u"client_secret").toString()));
            session.setCredentialsPending(false);
        });
    });
    const Run r = run(session, Goal::Authorize);
    QVERIFY2(r.outcome.ok(), qPrintable(r.outcome.error.message));
    QVERIFY(waited);
    QVERIFY(!session.tokens().accessToken.isEmpty());
}

void tst_FlowSession::requestsAreHeldToWhatTheyAsked()
{
    // What the request asked for (max_age) is what the ID token is held to, and the code traded is what a
    // c_hash would be checked against: the verifier gets both from the session, whichever face runs it.
    FlowSession session(&m_network, &m_launcher);
    Profile profile = profileFor(m_provider.publicClient);
    profile.authorizationParameters = {{QStringLiteral("max_age"), QStringLiteral("300")}};
    session.setProfile(profile);
    const Run r = run(session, Goal::Authorize);
    QVERIFY2(r.outcome.ok(), qPrintable(r.outcome.error.message));
    const Findings& checks = r.steps.constLast().checks;
    const auto authTime = std::find_if(checks.cbegin(), checks.cend(),
                                       [](const Finding& f) { return f.field == u"auth_time"; });
    QVERIFY(authTime != checks.cend());
    QCOMPARE(authTime->severity, Severity::Info);
    QVERIFY2(authTime->message.contains(u"300"), qPrintable(authTime->message));
}

void tst_FlowSession::refusedBeforeSending()
{
    // A confidential client with no secret at hand: the session says so and sends nothing.
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(m_provider.basicClient));
    const int before = m_log.size();
    const Run r = run(session, Goal::ClientCredentials);
    QCOMPARE(r.outcome.error.kind, ErrorKind::InvalidInput);
    QVERIFY2(r.outcome.error.message.contains(u"needs the client secret"),
             qPrintable(r.outcome.error.message));
    QCOMPARE(m_log.size(), before + 1); // discovery only
}

void tst_FlowSession::aPastedTokenIsHeldToTheIssuersKeys()
{
    // A token from elsewhere, given to a run that has not discovered yet: the session fetches the metadata
    // and the key set first, and a token whose signature does not match is refused with the reason.
    QByteArray token;
    {
        FlowSession signIn(&m_network, &m_launcher);
        signIn.setProfile(profileFor(m_provider.publicClient));
        const Run r = run(signIn, Goal::Authorize);
        QVERIFY2(r.outcome.ok(), qPrintable(r.outcome.error.message));
        token = signIn.tokens().idToken.reveal();
    }
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(m_provider.publicClient));
    QSignalSpy verdicts(&session, &FlowSession::pastedTokenVerified);
    const Run good = run(session, Goal::VerifyToken, {.token = Secret(token)});
    QVERIFY2(good.outcome.ok(), qPrintable(good.outcome.error.message));
    QCOMPARE(kinds(good.steps), (QList<Kind>{Kind::Discovery, Kind::PastedToken}));
    QCOMPARE(good.steps.constLast().status, FlowStep::Status::Ok);
    QVERIFY2(good.steps.constLast().text().contains(u"/jwks"), qPrintable(good.steps.constLast().text()));
    QCOMPARE(verdicts.size(), 1);
    QCOMPARE(verdicts.first().first().toByteArray(), token);

    QByteArray forged = token;
    const qsizetype at = forged.lastIndexOf('.') + 5;
    forged[at] = forged[at] == 'A' ? 'B' : 'A'; // one character of the signature
    const Run bad = run(session, Goal::VerifyToken, {.token = Secret(forged)});
    QCOMPARE(bad.outcome.error.kind, ErrorKind::Protocol);
    QCOMPARE(bad.outcome.step, Kind::PastedToken);
    QCOMPARE(kinds(bad.steps), QList<Kind>{Kind::PastedToken}); // the metadata is the run's already
    QCOMPARE(bad.steps.constLast().status, FlowStep::Status::Failed);
    for (const Finding& check : bad.steps.constLast().checks)
        QVERIFY2(CheckCatalogue::unknownIn(check.rule).isEmpty(), qPrintable(check.rule));
}

void tst_FlowSession::anOpenIdProviderIsAskedForOpenId()
{
    // The provider publishes OpenID metadata; a request without "openid" is a plain OAuth request, and the
    // request step says so before the browser goes (some servers then answer only access_denied).
    for (const QString& scopes : {QStringLiteral("email"), QString()}) {
        FlowSession session(&m_network, &m_launcher);
        Profile profile = profileFor(m_provider.publicClient);
        profile.scopes = scopes;
        session.setProfile(profile);
        const Run r = run(session, Goal::Authorize, {.openBrowser = false});
        QVERIFY2(r.outcome.ok(), qPrintable(r.outcome.error.message));
        QCOMPARE(r.steps.constLast().kind, Kind::Request);
        QCOMPARE(r.steps.constLast().status, FlowStep::Status::Warning);
        const Findings& checks = r.steps.constLast().checks;
        QVERIFY(std::any_of(checks.cbegin(), checks.cend(), [](const Finding& f) {
            return f.rule == u"AR-04" && f.severity == Severity::Warning && f.message.contains(u"\"openid\"");
        }));
        session.cancel();
    }
    // With openid, no such warning.
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(m_provider.publicClient));
    const Run r = run(session, Goal::Authorize, {.openBrowser = false});
    const Findings& checks = r.steps.constLast().checks;
    QVERIFY(
        std::none_of(checks.cbegin(), checks.cend(), [](const Finding& f) { return f.rule == u"AR-04"; }));
    session.cancel();
}

// A missing revocation endpoint: after discovery it is the server that announces none (a stub shape whose
// metadata has no revocation_endpoint, which oidc-provider always has); without an issuer it is the profile
// that gives none. "Discover it first" is said to neither.
void tst_FlowSession::aMissingEndpointIsExplainedByWhatTheRunKnows()
{
    FlowSession session(&m_network, &m_launcher);
    Profile profile = profileFor(m_provider.publicClient);
    profile.issuer = m_provider.issuer + u"/__shapes/hostile-ok";
    session.setProfile(profile);
    const int before = m_log.size();
    Run r = run(session, Goal::Revoke, {.token = Secret("an-access-token")});
    QCOMPARE(r.outcome.error.kind, ErrorKind::InvalidInput);
    QVERIFY2(r.outcome.error.message.contains(u"lists no revocation_endpoint: this server does not announce"),
             qPrintable(r.outcome.error.message));
    QVERIFY(!r.outcome.error.message.contains(u"discover"));
    QCOMPARE(m_log.size(), before + 1); // the discovery, nothing else

    profile.issuer.clear();
    profile.endpoints.insert(QStringLiteral("token_endpoint"), m_provider.issuer + u"/token");
    session.setProfile(profile);
    r = run(session, Goal::Revoke, {.token = Secret("an-access-token")});
    QVERIFY2(r.outcome.error.message.contains(u"The profile gives no revocation_endpoint and no issuer"),
             qPrintable(r.outcome.error.message));
    QCOMPARE(m_log.size(), before + 1); // nothing sent
}

QTEST_GUILESS_MAIN(tst_FlowSession)
#include "tst_flowsession.moc"
