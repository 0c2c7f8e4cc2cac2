#pragma once

#include "AuthorizationRequest.h"
#include "CallbackValidator.h"
#include "common/EngineError.h"
#include "net/RedirectListener.h"

#include <QObject>

namespace oauth2dbg {

class BrowserLauncher;

struct AuthorizationSettings {
    QString issuer;                     // the server this flow is sent to: what "iss" must say
    bool issRequired = false;           // metadata: authorization_response_iss_parameter_supported
    QJsonObject metadata;               // the server's, to explain an error it answers with
    bool allowHttp = false;             // a local test server
    AuthorizationParameters parameters; // redirectUri is filled in by the flow in loopback mode
    ListenerConfig listener;
    // Manual capture: the redirect URI is not on this machine (https://app.example.com/callback); the user
    // pastes the final URL (or the bare code) from the browser instead of a listener catching it.
    bool manualCapture = false;
    // RFC 9126: push the parameters first and send the browser with client_id and request_uri only. The
    // session pushes anyway when the server requires it (require_pushed_authorization_requests).
    bool pushed = false;
    // RFC 9101: the parameters as a request object signed with the client's key (by value, or pushed);
    // requestAudience replaces its aud (the issuer) to test what a server does with another.
    bool signedRequest = false;
    QString requestAudience;
    // JARM (response_mode jwt, query.jwt, fragment.jwt, form_post.jwt): the issuer's keys, fetched before the
    // browser is sent, that the response's signature is verified with.
    JwkSet responseKeys;
    int clockSkewSeconds = 60;
};

struct AuthorizationOutcome {
    AuthorizationRequest request; // verifier, redirect URI and nonce for the next steps
    CapturedCallback callback;    // what arrived, as received
    EngineError error;            // set unless a code arrived
    [[nodiscard]] bool hasCode() const { return callback.verdict.outcome == CallbackVerdict::Outcome::Code; }
    // Implicit and hybrid: tokens came in the front channel (with a code, for hybrid).
    [[nodiscard]] bool hasFrontChannelTokens() const
    {
        return !callback.verdict.idToken.isEmpty() || !callback.verdict.accessToken.isEmpty();
    }
};

// One authorization: builds the request, opens the listener, sends the browser, and waits for the one
// response that belongs to it. Rejected callbacks are reported and the wait goes on.
class AuthorizationFlow final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationFlow)

public:
    enum class Stage { Idle, Prepared, WaitingForBrowser, Completed, Failed, Cancelled, TimedOut };
    Q_ENUM(Stage)

    explicit AuthorizationFlow(BrowserLauncher* launcher, QObject* parent = nullptr);
    ~AuthorizationFlow() override;

    // Opens the listener (unless manual) and builds the request; the user can look at it before launching.
    EngineError prepare(const AuthorizationSettings& settings);
    // Sends the browser to the prepared URL and waits.
    EngineError launchBrowser();
    // The request was pushed (RFC 9126): the browser gets `url` (client_id and request_uri) instead; state,
    // nonce, verifier and redirect URI stay this request's and the callback is checked against them.
    void usePushedUrl(const QString& url) { m_request.url = url; }
    // Manual capture: the final URL from the browser's address bar, or the bare code.
    EngineError submitPasted(const QString& text);
    void cancel();

    [[nodiscard]] Stage stage() const { return m_stage; }
    [[nodiscard]] const AuthorizationRequest& request() const { return m_request; }
    [[nodiscard]] const AuthorizationSettings& settings() const { return m_settings; }
    [[nodiscard]] RedirectListener* listener() const { return m_listener; }
    [[nodiscard]] static QString stageName(Stage stage);

Q_SIGNALS:
    void stageChanged(oauth2dbg::AuthorizationFlow::Stage stage);
    void callbackRejected(const oauth2dbg::CapturedCallback& callback);
    void finished(const oauth2dbg::AuthorizationOutcome& outcome);

private:
    void setStage(Stage stage);
    void finish(const CapturedCallback& callback);
    [[nodiscard]] CallbackExpectations expectations() const;
    // A pasted response's parameters (a query, or a fragment) checked as the listener checks a callback.
    EngineError acceptPasted(CapturedCallback captured, const QString& encoded);

    BrowserLauncher* m_launcher;
    RedirectListener* m_listener;
    AuthorizationSettings m_settings;
    AuthorizationRequest m_request;
    Stage m_stage = Stage::Idle;
};

} // namespace oauth2dbg
