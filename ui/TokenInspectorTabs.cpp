#include "TokenInspectorTabs.h"

#include "TabWidget.h"
#include "TokenInspector.h"

namespace oauth2dbg {

TokenInspectorTabs::TokenInspectorTabs(QWidget* parent)
    : QTabWidget(parent)
    , m_access(new TokenInspector(this))
    , m_id(new TokenInspector(this))
    , m_refresh(new TokenInspector(this))
{
    setTabBar(new FocusTabBar(this));
    addTab(m_access, tr("Access token"));
    addTab(m_id, tr("ID token"));
    addTab(m_refresh, tr("Refresh token"));
}

TokenInspectorTabs::~TokenInspectorTabs() = default;

void TokenInspectorTabs::setTokens(const TokenSet& tokens)
{
    m_access->setToken(tokens.accessToken);
    m_id->setToken(tokens.idToken);
    m_refresh->setToken(tokens.refreshToken);
    setTabEnabled(indexOf(m_id), !tokens.idToken.isEmpty());
    setTabEnabled(indexOf(m_refresh), !tokens.refreshToken.isEmpty());
}

void TokenInspectorTabs::setPending(const TokenSet& tokens)
{
    if (!tokens.refreshToken.isEmpty())
        m_refresh->setVerification(
            {.verdict = Verdict::NotVerifiable,
             .summary =
                 tr("Not verifiable: a refresh token is for the issuer's token endpoint alone; only the "
                    "issuer can read it (introspection may tell whether it is active).")});
    const QString pending = tr("Verifying with the issuer's keys…");
    if (!tokens.idToken.isEmpty())
        m_id->setVerificationNote(pending);
    if (!tokens.accessToken.isEmpty())
        m_access->setVerificationNote(pending);
}

void TokenInspectorTabs::setVerdicts(const std::optional<TokenVerification>& id,
                                     const std::optional<TokenVerification>& access)
{
    if (id)
        m_id->setVerification(*id);
    if (access)
        m_access->setVerification(*access);
}

void TokenInspectorTabs::setRevealed(bool revealed)
{
    for (TokenInspector* inspector : {m_access, m_id, m_refresh})
        inspector->setRevealed(revealed);
}

} // namespace oauth2dbg
