// DPoP (RFC 9449) through the engine's flow session against the real provider, whose clients debugger-dpop
// and debugger-dpop-nonce get only DPoP-bound access tokens and which wants its nonce in every proof sent to
// userinfo (and, for debugger-dpop-nonce, to the token endpoint): the proofs as sent, the nonce retry (once,
// and only once), dpop_jkt, token_type and cnf.jkt, and each broken client's proof refused with its rule
// named.
#include "ProviderInfo.h"
#include "jose/Jws.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "oauth/Dpop.h"
#include "session/FlowSession.h"
#include "traffic/TrafficLog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace oauth2dbg;
using namespace Qt::StringLiterals;

class tst_Dpop : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void aBoundSignInSendsAProofWithEveryRequest();
    void aNonceIsAskedForOnceAndGivenOnce();
    void aServerThatKeepsAskingGetsOneRetryOnly();
    void aProofForAnotherUrlIsRefusedByName();
    void aReusedJtiIsRefusedByName();
    void aBoundTokenWithoutItsProofIsRefusedByName();
    void theKeyIsKeptAcrossRunsOfTheSameProfile();
    void anApiIsCalledWithTheBoundToken();
    void anApiCallWithABearerTokenAndItsChallenge();

private:
    [[nodiscard]] Profile profileFor(const QString& clientId) const;
    FlowOutcome run(FlowSession& session, FlowGoal goal, QList<FlowStep>* steps = nullptr);
    // The exchanges to a path, in order.
    [[nodiscard]] QList<HttpExchange> sentTo(const QString& path) const;
    [[nodiscard]] static QStringList rules(const Findings& checks);
    [[nodiscard]] static CompactJws proofOf(const HttpExchange& exchange);

    ProviderInfo m_provider;
    TrafficLog m_log;
    NetworkAccess m_network{&m_log};
    BrowserLauncher m_launcher;
};

void tst_Dpop::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_provider.clients.contains(u"debugger-dpop"_s));
    m_launcher.setCommand(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
}

void tst_Dpop::init()
{
    m_log.clear();
}

Profile tst_Dpop::profileFor(const QString& clientId) const
{
    const QJsonObject client = m_provider.clients.value(clientId);
    Profile p;
    p.id = clientId;
    p.name = clientId;
    p.issuer = m_provider.issuer;
    p.clientId = clientId;
    p.authMethod = client.value(u"token_endpoint_auth_method").toString();
    p.clientType = p.authMethod == u"none" ? u"public"_s : u"confidential"_s;
    p.scopes = u"openid email"_s;
    p.localTestServer = true;
    p.dpop = true;
    return p;
}

