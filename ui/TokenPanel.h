#pragma once

#include "LazyWidget.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/JwksClient.h"
#include "oauth/RefreshScheduler.h"
#include "oauth/TokenClient.h"
#include "oauth/TokenOperations.h"
#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace oauth2dbg {

class Banner;
class FindingsView;
class TokenInspector;
class NetworkAccess;
class ProfileSecrets;

// The token step: how the client authenticates (with the Basic encoding explained), the code exchange, client
// credentials and refresh, the checks on each response, the tokens — masked until revealed — each verified
// against the issuer's keys, and what a client does with them next: userinfo, introspection, revocation. Its
// controls are built when the step is first opened; until then the state lives in the members below.
class TokenPanel final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenPanel)

public:
    TokenPanel(NetworkAccess* network, ProfileSecrets* secrets, QWidget* parent = nullptr);
    ~TokenPanel() override;

    // The user approved more hosts for the profile: nothing else about it changed.
    void setApprovedHosts(const QStringList& hosts) { m_profile.approvedHosts = hosts; }
    void setProfile(const Profile& profile);
    // The same profile with edited connection settings: keeps tokens and state.
    void updateProfile(const Profile& profile) { m_profile = profile; }
    void setDiscovery(const DiscoveryResult& discovery) { m_discovery = discovery; }
    // A code arrived: exchange it once, now, if the client's credentials are at hand.
    void setAuthorization(const AuthorizationOutcome& outcome);

    // The profile's secrets changed in the keychain: show the stored one (a typed one is replaced).
    void reloadSecrets();
    void exchangeCode();
    void clientCredentials();
    void refresh();
    void userInfo();
    // Of the access token, or of the refresh token when `refreshToken`.
    void introspect(bool refreshToken = false);
    void revoke(bool refreshToken = false);
    void setClockSkew(int seconds) { m_clockSkewSeconds = seconds; }

    [[nodiscard]] TokenClient* client() const { return m_client; }
    [[nodiscard]] JwksClient* jwks() const { return m_jwks; }
    [[nodiscard]] TokenOperations* operations() const { return m_operations; }
    [[nodiscard]] RefreshScheduler* scheduler() const { return m_scheduler; }
    [[nodiscard]] Banner* banner() const { return build(), m_banner; }
    [[nodiscard]] QLabel* explainer() const { return build(), m_explainer; }
    [[nodiscard]] QTableWidget* tokenTable() const { return build(), m_tokensView; }
    [[nodiscard]] QCheckBox* revealBox() const { return build(), m_reveal; }
    [[nodiscard]] QCheckBox* autoRefreshBox() const { return build(), m_autoRefresh; }
    [[nodiscard]] QLineEdit* secretEdit() const { return build(), m_secret; }
    [[nodiscard]] QLineEdit* resourcesEdit() const { return build(), m_resources; }
    [[nodiscard]] QLineEdit* audienceEdit() const { return build(), m_audience; }
    [[nodiscard]] QComboBox* methodBox() const { return build(), m_method; }
    [[nodiscard]] QPushButton* refreshButton() const { return build(), m_refresh; }
    [[nodiscard]] QPushButton* cancelRequestButton() const { return build(), m_cancelRequest; }
    [[nodiscard]] QPushButton* userInfoButton() const { return build(), m_userInfo; }
    [[nodiscard]] QPushButton* introspectButton() const { return build(), m_introspect; }
    [[nodiscard]] QPushButton* revokeButton() const { return build(), m_revoke; }
    [[nodiscard]] QComboBox* operationTokenBox() const { return build(), m_operationToken; }
    [[nodiscard]] FindingsView* checksView() const { return build(), m_checks; }
    [[nodiscard]] QPlainTextEdit* answerView() const; // null until something answered
    [[nodiscard]] TokenInspector* accessInspector() const { return m_accessInspector; }
    [[nodiscard]] TokenInspector* idInspector() const { return m_idInspector; }
    [[nodiscard]] TokenInspector* refreshInspector() const { return m_refreshInspector; }
    [[nodiscard]] QTabWidget* inspectorTabs() const { return m_inspectors; }
    // Tokens in full or masked, here and in the inspectors (Settings: reveal by default).
    void setRevealed(bool revealed);
    [[nodiscard]] const TokenSet& tokens() const { return m_tokens; }
    // The client secret at hand for this profile (from the keychain or typed for this run); empty if none.
    [[nodiscard]] Secret clientSecret() const { return Secret::fromString(m_secretText); }

