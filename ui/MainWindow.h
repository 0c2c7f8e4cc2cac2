#pragma once

#include "profiles/Profile.h"

#include <QList>
#include <QMainWindow>

class QLabel;
class QListWidget;
class QTabWidget;

namespace oauth2dbg {

class AuthorizationPanel;
class BrowserLauncher;
class DiscoveryClient;
class DiscoveryPanel;
class NetworkAccess;
class SecretStore;
class TokenPanel;
class TrafficPanel;
struct AuthorizationOutcome;
struct DiscoveryResult;

// The window: profiles on the left, the flow in the middle, traffic below. It watches the engine; the engine
// never knows it exists.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    MainWindow(QList<Profile> profiles, NetworkAccess* network, SecretStore* secrets,
               BrowserLauncher* launcher, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] DiscoveryPanel* discoveryPanel() const { return m_discovery; }
    [[nodiscard]] AuthorizationPanel* authorizationPanel() const { return m_authorization; }
    [[nodiscard]] TokenPanel* tokenPanel() const { return m_tokens; }
    void showStep(QWidget* panel);
    [[nodiscard]] TrafficPanel* trafficPanel() const { return m_traffic; }
    [[nodiscard]] QListWidget* profileList() const { return m_profileList; }
    [[nodiscard]] QString keychainStatus() const;

Q_SIGNALS:
    void discoveryFinished(const oauth2dbg::DiscoveryResult& result);
    void authorizationFinished(const oauth2dbg::AuthorizationOutcome& outcome);

private:
    void buildMenus();
    void selectProfile(int row);
    void showExchange(quint64 id);
    void probeKeychain();
    void showAbout();

    QList<Profile> m_profiles;
    NetworkAccess* m_network;
    SecretStore* m_secrets;
    DiscoveryClient* m_discoveryClient;
    QListWidget* m_profileList;
    DiscoveryPanel* m_discovery;
    AuthorizationPanel* m_authorization;
    TokenPanel* m_tokens;
    QTabWidget* m_steps;
    bool m_authorizeAfterDiscovery = false;
    QTabWidget* m_bottomTabs;
    TrafficPanel* m_traffic;
    QLabel* m_keychainLabel;
};

} // namespace oauth2dbg
