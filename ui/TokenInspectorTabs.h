#pragma once

#include "oauth/TokenResponse.h"

#include <QTabWidget>

#include <optional>

namespace oauth2dbg {

class TokenInspector;
struct TokenVerification;

// The Tokens tab: the access, ID and refresh token of the run, each in its inspector, with its verdict.
class TokenInspectorTabs final : public QTabWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenInspectorTabs)

public:
    explicit TokenInspectorTabs(QWidget* parent = nullptr);
    ~TokenInspectorTabs() override;

    void setTokens(const TokenSet& tokens);
    // New tokens arrived: their verdicts are on the way (a refresh token's is known: only the issuer reads
    // it).
    void setPending(const TokenSet& tokens);
    void setVerdicts(const std::optional<TokenVerification>& id,
                     const std::optional<TokenVerification>& access);
    void setRevealed(bool revealed);

    [[nodiscard]] TokenInspector* access() const { return m_access; }
    [[nodiscard]] TokenInspector* id() const { return m_id; }
    [[nodiscard]] TokenInspector* refresh() const { return m_refresh; }

private:
    TokenInspector* m_access;
    TokenInspector* m_id;
    TokenInspector* m_refresh;
};

} // namespace oauth2dbg
