#pragma once

#include "CliOptions.h"
#include "CliReport.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/TokenClient.h"
#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"
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
    void loadSecrets();
    void discover();
    void keepRefreshToken(const TokenResult& result);
    void onDiscovered(const DiscoveryResult& result);
    void onAuthorized(const AuthorizationOutcome& outcome);
    void onTokens(const TokenResult& result);
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
    bool m_finished = false;
};

} // namespace oauth2dbg