FlowOutcome tst_Dpop::run(FlowSession& session, FlowGoal goal, QList<FlowStep>* steps)
{
    const QMetaObject::Connection c =
        connect(&session, &FlowSession::stepChanged, this, [steps](const FlowStep& step) {
            if (steps && !step.interim)
                *steps << step;
        });
    QSignalSpy finished(&session, &FlowSession::goalFinished);
    session.run(goal, {});
    if (finished.isEmpty())
        (void)finished.wait(60'000);
    disconnect(c);
    if (finished.isEmpty())
        return {.error = {.kind = ErrorKind::Timeout, .message = u"no end"_s}};
    return finished.first().first().value<FlowOutcome>();
}

QList<HttpExchange> tst_Dpop::sentTo(const QString& path) const
{
    QList<HttpExchange> out;
    for (int row = 0; row < m_log.size(); ++row)
        if (m_log.exchangeAt(row)->url.path().endsWith(path))
            out << *m_log.exchangeAt(row);
    return out;
}

QStringList tst_Dpop::rules(const Findings& checks)
{
    QStringList out;
    for (const Finding& f : checks)
        if (f.rule.startsWith(u"DP-"))
            out << f.rule + (f.severity == Severity::Error     ? u" error"_s
                             : f.severity == Severity::Warning ? u" warning"_s
                                                               : u" ok"_s);
    return out;
}

CompactJws tst_Dpop::proofOf(const HttpExchange& exchange)
{
    return CompactJws::parse(exchange.requestHeader("DPoP"));
}

void tst_Dpop::aBoundSignInSendsAProofWithEveryRequest()
{
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(u"debugger-dpop"_s));
    session.setClientSecret(
        Secret::fromString(m_provider.clients.value(u"debugger-dpop"_s).value(u"client_secret").toString()));
    QList<FlowStep> steps;
    const FlowOutcome signIn = run(session, FlowGoal::Authorize, &steps);
    QVERIFY2(signIn.ok(), qPrintable(signIn.error.message));
    QVERIFY(session.dpop());
    const QString jkt = session.dpop()->thumbprint();
    QCOMPARE(jkt.size(), 43); // base64url SHA-256
    QCOMPARE(session.tokens().tokenType, u"DPoP"_s);
    // The authorization request named the key (RFC 9449 §10).
    const QUrlQuery request(QUrl(session.authorization()->request().url));
    QCOMPARE(request.queryItemValue(u"dpop_jkt"_s), jkt);
    // The token request's proof, as the server got it.
    const QList<HttpExchange> token = sentTo(u"/token"_s);
    QCOMPARE(token.size(), 1);
    const CompactJws proof = proofOf(token.first());
    QVERIFY2(proof.ok(), qPrintable(proof.error));
    QCOMPARE(proof.typ, u"dpop+jwt"_s);
    QCOMPARE(proof.alg, u"ES256"_s);
    const QJsonObject jwk = proof.header.value(u"jwk").toObject();
    QCOMPARE(jwk.value(u"kty").toString(), u"EC"_s);
    QVERIFY(!jwk.contains(u"d")); // never the private part
    QCOMPARE(proof.payload.value(u"htm").toString(), u"POST"_s);
    QCOMPARE(proof.payload.value(u"htu").toString(), token.first().url.toString());
    QVERIFY(!proof.payload.contains(u"ath"));
    QVERIFY(qAbs(proof.payload.value(u"iat").toDouble() - double(QDateTime::currentSecsSinceEpoch())) < 60);
    FlowStep tokenStep;
    for (const FlowStep& s : std::as_const(steps))
        if (s.kind == FlowStep::Kind::Token)
            tokenStep = s;
    QCOMPARE(rules(tokenStep.checks), (QStringList{u"DP-01 ok"_s, u"DP-02 ok"_s, u"DP-04 ok"_s}));

    // Userinfo with the bound token: scheme DPoP and a proof with its ath (§7.1).
    const FlowOutcome userinfo = run(session, FlowGoal::UserInfo);
    QVERIFY2(userinfo.ok(), qPrintable(userinfo.error.message));
    const QList<HttpExchange> calls = sentTo(u"/me"_s);
    QVERIFY(!calls.isEmpty());
    QVERIFY(calls.last().requestHeader("Authorization").startsWith("DPoP "));
    const CompactJws resourceProof = proofOf(calls.last());
    QCOMPARE(resourceProof.payload.value(u"htm").toString(), u"GET"_s);
    QCOMPARE(resourceProof.payload.value(u"ath").toString(),
             DpopProofs::athOf(session.tokens().accessToken.reveal()));
    QVERIFY(resourceProof.payload.value(u"jti") != proof.payload.value(u"jti"));
    QVERIFY(resourceProof.payload.contains(u"nonce")); // the provider asks for one at userinfo

    // Introspection tells the binding: cnf.jkt is this key (DP-05).
    QSignalSpy operations(&session, &FlowSession::operationFinished);
    QVERIFY(run(session, FlowGoal::Introspect).ok());
    const OperationResult answer = operations.first().first().value<OperationResult>();
    QCOMPARE(answer.body.value(u"cnf").toObject().value(u"jkt").toString(), jkt);
    QCOMPARE(rules(answer.checks), QStringList{u"DP-05 ok"_s});
}

void tst_Dpop::aNonceIsAskedForOnceAndGivenOnce()
{
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(u"debugger-dpop-nonce"_s));
    QSignalSpy tokens(&session, &FlowSession::tokensChanged);
    const FlowOutcome signIn = run(session, FlowGoal::Authorize);
    QVERIFY2(signIn.ok(), qPrintable(signIn.error.message));
    const QList<HttpExchange> token = sentTo(u"/token"_s);
    QCOMPARE(token.size(), 2); // refused for want of a nonce, then sent once more with it
    QCOMPARE(token.first().status, 400);
    QVERIFY(!proofOf(token.first()).payload.contains(u"nonce"));
    QCOMPARE(proofOf(token.last()).payload.value(u"nonce").toString(),
             QString::fromLatin1(token.first().responseHeader("DPoP-Nonce")));
    QVERIFY(proofOf(token.first()).payload.value(u"jti") != proofOf(token.last()).payload.value(u"jti"));
    const TokenResult result = tokens.last().first().value<TokenResult>();
    QCOMPARE(rules(result.checks), (QStringList{u"DP-03 ok"_s, u"DP-01 ok"_s, u"DP-02 ok"_s, u"DP-04 ok"_s}));
}

