#pragma once

#include "Banner.h"
#include "common/Secret.h"
#include "profiles/AppSettings.h"
#include "profiles/Profile.h"
#include "profiles/ProfileLibrary.h"

#include <QHash>
#include <QMessageBox>
#include <QObject>

#include <functional>

namespace oauth2dbg {

class DiscoveryClient;
class NetworkAccess;
class ProfileEditor;
class ProfileList;
class ProfileSecrets;
class ProfileStore;
struct DiscoveryResult;

// The window's profiles: the saved list (merged with other instances' saves), which one is selected, and what
// a user does to them — new, duplicate, rename, delete, edit and save, import and export, the keychain
// entries that follow them, the hosts approved for their credentials. It asks the questions (through Ask) and
// says what happened (notice); the window shows the selected profile's run.
class ProfileActions final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileActions)

public:
    using Ask = std::function<QMessageBox::StandardButton(const QString& question,
                                                          QMessageBox::StandardButtons buttons)>;

    ProfileActions(ProfileStore* store, ProfileSecrets* secrets, NetworkAccess* network, ProfileList* list,
                   ProfileEditor* editor, QWidget* window, const AppSettings* settings,
                   QObject* parent = nullptr);
    ~ProfileActions() override;

    void setAsk(Ask ask) { m_ask = std::move(ask); }
    // The window has painted: the keychain may be asked now.
    void setReady();
    void load();
    void setDemoIssuer(const QString& issuer);

    [[nodiscard]] const QList<Profile>& profiles() const { return m_library.profiles(); }
    [[nodiscard]] QString currentId() const { return m_currentId; }
    // The selected profile as saved; null when none is.
    [[nodiscard]] const Profile* current() const;
    // The environment the selected profile runs in, by id (empty: the profile's own settings). Each profile
    // keeps its choice for the session.
    [[nodiscard]] QString environmentId() const;
    void setEnvironment(const QString& id);
    // `profile` as it runs: in the environment chosen for it, when it still has that one.
    [[nodiscard]] Profile asRun(const Profile& profile) const;

    void newProfile();
    void duplicateProfile(const QString& id);
    void deleteProfile(const QString& id);
    void renameProfile(const QString& id, const QString& name);
    void importFile(const QString& path);
    void exportTo(const QStringList& ids, const QString& path);
    void chooseImportFile();
    void chooseExportFile(bool all);
    // Saves the editor's profile; a client secret typed in the form goes to the keychain with it.
    void saveEdited(const Profile& profile, const Secret& typedSecret = {});
    // The Discovery step changed the connection settings: saved at once, like any setting.
    void saveConnection(const Profile& edited);
    // Credentials go to another host than the issuer's only once the user said yes.
    void approveCredentialHosts(const DiscoveryResult& result);
    // Asks about unsaved changes in the editor; false when the user wants to stay.
    bool settleUnsavedChanges();
    void refreshSecretState();
    // The editor's key row: what the keychain holds for a private_key_jwt profile (ProfileActionsKeys.cpp).
    void refreshKeyState();

Q_SIGNALS:
    // Another profile is selected (null: none), or the selected one changed in a way its run must start over.
    void selected(const oauth2dbg::Profile* profile);
    void flowProfileChanged(const oauth2dbg::Profile& saved);
    // The same run, with other settings (connection, approved hosts): the tokens stay.
    void profileUpdated(const oauth2dbg::Profile& saved);
    void hostsApproved(const QStringList& hosts);
    // The selected profile runs in another environment now.
    void environmentChanged();
    void titleChanged(const QString& name);
    void secretsChanged();
    void editorWanted();
    void notice(const QString& text, oauth2dbg::Banner::Level level);

private:
    void connectKeys();
    // The client-key entry (a key, or a certificate with its key) into the keychain; `stored` said when it
    // is.
    void storeClientKey(const Profile& profile, const Secret& entry, const QString& stored);
    void select(const QString& id);
    void storeTypedSecret(const Profile& saved, const Secret& secret);
    void onCurrentChanged(const QString& id, const QString& previousId);
    void fillFromDiscovery(const Profile& profile);
    void finishImport(const QList<Profile>& added, int conflictsReplaced, const QString& path,
                      const QStringList& withheld);
    // Saves the profiles (merged with other instances' changes) and shows the result; false on failure.
    bool saveProfiles(const QString& selectId);
    // The environments' keychain entries follow an edit: bound anew where what they go to changed, removed
    // with an environment that went. `typedFor`: the one whose secret the edit stores (left to that store).
    void followEnvironments(const Profile& before, const Profile& saved, const QString& typedFor);
    void copyEnvironmentSecrets(const Profile& original, const Profile& copy);
    void removeEnvironmentSecrets(const Profile& doomed);

    ProfileLibrary m_library;
    ProfileSecrets* m_secrets;
    ProfileList* m_list;
    ProfileEditor* m_editor;
    QWidget* m_window;
    const AppSettings* m_settings;
    DiscoveryClient* m_fillClient;
    QString m_currentId;
    QHash<QString, QString> m_environments; // profile id -> the environment chosen for it
    bool m_ready = false;
    Ask m_ask;
};

} // namespace oauth2dbg
