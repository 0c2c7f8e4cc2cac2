#include "FlowSession.h"

#include "FlowSteps.h"
#include "ProfileFlow.h"
#include "net/NetworkAccess.h"
#include "oauth/AuthorizationDetails.h"
#include "oauth/JwksClient.h"
#include "oauth/RefreshScheduler.h"
#include "oauth/TokenGrants.h"
#include "traffic/TrafficLog.h"

#include <QTimer>
#include <QUuid>

namespace oauth2dbg {

namespace {
EngineError refusal(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}

} // namespace

FlowSession::FlowSession(NetworkAccess* network, BrowserLauncher* launcher, ProfileSecrets* secrets,
                         QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_secrets(secrets)
    , m_discoveryClient(new DiscoveryClient(network, this))
    , m_flow(new AuthorizationFlow(launcher, this))
    , m_client(new TokenClient(network, this))
    , m_jwks(new JwksClient(network, this))
    , m_operations(new TokenOperations(network, this))
    , m_scheduler(new RefreshScheduler(this))
    , m_launcher(launcher)
    , m_deviceTimer(new QTimer(this))
    , m_pushed(new PushedRequestClient(network, this))
{
    m_deviceTimer->setSingleShot(true);
    // RFC 8628 §3.5: never sooner than the interval (a coarse timer may fire 5 % early).
    m_deviceTimer->setTimerType(Qt::PreciseTimer);
    connect(m_deviceTimer, &QTimer::timeout, this, &FlowSession::pollDevice);
    connect(m_client, &TokenClient::deviceAuthorized, this, &FlowSession::onDeviceAuthorized);
    qRegisterMetaType<Outcome>();
    connect(m_discoveryClient, &DiscoveryClient::finished, this, &FlowSession::onDiscovered);
    connect(m_flow, &AuthorizationFlow::stageChanged, this, &FlowSession::onStage);
    connect(m_flow, &AuthorizationFlow::callbackRejected, this, [this](const CapturedCallback& c) {
        QString why = c.problem.isEmpty() ? c.verdict.reason : c.problem;
        for (const Finding& f : c.verdict.checks)
            if (f.severity == Severity::Error) {
                why = f.rule % u": " % f.message;
                break;
            }
        m_refused << why;
        emitStep(FlowSteps::rejected(c));
        Q_EMIT callbackRejected(c);
    });
    connect(m_flow, &AuthorizationFlow::finished, this, &FlowSession::onAuthorized);
    connect(m_client, &TokenClient::finished, this, &FlowSession::onTokens);
    connect(m_pushed, &PushedRequestClient::finished, this, &FlowSession::onPushed);
    connect(m_operations, &TokenOperations::finished, this, &FlowSession::onOperation);
    connect(m_scheduler, &RefreshScheduler::due, this, [this] {
        if (m_goal != Goal::Refresh || !m_client->isBusy())
            run(Goal::Refresh); // after whatever is under way
    });
}

FlowSession::~FlowSession() = default;

void FlowSession::setProfile(const Profile& profile)
{
    // Whatever the last run had in flight ends here, without a word: it belonged to another profile.
    const QSignalBlocker quiet(this);
    m_goal.reset();
    m_queued.clear();
    cancel();
    m_scheduler->stop();
    ++m_run;
    m_profile = profile;
    m_method = ClientAuthMethod::None;
    (void)ClientAuthentication::methodFromName(profile.authMethod, &m_method);
    m_clientSecret = {};
    m_clientKey = {};
    m_clientCertificate.clear();
    m_dpopKey = {};
    m_dpop.reset();
    m_detailsAsked = {};
    m_detailsChecks = {};
    m_exchangeWaiting = false;
    m_discovery = {};
    m_authorization = {};
    m_codeUsed = true;
    m_tokens = {};
    m_firstIdClaims.reset();
    m_idVerification.reset();
    m_accessVerification.reset();
    m_grant.clear();
    m_scopeAsked.clear();
    m_grantNote.clear();
    m_bearer = {};
    m_codeSent.clear();
    m_verifying = false;
    m_record = {.id = QUuid::createUuid().toString(QUuid::WithoutBraces),
                .profileId = Profile::baseId(profile.id),
                .profileName = profile.name,
                .environment = profile.environment};
    m_recordedExchanges.clear();
}

void FlowSession::updateProfile(const Profile& profile)
{
    if (profile.issuer.trimmed() != m_profile.issuer.trimmed() || profile.endpoints != m_profile.endpoints)
        m_discovery = {};
    m_profile = profile;
}

void FlowSession::setRefreshToken(const Secret& token)
{
    if (m_tokens.refreshToken.isEmpty())
        m_tokens.refreshToken = token;
}

void FlowSession::setAutoRefresh(bool on)
{
    m_autoRefresh = on;
    if (!on)
        m_scheduler->stop();
    else if (m_tokens.expiresIn && !m_tokens.refreshToken.isEmpty())
        m_scheduler->schedule(m_tokens.receivedAt, *m_tokens.expiresIn);
}

bool FlowSession::busy() const
{
    return m_goal.has_value() || requestInFlight();
}

bool FlowSession::requestInFlight() const
{
    return m_verifying || m_discoveryClient->isRunning() || m_client->isBusy() || m_operations->isBusy() ||
           !m_device.deviceCode.isEmpty() || (m_signOut && m_signOut->waiting()) || m_pushed->isBusy();
}

bool FlowSession::waitingForBrowser() const
{
    return m_flow->stage() == AuthorizationFlow::Stage::Prepared ||
           m_flow->stage() == AuthorizationFlow::Stage::WaitingForBrowser;
}

std::optional<FlowGoal> FlowSession::nextGoal() const
{
    if (requestInFlight() || waitingForBrowser() || m_goal)
        return std::nullopt;
    if (!m_discovery.ok() || m_discovery.metadata.isEmpty())
        return Goal::Discover;
    if (!m_codeUsed)
        return Goal::ExchangeCode;
    if (!m_tokens.refreshToken.isEmpty())
        return Goal::Refresh;
    if (const std::optional<Goal> chosen = goalOfGrant(m_profile.grant))
        return chosen;
    // A client with a secret and no authorization endpoint can only ask for tokens for itself.
    const bool canAuthorize = m_discovery.metadata.contains(u"authorization_endpoint");
    return canAuthorize || m_method == ClientAuthMethod::None ? Goal::Authorize : Goal::ClientCredentials;
}

QString FlowSession::lastExplanation() const
{
    // A grant's own account (what it traded, the assertion it signed) comes before the client's.
    return m_grantNote.isEmpty() ? m_client->lastExplanation()
                                 : m_grantNote + u'\n' + m_client->lastExplanation();
}

void FlowSession::run(Goal goal, const Input& input)
{
    if (m_goal && m_goal == Goal::Authorize && waitingForBrowser() && !requestInFlight() &&
        goal != Goal::Authorize)
        m_goal.reset(); // the browser may take its time: the code it brings is still exchanged when it comes
    if (m_goal) {
        // One goal at a time: this one starts when those asked for before it have ended.
        m_queued.append({goal, input});
        return;
    }
    m_goal = goal;
    m_input = input;
    if (m_record.id.isEmpty())
        m_record.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (m_record.isEmpty())
        m_record.started = QDateTime::currentDateTimeUtc();
    if (goal == Goal::Discover || !m_discovery.ok() || m_discovery.metadata.isEmpty())
        return discover(); // every other goal needs the metadata first
    continueGoal();
}

void FlowSession::cancel()
{
    m_discoveryClient->cancel();
    m_flow->cancel();
    m_client->cancel();
    m_operations->cancel();
    stopDevice();
    if (m_signOut)
        m_signOut->cancel();
    m_pushed->cancel();
    if (m_check)
        m_check->cancel();
}

void FlowSession::discover()
{
    if (m_profile.issuer.trimmed().isEmpty()) {
        // The one "no issuer" rule: the profile's own endpoints are all there is.
        const DiscoveryResult given = ProfileFlow::endpointsOnly(m_profile);
        const quint64 run = m_run;
        QTimer::singleShot(0, this, [this, given, run] {
            if (run == m_run)
                onDiscovered(given);
        });
        return;
    }
    emitStep({.kind = FlowStep::Kind::Discovery,
              .status = FlowStep::Status::Running,
              .summary = QStringLiteral("fetching the metadata of %1").arg(m_profile.issuer.trimmed()),
              .interim = true});
    m_discoveryClient->discover(m_profile.issuer.trimmed(), ProfileFlow::discoveryOptions(m_profile));
}

void FlowSession::onDiscovered(const DiscoveryResult& result)
{
    const bool fetched = !result.documentUrl.isEmpty();
    m_discovery = result.ok() && fetched ? ProfileFlow::withEndpoints(m_profile, result) : result;
    emitStep(FlowSteps::discovery(m_discovery, *m_network->trafficLog()));
    Q_EMIT discovered(m_discovery); // the window may ask about other hosts here, before anything is sent
    if (!m_discovery.ok())
        return finish(FlowStep::Kind::Discovery, m_discovery.error);
    if (m_goal == Goal::Discover)
        return finish(FlowStep::Kind::Discovery);
    continueGoal();
}

void FlowSession::continueGoal()
{
    switch (*m_goal) {
    case Goal::Discover:
        return finish(FlowStep::Kind::Discovery);
    case Goal::Authorize:
        return authorize();
    case Goal::ExchangeCode:
        return exchangeCode();
    case Goal::ClientCredentials: {
        const std::optional<TokenEndpointConfig> config = tokenConfig(Goal::ClientCredentials);
        if (!config)
            return;
        m_grant = QStringLiteral("client_credentials");
        m_grantNote.clear();
        m_scopeAsked = m_profile.scopes.simplified();
        TokenEndpointConfig withDetails = *config;
        if (!askDetails(m_input.authorizationDetails, FlowStep::Kind::ClientCredentials))
            return;
        if (!m_detailsAsked.isEmpty()) // RFC 9396 §6: in the token request itself
            withDetails.extraParameters.append({QStringLiteral("authorization_details"),
                                                AuthorizationDetails::compact(m_input.authorizationDetails)});
        m_client->clientCredentials(withDetails, m_profile.scopes, m_input.resources, m_input.audience);
        return;
    }
    case Goal::Refresh: {
        if (m_tokens.refreshToken.isEmpty())
            return finish(FlowStep::Kind::Refresh,
                          refusal(QStringLiteral("There is no refresh token to use.")));
        const std::optional<TokenEndpointConfig> config = tokenConfig(Goal::Refresh);
        if (!config)
            return;
        m_grant = QStringLiteral("refresh_token");
        m_grantNote.clear();
        m_client->refresh(*config, m_tokens.refreshToken);
        return;
    }
    case Goal::UserInfo:
    case Goal::Introspect:
    case Goal::Revoke:
    case Goal::CallApi:
        return operation(*m_goal);
    case Goal::VerifyToken:
        return verifyPasted();
    case Goal::CheckRequest:
        return checkRequest();
    case Goal::DeviceCode:
        return deviceAuthorize();
    case Goal::TokenExchange:
    case Goal::JwtBearer:
    case Goal::Password:
        return tokenGrant();
    case Goal::SignOut:
        return signOut();
    }
}

void FlowSession::continueWithCode()
{
    m_codeUsed = false;
    if (!m_goal)
        m_goal = Goal::ExchangeCode; // a code for a request prepared earlier
    if (m_credentialsPending) {      // the keychain has not answered yet: the code waits for it
        m_exchangeWaiting = true;
        emitStep({.kind = FlowStep::Kind::Token,
                  .status = FlowStep::Status::Running,
                  .summary = QStringLiteral("waiting for the client's credentials from the keychain"),
                  .interim = true});
        return;
    }
    exchangeCode(); // once, now; never again automatically
}

void FlowSession::setCredentialsPending(bool pending)
{
    m_credentialsPending = pending;
    if (!pending && m_exchangeWaiting) {
        m_exchangeWaiting = false;
        exchangeCode();
    }
}

void FlowSession::exchangeCode()
{
    if (m_codeUsed)
        return finish(FlowStep::Kind::Token,
                      refusal(QStringLiteral("There is no unused authorization code: authorize again.")));
    const std::optional<TokenEndpointConfig> config = tokenConfig(Goal::ExchangeCode);
    if (!config)
        return;
    m_codeUsed = true; // whatever happens next, this code is spent (RFC 6749 §4.1.2)
    m_grant = QStringLiteral("authorization_code");
    m_grantNote.clear();
    m_scopeAsked.clear(); // the request's, as sent; a refresh stands for the same (RFC 6749 §6)
    for (const auto& parameter : m_authorization.request.parameters)
        if (parameter.first == u"scope")
            m_scopeAsked = parameter.second;
    m_codeSent = m_authorization.callback.verdict.code.toUtf8();
    emitStep({.kind = FlowStep::Kind::Token,
              .status = FlowStep::Status::Running,
              .summary = QStringLiteral("exchanging the code"),
              .interim = true});
    m_client->exchangeCode(*config, m_authorization.callback.verdict.code,
                           m_authorization.request.redirectUri, m_authorization.request.codeVerifier);
}

void FlowSession::emitStep(FlowStep step)
{
    m_record.apply(step);
    for (const quint64 id : step.exchangeIds) {
        const HttpExchange* exchange = m_network->trafficLog()->exchangeById(id);
        if (!step.interim && exchange && !m_recordedExchanges.contains(id)) {
            m_recordedExchanges.insert(id);
            m_record.addParameters(FlowStep::title(step.kind), *exchange);
        }
    }
    Q_EMIT stepChanged(step);
}

void FlowSession::finish(FlowStep::Kind step, const EngineError& error)
{
    if (!m_goal)
        return;
    const Outcome outcome{.goal = *m_goal, .step = step, .error = error};
    m_goal.reset();
    m_record.finish(outcome, QDateTime::currentDateTimeUtc());
    Q_EMIT goalFinished(outcome);
    Q_EMIT runRecorded(m_record);
    if (!m_queued.isEmpty() && !m_goal) {
        const std::pair<Goal, Input> next = m_queued.takeFirst();
        const quint64 run = m_run;
        QTimer::singleShot(0, this, [this, run, next] {
            if (run == m_run)
                this->run(next.first, next.second);
        });
    }
}

} // namespace oauth2dbg
