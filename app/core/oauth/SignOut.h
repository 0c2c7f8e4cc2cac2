#pragma once

#include "CallbackValidator.h"
#include "common/EngineError.h"
#include "common/Secret.h"
#include "net/RedirectListener.h"

#include <QObject>
#include <QUrl>

namespace oauth2dbg {

class BrowserLauncher;

// OpenID Connect RP-Initiated Logout 1.0: the browser sent to the server's end_session_endpoint with the ID
// token as a hint, and its way back to post_logout_redirect_uri caught on the loopback listener, with state
// checked as an authorization response's is.
struct SignOutSettings {
    QUrl endpoint; // end_session_endpoint
    QString clientId;
    Secret idTokenHint; // empty: only client_id says who asks (LO-03)
    bool allowHttp = false;
    // Where the server sends the browser back: the listener, on `listener.path` (by default /logout). False:
    // no post_logout_redirect_uri (the redirect URI is not on this machine), and the run ends once the
    // browser is sent.
    bool returnToListener = true;
    ListenerConfig listener;
    FormPairs extra; // ui_locales, logout_hint …
};

struct SignOutRequest {
    QString url;       // exactly what the browser gets
    QString shownUrl;  // the same, the ID token masked: what a face shows and a report keeps
    FormPairs shown;   // the parameters, masked likewise
    QByteArray state;  // empty without a way back
    QString returnUri; // post_logout_redirect_uri; empty: none
    Findings checks;   // LO-03 on what is sent

    [[nodiscard]] static SignOutRequest build(const SignOutSettings& settings, const QString& returnUri);
};

struct SignOutOutcome {
    SignOutRequest request;
    CapturedCallback callback; // the way back, as received; empty without one
    EngineError error;         // set unless the browser came back (or was sent, without a way back)
    Findings checks;           // LO-02 / LO-04
};

// The way back to post_logout_redirect_uri: only state may and must come back (RP-Initiated Logout §3).
[[nodiscard]] CallbackVerdict validateSignOutReturn(const FormPairs& parameters,
                                                    const CallbackExpectations& expected);

class SignOutFlow final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignOutFlow)

public:
    explicit SignOutFlow(BrowserLauncher* launcher, QObject* parent = nullptr);
    ~SignOutFlow() override;

    // Opens the listener, builds the request and sends the browser; finished() follows.
    EngineError start(const SignOutSettings& settings);
    void cancel();
    [[nodiscard]] bool waiting() const { return m_waiting; }
    [[nodiscard]] const SignOutRequest& request() const { return m_request; }

Q_SIGNALS:
    void callbackRejected(const oauth2dbg::CapturedCallback& callback);
    void finished(const oauth2dbg::SignOutOutcome& outcome);

private:
    void end(SignOutOutcome outcome);

    BrowserLauncher* m_launcher;
    RedirectListener* m_listener;
    SignOutSettings m_settings;
    SignOutRequest m_request;
    QStringList m_refused; // why each request to the listener was refused, this sign-out
    bool m_waiting = false;
};

} // namespace oauth2dbg
