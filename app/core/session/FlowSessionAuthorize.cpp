// The Authorize goal: the request prepared (with its listener), signed or pushed when asked, the browser
// sent, and what came back handed on. PAR (RFC 9126): the prepared request's parameters go to
// pushed_authorization_request_endpoint with the client's authentication, and the browser is sent with
// client_id and the request_uri the server gave back, nothing else (§4). JAR (RFC 9101): the parameters
// become the claims of a JWT signed with the client's key, pushed or sent by value. Either way state, nonce
// and the PKCE verifier stay the prepared request's, so the callback is checked as any other.
#include "FlowSession.h"
#include "FlowSteps.h"
#include "ProfileFlow.h"
#include "oauth/AuthorizationDetails.h"
#include "oauth/JwksClient.h"
#include "oauth/RequestObject.h"
#include "oauth/TokenGrants.h"

#include <QJsonArray>
#include <QSignalBlocker>
#include <QUrlQuery>

namespace oauth2dbg {

namespace {
EngineError refusal(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}
} // namespace

void FlowSession::authorize()
{
    QString problem;
    AuthorizationSettings settings =
        m_source ? m_source(m_profile, m_discovery, &problem)
                 : ProfileFlow::authorizationSettings(m_profile, m_discovery, &problem);
    if (!problem.isEmpty())
        return finish(FlowStep::Kind::Request, refusal(problem));
    if (!m_input.responseType.isEmpty())
        ProfileFlow::setResponseType(&settings, m_input.responseType);
    // RFC 9449 §10: the code bound to the DPoP key that will trade it (dpop_jkt, its thumbprint).
    if (const DpopShared dpop = dpopContext(); dpop && dpop->usable())
        settings.parameters.extra.append({QStringLiteral("dpop_jkt"), dpop->thumbprint()});
    settings.clockSkewSeconds = m_clockSkewSeconds;
    m_detailsAsked = {};
    for (auto& [name, value] : settings.parameters.extra) // RFC 9396: checked, then sent compact
        if (name == u"authorization_details") {
            if (!askDetails(value, FlowStep::Kind::Request))
                return;
            value = AuthorizationDetails::compact(value);
        }
    if (!JarmResponse::isJwtMode(settings.parameters.responseMode))
        return authorizeWith(settings);
    // JARM: the response is verified with the issuer's keys the moment it arrives, so they are had first.
    const QUrl jwksUri(m_discovery.metadata.value(u"jwks_uri").toString());
    if (jwksUri.isEmpty())
        return finish(FlowStep::Kind::Request,
                      refusal(QStringLiteral("A JWT-secured response (response_mode %1) is verified with the "
                                             "issuer's keys, and its metadata names no jwks_uri.")
                                  .arg(settings.parameters.responseMode)));
    const quint64 run = m_run;
    m_jwks->keys(jwksUri, ProfileFlow::jwksOptions(m_profile), false, this,
                 [this, run, settings](const JwksResult& keys) mutable {
                     if (run != m_run)
                         return;
                     if (!keys.ok())
                         return finish(
                             FlowStep::Kind::Request,
                             {.kind = keys.error.kind,
                              .message = QStringLiteral("The issuer's keys, which verify the "
                                                        "JWT-secured response, could not be had: %1")
                                             .arg(keys.error.message)});
                     settings.responseKeys = keys.keys;
                     authorizeWith(settings);
                 });
}

void FlowSession::authorizeWith(const AuthorizationSettings& settings)
{
    m_refused.clear();
    if (const EngineError error = m_flow->prepare(settings); error.isError())
        return finish(FlowStep::Kind::Request, error);
    if (m_goal == Goal::CheckRequest)
        return checkRequest(); // prepared now: ask the server about it
    if (!m_input.openBrowser)
        return finish(FlowStep::Kind::Request); // prepared: a callback that arrives is still taken
    const bool push =
        settings.pushed || m_discovery.metadata.value(u"require_pushed_authorization_requests").toBool();
    if (settings.signedRequest) // signed, then pushed or sent by value (below)
        return signRequest(push, settings.requestAudience);
    if (push)
        return pushRequest(m_flow->request().parameters); // the browser follows (below)
    if (const EngineError error = m_flow->launchBrowser(); error.isError())
        return finish(FlowStep::Kind::Consent, error); // the listener stays: the URL can be copied
}

void FlowSession::onStage(AuthorizationFlow::Stage stage)
{
    if (stage == AuthorizationFlow::Stage::Prepared) {
        emitStep(FlowSteps::request(m_flow->request(), m_discovery.metadata));
        m_record.addParameters(FlowStep::title(FlowStep::Kind::Request), m_flow->request().url);
    }
    if (const std::optional<FlowStep> step = FlowSteps::consent(stage, *m_flow))
        emitStep(*step);
    Q_EMIT stageChanged(stage);
}

void FlowSession::onAuthorized(const AuthorizationOutcome& outcome)
{
    m_authorization = outcome;
    FlowStep step = FlowSteps::callback(outcome);
    if (outcome.error.kind == ErrorKind::Timeout) // what was sent, and why it most likely never came back
        step.checks = AuthorizationProbe::timedOut(outcome.request, listenerShape());
    if (outcome.callback.verdict.accessToken.size() > 0) // RFC 9700 §2.1.2: a token in the front channel
        step.checks << TokenGrants::legacyWarning(QStringLiteral("implicit"));
    if (!m_refused.isEmpty()) // AZ-02: what came before the answer, and why it was not taken
        step.checks << Finding{
            Severity::Warning, QStringLiteral("AZ-02"), QString(),
            QStringLiteral("%1 other request(s) to the listener refused first, the wait going "
                           "on: %2")
                .arg(m_refused.size())
                .arg(m_refused.join(QStringLiteral(" | ")).left(600))};
    step.status = outcome.error.isError() ? step.status : FlowStep::statusOf(true, step.checks);
    emitStep(step);
    Q_EMIT authorized(outcome);
    if (outcome.hasFrontChannelTokens() && !outcome.error.isError())
        return verifyFrontChannel(); // before any code is exchanged (FlowSessionFrontChannel.cpp)
    if (!outcome.hasCode())
        return finish(FlowStep::Kind::Callback, outcome.error);
    continueWithCode();
}

void FlowSession::signRequest(bool push, const QString& audience)
{
    const auto refuse = [this](const QString& why, const Findings& checks = {}) {
        emitStep({.kind = FlowStep::Kind::RequestObject,
                  .status = FlowStep::Status::Failed,
                  .summary = why,
                  .checks = checks});
        {
            const QSignalBlocker quiet(m_flow);
            m_flow->cancel();
        }
        finish(FlowStep::Kind::RequestObject, {.kind = ErrorKind::InvalidInput, .message = why});
    };
    if (m_clientKey.isEmpty())
        return refuse(
            QStringLiteral("A signed request object needs the client's private key: keep it in the profile, "
                           "or give it (--client-key-file)."));
    const SigningKey key = SigningKey::fromFile(m_clientKey);
    if (!key.usable())
        return refuse(QStringLiteral("The client's key cannot sign: %1").arg(key.problem));
    // The algorithm: the profile's, else the first the key can make that the server lists.
    QString alg = m_profile.assertionAlgorithm;
    const QJsonArray listed =
        m_discovery.metadata.value(u"request_object_signing_alg_values_supported").toArray();
    for (const QJsonValue& v : listed)
        if (alg.isEmpty() && key.algorithms().contains(v.toString()))
            alg = v.toString();
    const RequestObjects::Claims claims{.clientId = m_profile.clientId,
                                        .audience = audience.trimmed().isEmpty()
                                                        ? m_discovery.metadata.value(u"issuer").toString()
                                                        : audience};
    FormPairs parameters = m_flow->request().parameters;
    parameters.removeIf([](const auto& p) { return p.first == u"client_id"; });
    const ClientAssertion object =
        RequestObjects::make(key, alg, parameters, claims, QDateTime::currentDateTimeUtc());
    const Findings checks = RequestObjects::checks(object, claims);
    if (!object.ok())
        return refuse(object.error, checks);
    m_requestObject = object;
    emitStep({.kind = FlowStep::Kind::RequestObject,
              .status = FlowStep::statusOf(true, checks),
              .summary = QStringLiteral("%1, aud %2; %3")
                             .arg(object.signedWith, claims.audience,
                                  push ? QStringLiteral("pushed next") : QStringLiteral("sent by value")),
              .checks = checks});
    const FormPairs carried = RequestObjects::byValue(object.jwt, m_flow->request().parameters);
    if (push)
        return pushRequest({{QStringLiteral("client_id"), m_profile.clientId},
                            {QStringLiteral("request"), QString::fromLatin1(object.jwt)}});
    QUrl url(m_discovery.metadata.value(u"authorization_endpoint").toString(), QUrl::StrictMode);
    url.setQuery(QString::fromLatin1(FormEncoding::encode(carried)), QUrl::StrictMode);
    sendBrowser(url.toString(QUrl::FullyEncoded));
}

void FlowSession::sendBrowser(const QString& url)
{
    m_flow->usePushedUrl(url);
    if (const EngineError error = m_flow->launchBrowser(); error.isError())
        return finish(FlowStep::Kind::Consent, error); // the listener stays: the URL can be copied
}

void FlowSession::pushRequest(const FormPairs& parameters)
{
    const QUrl endpoint(m_discovery.metadata.value(u"pushed_authorization_request_endpoint").toString(),
                        QUrl::StrictMode);
    const auto closeListener = [this] {
        const QSignalBlocker quiet(m_flow); // nothing was sent to the browser: no "cancelled" callback
        m_flow->cancel();
    };
    // The client authenticates as at the token endpoint (RFC 9126 §2.1); a refusal for want of a secret or a
    // key ends the goal, and the listener goes with it.
    const std::optional<TokenEndpointConfig> config = tokenConfig(Goal::Authorize);
    if (!config)
        return closeListener();
    emitStep({.kind = FlowStep::Kind::PushedRequest,
              .status = FlowStep::Status::Running,
              .summary = QStringLiteral("pushing the request to %1").arg(endpoint.toDisplayString()),
              .interim = true});
    m_pushed->push(endpoint, *config, parameters);
}

void FlowSession::onPushed(const PushedRequest& pushed)
{
    if (m_goal != Goal::Authorize)
        return;
    FlowStep step{.kind = FlowStep::Kind::PushedRequest,
                  .checks = pushed.checks,
                  .exchangeIds = pushed.exchangeId ? QList<quint64>{pushed.exchangeId} : QList<quint64>{}};
    if (!pushed.ok()) {
        step.status = FlowStep::Status::Failed;
        step.summary = pushed.error.message;
        emitStep(step);
        {
            const QSignalBlocker quiet(m_flow);
            m_flow->cancel();
        }
        return finish(FlowStep::Kind::PushedRequest, pushed.error);
    }
    const QString url = PushedRequestClient::browserUrl(
        QUrl(m_discovery.metadata.value(u"authorization_endpoint").toString(), QUrl::StrictMode),
        m_profile.clientId, pushed.requestUri);
    // PR-03: what the browser carries now is the client and the reference, no parameter of the request.
    QStringList carried;
    for (const auto& item : QUrlQuery(QUrl(url)).queryItems())
        carried << item.first;
    step.checks << Finding{
        Severity::Info, QStringLiteral("PR-03"), QStringLiteral("request_uri"),
        QStringLiteral("The browser gets %1 only; state and the PKCE challenge went in the push, "
                       "and the callback is still held to them.")
            .arg(carried.join(QStringLiteral(" and ")))};
    step.status = FlowStep::statusOf(true, step.checks);
    step.summary =
        pushed.expiresIn > 0
            ? QStringLiteral("request_uri for %1 s; the browser gets only it").arg(pushed.expiresIn)
            : QStringLiteral("request_uri received; the browser gets only it");
    emitStep(step);
    m_record.addParameters(FlowStep::title(FlowStep::Kind::PushedRequest), url);
    sendBrowser(url);
}

} // namespace oauth2dbg
