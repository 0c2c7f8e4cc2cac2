#pragma once

#include "CliOptions.h"
#include "CliReport.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/JwksClient.h"
#include "oauth/TokenClient.h"
#include "oauth/TokenOperations.h"
#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"
#include "profiles/ProfileTransfer.h"
#include "profiles/SecretStore.h"
#include "traffic/TrafficLog.h"

#include <QObject>

namespace oauth2dbg {

// Runs one command of the headless twin with the same engine objects the window uses: discovery, then the
// authorization (through the same browser path) and the token request. Reports on stdout, errors on stderr.
class CliRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CliRunner)

public:
    explicit CliRunner(CliOptions options, QObject* parent = nullptr);
    ~CliRunner() override;

    void start();

Q_SIGNALS:
    void done(int exitCode);

private:
    bool loadProfile();
    [[nodiscard]] bool acceptFileProfile(const ProfileTransfer::Imported& imported);
    void loadSecrets();
    void discover();
    void keepRefreshToken(const TokenResult& result);
    void onDiscovered(const DiscoveryResult& result);
    void onAuthorized(const AuthorizationOutcome& outcome);
    void onTokens(const TokenResult& result);
    // The ID token (and a JWT access token) against the issuer's keys: steps in the report; a failed ID token
    // makes the run fail (exit code 1).
    void verifyTokens(const TokenResult& result);
    void onOperation(const OperationResult& result);
    void decode();
    void decodeWithKeys(const QByteArray& token, const JwkSet& keys, const QString& keySource);
    [[nodiscard]] bool readOperationToken();
    void fail(const EngineError& error, int exitCode);
    void finish();
    [[nodiscard]] TokenEndpointConfig tokenConfig() const;
    [[nodiscard]] static int exitCodeFor(const EngineError& error);
    static void progress(const QString& line);

    CliOptions m_options;
    CliReport m_report;
    Profile m_profile;
    Secret m_secret;
    Secret m_refreshToken;
    SecretStore m_keychain;
    ProfileSecrets m_profileSecrets{&m_keychain};
    ClientAuthMethod m_method = ClientAuthMethod::None;
    DiscoveryResult m_discovery;
    TrafficLog m_traffic;
    NetworkAccess m_network;
    DiscoveryClient m_discoveryClient;
    BrowserLauncher m_launcher;
    AuthorizationFlow m_flow;
    TokenClient m_tokens;
    JwksClient m_jwks;
    TokenOperations m_operations;
    QByteArray m_nonce;      // of the authorization request, for the ID token's check
    Secret m_operationToken; // userinfo, introspect, revoke
    bool m_finished = false;
    bool m_fromFile = false; // the profile came from --profile-file: no keychain, nothing kept
};

} // namespace oauth2dbg
