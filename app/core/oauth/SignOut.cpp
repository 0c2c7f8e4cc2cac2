#include "SignOut.h"

#include "Pkce.h"
#include "net/BrowserLauncher.h"

namespace oauth2dbg {

namespace {
const QString kLO02 = QStringLiteral("LO-02");
const QString kLO03 = QStringLiteral("LO-03");
const QString kLO04 = QStringLiteral("LO-04");

QString query(const FormPairs& pairs)
{
    return QString::fromLatin1(FormEncoding::encode(pairs));
}
} // namespace

SignOutRequest SignOutRequest::build(const SignOutSettings& settings, const QString& returnUri)
{
    SignOutRequest request;
    request.returnUri = returnUri;
    if (!returnUri.isEmpty())
        request.state = randomToken(32);
    FormPairs sent;
    const auto put = [&](const QString& name, const QString& value, bool secret = false) {
        if (value.isEmpty())
            return;
        sent.append({name, value});
        request.shown.append(
            {name, secret ? QStringLiteral("\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022") : value});
    };
    put(QStringLiteral("id_token_hint"), QString::fromUtf8(settings.idTokenHint.reveal()), true);
    put(QStringLiteral("client_id"), settings.clientId);
    put(QStringLiteral("post_logout_redirect_uri"), returnUri);
    put(QStringLiteral("state"), QString::fromLatin1(request.state));
    for (const auto& [name, value] : settings.extra)
        put(name, value);

    // The endpoint may carry a query of its own (RP-Initiated Logout §2 allows it): keep it.
    const QString base = settings.endpoint.toString(QUrl::FullyEncoded);
    const QString joiner = settings.endpoint.hasQuery() ? QStringLiteral("&") : QStringLiteral("?");
    request.url = base + joiner + query(sent);
    request.shownUrl =
        base + joiner + query(request.shown).replace(QStringLiteral("%E2%80%A2"), QStringLiteral("\u2022"));

    // LO-03: the ID token says whose session ends; without it the server may ask, and may not come back.
    if (!settings.idTokenHint.isEmpty())
        request.checks.append(
            {Severity::Info, kLO03, QStringLiteral("id_token_hint"),
             QStringLiteral("The ID token of this sign-in goes as id_token_hint: the server "
                            "knows whose session to end and may skip asking.")});
    else
        request.checks.append(
            {Severity::Warning, kLO03, QStringLiteral("id_token_hint"),
             QStringLiteral(
                 "No ID token to send as id_token_hint (sign in first, or give one): only client_id "
                 "says who asks, so the server will likely ask the user to confirm, and may ignore "
                 "post_logout_redirect_uri.")});
    return request;
}

CallbackVerdict validateSignOutReturn(const FormPairs& parameters, const CallbackExpectations& expected)
{
    CallbackVerdict verdict;
    const auto reject = [&](const QString& message) {
        verdict.checks.append({Severity::Error, kLO02, QStringLiteral("state"), message});
        verdict.reason = message;
        return verdict;
    };
    QStringList states;
    for (const auto& [name, value] : parameters)
        if (name == u"state")
            states << value;
    if (states.size() > 1)
        return reject(QStringLiteral("\"state\" appears %1 times on the way back; it may appear once.")
                          .arg(states.size()));
    if (states.isEmpty() || states.constFirst().isEmpty())
        return reject(QStringLiteral("The way back has no \"state\": it cannot be tied to this sign-out "
                                     "(RP-Initiated Logout §3 returns the state sent)."));
    if (states.constFirst() != expected.state)
        return reject(QStringLiteral("The \"state\" does not match the one this sign-out sent: the request "
                                     "belongs to another sign-out, or was forged."));
    verdict.outcome = CallbackVerdict::Outcome::SignedOut;
    verdict.checks.append({Severity::Info, kLO02, QStringLiteral("state"),
                           QStringLiteral("The server came back to post_logout_redirect_uri with the state "
                                          "this sign-out sent.")});
    return verdict;
}

SignOutFlow::SignOutFlow(BrowserLauncher* launcher, QObject* parent)
    : QObject(parent)
    , m_launcher(launcher)
    , m_listener(new RedirectListener(this))
{
    connect(m_listener, &RedirectListener::requestRejected, this, [this](const CapturedCallback& callback) {
        m_refused << (callback.problem.isEmpty() ? callback.verdict.reason : callback.problem);
        Q_EMIT callbackRejected(callback);
    });
    connect(m_listener, &RedirectListener::completed, this, [this](const CapturedCallback& callback) {
        end({.request = m_request, .callback = callback, .checks = callback.verdict.checks});
    });
    connect(m_listener, &RedirectListener::timedOut, this, [this] {
        const qint64 waited =
            std::chrono::duration_cast<std::chrono::seconds>(m_settings.listener.timeout).count();
        const QString why =
            QStringLiteral("The browser did not come back to %1 within %2 s. Either the sign-out is waiting "
                           "for the user to confirm it in the browser, or the server refused to redirect: "
                           "post_logout_redirect_uri must be registered for the client exactly (RP-Initiated "
                           "Logout §3), and most servers need id_token_hint to honour it.")
                .arg(m_request.returnUri)
                .arg(waited);
        end({.request = m_request,
             .error = {.kind = ErrorKind::Timeout, .message = why},
             .checks = {{Severity::Error, kLO04, QStringLiteral("post_logout_redirect_uri"), why}}});
    });
}

SignOutFlow::~SignOutFlow() = default;

EngineError SignOutFlow::start(const SignOutSettings& settings)
{
    cancel();
    m_listener->cancel(); // a way back of an earlier sign-out closes
    m_refused.clear();
    m_settings = settings;
    QString returnUri;
    if (settings.returnToListener) {
        if (const EngineError error = m_listener->listen(settings.listener); error.isError())
            return error;
        returnUri = m_listener->redirectUri();
    }
    m_request = SignOutRequest::build(settings, returnUri);
    if (settings.returnToListener)
        m_listener->setExpectations({.state = QString::fromLatin1(m_request.state), .signOut = true});
    if (const EngineError error = m_launcher->launch(m_request.url, settings.allowHttp); error.isError()) {
        m_listener->cancel();
        return error;
    }
    m_waiting = settings.returnToListener;
    if (!settings.returnToListener)
        end({.request = m_request,
             .checks = {
                 {Severity::Warning, kLO04, QStringLiteral("post_logout_redirect_uri"),
                  QStringLiteral("No way back to this machine was asked for (the client's redirect URI "
                                 "is elsewhere): the sign-out was sent, and its end is the browser's "
                                 "to see.")}}});
    return {};
}

void SignOutFlow::cancel()
{
    if (!m_waiting)
        return;
    m_listener->cancel();
    end({.request = m_request,
         .error = {.kind = ErrorKind::Cancelled, .message = QStringLiteral("The sign-out was cancelled.")}});
}

void SignOutFlow::end(SignOutOutcome outcome)
{
    // What the listener refused on the way (a stranger's request, a wrong state) is part of the story.
    if (!m_refused.isEmpty())
        outcome.checks.prepend({Severity::Warning, kLO02, QStringLiteral("state"),
                                QStringLiteral("%1 other request(s) to the listener were refused: %2")
                                    .arg(m_refused.size())
                                    .arg(m_refused.join(QStringLiteral(" / ")))});
    m_refused.clear();
    m_waiting = false;
    Q_EMIT finished(outcome);
}

} // namespace oauth2dbg
