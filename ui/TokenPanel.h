#pragma once

#include "oauth/AuthorizationFlow.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/RefreshScheduler.h"
#include "oauth/TokenClient.h"
#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
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
// credentials and refresh, the checks on each response, and the tokens — masked until revealed.
class TokenPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenPanel)

public:
    TokenPanel(NetworkAccess* network, ProfileSecrets* secrets, QWidget* parent = nullptr);
    ~TokenPanel() override;

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

    [[nodiscard]] TokenClient* client() const { return m_client; }
    [[nodiscard]] RefreshScheduler* scheduler() const { return m_scheduler; }
    [[nodiscard]] Banner* banner() const { return m_banner; }
    [[nodiscard]] QLabel* explainer() const { return m_explainer; }
    [[nodiscard]] QTableWidget* tokenTable() const { return m_tokensView; }
    [[nodiscard]] QCheckBox* revealBox() const { return m_reveal; }
    [[nodiscard]] QCheckBox* autoRefreshBox() const { return m_autoRefresh; }
    [[nodiscard]] QLineEdit* secretEdit() const { return m_secret; }
    [[nodiscard]] QLineEdit* resourcesEdit() const { return m_resources; }
    [[nodiscard]] QLineEdit* audienceEdit() const { return m_audience; }
    [[nodiscard]] QComboBox* methodBox() const { return m_method; }
    [[nodiscard]] QPushButton* refreshButton() const { return m_refresh; }
    [[nodiscard]] QPushButton* cancelRequestButton() const { return m_cancelRequest; }
    [[nodiscard]] TokenInspector* accessInspector() const { return m_accessInspector; }
    [[nodiscard]] TokenInspector* idInspector() const { return m_idInspector; }
    [[nodiscard]] TokenInspector* refreshInspector() const { return m_refreshInspector; }
    [[nodiscard]] QTabWidget* inspectorTabs() const { return m_inspectors; }
    [[nodiscard]] const TokenSet& tokens() const { return m_tokens; }

Q_SIGNALS:
    void showExchange(quint64 id);
    void requestFinished(quint64 exchangeId);
    void tokensChanged();

private:
    [[nodiscard]] bool configure(TokenEndpointConfig* config);
    void onResult(const TokenResult& result);
    void showTokens();
    void updateButtons();
    void setBanner(const QString& text, int level);
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
    QComboBox* m_method;
    QLineEdit* m_secret;
    QLabel* m_secretState;
    QLineEdit* m_resources;
    QLineEdit* m_audience;
    QPushButton* m_exchange;
    QPushButton* m_credentials;
    QPushButton* m_refresh;
    QPushButton* m_cancelRequest;
    QCheckBox* m_autoRefresh;
    Banner* m_banner;
    QLabel* m_explainer;
    FindingsView* m_checks;
    QTabWidget* m_inspectors;
    TokenInspector* m_accessInspector;
    TokenInspector* m_idInspector;
    TokenInspector* m_refreshInspector;
    QTableWidget* m_tokensView;
    QCheckBox* m_reveal;
    QPushButton* m_copyAccess;
    QPushButton* m_copyHeader;
    QPushButton* m_showExchange;
};

} // namespace oauth2dbg
