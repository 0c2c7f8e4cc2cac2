#pragma once

#include "Banner.h"
#include "ProfileActions.h"
#include "jose/TokenVerification.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/TokenClient.h"
#include "profiles/AppSettings.h"
#include "profiles/Profile.h"
#include "session/RunHistory.h"

#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

#include <functional>

class QLabel;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace oauth2dbg {

class AuthorizationPanel;
class BrowserLauncher;
class DecodePanel;
class EnvironmentPicker;
class FlowTimeline;
class HistoryPanel;
class LogPanel;
class DiscoveryClient;
class DevicePanel;
class DiscoveryPanel;
class FlowSession;
class NetworkAccess;
class ProfileActions;
class ProfileEditor;
class ProfileList;
class ProfileSecrets;
class ProfileStore;
class RunView;
class SecretStore;
class TokenPanel;
class TrafficPanel;
struct AuthorizationOutcome;
struct DiscoveryResult;

// The window: profiles on the left, the profile and the flow's steps in the middle, traffic below. It watches
// the engine; the engine never knows it exists.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // Asks the user a question (delete? save changes?) and returns the button chosen. Tests answer instead.
    using Ask = ProfileActions::Ask;

    MainWindow(ProfileStore* store, NetworkAccess* network, SecretStore* secrets, BrowserLauncher* launcher,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    // Points the built-in "Local demo" profile at another demo provider for this run (--demo-issuer).
    void setDemoIssuer(const QString& issuer) { m_profileActions->setDemoIssuer(issuer); }
    void setAsk(Ask ask) { m_profileActions->setAsk(std::move(ask)); }
    [[nodiscard]] const AppSettings& settings() const { return m_settings; }
    void applySettings(const AppSettings& settings);
    [[nodiscard]] QString listenerStatus() const;

    // The selected profile's run and its steps (each profile used in this session keeps its own).
    [[nodiscard]] RunView* run() const { return m_run; }
    [[nodiscard]] FlowSession* session() const;
    [[nodiscard]] DiscoveryPanel* discoveryPanel() const;
    [[nodiscard]] AuthorizationPanel* authorizationPanel() const;
    [[nodiscard]] TokenPanel* tokenPanel() const;
    [[nodiscard]] DevicePanel* devicePanel() const;
    [[nodiscard]] FlowTimeline* timeline() const;
    [[nodiscard]] HistoryPanel* historyPanel() const { return m_historyPanel; }
    [[nodiscard]] const RunHistory& history() const { return m_history; }
    [[nodiscard]] ProfileEditor* profileEditor() const { return m_editor; }
    [[nodiscard]] ProfileList* profileList() const { return m_list; }
    [[nodiscard]] ProfileSecrets* profileSecrets() const { return m_profileSecrets; }
    [[nodiscard]] TrafficPanel* trafficPanel() const { return m_traffic; }
    [[nodiscard]] DecodePanel* decodePanel() const { return m_decode; }
    [[nodiscard]] LogPanel* logPanel() const { return m_logPanel; }
    [[nodiscard]] QTabWidget* bottomTabs() const { return m_bottomTabs; }
    [[nodiscard]] Banner* notice() const { return m_notice; }
    // The toolbar's one button for the step the run is in.
    [[nodiscard]] QAction* nextAction() const { return m_next; }
    [[nodiscard]] EnvironmentPicker* environmentPicker() const { return m_environmentPicker; }
    // View > Lower pane: shows or hides the tabs below the steps.
    [[nodiscard]] QAction* lowerPaneAction() const { return m_lowerPaneAction; }
    [[nodiscard]] const QList<Profile>& profiles() const { return m_profileActions->profiles(); }
    void showStep(QWidget* panel);
    [[nodiscard]] QString keychainStatus() const;

    void newProfile() { m_profileActions->newProfile(); }
    // The selected profile's run starts over (the last one stays in the history).
    void startNewRun();
    void duplicateProfile(const QString& id) { m_profileActions->duplicateProfile(id); }
    void deleteProfile(const QString& id) { m_profileActions->deleteProfile(id); }
    void renameProfile(const QString& id, const QString& name) { m_profileActions->renameProfile(id, name); }
    void importFile(const QString& path) { m_profileActions->importFile(path); }
    void exportTo(const QStringList& ids, const QString& path) { m_profileActions->exportTo(ids, path); }

Q_SIGNALS:
    void discoveryFinished(const oauth2dbg::DiscoveryResult& result);
    void authorizationFinished(const oauth2dbg::AuthorizationOutcome& outcome);

protected:
    void closeEvent(QCloseEvent* event) override;
    bool event(QEvent* event) override;
    // Tab goes region by region: toolbar, profiles, timeline, step, lower tabs.
    bool focusNextPrevChild(bool next) override;

private:
    void buildMenus();
    void buildToolBar(QAction* newRun);
    void updateNextAction();
    // A message above the steps, and the same line in the log.
    void notify(const QString& text, Banner::Level level);
    void afterFirstPaint();
    void showProfile(const Profile* profile);
    void showEnvironment();
    void showTitle();
    // The run kept for the profile, made on its first selection.
    RunView* runFor(const Profile& profile);
    void connectRun(RunView* run);
    void switchTo(RunView* run);
    void dropRunsOfDeletedProfiles();
    void keepInHistory(const RunRecord& record);
    void showExchange(quint64 id);
    void probeKeychainWhenNeeded();
    void showAbout();
    void verifyPastedToken(const QByteArray& token);
    void pastedTokenVerified(const QByteArray& token, const TokenVerification& verification);
    void openSettings();
    void restoreLayout();
    void saveLayout() const;
    void updateListenerStatus();
    void showProfileStep();
    void runWhatTheEditorShows();

    ProfileStore* m_store;
    NetworkAccess* m_network;
    SecretStore* m_secrets;
    ProfileSecrets* m_profileSecrets;
    BrowserLauncher* m_launcher;
    ProfileList* m_list;
    ProfileEditor* m_editor;
    QHash<QString, RunView*> m_runs; // by profile id ("" when none is selected)
    RunView* m_run = nullptr;
    QStackedWidget* m_timelines;
    QStackedWidget* m_steps;
    RunHistory m_history;
    HistoryPanel* m_historyPanel;
    bool m_painted = false;
    bool m_keychainProbed = false;
    Banner* m_notice;
    QTabWidget* m_bottomTabs;
    TrafficPanel* m_traffic;
    DecodePanel* m_decode;
    LogPanel* m_logPanel;
    QLabel* m_keychainLabel;
    QLabel* m_listenerLabel;
    QSplitter* m_mainSplit = nullptr;
    QSplitter* m_centerSplit = nullptr;
    QString m_settingsPath;
    AppSettings m_settings;
    ProfileActions* m_profileActions;
    QHash<int, QAction*> m_goalActions; // the Flow menu's action for each goal it offers
    QAction* m_cancelWait = nullptr;
    QAction* m_newProfileAction = nullptr;
    QAction* m_lowerPaneAction = nullptr;
    QWidget* m_toolBar = nullptr; // the flow's row of buttons under the menus
    EnvironmentPicker* m_environmentPicker = nullptr;
    QAction* m_next = nullptr;
    QPointer<QAction> m_nextTarget;
};

} // namespace oauth2dbg
