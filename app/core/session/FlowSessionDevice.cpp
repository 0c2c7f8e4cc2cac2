// The device authorization grant (RFC 8628) as a goal of the session: the device authorization request, the
// user code handed to the faces, and the polls of the token endpoint — `interval` apart, 5 s more after every
// slow_down for all later polls (§3.5), until tokens come, the user denies, or the code expires (by the
// server's word or its expires_in, whichever comes first). Which goal comes first is in FlowSession.cpp; what
// happens to the tokens is in FlowSessionTokens.cpp.
#include "FlowSession.h"
#include "FlowSteps.h"
#include "ProfileFlow.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "traffic/TrafficLog.h"

#include <QTimer>

namespace oauth2dbg {

namespace {
const QString kDeviceGrant = QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
} // namespace

void FlowSession::deviceAuthorize()
{
    const QString endpoint = m_discovery.metadata.value(u"device_authorization_endpoint").toString();
    if (endpoint.isEmpty())
        return finish(FlowStep::Kind::DeviceAuthorization,
                      {.kind = ErrorKind::InvalidInput,
                       .message = m_discovery.documentUrl.isEmpty()
                                      ? QStringLiteral("The profile gives no device authorization endpoint.")
                                      : QStringLiteral("The server's metadata lists no "
                                                       "device_authorization_endpoint: it does not offer the "
                                                       "device grant (RFC 8628 §4).")});
    const std::optional<TokenEndpointConfig> config = tokenConfig(Goal::DeviceCode);
    if (!config)
        return;
    stopDevice();
    m_devicePolls = 0;
    m_deviceSlowDowns = 0;
    m_scopeAsked = m_profile.scopes.simplified();
    m_client->deviceAuthorization(*config, QUrl(endpoint, QUrl::StrictMode), m_profile.scopes);
}

void FlowSession::onDeviceAuthorized(const DeviceAuthorization& device)
{
    const QList<quint64> ids = device.exchangeId ? QList<quint64>{device.exchangeId} : QList<quint64>{};
    emitStep(
        {.kind = FlowStep::Kind::DeviceAuthorization,
         .status = FlowStep::statusOf(device.ok(), device.checks),
         .summary = device.ok() ? QStringLiteral("user code %1, at %2")
                                      .arg(device.userCode.left(40), device.verificationUri.toDisplayString())
                                : device.error.message,
         .detail = device.ok() ? QStringLiteral("Enter %1 at %2 within %3 s; the token endpoint is polled "
                                                "every %4 s until then.")
                                     .arg(device.userCode.left(40), device.verificationUri.toDisplayString())
                                     .arg(device.expiresIn)
                                     .arg(device.interval)
                               : device.error.detail,
         .checks = device.checks,
         .exchangeIds = ids});
    if (!device.ok())
        return finish(FlowStep::Kind::DeviceAuthorization, device.error);
    m_device = device;
    Q_EMIT deviceCodeIssued(device);
    // The browser command opens the complete URI when asked (automation signing in on this machine).
    if (m_input.openBrowser && device.verificationUriComplete.isValid() && m_launcher)
        if (const EngineError opened = m_launcher->launch(
                device.verificationUriComplete.toString(QUrl::FullyEncoded), m_profile.localTestServer);
            opened.isError())
            emitStep({.kind = FlowStep::Kind::Consent,
                      .status = FlowStep::Status::Warning,
                      .summary = opened.message,
                      .detail = QStringLiteral("Open %1 yourself; the polls go on.")
                                    .arg(device.uriToOpen().toDisplayString())});
    // RFC 8628 §3.4-3.5: the first poll only after one interval.
    m_deviceTimer->start(std::chrono::seconds(device.interval));
    Q_EMIT devicePolling(0, device.interval);
}

void FlowSession::pollDevice()
{
    if (m_device.deviceCode.isEmpty() || m_goal != Goal::DeviceCode)
        return;
    if (QDateTime::currentDateTimeUtc() >= m_device.expiresAt()) {
        const EngineError expired{.kind = ErrorKind::Timeout,
                                  .message =
                                      QStringLiteral("The user code expired (it was valid for %1 s) before "
                                                     "the sign-in was finished. Start again for a new code.")
                                          .arg(m_device.expiresIn)};
        emitStep({.kind = FlowStep::Kind::Token,
                  .status = FlowStep::Status::Failed,
                  .summary = expired.message,
                  .checks = {pollsSummary()}});
        m_deviceTimer->stop();
        m_device = {};
        // Where the user did not finish: the sign-in elsewhere, as a browser's wait that ran out.
        return finish(FlowStep::Kind::Consent, expired);
    }
    const std::optional<TokenEndpointConfig> config = tokenConfig(Goal::DeviceCode);
    if (!config) {
        stopDevice();
        return;
    }
    ++m_devicePolls;
    m_grant = kDeviceGrant;
    m_grantNote.clear();
    m_client->deviceCode(*config, m_device.deviceCode);
}

bool FlowSession::onDevicePoll(TokenResult* answer)
{
    const TokenResult& result = *answer;
    const QString said = result.error.oauthError;
    if (result.ok() || (said != u"authorization_pending" && said != u"slow_down")) {
        answer->checks.prepend(pollsSummary());
        m_device = {}; // tokens, or the end: no more polls
        m_deviceTimer->stop();
        // RFC 8628 §3.5: the two ends a user brings about, said as such (an expired code is a time-out).
        if (said == u"access_denied")
            answer->error.message = QStringLiteral("The sign-in was denied (access_denied): the user refused "
                                                   "it at the verification page.");
        else if (said == u"expired_token") {
            answer->error.kind = ErrorKind::Timeout;
            answer->error.message = QStringLiteral("The user code expired (expired_token) before the sign-in "
                                                   "was finished. Start again for a new code.");
        }
        return false;
    }
    if (said == u"slow_down") {
        m_device.interval += 5; // for this and every later poll (RFC 8628 §3.5)
        ++m_deviceSlowDowns;
    }
    const qint64 left = QDateTime::currentDateTimeUtc().secsTo(m_device.expiresAt());
    emitStep({.kind = FlowStep::Kind::Token,
              .status = FlowStep::Status::Running,
              .summary = QStringLiteral("waiting for the sign-in: poll %1 said %2; next in %3 s")
                             .arg(m_devicePolls)
                             .arg(said)
                             .arg(m_device.interval),
              .detail =
                  said == u"slow_down"
                      ? QStringLiteral("The server asked to slow down: every later poll waits %1 s "
                                       "(5 s more, RFC 8628 §3.5). The code expires in %2 s.")
                            .arg(m_device.interval)
                            .arg(std::max<qint64>(0, left))
                      : QStringLiteral("Not signed in yet (authorization_pending). The code expires in %1 s.")
                            .arg(std::max<qint64>(0, left)),
              .exchangeIds = result.exchangeId ? QList<quint64>{result.exchangeId} : QList<quint64>{},
              .interim = true});
    // Never past the code's expiry: a wake-up just after it says the code expired, and polls no more.
    const qint64 untilExpiry = QDateTime::currentDateTimeUtc().msecsTo(m_device.expiresAt()) + 50;
    m_deviceTimer->start(
        std::chrono::milliseconds(std::clamp<qint64>(untilExpiry, 0, m_device.interval * 1000LL)));
    Q_EMIT devicePolling(m_devicePolls, m_device.interval);
    return true;
}

Finding FlowSession::pollsSummary() const
{
    // How the polls went, for the checklist: how many, and every slow_down's longer wait (DV-02).
    return {Severity::Info, QStringLiteral("DV-02"), QStringLiteral("interval"),
            m_deviceSlowDowns == 0
                ? QStringLiteral("%1 poll(s), %2 s apart.").arg(m_devicePolls).arg(m_device.interval)
                : QStringLiteral("%1 poll(s); the server asked to slow down %2 time(s), and each later poll "
                                 "waited 5 s more: %3 s apart at the end (RFC 8628 §3.5).")
                      .arg(m_devicePolls)
                      .arg(m_deviceSlowDowns)
                      .arg(m_device.interval)};
}

void FlowSession::stopDevice()
{
    const bool waiting = m_deviceTimer->isActive() && !m_device.deviceCode.isEmpty();
    m_deviceTimer->stop();
    m_device = {};
    if (waiting && m_goal == Goal::DeviceCode)
        finish(FlowStep::Kind::Consent,
               {.kind = ErrorKind::Cancelled,
                .message = QStringLiteral("Cancelled while waiting for the sign-in.")});
}

} // namespace oauth2dbg
