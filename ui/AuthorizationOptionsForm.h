#pragma once

#include "oauth/AuthorizationFlow.h"
#include "profiles/Profile.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace oauth2dbg {

struct DiscoveryResult;

// What one authorization request asks for: scope, PKCE, prompt and the other parameters, where the redirect
// goes, and which browser opens it. Defaults come from the profile.
class AuthorizationOptionsForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationOptionsForm)

public:
    explicit AuthorizationOptionsForm(QWidget* parent = nullptr);
    ~AuthorizationOptionsForm() override;

    // Takes the profile; with `resetFields`, also its defaults for the fields (scope).
    void setProfile(const Profile& profile, bool resetFields = true);
    // The settings for a flow against the discovered server, or an error naming the field to fix.
    [[nodiscard]] AuthorizationSettings settings(const DiscoveryResult& discovery, QString* error) const;
    [[nodiscard]] QString browserCommand() const;
    // The settings' browser, for profiles without their own.
    void setDefaultBrowser(const QString& command);

    [[nodiscard]] QLineEdit* browserCommandEdit() const { return m_browser; }
    [[nodiscard]] QLineEdit* scopeEdit() const { return m_scope; }
    [[nodiscard]] QLabel* scopeNote() const { return m_scopeNote; }
    [[nodiscard]] QComboBox* pkceBox() const { return m_pkce; }
    [[nodiscard]] QComboBox* responseTypeBox() const { return m_responseType; }
    [[nodiscard]] QCheckBox* pushedBox() const { return m_pushed; }
    [[nodiscard]] QCheckBox* signedBox() const { return m_signed; }
    [[nodiscard]] QLabel* responseTypeWarning() const { return m_responseTypeWarning; }
    [[nodiscard]] QComboBox* redirectModeBox() const { return m_redirectMode; }
    [[nodiscard]] QLineEdit* redirectUriEdit() const { return m_redirectUri; }
    [[nodiscard]] QPlainTextEdit* detailsEdit() const { return m_details; }
    [[nodiscard]] QLabel* detailsNote() const { return m_detailsNote; }
    // Where the form reads the server's metadata from (authorization_details_types_supported) as details are
    // typed.
    void setMetadataSource(std::function<QJsonObject()> source) { m_metadata = std::move(source); }

    enum RedirectMode { LoopbackAnyPort, LoopbackFixed, Manual };

private:
    void updateHints();
    void updateDetailsNote();

    Profile m_profile;
    QLineEdit* m_scope;
    QLabel* m_scopeNote; // this run's scope is not the profile's
    QComboBox* m_pkce;
    QLabel* m_pkceWarning;
    QComboBox* m_responseType; // code; hybrid and implicit for servers that still use them
    QLabel* m_responseTypeWarning;
    QComboBox* m_responseMode;
    QCheckBox* m_pushed;
    QCheckBox* m_signed;
    QComboBox* m_prompt;
    QLineEdit* m_loginHint;
    QLineEdit* m_maxAge;
    QLineEdit* m_acrValues;
    QLineEdit* m_resources;
    QLineEdit* m_audience;
    QPlainTextEdit* m_extra;
    QPlainTextEdit* m_details; // RFC 9396 authorization_details
    QLabel* m_detailsNote;
    std::function<QJsonObject()> m_metadata;
    QComboBox* m_redirectMode;
    QLineEdit* m_redirectUri;
    QLineEdit* m_browser;
    QSpinBox* m_timeoutMinutes;
    QString m_defaultBrowser;
};

} // namespace oauth2dbg
