#pragma once

#include "FlowGoal.h"
#include "FlowStep.h"
#include "RunRecord.h"
#include "TokenVerifier.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/AuthorizationProbe.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/PushedRequest.h"
#include "oauth/SignOut.h"
#include "oauth/TokenClient.h"
#include "oauth/TokenOperations.h"
#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>
#include <optional>

class QTimer;

namespace oauth2dbg {

class BrowserLauncher;
class HttpCall;
class JwksClient;
class NetworkAccess;
class ProfileSecrets;
class RefreshScheduler;

// One run of one profile, for both faces: discovery, the authorization and its listener, the token requests,
// the verification of what they return, what the client does with the tokens next, and automatic refresh. The
// window and the command line ask for goals and render the steps it emits; every rule about what follows
// what, and what a token is held to, lives here.
class FlowSession final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowSession)

public:
    using Goal = FlowGoal;
    using Input = FlowInput;
    using Outcome = FlowOutcome;

    // The authorization request a run sends: by default the profile's own; the window's form gives its
    // choices for one run.
    using AuthorizationSource =
        std::function<AuthorizationSettings(const Profile&, const DiscoveryResult&, QString* error)>;

    FlowSession(NetworkAccess* network, BrowserLauncher* launcher, ProfileSecrets* secrets = nullptr,
                QObject* parent = nullptr);
    ~FlowSession() override;

    // A new run: everything from the last profile is dropped.
    void setProfile(const Profile& profile);
    // The same profile with other settings (connection, approved hosts, an edit not saved yet): the tokens
    // stay. Another issuer or other endpoints make the metadata this run had stale: the next goal discovers.
    void updateProfile(const Profile& profile);
    // Metadata this run already has (the window's Discovery step): no need to fetch it again.
    void setDiscovery(const DiscoveryResult& discovery) { m_discovery = discovery; }
    void setClientSecret(const Secret& secret) { m_clientSecret = secret; }
    // private_key_jwt: the client's private key (PEM), from the keychain or a file the user named.
    void setClientKey(const Secret& key) { m_clientKey = key; }
    // tls_client_auth, self_signed_tls_client_auth: the client certificate (PEM), whose key is
    // setClientKey's.
    void setClientCertificate(const QByteArray& pem) { m_clientCertificate = pem; }
    // DPoP (RFC 9449, a profile with dpop set): the profile's DPoP key (PEM), as the keychain keeps it; with
    // none, the run makes one of its own that lives as long as the run. FlowSessionDpop.cpp.
    void setDpopKey(const Secret& pem);
    // Proofs gone wrong on purpose (another htu, a jti sent before, no proof): what a server does with them.
    void setDpopFault(DpopFault fault);
    // The run's DPoP key and nonces; null for a profile without DPoP.
    [[nodiscard]] DpopShared dpop() const { return m_dpop; }
    // The face is still reading the client's secret or key (the keychain answers later): a code that arrives
    // meanwhile is exchanged once they are set and this is false again, not refused for want of them.
    void setCredentialsPending(bool pending);
    // This run's client authentication, when it is not the profile's.
    void setClientAuthMethod(ClientAuthMethod method) { m_method = method; }
    // A refresh token from elsewhere (the keychain, an environment variable), when the run has none yet.
    void setRefreshToken(const Secret& token);
    void setClockSkew(int seconds) { m_clockSkewSeconds = seconds; }
    void setAuthorizationSource(AuthorizationSource source) { m_source = std::move(source); }
    void setAutoRefresh(bool on);

    void run(Goal goal, const Input& input = {});
    // Manual capture: the URL the browser ended on, or the bare code.
    EngineError submitPasted(const QString& text) { return m_flow->submitPasted(text); }
    void cancel();

    [[nodiscard]] const Profile& profile() const { return m_profile; }
    [[nodiscard]] const DiscoveryResult& discovery() const { return m_discovery; }
    [[nodiscard]] AuthorizationFlow* authorization() const { return m_flow; }
    [[nodiscard]] const TokenSet& tokens() const { return m_tokens; }
    [[nodiscard]] const std::optional<TokenVerification>& idVerification() const { return m_idVerification; }
    [[nodiscard]] const std::optional<TokenVerification>& accessVerification() const
    {
        return m_accessVerification;
    }
    [[nodiscard]] bool codeAvailable() const { return !m_codeUsed; }
    // A goal is under way (including a wait for the browser).
    [[nodiscard]] bool busy() const;
    // Something is on the wire or being verified: buttons that send wait for it.
    [[nodiscard]] bool requestInFlight() const;
    [[nodiscard]] bool waitingForBrowser() const;
    // What a user does next in the state this run is in: discover, authorize, exchange the code, refresh.
    // None while something is on the wire or the browser is awaited.
    [[nodiscard]] std::optional<Goal> nextGoal() const;
    [[nodiscard]] Secret clientSecret() const { return m_clientSecret; }
    [[nodiscard]] ClientAuthMethod clientAuthMethod() const { return m_method; }
    // How the last token request authenticated the client, in words.
    [[nodiscard]] QString lastExplanation() const;
    // The client assertion the last token request carried (private_key_jwt, client_secret_jwt), decoded.
    [[nodiscard]] const ClientAssertion& lastAssertion() const { return m_client->lastAssertion(); }
    // How the last token request proved the client: its TLS certificate (mutual TLS) among the rest.
    [[nodiscard]] const ClientCredentialsSent& lastCredentials() const { return m_client->lastCredentials(); }
    [[nodiscard]] JwksClient* keys() const { return m_jwks; }
    // JwtBearer: the assertion `input` makes, signed now with its key (or the client's), the defaults filled
    // in (iss the client_id, aud the token endpoint): what the window shows decoded before sending.
    [[nodiscard]] ClientAssertion bearerAssertion(const GrantInput& input) const;
    // JwtBearer: the assertion the last request carried; empty otherwise.
    [[nodiscard]] const ClientAssertion& lastBearerAssertion() const { return m_bearer; }
    // JAR: the request object the last authorization request carried, decoded; empty otherwise.
    [[nodiscard]] const ClientAssertion& lastRequestObject() const { return m_requestObject; }
    // This run's token of a type (access_token, refresh_token, id_token, jwt, or their URIs); empty: none.
    [[nodiscard]] Secret ownToken(const QString& type) const;
    [[nodiscard]] RefreshScheduler* scheduler() const { return m_scheduler; }
    // What this run did so far, as the history keeps it (masked: no token, code or secret).
    [[nodiscard]] const RunRecord& record() const { return m_record; }

