#include "SessionLog.h"

#include "LogPanel.h"
#include "net/RedirectListener.h"
#include "session/FlowSession.h"

namespace oauth2dbg {

SessionLog::SessionLog(FlowSession* session, LogPanel* log, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_log(log)
{
    connect(session, &FlowSession::discovered, this, [this](const DiscoveryResult& result) {
        m_log->append(result.ok()
                          ? tr("Discovery: %1 passed the checks (%2 findings)")
                                .arg(result.documentUrl.isEmpty() ? tr("the profile's endpoints")
                                                                  : result.documentUrl.toDisplayString())
                                .arg(result.findings.size())
                          : tr("Discovery failed: %1").arg(result.error.message));
    });
    connect(session, &FlowSession::stageChanged, this,
            [this](AuthorizationFlow::Stage stage) { logStage(int(stage)); });
    connect(session, &FlowSession::callbackRejected, this, [this](const CapturedCallback& callback) {
        m_log->append(tr("Listener: refused a request: %1")
                          .arg(callback.problem.isEmpty() ? callback.verdict.reason : callback.problem));
    });
    connect(session, &FlowSession::tokensChanged, this, [this](const TokenResult& result) {
        m_log->append(
            result.ok()
                ? tr("Token endpoint: new tokens (%1)").arg(m_session->lastExplanation().section(u':', 0, 0))
                : tr("Token endpoint: %1").arg(result.error.message));
    });
    connect(session, &FlowSession::operationFinished, this, [this](const OperationResult& result) {
        const QString title = result.kind == OperationResult::Kind::UserInfo        ? tr("Userinfo")
                              : result.kind == OperationResult::Kind::Introspection ? tr("Introspection")
                              : result.kind == OperationResult::Kind::ApiCall       ? tr("API call")
                                                                                    : tr("Revocation");
        m_log->append(title % u": " % result.summary);
    });
    connect(session, &FlowSession::pastedTokenVerified, this,
            [this](const QByteArray&, const TokenVerification& verification) {
                m_log->append(tr("Pasted token: %1").arg(verification.summary));
            });
}

SessionLog::~SessionLog() = default;

void SessionLog::logStage(int value)
{
    using Stage = AuthorizationFlow::Stage;
    const RedirectListener* listener = m_session->authorization()->listener();
    switch (Stage(value)) {
    case Stage::Prepared:
        return m_log->append(tr("Authorization: request prepared"));
    case Stage::WaitingForBrowser:
        return m_log->append(tr("Authorization: browser sent; listening at %1")
                                 .arg(listener && listener->port() != 0 ? listener->redirectUri()
                                                                        : tr("(nothing: manual capture)")));
    case Stage::Completed:
        return m_log->append(tr("Authorization: callback accepted"));
    case Stage::Failed:
        return m_log->append(tr("Authorization: failed"));
    case Stage::Cancelled:
        return m_log->append(tr("Authorization: cancelled; the listener is closed"));
    case Stage::TimedOut:
        return m_log->append(tr("Authorization: no callback in time; the listener is closed"));
    case Stage::Idle:
        return;
    }
}

} // namespace oauth2dbg