Q_SIGNALS:
    void showExchange(quint64 id);
    void requestFinished(quint64 exchangeId);
    void tokensChanged();
    // Every token of the last response has its verdict (for the log and the timeline).
    void tokensVerified(const QString& summary);
    void operationFinished(const oauth2dbg::OperationResult& result);

protected:
    void buildWidgets() override;
    void afterBuild() override;

private:
    [[nodiscard]] bool configure(TokenEndpointConfig* config);
    void onResult(const TokenResult& result);
    void verifyTokens();
    [[nodiscard]] TokenEndpointConfig operationConfig(bool* ok);
    void tokenOperation(OperationResult::Kind kind, bool refreshToken);
    void onOperation(const OperationResult& result);
    void showAnswer();
    void showTokens();
    void updateButtons();
    void setBanner(const QString& text, int level);
    void setSecretState(const QString& text, const QString& toolTip = {});
    void showSecret();
    void loadSecrets();
    void keepRefreshToken();

    ProfileSecrets* m_secrets;
    TokenClient* m_client;
    RefreshScheduler* m_scheduler;
    Profile m_profile;
    DiscoveryResult m_discovery;
    AuthorizationOutcome m_authorization;
    bool m_codeUsed = true;
    TokenSet m_tokens;
    quint64 m_lastExchange = 0;
    // What the controls show, kept while they are not built yet.
    ClientAuthMethod m_methodChoice = ClientAuthMethod::None;
    QString m_secretText;
    QString m_secretStateText;
    QString m_secretStateTip;
    bool m_revealed = false;
    bool m_autoRefreshOn = false;
    QString m_bannerText;
    int m_bannerLevel = -1; // none shown
    QString m_explanation;
    Findings m_findings;
    QTabWidget* m_inspectors;
    TokenInspector* m_accessInspector;
    TokenInspector* m_idInspector;
    TokenInspector* m_refreshInspector;
    JwksClient* m_jwks;
    TokenOperations* m_operations;
    int m_clockSkewSeconds = 60;
    QString m_lastGrant;                        // of the request in flight or last answered
    std::optional<QJsonObject> m_firstIdClaims; // the sign-in's ID token, which a refreshed one must match
    quint64 m_verification = 0;                 // the newest verification run; older answers are dropped
    QString m_answerText;
    QComboBox* m_method = nullptr;
    QLineEdit* m_secret = nullptr;
    QLabel* m_secretState = nullptr;
    QLineEdit* m_resources = nullptr;
    QLineEdit* m_audience = nullptr;
    QPushButton* m_exchange = nullptr;
    QPushButton* m_credentials = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_cancelRequest = nullptr;
    QCheckBox* m_autoRefresh = nullptr;
    Banner* m_banner = nullptr;
    QLabel* m_explainer = nullptr;
    FindingsView* m_checks = nullptr;
    QTableWidget* m_tokensView = nullptr;
    QCheckBox* m_reveal = nullptr;
    QPushButton* m_copyAccess = nullptr;
    QPushButton* m_copyHeader = nullptr;
    QPushButton* m_showExchange = nullptr;
    QPushButton* m_userInfo = nullptr;
    QPushButton* m_introspect = nullptr;
    QPushButton* m_revoke = nullptr;
    QComboBox* m_operationToken = nullptr;
    QTabWidget* m_results = nullptr;
    QPlainTextEdit* m_answer = nullptr;
};

} // namespace oauth2dbg