Q_SIGNALS:
    void stepChanged(const oauth2dbg::FlowStep& step);
    void discovered(const oauth2dbg::DiscoveryResult& result);
    void stageChanged(oauth2dbg::AuthorizationFlow::Stage stage);
    void callbackRejected(const oauth2dbg::CapturedCallback& callback);
    void authorized(const oauth2dbg::AuthorizationOutcome& outcome);
    void tokensChanged(const oauth2dbg::TokenResult& result);
    void tokensVerified();
    void operationFinished(const oauth2dbg::OperationResult& result);
    void refreshTokenKept(const oauth2dbg::SecretState& state);
    // DeviceCode: the user code to show and where to enter it; polling starts `interval` seconds later.
    void deviceCodeIssued(const oauth2dbg::DeviceAuthorization& device);
    // DeviceCode: the next poll is `interval` seconds away (it grows by 5 s at every slow_down).
    void devicePolling(int polls, int interval);
    // VerifyToken: the verdict on the token it was given.
    void pastedTokenVerified(const QByteArray& token, const oauth2dbg::TokenVerification& verification);
    void goalFinished(const oauth2dbg::FlowOutcome& outcome);
    // After each goal: the run's record, for the history.
    void runRecorded(const oauth2dbg::RunRecord& record);

private:
    void discover();
    void onDiscovered(const DiscoveryResult& result);
    void continueGoal();
    void authorize();
    // The prepared request sent (pushed, signed) as `settings` say; JARM's keys are in them by now.
    void authorizeWith(const AuthorizationSettings& settings);
    void onStage(AuthorizationFlow::Stage stage);
    void onAuthorized(const AuthorizationOutcome& outcome);
    // The authorization's code, exchanged once (after the keychain, when it is still answering).
    void continueWithCode();
    // Implicit and hybrid (FlowSessionFrontChannel.cpp): the front channel's ID token verified (nonce,
    // at_hash, c_hash) before anything else; then the code is exchanged (hybrid) or the tokens are the run's
    // (implicit).
    void verifyFrontChannel();
    void exchangeCode();
    void onTokens(const TokenResult& result);
    void verify(const TokenResult& result, const TokenContext& context);
    // Stores a new refresh token when the profile keeps it, then goes on.
    void keepRefreshToken(const Secret& previous, const std::function<void()>& then);
    void operation(Goal goal);
    void onOperation(const OperationResult& result);
    void verifyPasted();
    // CheckRequest: the request prepared (now, or by an earlier goal) fetched once; FlowSessionCheck.cpp.
    void checkRequest();
    // DeviceCode (FlowSessionDevice.cpp): the device authorization request, then the polls of the token
    // endpoint until the user has signed in, denied, or the code expired.
    void deviceAuthorize();
    void onDeviceAuthorized(const DeviceAuthorization& device);
    void pollDevice();
    // A poll's answer: true when it was "not yet" (authorization_pending, slow_down) and another poll is due;
    // otherwise the end of the polls, its error said in the grant's words (a denial, an expired code).
    bool onDevicePoll(TokenResult* result);
    void stopDevice();
    [[nodiscard]] Finding pollsSummary() const;
    // TokenExchange, JwtBearer, Password (FlowSessionGrants.cpp): the request, from the goal's GrantInput.
    void tokenGrant();
    // The rules of the grant just answered that hold beyond the token response's own (TX-01, LG-01 …).
    [[nodiscard]] Findings grantChecks(const TokenResult& result) const;
    // Authorize with PAR (FlowSessionAuthorize.cpp): the prepared request pushed with the client's
    // authentication, then the browser sent with its request_uri.
    void pushRequest(const FormPairs& parameters);
    void onPushed(const PushedRequest& pushed);
    // JAR (FlowSessionAuthorize.cpp): the prepared parameters signed as a request object with the client's
    // key, then pushed or sent by value; `audience` replaces the issuer as its aud when set.
    void signRequest(bool push, const QString& audience);
    // The browser to `url` instead of the prepared request's (a pushed or signed request).
    void sendBrowser(const QString& url);
    // SignOut (FlowSessionSignOut.cpp): the browser to end_session_endpoint, and its way back caught.
    void signOut();
    void onSignedOut(const SignOutOutcome& outcome);
    [[nodiscard]] ListenerShape listenerShape() const;
    [[nodiscard]] std::optional<TokenEndpointConfig> tokenConfig(Goal goal);
    // The run's DPoP context, made at its first use from the key set (or a new one); null without DPoP.
    DpopShared dpopContext();
    // RFC 9396: `json` (empty: none) checked before it is sent; false, with `step` finished, when it is not
    // an authorization_details array. FlowSessionDpop.cpp.
    bool askDetails(const QString& json, FlowStep::Kind step);
    void emitStep(FlowStep step);
    void finish(FlowStep::Kind step, const EngineError& error = {});

    NetworkAccess* m_network;
    ProfileSecrets* m_secrets;
    DiscoveryClient* m_discoveryClient;
    AuthorizationFlow* m_flow;
    TokenClient* m_client;
    JwksClient* m_jwks;
    TokenOperations* m_operations;
    RefreshScheduler* m_scheduler;
    AuthorizationSource m_source;
    Profile m_profile;
    Secret m_clientSecret;
    Secret m_clientKey;
    QByteArray m_clientCertificate;
    Secret m_dpopKey;
    DpopShared m_dpop;
    DpopFault m_dpopFault = DpopFault::None;
    ClientAuthMethod m_method = ClientAuthMethod::None;
    int m_clockSkewSeconds = 60;
    bool m_autoRefresh = false;
    DiscoveryResult m_discovery;
    AuthorizationOutcome m_authorization;
    bool m_codeUsed = true;
    bool m_credentialsPending = false;
    bool m_exchangeWaiting = false; // a code arrived while the credentials were pending
    TokenSet m_tokens;
    std::optional<QJsonObject> m_firstIdClaims;
    std::optional<TokenVerification> m_idVerification;
    std::optional<TokenVerification> m_accessVerification;
    QString m_grant;      // of the token request in flight or last answered
    QString m_scopeAsked; // what the tokens' grant asked for: the scope TE-11 holds the answer to
    QString m_grantNote;  // what the grant sent besides the client's authentication (a bearer assertion)
    QString m_requestedTokenType;    // TokenExchange: what was asked for
    ClientAssertion m_bearer;        // JwtBearer: the assertion sent
    ClientAssertion m_requestObject; // JAR: the request object the last authorization carried
    QByteArray m_codeSent;
    QStringList m_refused;     // requests to the listener refused while this authorization waited (AZ-02)
    QJsonArray m_detailsAsked; // RFC 9396: what this run's grant asked for, which the answer is held to
    Findings m_detailsChecks;  // and what was checked of it before it was sent (RA-01, RA-02)
    bool m_verifying = false;
    std::optional<Goal> m_goal; // the goal in progress, until goalFinished
    Input m_input;
    QList<std::pair<Goal, Input>> m_queued; // asked for while another was under way, in order
    RunRecord m_record;
    QSet<quint64> m_recordedExchanges; // their parameters are in the record
    QPointer<HttpCall> m_check;        // the request check in flight
    BrowserLauncher* m_launcher;
    SignOutFlow* m_signOut = nullptr; // made at the first sign-out
    QTimer* m_deviceTimer;            // the next poll
    PushedRequestClient* m_pushed;    // RFC 9126
    DeviceAuthorization m_device;     // the code being polled for; empty deviceCode: none
    int m_devicePolls = 0;
    int m_deviceSlowDowns = 0;
    quint64 m_run = 0; // bumped by setProfile: answers for an earlier run are dropped
};

} // namespace oauth2dbg
