#include "FlowSession.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"
#include "oauth/DiscoveryUrl.h"

#include <chrono>

// "Check this request": the authorization URL fetched once, without cookies and without following redirects,
// so a user sees what the server answers before any sign-in. The request is the one this run prepared (or
// prepares now, without a browser); nothing about it changes.

namespace oauth2dbg {

ListenerShape FlowSession::listenerShape() const
{
    const AuthorizationSettings& settings = m_flow->settings();
    if (settings.manualCapture)
        return {};
    const QUrl uri(m_flow->request().redirectUri);
    return {.address = QStringLiteral("%1:%2").arg(uri.host()).arg(uri.port()),
            .fixedPort = settings.listener.port != 0,
            .waitedSeconds =
                int(std::chrono::duration_cast<std::chrono::seconds>(settings.listener.timeout).count())};
}

void FlowSession::checkRequest()
{
    using K = FlowStep::Kind;
    if (m_flow->stage() == AuthorizationFlow::Stage::Idle || m_flow->request().url.isEmpty())
        return authorize(); // prepares the request, then comes back here
    const AuthorizationRequest request = m_flow->request();
    const QUrl url(request.url, QUrl::StrictMode);
    if (!DiscoveryUrl::isAllowedTarget(url, m_profile.localTestServer))
        return finish(
            K::RequestCheck,
            {.kind = ErrorKind::InvalidInput,
             .message = QStringLiteral("The authorization endpoint \"%1\" is not an https URL (http "
                                       "only for a local test server on this machine); it was not asked.")
                            .arg(url.toDisplayString(QUrl::RemoveQuery))});
    emitStep({.kind = K::RequestCheck,
              .status = FlowStep::Status::Running,
              .summary = QStringLiteral("asking %1 once, without cookies").arg(url.host()),
              .interim = true});
    const quint64 run = m_run;
    const bool fixedPort = m_flow->settings().listener.port != 0;
    m_check = m_network->send({.method = "GET",
                               .url = url,
                               .headers = {{"Accept", "text/html,application/xhtml+xml"}},
                               .timeout = std::chrono::seconds(m_profile.requestTimeoutSeconds),
                               .tls = m_profile.tls()});
    connect(
        m_check, &HttpCall::finished, this, [this, run, request, fixedPort](const HttpExchange& exchange) {
            if (run != m_run)
                return;
            m_check = nullptr;
            const AuthorizationProbe::Verdict v =
                AuthorizationProbe::interpret(exchange, request, m_discovery.metadata, fixedPort);
            emitStep({.kind = K::RequestCheck,
                      .status = v.refused ? FlowStep::Status::Failed : FlowStep::statusOf(true, v.checks),
                      .summary = v.summary,
                      .checks = v.checks,
                      .exchangeIds = {exchange.id},
                      .durationMs = exchange.durationMs});
            if (!v.refused)
                return finish(K::RequestCheck);
            finish(K::RequestCheck, {.kind = exchange.error.isError() ? exchange.error.kind : ErrorKind::Http,
                                     .message = QStringLiteral("Request check: %1.").arg(v.summary),
                                     .httpStatus = exchange.status});
        });
}

} // namespace oauth2dbg
