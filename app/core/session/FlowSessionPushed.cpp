// Pushed authorization requests (RFC 9126) as part of the Authorize goal: the prepared request's parameters
// go to pushed_authorization_request_endpoint with the client's authentication, and the browser is sent with
// client_id and the request_uri the server gave back, nothing else (§4). state, nonce and the PKCE verifier
// stay the prepared request's, so the callback is checked as any other.
#include "FlowSession.h"

#include <QSignalBlocker>
#include <QUrlQuery>

namespace oauth2dbg {

void FlowSession::pushRequest()
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
    m_pushed->push(endpoint, *config, m_flow->request().parameters);
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
    m_flow->usePushedUrl(url);
    if (const EngineError error = m_flow->launchBrowser(); error.isError())
        return finish(FlowStep::Kind::Consent, error); // the listener stays: the URL can be copied
}

} // namespace oauth2dbg
