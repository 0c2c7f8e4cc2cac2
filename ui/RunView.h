#pragma once

#include "profiles/Profile.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QWidget;

namespace oauth2dbg {

class AuthorizationPanel;
class DevicePanel;
class BrowserLauncher;
class DiscoveryPanel;
class FlowSession;
class FlowTimeline;
class LogPanel;
class NetworkAccess;
class ProfileSecrets;
class TokenInspectorTabs;
class TokenPanel;
struct AppSettings;

// One profile's run in the window: the engine's flow session and what renders it — the timeline, the
// discovery, authorization, device and token steps and the token inspectors. The window keeps one for every
// profile used in this session, so selecting another profile and coming back finds the run as it was (a wait
// for the browser even goes on meanwhile). The widgets are the window's to place; they are built when first
// shown.
class RunView final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunView)

public:
    RunView(const Profile& profile, NetworkAccess* network, BrowserLauncher* launcher,
            ProfileSecrets* secrets, LogPanel* log, QObject* parent = nullptr);
    ~RunView() override;

    [[nodiscard]] const QString& profileId() const { return m_profileId; }
    [[nodiscard]] FlowSession* session() const { return m_session; }
    [[nodiscard]] FlowTimeline* timeline() const { return m_timeline; }
    [[nodiscard]] DiscoveryPanel* discovery() const { return m_discovery; }
    [[nodiscard]] AuthorizationPanel* authorization() const { return m_authorization; }
    [[nodiscard]] TokenPanel* tokens() const { return m_tokens; }
    [[nodiscard]] DevicePanel* device() const { return m_device; }
    [[nodiscard]] TokenInspectorTabs* inspectors() const { return m_inspectors; }

    // What a flow uses changed: a new run of the profile, every step over again.
    void restart(const Profile& profile);
    // The same run with other connection settings: the tokens stay.
    void update(const Profile& profile);
    // The editor's values, not saved yet: this run uses what the editor shows (the saved profile stays).
    void runUnsaved(const Profile& shown);
    void applySettings(const AppSettings& settings);
    // The run was started with these settings (its name, notes and approved hosts aside): false after the
    // profile changed elsewhere (the demo issuer of this start, an import that replaced it).
    [[nodiscard]] bool startedWith(const Profile& profile) const;

private:
    QString m_profileId;
    Profile m_startedWith;
    FlowSession* m_session;
    FlowTimeline* m_timeline;
    DiscoveryPanel* m_discovery;
    AuthorizationPanel* m_authorization;
    TokenInspectorTabs* m_inspectors;
    TokenPanel* m_tokens;
    DevicePanel* m_device;
    QList<QPointer<QWidget>> m_widgets;
};

} // namespace oauth2dbg