void tst_Dpop::aServerThatKeepsAskingGetsOneRetryOnly()
{
    // A shape: /__shapes/dpop-nonce-always/ asks for a new nonce at every request, as no real server does.
    const QString base = m_provider.origin() + u"/__shapes/dpop-nonce-always/retry"_s;
    Profile p = profileFor(u"debugger-dpop"_s);
    p.issuer.clear();
    p.endpoints = {{u"token_endpoint"_s, base + u"/token"_s}};
    p.approvedHosts = {u"127.0.0.1"_s};
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(p);
    session.setClientSecret(Secret::fromString(u"not-checked-by-the-shape"_s));
    QSignalSpy tokens(&session, &FlowSession::tokensChanged);
    const FlowOutcome outcome = run(session, FlowGoal::ClientCredentials);
    QVERIFY(!outcome.ok());
    QCOMPARE(sentTo(u"/retry/token"_s).size(), 2);
    const TokenResult result = tokens.last().first().value<TokenResult>();
    QVERIFY2(rules(result.checks).startsWith(u"DP-03 error"_s), qPrintable(rules(result.checks).join(u", ")));
    QVERIFY(result.error.detail.contains(u"Not sent a third time"));
}

void tst_Dpop::aProofForAnotherUrlIsRefusedByName()
{
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(u"debugger-dpop-nonce"_s));
    session.setDpopFault(DpopFault::WrongHtu);
    QSignalSpy tokens(&session, &FlowSession::tokensChanged);
    const FlowOutcome outcome = run(session, FlowGoal::Authorize);
    QVERIFY(!outcome.ok());
    const TokenResult result = tokens.last().first().value<TokenResult>();
    QVERIFY2(result.error.oauthErrorDescription.contains(u"htu"), qPrintable(result.error.message));
    QVERIFY2(rules(result.checks).contains(u"DP-02 error"_s), qPrintable(rules(result.checks).join(u", ")));
    QVERIFY(result.error.detail.contains(u"this run sent another on purpose"));
    QVERIFY(
        proofOf(sentTo(u"/token"_s).last()).payload.value(u"htu").toString().endsWith(u"/not-this-endpoint"));
}

void tst_Dpop::aReusedJtiIsRefusedByName()
{
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(u"debugger-dpop"_s));
    session.setClientSecret(
        Secret::fromString(m_provider.clients.value(u"debugger-dpop"_s).value(u"client_secret").toString()));
    session.setDpopFault(DpopFault::ReusedJti);
    QVERIFY(run(session, FlowGoal::Authorize).ok()); // the first proof's jti is fresh
    QSignalSpy operations(&session, &FlowSession::operationFinished);
    QVERIFY(!run(session, FlowGoal::UserInfo).ok()); // and sent again here
    const OperationResult answer = operations.first().first().value<OperationResult>();
    QVERIFY2(rules(answer.checks).contains(u"DP-06 error"_s),
             qPrintable(rules(answer.checks).join(u", ") + answer.error.message));
    QCOMPARE(proofOf(sentTo(u"/me"_s).last()).payload.value(u"jti"),
             proofOf(sentTo(u"/token"_s).first()).payload.value(u"jti"));
}

void tst_Dpop::aBoundTokenWithoutItsProofIsRefusedByName()
{
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(u"debugger-dpop-nonce"_s));
    QVERIFY(run(session, FlowGoal::Authorize).ok());
    session.setDpopFault(DpopFault::NoProof); // what a client that knows nothing of DPoP does with the token
    QSignalSpy operations(&session, &FlowSession::operationFinished);
    QVERIFY(!run(session, FlowGoal::UserInfo).ok());
    const HttpExchange call = sentTo(u"/me"_s).last();
    QVERIFY(call.requestHeader("Authorization").startsWith("Bearer "));
    QVERIFY(call.requestHeader("DPoP").isEmpty());
    QCOMPARE(call.status, 401);
    const OperationResult answer = operations.first().first().value<OperationResult>();
    QVERIFY2(rules(answer.checks).contains(u"DP-07 error"_s), qPrintable(rules(answer.checks).join(u", ")));
    QVERIFY(answer.error.detail.contains(u"this run sent none on purpose"));
}

