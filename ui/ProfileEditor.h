#pragma once

#include "LazyWidget.h"
#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"

#include <QHash>
#include <QJsonObject>

#include <optional>

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
class ClientCertificateField;
class ClientKeyField;
class EnvironmentsForm;

// One profile's settings, grouped as Endpoints, Client, Request and Advanced, with a message under each field
// that needs attention. Changes stay in the form until Save; the window asks before they are lost. The client
// secret is not part of the profile: it goes straight to the keychain from here.
class ProfileEditor final : public LazyWidget {
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
    // A client secret typed into the form and not stored yet.
    [[nodiscard]] Secret typedSecret() const;
    [[nodiscard]] QList<FieldProblem> problems() const { return profile().validate(); }
    // Every problem the form shows, counted once: the profile's own and the lines that are not name=value.
    [[nodiscard]] qsizetype problemCount() const;
    // Opens the tab of the first field that needs attention and puts the cursor there.
    void showFirstProblem();
    // The message shown under a field ("clientId", "endpoints.token_endpoint", ...); empty when none.
    [[nodiscard]] QString fieldMessage(const QString& field) const;

    void setSecretState(const SecretState& state);
    // Puts discovered endpoint URLs into the endpoint fields that are still empty; says how many.
    void fillEndpoints(const QJsonObject& metadata, const QString& from);
    // The server's metadata, once a run discovered it: its authentication methods and grants come first.
    void setServerMetadata(const QJsonObject& metadata);
    void showMessage(const QString& text, int level);

    [[nodiscard]] QLineEdit* nameEdit() const { return build(), m_name; }
    [[nodiscard]] QLineEdit* issuerEdit() const { return build(), m_issuer; }
    [[nodiscard]] QLineEdit* endpointEdit(const QString& name) const
    {
        return build(), m_endpoints.value(name);
    }
    [[nodiscard]] QLineEdit* clientIdEdit() const { return build(), m_clientId; }
    [[nodiscard]] QComboBox* clientTypeBox() const { return build(), m_clientType; }
    [[nodiscard]] QComboBox* authMethodBox() const { return build(), m_authMethod; }
    [[nodiscard]] QComboBox* basicFormBox() const { return build(), m_basicForm; }
    [[nodiscard]] QLabel* basicFormNote() const { return build(), m_basicFormNote; }
    [[nodiscard]] QLineEdit* secretEdit() const { return build(), m_secret; }
    [[nodiscard]] QPushButton* storeSecretButton() const { return build(), m_storeSecret; }
    [[nodiscard]] QPushButton* removeSecretButton() const { return build(), m_removeSecret; }
    [[nodiscard]] QLabel* secretStateLabel() const { return build(), m_secretState; }
    // private_key_jwt's key: where it is, import, generate, the public key to register.
    [[nodiscard]] ClientKeyField* clientKeyField() const { return build(), m_clientKey; }
    [[nodiscard]] ClientCertificateField* clientCertificateField() const { return build(), m_clientCert; }
    [[nodiscard]] QCheckBox* keepRefreshBox() const { return build(), m_keepRefresh; }
    [[nodiscard]] QCheckBox* dpopBox() const { return build(), m_dpop; }
    [[nodiscard]] QCheckBox* plainFileBox() const { return build(), m_plainFile; }
    [[nodiscard]] QLabel* plainFileBadge() const { return build(), m_plainBadge; }
    [[nodiscard]] QLineEdit* scopesEdit() const { return build(), m_scopes; }
    [[nodiscard]] QComboBox* redirectModeBox() const { return build(), m_redirectMode; }
    [[nodiscard]] QComboBox* grantBox() const { return build(), m_grant; }
    [[nodiscard]] QLineEdit* redirectUriEdit() const { return build(), m_redirectUri; }
    [[nodiscard]] QPlainTextEdit* tokenParametersEdit() const { return build(), m_tokenParameters; }
    [[nodiscard]] QCheckBox* localServerBox() const { return build(), m_localServer; }
    [[nodiscard]] QLineEdit* caFileEdit() const { return build(), m_caFile; }
    [[nodiscard]] QPlainTextEdit* notesEdit() const { return build(), m_notes; }
    [[nodiscard]] QPushButton* saveButton() const { return build(), m_save; }
    [[nodiscard]] QPushButton* revertButton() const { return build(), m_revert; }
    [[nodiscard]] QPushButton* fillButton() const { return build(), m_fill; }
    [[nodiscard]] QTabWidget* groups() const { return build(), m_groups; }
    [[nodiscard]] Banner* banner() const { return build(), m_banner; }
    [[nodiscard]] EnvironmentsForm* environmentsForm() const { return build(), m_environmentsForm; }
    // The environment the window runs the profile in (empty: its own settings): the keychain line and the
    // secret stored from this form are that environment's.
    void setEnvironmentName(const QString& name);

Q_SIGNALS:
    // `typedSecret`: what the secret field holds (empty: nothing typed), stored with the save.
    void saveRequested(const oauth2dbg::Profile& profile, const oauth2dbg::Secret& typedSecret);
    void fillFromDiscoveryRequested(const oauth2dbg::Profile& profile);
    void storeSecretRequested(const oauth2dbg::Profile& profile, const oauth2dbg::Secret& secret);
    void removeSecretRequested(const oauth2dbg::Profile& profile);
    // A key imported or generated for the saved profile, to go to the keychain now.
    void storeKeyRequested(const oauth2dbg::Profile& profile, const oauth2dbg::Secret& key,
                           const QString& what, const QString& kid);
    // A client certificate with its key (one PEM entry), for mutual TLS, to go to the keychain now.
    void storeCertificateRequested(const oauth2dbg::Profile& profile, const oauth2dbg::Secret& entry,
                                   const QString& what, const QString& thumbprint);
    void dirtyChanged(bool dirty);
    // Any field changed (the profile() it shows now).
    void edited();

private:
    void buildWidgets() override;
    void afterBuild() override;
    void applySecretState();
    void connectFields();
    void buildEndpointsPage();
    void buildClientPage();
    void buildRequestPage();
    void buildAdvancedPage();
    void buildEnvironmentsPage();
    QLabel* addField(QFormLayout* form, const QString& label, QWidget* field, const QString& key);
    void loadWidgets(const Profile& profile);
    void onEdited();
    void updateMethods();
    // The methods offered, the server's first, the choice kept; nothing is edited by it.
    void fillMethods();
    // The grants, the server's first (grant_types_supported), the others marked as not listed.
    void updateGrants();
    void updateBasicForm(); // enabled for client_secret_basic; the note when the forms differ
    void updateKeyRow();    // the key row for private_key_jwt, the secret's rows for the rest

