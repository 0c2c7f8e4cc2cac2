#include "AuthorizationFlow.h"

#include "RefusalDiagnosis.h"
#include "net/BrowserLauncher.h"

namespace oauth2dbg {

AuthorizationFlow::AuthorizationFlow(BrowserLauncher* launcher, QObject* parent)
    : QObject(parent)
    , m_launcher(launcher)
    , m_listener(new RedirectListener(this))
{
    connect(m_listener, &RedirectListener::requestRejected, this, &AuthorizationFlow::callbackRejected);
    connect(m_listener, &RedirectListener::completed, this, &AuthorizationFlow::finish);
    connect(m_listener, &RedirectListener::timedOut, this, [this] {
        AuthorizationOutcome outcome{.request = m_request};
        outcome.error = {
            .kind = ErrorKind::Timeout,
            .message = QStringLiteral("No response reached the debugger within %1 s; the listener is "
                                      "closed. Start again to retry.")
                           .arg(std::chrono::duration_cast<std::chrono::seconds>(m_settings.listener.timeout)
                                    .count())};
        setStage(Stage::TimedOut);
        Q_EMIT finished(outcome);
    });
}

AuthorizationFlow::~AuthorizationFlow() = default;

QString AuthorizationFlow::stageName(Stage stage)
{
    switch (stage) {
    case Stage::Idle:
        return tr("Not started");
    case Stage::Prepared:
        return tr("Request ready");
    case Stage::WaitingForBrowser:
        return tr("Waiting for the browser");
    case Stage::Completed:
        return tr("Response received");
    case Stage::Failed:
        return tr("The server said no");
    case Stage::Cancelled:
        return tr("Cancelled");
    case Stage::TimedOut:
        return tr("Timed out");
    }
    return {};
}

void AuthorizationFlow::setStage(Stage stage)
{
    if (m_stage == stage)
        return;
    m_stage = stage;
    Q_EMIT stageChanged(stage);
}

EngineError AuthorizationFlow::prepare(const AuthorizationSettings& settings)
{
    m_listener->cancel();
    m_settings = settings;
    AuthorizationParameters parameters = settings.parameters;
    ListenerConfig listener = settings.listener;
    // JARM: form_post.jwt posts the response; fragment.jwt (and jwt for implicit and hybrid) keeps it in the
    // fragment, which the listener's page posts back.
    const QString& mode = parameters.responseMode;
    listener.acceptFormPost = listener.acceptFormPost || mode == u"form_post.jwt";
    listener.fragmentRelay = listener.fragmentRelay || mode == u"fragment.jwt" ||
                             (mode == u"jwt" && parameters.responseType != u"code");
    if (!settings.manualCapture) {
        if (const EngineError error = m_listener->listen(listener); error.isError())
            return error;
        parameters.redirectUri = m_listener->redirectUri();
    } else if (parameters.redirectUri.isEmpty()) {
        return {.kind = ErrorKind::InvalidInput,
                .message =
                    QStringLiteral("Manual capture needs the redirect URI registered for this client.")};
    }
    m_request = AuthorizationRequest::build(parameters);
    m_listener->setExpectations(expectations());
    setStage(Stage::Prepared);
    return {};
}

EngineError AuthorizationFlow::launchBrowser()
{
    if (m_stage != Stage::Prepared && m_stage != Stage::WaitingForBrowser)
        return {.kind = ErrorKind::InvalidInput, .message = QStringLiteral("Prepare the request first.")};
    if (const EngineError error = m_launcher->launch(m_request.url, m_settings.allowHttp); error.isError())
        return error;
    setStage(Stage::WaitingForBrowser);
    return {};
}

EngineError AuthorizationFlow::submitPasted(const QString& text)
{
    if (m_stage != Stage::Prepared && m_stage != Stage::WaitingForBrowser)
        return {.kind = ErrorKind::InvalidInput,
                .message = QStringLiteral("There is no authorization waiting.")};
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {.kind = ErrorKind::InvalidInput,
                .message = QStringLiteral("Paste the URL the browser ended on.")};

    CapturedCallback captured{.received = QDateTime::currentDateTime()};
    const qsizetype question = trimmed.indexOf(u'?');
    const qsizetype hash = trimmed.indexOf(u'#');
    if (question < 0 && hash < 0 && !trimmed.contains(u'=') && !trimmed.contains(u"://")) {
        // A bare code: nothing to check it against, and the checklist says so.
        captured.parameters = {{QStringLiteral("code"), trimmed}};
        captured.verdict.outcome = CallbackVerdict::Outcome::Code;
        captured.verdict.code = trimmed;
        captured.verdict.checks = {
            {Severity::Warning, QStringLiteral("AZ-01"), QStringLiteral("state"),
             QStringLiteral("A bare code carries no state: it could not be tied to this flow.")},
            {Severity::Warning, QStringLiteral("AZ-05"), QStringLiteral("iss"),
             QStringLiteral("A bare code carries no iss: the issuer could not be checked.")}};
        finish(captured);
        return {};
    }
    // Implicit and hybrid: the response is the fragment; the code flow's is the query.
    const bool frontChannel = m_settings.parameters.responseType != u"code" ||
                              m_settings.parameters.responseMode == u"fragment.jwt";
    if (frontChannel && hash >= 0)
        return acceptPasted(captured, trimmed.mid(hash + 1));
    if (question < 0) {
        return {.kind = ErrorKind::InvalidInput,
                .message = hash >= 0
                               ? QStringLiteral("The URL carries its response in the fragment (#...), which "
                                                "belongs to implicit or hybrid flows, not the code flow.")
                               : QStringLiteral("The URL has no query: paste the whole address the browser "
                                                "ended on, including everything after '?'.")};
    }
    QString query = trimmed.mid(question + 1);
    if (const qsizetype fragment = query.indexOf(u'#'); fragment >= 0)
        query.truncate(fragment);
    return acceptPasted(captured, query);
}

EngineError AuthorizationFlow::acceptPasted(CapturedCallback captured, const QString& encoded)
{
    const FormEncoding::Decoded decoded = FormEncoding::decode(encoded.toUtf8());
    if (!decoded.ok())
        return {.kind = ErrorKind::InvalidInput, .message = decoded.error};
    captured.parameters = decoded.pairs;
    captured.verdict = validateCallback(decoded.pairs, expectations());
    if (captured.verdict.outcome == CallbackVerdict::Outcome::Rejected) {
        Q_EMIT callbackRejected(captured);
        return {.kind = ErrorKind::Protocol, .message = captured.verdict.reason};
    }
    finish(captured);
    return {};
}

CallbackExpectations AuthorizationFlow::expectations() const
{
    return {.state = QString::fromLatin1(m_request.state),
            .issuer = m_settings.issuer,
            .issRequired = m_settings.issRequired,
            .sent = m_request.parameters,
            .metadata = m_settings.metadata,
            .responseType = m_settings.parameters.responseType.simplified(),
            .jarm = JarmResponse::isJwtMode(m_settings.parameters.responseMode),
            .jarmExpected = {.issuer = m_settings.issuer,
                             .clientId = m_settings.parameters.clientId,
                             .keys = m_settings.responseKeys,
                             .algorithms = RefusalDiagnosis::listedStrings(
                                 m_settings.metadata, u"authorization_signing_alg_values_supported"),
                             .clockSkewSeconds = m_settings.clockSkewSeconds}};
}

void AuthorizationFlow::cancel()
{
    if (m_stage != Stage::Prepared && m_stage != Stage::WaitingForBrowser)
        return;
    m_listener->cancel();
    setStage(Stage::Cancelled);
    Q_EMIT finished({.request = m_request,
                     .error = {.kind = ErrorKind::Cancelled,
                               .message = QStringLiteral("The authorization was cancelled.")}});
}

void AuthorizationFlow::finish(const CapturedCallback& callback)
{
    AuthorizationOutcome outcome{.request = m_request, .callback = callback};
    if (callback.verdict.outcome == CallbackVerdict::Outcome::AuthorizationError) {
        outcome.error = {.kind = ErrorKind::Http,
                         .message = callback.verdict.reason,
                         .oauthError = callback.verdict.error,
                         .oauthErrorDescription = callback.verdict.errorDescription,
                         .oauthErrorUri = callback.verdict.errorUri};
        setStage(Stage::Failed);
    } else {
        setStage(Stage::Completed);
    }
    Q_EMIT finished(outcome);
}

} // namespace oauth2dbg
