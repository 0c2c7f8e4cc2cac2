#pragma once

#include "ClientAuthentication.h"
#include "DeviceAuthorization.h"
#include "Dpop.h"
#include "RefusalDiagnosis.h"
#include "TokenResponse.h"
#include "jose/ClientAssertion.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace oauth2dbg {

class HttpCall;
class NetworkAccess;

struct TokenEndpointConfig {
    QUrl tokenEndpoint;
    QString clientId;
    Secret clientSecret;
    ClientAuthMethod method = ClientAuthMethod::None;
    BasicForm basicForm = BasicForm::FormEncoded;
    // What the server's metadata lists as each endpoint's auth methods (token, introspection, revocation):
    // what a refusal's diagnosis holds the request to. Empty: not known.
    QMap<QString, QStringList> serverMethods;
    // private_key_jwt and client_secret_jwt: the key (PEM or private JWK, for private_key_jwt), the
    // algorithms the server lists for assertions, and whom the assertion is for: "endpoint" (the URL it goes
    // to, the default), "issuer", or a URL of the profile's own.
    Secret clientKey;
    QStringList signingAlgorithms;
    QString assertionAlgorithm; // the profile's choice; empty: chosen from the key and signingAlgorithms
    QString assertionAudience = QStringLiteral("endpoint");
    QString issuer;
    // Seconds added to this machine's clock when an assertion is dated (to reproduce a client whose clock is
    // off); 0 for everyday use.
    qint64 assertionClockOffset = 0;
    // An assertion sent before, sent once more exactly as it was: whether the server refuses a jti it has
    // seen (RFC 7523 §3). The request and a refusal's diagnosis say so.
    ClientAssertion resendAssertion;
    bool allowHttp = false; // a local test server (TE-10)
    std::chrono::milliseconds timeout{std::chrono::seconds(30)};
    TlsOptions tls;
    FormPairs extraParameters; // the profile's own additions to every token request
    // Credentials go only to the issuer's own host, or to a host the user approved for this profile.
    QString issuerHost; // empty: no issuer to compare with (endpoints given by hand)
    QStringList approvedHosts;
    // RFC 9449: the run's DPoP key and nonces; every request to the token endpoint carries a fresh proof.
    // Null: no DPoP.
    DpopShared dpop;
};

// How a request under `config` proves the client, for the diagnosis of a refusal at `endpoint`.
[[nodiscard]] ClientCredentialsSent credentialsSent(const TokenEndpointConfig& config,
                                                    const QString& endpoint, const QString& grant = {});

// A fresh client assertion for a request to `endpoint` under `config` (private_key_jwt, client_secret_jwt);
// empty jwt and `refusal` set when none can be made. `sent` learns what the diagnosis needs of it.
[[nodiscard]] ClientAssertion assertionFor(const TokenEndpointConfig& config, const QUrl& endpoint,
                                           ClientCredentialsSent* sent, QString* refusal);

// Why credentials may not go to `endpoint` under `config` (another host than the issuer's, not approved);
// empty when they may.
[[nodiscard]] QString unapprovedHostRefusal(const TokenEndpointConfig& config, const QUrl& endpoint);

// Talks to one client's token endpoint: the authorization code, client credentials and refresh grants. One
// request at a time; a code is sent once and never again by this object; nothing is retried behind the user's
// back.
class TokenClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenClient)

public:
    explicit TokenClient(NetworkAccess* network, QObject* parent = nullptr);
    ~TokenClient() override;

    // Each starts one request and answers through finished(); a refusal before sending answers the same way.
    void exchangeCode(const TokenEndpointConfig& config, const QString& code, const QString& redirectUri,
                      const QByteArray& codeVerifier);
    void clientCredentials(const TokenEndpointConfig& config, const QString& scope,
                           const QStringList& resources = {}, const QString& audience = {});
    void refresh(const TokenEndpointConfig& config, const Secret& refreshToken, const QString& scope = {});
    // RFC 8628: the device authorization request (answered through deviceAuthorized()), and one poll of the
    // token endpoint with its device_code (answered through finished(), authorization_pending and all).
    void deviceAuthorization(const TokenEndpointConfig& config, const QUrl& endpoint, const QString& scope);
    void deviceCode(const TokenEndpointConfig& config, const Secret& deviceCode);
    // Another grant (token exchange, JWT bearer, password): the body as TokenGrants makes it, grant_type
    // first.
    void grant(const TokenEndpointConfig& config, const FormPairs& body);
    void cancel();

    [[nodiscard]] bool isBusy() const { return m_busy; }
    // How the last request authenticated the client, in words (the request view's explainer).
    [[nodiscard]] QString lastExplanation() const { return m_explanation; }
    // The client assertion the last request carried (private_key_jwt, client_secret_jwt); empty otherwise.
    [[nodiscard]] const ClientAssertion& lastAssertion() const { return m_assertion; }
    // How the last request that was sent proved the client (its certificate, its assertion's claims).
    [[nodiscard]] const ClientCredentialsSent& lastCredentials() const { return m_sent; }

Q_SIGNALS:
    void finished(const oauth2dbg::TokenResult& result);
    void deviceAuthorized(const oauth2dbg::DeviceAuthorization& answer);

private:
    // `retried`: sent once more with the server's DPoP nonce (RFC 9449 §8), never a third time.
    void send(const TokenEndpointConfig& config, FormPairs body, const QString& grant, bool retried = false);
    // One request to `url` (the `endpoint` named as a refusal's diagnosis names it) with the client's
    // authentication; null when it was refused before sending (refuse() has been called).
    HttpCall* post(const TokenEndpointConfig& config, const QUrl& url, FormPairs body,
                   const QString& endpoint, const QString& grant, ClientCredentialsSent* sent);
    void refuse(const QString& message);

    NetworkAccess* m_network;
    QPointer<HttpCall> m_call;
    QSet<QString> m_codesSent;
    QString m_explanation;
    ClientAssertion m_assertion; // the last request's, decoded for the views
    ClientCredentialsSent m_sent;
    Findings m_dpopChecks; // the last request's proof (DP-01, DP-02)
    bool m_busy = false;
};

} // namespace oauth2dbg
