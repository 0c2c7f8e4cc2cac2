#pragma once

#include "LazyWidget.h"
#include "oauth/RefreshScheduler.h"
#include "profiles/Profile.h"
#include "profiles/ProfileSecrets.h"
#include "session/FlowSession.h"

#include <QPointer>

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

class ApiDialog;
class Banner;
class GrantDialog;
class FindingsView;
class ClientCredentials;
class TokenInspector;
class TokenInspectorTabs;
class NetworkAccess;
class ProfileSecrets;

// The token step: how the client authenticates (with the Basic encoding explained), the code exchange, client
// credentials and refresh, the checks on each response, the tokens — masked until revealed — each verified
// against the issuer's keys, and what a client does with them next: userinfo, introspection, revocation. The
// requests, the tokens and their verdicts are the flow session's; this panel asks for them and shows them.
// Its controls are built when the step is first opened; until then the state lives in the members below.
class TokenPanel final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenPanel)

public:
    // The inspectors are the window's Tokens tab, which it places.
    TokenPanel(FlowSession* session, ProfileSecrets* secrets, TokenInspectorTabs* inspectors,
               QWidget* parent = nullptr);
    ~TokenPanel() override;

    // The user approved more hosts for the profile: nothing else about it changed.
    void setApprovedHosts(const QStringList& hosts);
    // A new run for this profile (the session's too).
    void setProfile(const Profile& profile);
    // The same profile with edited connection settings: keeps tokens and state.
    void updateProfile(const Profile& profile);
    void setDiscovery(const DiscoveryResult& discovery) { m_session->setDiscovery(discovery); }

    // The profile's secrets changed in the keychain: show the stored one (a typed one is replaced).
    void reloadSecrets();
    void exchangeCode();
    void clientCredentials();
    // Token exchange, JWT bearer or password: the dialog that asks what to send, on `goal`'s page.
    // The Other grant dialog on `goal`; without one, on the profile's grant when it is one of the dialog's
    // (token exchange otherwise).
    void otherGrant(std::optional<FlowGoal> goal = std::nullopt);
    void refresh();
    void userInfo();
    // RP-initiated logout with this run's ID token: the browser to the server and back to the listener.
    void signOut();
    // Of the access token, or of the refresh token when `refreshToken`.
    void introspect(bool refreshToken = false);
    void revoke(bool refreshToken = false);

    [[nodiscard]] RefreshScheduler* scheduler() const { return m_session->scheduler(); }
    [[nodiscard]] Banner* banner() const { return build(), m_banner; }
    [[nodiscard]] QLabel* explainer() const { return build(), m_explainer; }
    [[nodiscard]] QTableWidget* tokenTable() const { return build(), m_tokensView; }
    [[nodiscard]] QCheckBox* revealBox() const { return build(), m_reveal; }
    [[nodiscard]] QCheckBox* autoRefreshBox() const { return build(), m_autoRefresh; }
    [[nodiscard]] QLineEdit* secretEdit() const { return build(), m_secret; }
    [[nodiscard]] QLabel* secretStateLabel() const { return build(), m_secretState; }
    [[nodiscard]] QLineEdit* resourcesEdit() const { return build(), m_resources; }
    [[nodiscard]] QLineEdit* audienceEdit() const { return build(), m_audience; }
    [[nodiscard]] QComboBox* methodBox() const { return build(), m_method; }
    [[nodiscard]] QLabel* methodNote() const { return build(), m_methodNote; }
    [[nodiscard]] QPushButton* refreshButton() const { return build(), m_refresh; }
    [[nodiscard]] QPushButton* otherGrantButton() const { return build(), m_otherGrant; }
    [[nodiscard]] QPushButton* signOutButton() const { return build(), m_signOut; }
    // The open Other grant dialog; null when none is open.
    [[nodiscard]] GrantDialog* grantDialog() const;
    [[nodiscard]] QPushButton* cancelRequestButton() const { return build(), m_cancelRequest; }
    [[nodiscard]] QPushButton* userInfoButton() const { return build(), m_userInfo; }
    [[nodiscard]] QPushButton* callApiButton() const { return build(), m_callApi; }
    // Opens (or brings forward) the Call an API dialog.
    void callApi();
    [[nodiscard]] ApiDialog* apiDialog() const;
    [[nodiscard]] QPushButton* introspectButton() const { return build(), m_introspect; }
    [[nodiscard]] QPushButton* revokeButton() const { return build(), m_revoke; }
    [[nodiscard]] QComboBox* operationTokenBox() const { return build(), m_operationToken; }
    [[nodiscard]] FindingsView* checksView() const { return build(), m_checks; }
    [[nodiscard]] QPlainTextEdit* answerView() const; // null until something answered
    [[nodiscard]] TokenInspector* accessInspector() const;
    [[nodiscard]] TokenInspector* idInspector() const;
    [[nodiscard]] TokenInspector* refreshInspector() const;
    [[nodiscard]] QTabWidget* inspectorTabs() const;
    // Tokens in full or masked, here and in the inspectors (Settings: reveal by default).
    void setRevealed(bool revealed);
    [[nodiscard]] const TokenSet& tokens() const { return m_session->tokens(); }
    // The client secret at hand for this profile (from the keychain or typed for this run); empty if none.
    [[nodiscard]] Secret clientSecret() const { return m_session->clientSecret(); }

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
    void start(FlowGoal goal, const QString& banner, const FlowInput& input = {});
    void onResult(const TokenResult& result);
    void onVerified();
    void onGoal(const FlowOutcome& outcome);
    void tokenOperation(OperationResult::Kind kind, bool refreshToken);
    void onOperation(const OperationResult& result);
    void showAnswer();
    void showTokens();
    void updateButtons();
    void setBanner(const QString& text, int level);
    void showSecret();
    // The methods the server lists first; a note before sending when the chosen one is not listed (TE-13).
    void orderMethods();

    FlowSession* m_session;
    ProfileSecrets* m_secrets;
    Profile m_profile;
    Secret m_lastRefresh;    // the refresh token before the last response, to tell a rotation
    bool m_answered = false; // the goal in progress has had its answer shown
    quint64 m_lastExchange = 0;
    // What the controls show, kept while they are not built yet.
    bool m_revealed = false;
    bool m_autoRefreshOn = false;
    QString m_bannerText;
    int m_bannerLevel = -1; // none shown
    QString m_explanation;
    Findings m_findings;
    TokenInspectorTabs* m_inspectors;
    ClientCredentials* m_clientAuth;
    QString m_answerText;
    QComboBox* m_method = nullptr;
    QLineEdit* m_secret = nullptr;
    QLabel* m_secretLabel = nullptr;
    QLabel* m_methodNote = nullptr;
    QLabel* m_secretState = nullptr;
    QLineEdit* m_resources = nullptr;
    QLineEdit* m_audience = nullptr;
    QPushButton* m_exchange = nullptr;
    QPushButton* m_credentials = nullptr;
    QPushButton* m_otherGrant = nullptr;
    QPushButton* m_signOut = nullptr;
    QPointer<GrantDialog> m_grantDialog;
    QPointer<ApiDialog> m_apiDialog;
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
    QPushButton* m_callApi = nullptr;
    QPushButton* m_introspect = nullptr;
    QPushButton* m_revoke = nullptr;
    QComboBox* m_operationToken = nullptr;
    QTabWidget* m_results = nullptr;
    QPlainTextEdit* m_answer = nullptr;
};

} // namespace oauth2dbg
