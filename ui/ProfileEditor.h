#pragma once

#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace oauth2dbg {

class Banner;

// One profile's settings, grouped as Endpoints, Client, Request and Advanced, with a message under each field
// that needs attention. Changes stay in the form until Save; the window asks before they are lost. The client
// secret is not part of the profile: it goes straight to the keychain from here.
class ProfileEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileEditor)

public:
    explicit ProfileEditor(QWidget* parent = nullptr);
    ~ProfileEditor() override;

    // The saved state to edit; clears the form's changes.
    void setProfile(const Profile& profile);
    // The profile was saved elsewhere (renamed in the list, a connection setting changed): the fields the
    // user has not edited here take the new values, the edited ones stay.
    void updateSaved(const Profile& saved);
    // What the form holds now (the saved profile with the form's edits).
    [[nodiscard]] Profile profile() const;
    [[nodiscard]] bool isDirty() const;
    [[nodiscard]] QList<FieldProblem> problems() const { return profile().validate(); }
    // The message shown under a field ("clientId", "endpoints.token_endpoint", ...); empty when none.
    [[nodiscard]] QString fieldMessage(const QString& field) const;

    void setSecretState(const SecretState& state);
    // Puts discovered endpoint URLs into the endpoint fields that are still empty; says how many.
    void fillEndpoints(const QJsonObject& metadata, const QString& from);
    void showMessage(const QString& text, int level);

    [[nodiscard]] QLineEdit* nameEdit() const { return m_name; }
    [[nodiscard]] QLineEdit* issuerEdit() const { return m_issuer; }
    [[nodiscard]] QLineEdit* endpointEdit(const QString& name) const { return m_endpoints.value(name); }
    [[nodiscard]] QLineEdit* clientIdEdit() const { return m_clientId; }
    [[nodiscard]] QComboBox* clientTypeBox() const { return m_clientType; }
    [[nodiscard]] QComboBox* authMethodBox() const { return m_authMethod; }
    [[nodiscard]] QLineEdit* secretEdit() const { return m_secret; }
    [[nodiscard]] QPushButton* storeSecretButton() const { return m_storeSecret; }
    [[nodiscard]] QPushButton* removeSecretButton() const { return m_removeSecret; }
    [[nodiscard]] QLabel* secretStateLabel() const { return m_secretState; }
    [[nodiscard]] QCheckBox* keepRefreshBox() const { return m_keepRefresh; }
    [[nodiscard]] QCheckBox* plainFileBox() const { return m_plainFile; }
    [[nodiscard]] QLabel* plainFileBadge() const { return m_plainBadge; }
    [[nodiscard]] QLineEdit* scopesEdit() const { return m_scopes; }
    [[nodiscard]] QComboBox* redirectModeBox() const { return m_redirectMode; }
    [[nodiscard]] QLineEdit* redirectUriEdit() const { return m_redirectUri; }
    [[nodiscard]] QPlainTextEdit* tokenParametersEdit() const { return m_tokenParameters; }
    [[nodiscard]] QCheckBox* localServerBox() const { return m_localServer; }
    [[nodiscard]] QPlainTextEdit* notesEdit() const { return m_notes; }
    [[nodiscard]] QPushButton* saveButton() const { return m_save; }
    [[nodiscard]] QPushButton* revertButton() const { return m_revert; }
    [[nodiscard]] QPushButton* fillButton() const { return m_fill; }
    [[nodiscard]] QTabWidget* groups() const { return m_groups; }
    [[nodiscard]] Banner* banner() const { return m_banner; }

Q_SIGNALS:
    void saveRequested(const oauth2dbg::Profile& profile);
    void fillFromDiscoveryRequested(const oauth2dbg::Profile& profile);
    void storeSecretRequested(const oauth2dbg::Profile& profile, const oauth2dbg::Secret& secret);
    void removeSecretRequested(const oauth2dbg::Profile& profile);
    void dirtyChanged(bool dirty);

private:
    QLabel* addField(QFormLayout* form, const QString& label, QWidget* field, const QString& key);
    void loadWidgets(const Profile& profile);
    void onEdited();
    void updateMethods();

    Profile m_saved;
    bool m_loading = false;
    bool m_wasDirty = false;
    Banner* m_banner;
    QLineEdit* m_name;
    QLabel* m_plainBadge;
    QTabWidget* m_groups;
    QLineEdit* m_issuer;
    QPushButton* m_fill;
    QHash<QString, QLineEdit*> m_endpoints;
    QLineEdit* m_clientId;
    QComboBox* m_clientType;
    QComboBox* m_authMethod;
    QLineEdit* m_secret;
    QPushButton* m_storeSecret;
    QPushButton* m_removeSecret;
    QLabel* m_secretState;
    QCheckBox* m_keepRefresh;
    QLineEdit* m_scopes;
    QComboBox* m_pkce;
    QComboBox* m_redirectMode;
    QLineEdit* m_redirectUri;
    QPlainTextEdit* m_authorizationParameters;
    QPlainTextEdit* m_tokenParameters;
    QLineEdit* m_browser;
    QCheckBox* m_localServer;
    QLineEdit* m_caFile;
    QCheckBox* m_selfSigned;
    QSpinBox* m_requestTimeout;
    QSpinBox* m_browserTimeout;
    QCheckBox* m_plainFile;
    QPlainTextEdit* m_notes;
    QLabel* m_dirtyLabel;
    QPushButton* m_save;
    QPushButton* m_revert;
    QHash<QString, QLabel*> m_messages; // field -> the message under it
    QHash<QString, int> m_groupOfField; // field -> tab index, to mark tabs that need attention
    QStringList m_groupTitles;
    QString m_badParameterLine[2];
};

} // namespace oauth2dbg
