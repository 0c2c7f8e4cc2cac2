// Sign-out as a goal of the session (OpenID Connect RP-Initiated Logout 1.0): the browser goes to the
// server's end_session_endpoint with this run's ID token as id_token_hint, and comes back to a loopback
// listener of its own (the redirect URI's host and port, path /logout) with the state it was given. The
// server's session ends; tokens issued before may still be good until they expire, and the step says so.
#include "FlowSession.h"
#include "FlowSteps.h"
#include "ProfileFlow.h"

namespace oauth2dbg {

void FlowSession::signOut()
{
    const QString endpoint = m_discovery.metadata.value(u"end_session_endpoint").toString();
    if (endpoint.isEmpty()) {
        const QString why = QStringLiteral(
            "The server's metadata lists no end_session_endpoint: it does not offer RP-initiated sign-out "
            "(OpenID Connect RP-Initiated Logout §2.1). Give the endpoint by hand in the profile if it has "
            "one.");
        emitStep({.kind = FlowStep::Kind::SignOut,
                  .status = FlowStep::Status::Failed,
                  .summary = QStringLiteral("the server offers no sign-out"),
                  .detail = why,
                  .checks = {{Severity::Error, QStringLiteral("LO-01"),
                              QStringLiteral("end_session_endpoint"), why}}});
        return finish(FlowStep::Kind::SignOut, {.kind = ErrorKind::InvalidInput, .message = why});
    }
    QString problem;
    const AuthorizationSettings authorization =
        m_source ? m_source(m_profile, m_discovery, &problem)
                 : ProfileFlow::authorizationSettings(m_profile, m_discovery, &problem);
    if (!problem.isEmpty())
        return finish(FlowStep::Kind::SignOut, {.kind = ErrorKind::InvalidInput, .message = problem});
    SignOutSettings settings{.endpoint = QUrl(endpoint),
                             .clientId = m_profile.clientId,
                             .idTokenHint = m_input.token.isEmpty() ? m_tokens.idToken : m_input.token,
                             .allowHttp = authorization.allowHttp,
                             .returnToListener = !authorization.manualCapture,
                             .listener = authorization.listener};
    settings.listener.path = QStringLiteral("/logout");
    settings.listener.acceptFormPost = false;
    settings.listener.fragmentRelay = false;
    if (!m_signOut) {
        m_signOut = new SignOutFlow(m_launcher, this);
        connect(m_signOut, &SignOutFlow::callbackRejected, this, [this](const CapturedCallback& c) {
            FlowStep step = FlowSteps::rejected(c);
            step.kind = FlowStep::Kind::SignOut;
            emitStep(step);
            Q_EMIT callbackRejected(c);
        });
        connect(m_signOut, &SignOutFlow::finished, this, &FlowSession::onSignedOut);
    }
    if (const EngineError error = m_signOut->start(settings); error.isError())
        return finish(FlowStep::Kind::SignOut, error);
    if (m_signOut->waiting()) {
        const SignOutRequest& request = m_signOut->request();
        m_record.addParameters(FlowStep::title(FlowStep::Kind::SignOut), request.shownUrl);
        emitStep(
            {.kind = FlowStep::Kind::SignOut,
             .status = FlowStep::Status::Running,
             .summary = QStringLiteral("waiting for the browser to come back to %1").arg(request.returnUri),
             .detail = QStringLiteral("The browser was sent to %1").arg(request.shownUrl),
             .checks = request.checks,
             .interim = true});
    }
}

void FlowSession::onSignedOut(const SignOutOutcome& outcome)
{
    if (m_goal != Goal::SignOut)
        return;
    Findings checks = outcome.request.checks;
    checks << outcome.checks;
    const bool back = outcome.callback.verdict.outcome == CallbackVerdict::Outcome::SignedOut;
    FlowStep step{.kind = FlowStep::Kind::SignOut, .checks = checks};
    if (outcome.error.isError()) {
        step.status = FlowStep::Status::Failed;
        step.summary = outcome.error.kind == ErrorKind::Cancelled
                           ? QStringLiteral("cancelled")
                           : QStringLiteral("the browser did not come back");
        step.detail = outcome.error.message;
    } else {
        step.status = FlowStep::statusOf(true, checks);
        step.summary = back ? QStringLiteral("back from the server at %1").arg(outcome.request.returnUri)
                            : QStringLiteral("sent to the server; no way back asked for");
        step.detail =
            QStringLiteral(
                "%1 Whether the user agreed to end the session is the server's to know: the way "
                "back looks the same. Tokens issued before may still be accepted until they expire "
                "(revoke them to end them now). Sent: %2")
                .arg(back ? QStringLiteral("The server came back to post_logout_redirect_uri with this "
                                           "sign-out's state.")
                          : QStringLiteral("The browser was sent to the server to sign out."),
                     outcome.request.shownUrl);
    }
    emitStep(step);
    finish(FlowStep::Kind::SignOut, outcome.error);
}

} // namespace oauth2dbg