    Profile m_saved;
    std::optional<SecretState> m_secretStateValue;
    bool m_loading = false;
    bool m_wasDirty = false;
    bool m_problemsBanner = false; // the banner says the problems kept a save from happening
    Banner* m_banner = nullptr;
    QLineEdit* m_name = nullptr;
    QLabel* m_plainBadge = nullptr;
    QTabWidget* m_groups = nullptr;
    QLineEdit* m_issuer = nullptr;
    QPushButton* m_fill = nullptr;
    QHash<QString, QLineEdit*> m_endpoints;
    QLineEdit* m_clientId = nullptr;
    QComboBox* m_clientType = nullptr;
    QComboBox* m_authMethod = nullptr;
    QComboBox* m_basicForm = nullptr;
    QLabel* m_basicFormNote = nullptr; // when the two forms differ for this id and typed secret
    QLineEdit* m_secret = nullptr;
    QPushButton* m_storeSecret = nullptr;
    QPushButton* m_removeSecret = nullptr;
    QLabel* m_secretState = nullptr;
    ClientKeyField* m_clientKey = nullptr;
    ClientCertificateField* m_clientCert = nullptr;
    QFormLayout* m_clientForm = nullptr;
    QStringList m_serverMethods; // token_endpoint_auth_methods_supported, once filled from discovery
    QCheckBox* m_keepRefresh = nullptr;
    QLineEdit* m_scopes = nullptr;
    QComboBox* m_pkce = nullptr;
    QCheckBox* m_dpop = nullptr;
    QComboBox* m_grant = nullptr;
    QStringList m_serverGrants; // grant_types_supported, once filled from discovery
    QComboBox* m_redirectMode = nullptr;
    QLineEdit* m_redirectUri = nullptr;
    QPlainTextEdit* m_authorizationParameters = nullptr;
    QPlainTextEdit* m_tokenParameters = nullptr;
    QLineEdit* m_browser = nullptr;
    QCheckBox* m_localServer = nullptr;
    QLineEdit* m_caFile = nullptr;
    QLineEdit* m_approvedHosts = nullptr;
    QCheckBox* m_selfSigned = nullptr;
    QSpinBox* m_requestTimeout = nullptr;
    QSpinBox* m_browserTimeout = nullptr;
    QCheckBox* m_plainFile = nullptr;
    QPlainTextEdit* m_notes = nullptr;
    EnvironmentsForm* m_environmentsForm = nullptr;
    QString m_environmentName;
    QLabel* m_dirtyLabel = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_revert = nullptr;
    QHash<QString, QLabel*> m_messages; // field -> the message under it
    QHash<QString, int> m_groupOfField; // field -> tab index, to mark tabs that need attention
    QHash<QString, QWidget*> m_fields;  // field -> its control, to take the user to it
    QStringList m_groupTitles;
    QString m_badParameterLine[2];
};

} // namespace oauth2dbg