void tst_Dpop::theKeyIsKeptAcrossRunsOfTheSameProfile()
{
    // The key a face hands over (from the keychain) is the one the proofs carry, run after run.
    const SigningKey key = SigningKey::generate(SigningKey::Type::EcP256);
    FlowSession session(&m_network, &m_launcher);
    for (int i = 0; i < 2; ++i) {
        session.setProfile(profileFor(u"debugger-dpop-nonce"_s));
        session.setDpopKey(key.privatePem());
        QVERIFY(run(session, FlowGoal::Authorize).ok());
        QCOMPARE(session.dpop()->thumbprint(), key.thumbprint());
    }
    // Without one, a run makes its own.
    session.setProfile(profileFor(u"debugger-dpop-nonce"_s));
    QVERIFY(run(session, FlowGoal::Authorize).ok());
    QVERIFY(session.dpop()->thumbprint() != key.thumbprint());
}

void tst_Dpop::anApiIsCalledWithTheBoundToken()
{
    // The provider's userinfo stands for the resource server: it checks DPoP proofs and wants its nonce.
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(profileFor(u"debugger-dpop-nonce"_s));
    QVERIFY(run(session, FlowGoal::Authorize).ok());
    QSignalSpy operations(&session, &FlowSession::operationFinished);
    FlowInput input;
    input.api = {.method = "POST",
                 .url = QUrl(m_provider.origin() + u"/me?fields=all#part"_s),
                 .headers = {{"Accept", "application/json"}, {"X-Request-Id", "42"}}};
    QSignalSpy finished(&session, &FlowSession::goalFinished);
    session.run(FlowGoal::CallApi, input);
    QVERIFY(finished.wait(30'000));
    const OperationResult answer = operations.first().first().value<OperationResult>();
    QVERIFY2(answer.ok(), qPrintable(answer.summary));
    QVERIFY2(answer.summary.startsWith(u"HTTP 200"), qPrintable(answer.summary));
    QVERIFY(!answer.body.value(u"sub").toString().isEmpty());
    const HttpExchange call = sentTo(u"/me"_s).last();
    QCOMPARE(call.method, QByteArray("POST"));
    QCOMPARE(call.requestHeader("X-Request-Id"), QByteArray("42"));
    QVERIFY(call.requestHeader("Authorization").startsWith("DPoP "));
    const CompactJws proof = proofOf(call);
    QCOMPARE(proof.payload.value(u"htm").toString(), u"POST"_s);
    QCOMPARE(proof.payload.value(u"htu").toString(), m_provider.origin() + u"/me"_s); // no query, no fragment
    QCOMPARE(proof.payload.value(u"ath").toString(),
             DpopProofs::athOf(session.tokens().accessToken.reveal()));
}

void tst_Dpop::anApiCallWithABearerTokenAndItsChallenge()
{
    // A token the server does not know: the resource server's challenge is read and explained (AP-01).
    Profile p = profileFor(u"debugger-dpop"_s);
    p.dpop = false;
    FlowSession session(&m_network, &m_launcher);
    session.setProfile(p);
    QSignalSpy operations(&session, &FlowSession::operationFinished);
    FlowInput input;
    input.token = Secret::fromString(u"not-a-token-of-this-server"_s);
    input.api = {.method = "GET", .url = QUrl(m_provider.origin() + u"/me"_s)};
    const FlowOutcome outcome = [&] {
        QSignalSpy finished(&session, &FlowSession::goalFinished);
        session.run(FlowGoal::CallApi, input);
        (void)finished.wait(30'000);
        return finished.isEmpty() ? FlowOutcome{} : finished.first().first().value<FlowOutcome>();
    }();
    QVERIFY(!outcome.ok());
    const OperationResult answer = operations.first().first().value<OperationResult>();
    QCOMPARE(sentTo(u"/me"_s).last().requestHeader("Authorization"),
             QByteArray("Bearer not-a-token-of-this-server"));
    QStringList challenges;
    for (const Finding& f : answer.checks)
        if (f.rule == u"AP-01")
            challenges << f.message;
    QVERIFY2(!challenges.isEmpty() && challenges.first().startsWith(u"Bearer challenge: invalid_token"),
             qPrintable(challenges.join(u'|')));
    // An API on another host needs no approval (the URL typed is the consent), but https all the same.
    input.api.url = QUrl(u"http://api.example.invalid/orders"_s);
    session.run(FlowGoal::CallApi, input);
    QTRY_COMPARE_WITH_TIMEOUT(operations.size(), 2, 10'000);
    QVERIFY(operations.last().first().value<OperationResult>().summary.contains(u"not an https URL"));
}

QTEST_GUILESS_MAIN(tst_Dpop)
#include "tst_dpop.moc"
