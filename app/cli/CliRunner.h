#pragma once

#include "CliOptions.h"
#include "CliProfile.h"
#include "CliReport.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "profiles/ProfileSecrets.h"
#include "profiles/SecretStore.h"
#include "session/FlowSession.h"
#include "traffic/TrafficLog.h"

#include <QObject>

#include <memory>

namespace oauth2dbg {

class CliDecode;

// Runs one command of the headless twin: maps it to a goal of the engine's flow session (the same one the
// window drives), prints the steps the session reports, and turns how the goal ended into an exit code.
// Reports on stdout, errors on stderr.
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
    void startWithProfile();
    [[nodiscard]] bool readOperationToken();
    // What the environment did not give comes from the keychain, as the window would use it.
    void loadSecrets();
    // One credential of the profile from the keychain into `into`, then loadSecrets() again; `missing` (with
    // %1 for the keychain's word) is the usage error when it is not there.
    void loadFromKeychain(ProfileSecrets::Kind kind, Secret* into, const QString& missing);
    void runGoal();
    // flow implicit, flow hybrid: the response type asked for; empty for the code flow.
    [[nodiscard]] QString responseType() const;
    void onStep(const FlowStep& step);
    void onGoal(const FlowOutcome& outcome);
    void onOperation(const OperationResult& result);
    [[nodiscard]] AuthorizationSettings
    authorizationSettings(const Profile& profile, const DiscoveryResult& discovery, QString* error) const;
    void fail(const EngineError& error, int exitCode);
    void finish();
    static void progress(const QString& line);
    // call: the request as --url, --method, --header and --data give it.
    [[nodiscard]] HttpRequest apiRequest() const;

    CliOptions m_options;
    CliReport m_report;
    CliProfile m_loaded;
    SecretStore m_keychain;
    ProfileSecrets m_profileSecrets{&m_keychain};
    TrafficLog m_traffic;
    NetworkAccess m_network;
    BrowserLauncher m_launcher;
    FlowSession m_session;
    Secret m_operationToken; // userinfo, introspect, revoke; decode with a profile
    int m_clockSkewSeconds = 60;
    bool m_finished = false;
    // decode: kept until the runner goes, since its callbacks end the run from inside its own calls.
    std::unique_ptr<CliDecode> m_decode;
};

} // namespace oauth2dbg
