#include "TokenPanel.h"

#include "ApiDialog.h"
#include "Banner.h"
#include "ClientCredentials.h"
#include "FindingsView.h"
#include "GrantDialog.h"
#include "TokenInspectorTabs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace oauth2dbg {

TokenPanel::TokenPanel(FlowSession* session, ProfileSecrets* secrets, TokenInspectorTabs* inspectors,
                       QWidget* parent)
    : LazyWidget(parent)
    , m_session(session)
    , m_secrets(secrets)
    , m_inspectors(inspectors)
    , m_clientAuth(new ClientCredentials(session, secrets, this))
{
    connect(m_clientAuth, &ClientCredentials::changed, this, &TokenPanel::showSecret);
    connect(m_clientAuth, &ClientCredentials::refreshTokenKept, this, [this](const Secret& token) {
        m_lastRefresh = token;
        setBanner(tr("A refresh token kept from an earlier run is ready: Refresh uses it."), 0);
        showTokens();
        updateButtons();
    });
    connect(m_session, &FlowSession::tokensChanged, this, &TokenPanel::onResult);
    connect(m_session, &FlowSession::discovered, this, &TokenPanel::orderMethods);
    connect(m_session, &FlowSession::tokensVerified, this, &TokenPanel::onVerified);
    connect(m_session, &FlowSession::operationFinished, this, &TokenPanel::onOperation);
    connect(m_session, &FlowSession::goalFinished, this, &TokenPanel::onGoal);
    connect(m_session, &FlowSession::authorized, this, [this](const AuthorizationOutcome& outcome) {
        if (outcome.hasCode()) // the session exchanges it once, now
            setBanner(tr("Exchanging the authorization code…"), 0);
        m_answered = false;
        updateButtons();
    });
    connect(m_session, &FlowSession::stepChanged, this, [this](const FlowStep& step) {
        if (step.kind != FlowStep::Kind::SignOut || step.interim)
            return;
        // The sign-out's account and checks (LO-01 … LO-04), where its button is.
        m_answered = true;
        m_findings = step.checks;
        setBanner(tr("Sign-out: %1").arg(step.summary), step.status == FlowStep::Status::Failed    ? 2
                                                        : step.status == FlowStep::Status::Warning ? 1
                                                                                                   : 0);
        if (isBuilt())
            m_checks->setFindings(m_findings);
    });
    connect(m_session, &FlowSession::refreshTokenKept, this, [this](const SecretState& s) {
        if (s.where != SecretState::Where::Keychain && s.where != SecretState::Where::PlainFile)
            setBanner(tr("The refresh token could not be kept: %1").arg(s.message), 1);
    });
}

void TokenPanel::setRevealed(bool revealed)
{
    m_revealed = revealed;
    if (isBuilt() && m_reveal->isChecked() != revealed)
        m_reveal->setChecked(revealed); // comes back here through toggled
    m_inspectors->setRevealed(revealed);
    showTokens();
}

TokenPanel::~TokenPanel() = default;

TokenInspector* TokenPanel::accessInspector() const
{
    return m_inspectors->access();
}

TokenInspector* TokenPanel::idInspector() const
{
    return m_inspectors->id();
}

TokenInspector* TokenPanel::refreshInspector() const
{
    return m_inspectors->refresh();
}

QTabWidget* TokenPanel::inspectorTabs() const
{
    return m_inspectors;
}

void TokenPanel::setApprovedHosts(const QStringList& hosts)
{
    m_profile.approvedHosts = hosts;
    Profile run = m_session->profile();
    run.approvedHosts = hosts;
    m_session->updateProfile(run);
}

void TokenPanel::updateProfile(const Profile& profile)
{
    m_profile = profile;
    m_session->updateProfile(profile);
}

void TokenPanel::setProfile(const Profile& profile)
{
    m_profile = profile;
    m_session->setProfile(profile);
    m_lastRefresh = {};
    m_clientAuth->setProfile(profile);
    m_findings = {};
    m_explanation.clear();
    m_answerText.clear();
    m_bannerLevel = -1;
    if (isBuilt()) {
        m_method->setCurrentIndex(m_method->findData(int(m_clientAuth->method())));
        m_checks->clear();
        m_explainer->clear();
        m_banner->setVisible(false);
        showAnswer();
    }
    showTokens();
    updateButtons();
}

void TokenPanel::setBanner(const QString& text, int level)
{
    m_bannerText = text;
    m_bannerLevel = level;
    if (isBuilt())
        m_banner->showMessage(text, Banner::Level(level));
}

void TokenPanel::reloadSecrets()
{
    m_clientAuth->reload();
}

void TokenPanel::start(FlowGoal goal, const QString& banner, const FlowInput& input)
{
    m_answered = false;
    setBanner(banner, 0);
    m_session->run(goal, input);
    updateButtons();
}

void TokenPanel::exchangeCode()
{
    if (m_session->codeAvailable())
        start(FlowGoal::ExchangeCode, tr("Exchanging the authorization code…"));
}

void TokenPanel::clientCredentials()
{
    const QString resources = isBuilt() ? m_resources->text() : QString();
    const QString audience = isBuilt() ? m_audience->text().trimmed() : QString();
    start(FlowGoal::ClientCredentials, tr("Requesting tokens with the client credentials grant…"),
          {.resources = resources.split(u' ', Qt::SkipEmptyParts), .audience = audience});
}

GrantDialog* TokenPanel::grantDialog() const
{
    return m_grantDialog;
}

void TokenPanel::otherGrant(std::optional<FlowGoal> chosen)
{
    const std::optional<FlowGoal> profiles = goalOfGrant(m_session->profile().grant);
    const bool dialogs = profiles == FlowGoal::JwtBearer || profiles == FlowGoal::Password;
    const FlowGoal goal = chosen ? *chosen : dialogs ? *profiles : FlowGoal::TokenExchange;
    if (m_grantDialog) { // one at a time: the open one comes forward
        m_grantDialog->choose(goal);
        m_grantDialog->raise();
        m_grantDialog->activateWindow();
        return;
    }
    m_grantDialog = new GrantDialog(m_session, this);
    m_grantDialog->setAttribute(Qt::WA_DeleteOnClose); // nothing typed in it outlives it
    m_grantDialog->choose(goal);
    connect(m_grantDialog, &GrantDialog::sendRequested, this, [this](FlowGoal g, const FlowInput& input) {
        start(g,
              g == FlowGoal::TokenExchange ? tr("Exchanging the token…")
              : g == FlowGoal::JwtBearer   ? tr("Requesting tokens with the signed assertion…")
                                           : tr("Requesting tokens with the user's password (legacy)…"),
              input);
    });
    m_grantDialog->show();
}

ApiDialog* TokenPanel::apiDialog() const
{
    return m_apiDialog;
}

void TokenPanel::callApi()
{
    if (m_apiDialog) { // one at a time: the open one comes forward
        m_apiDialog->raise();
        m_apiDialog->activateWindow();
        return;
    }
    m_apiDialog = new ApiDialog(m_session, this);
    m_apiDialog->setAttribute(Qt::WA_DeleteOnClose); // nothing typed in it outlives it
    connect(m_apiDialog, &ApiDialog::sendRequested, this,
            [this](FlowGoal g, const FlowInput& input) { start(g, tr("Calling the API…"), input); });
    m_apiDialog->show();
}

void TokenPanel::refresh()
{
    if (!tokens().refreshToken.isEmpty())
        start(FlowGoal::Refresh, tr("Refreshing…"));
}

void TokenPanel::onResult(const TokenResult& result)
{
    m_answered = true;
    m_lastExchange = result.exchangeId;
    m_explanation = m_session->lastExplanation();
    m_findings = result.checks;
    if (isBuilt()) {
        m_showExchange->setVisible(m_lastExchange != 0);
        m_explainer->setText(m_explanation);
        m_checks->setFindings(m_findings);
    }
    if (m_lastExchange != 0)
        Q_EMIT requestFinished(m_lastExchange);
    if (!result.ok()) {
        QString text = result.error.message;
        if (!result.error.detail.isEmpty())
            text += u"\n" % result.error.detail;
        setBanner(text, 2);
        updateButtons();
        return;
    }
    // The session keeps the old refresh token when no new one came; a new one replaced it (rotation).
    const Secret previous = std::exchange(m_lastRefresh, tokens().refreshToken);
    const bool rotated = !previous.isEmpty() && tokens().refreshToken != previous;
    setBanner(rotated ? tr("New tokens; the server rotated the refresh token (the old one is discarded).")
                      : tr("New tokens received."),
              0);
    showTokens();
    updateButtons();
    Q_EMIT tokensChanged();
    m_inspectors->setPending(tokens());
}

void TokenPanel::onVerified()
{
    const auto& id = m_session->idVerification();
    const auto& access = m_session->accessVerification();
    m_inspectors->setVerdicts(id, access);
    QStringList summary;
    if (id)
        summary << tr("ID token: %1").arg(id->summary);
    if (access)
        summary << tr("access token: %1").arg(access->summary);
    updateButtons();
    Q_EMIT tokensVerified(summary.join(u"; "));
}

void TokenPanel::onGoal(const FlowOutcome& outcome)
{
    updateButtons();
    // A sign-in's own failures are the authorization step's to show; its code exchange refused before
    // sending (no secret, no key) is this step's.
    const bool signInsOwn = outcome.goal == FlowGoal::Authorize && outcome.step != FlowStep::Kind::Token;
    if (outcome.ok() || m_answered || outcome.goal == FlowGoal::Discover || signInsOwn)
        return;
    // Refused before anything was sent (no secret, no token endpoint) or discovery
    // failed first: say why here, where the button was.
    setBanner(outcome.error.message, outcome.error.kind == ErrorKind::InvalidInput ? 1 : 2);
}

void TokenPanel::userInfo()
{
    start(FlowGoal::UserInfo, tr("Asking the userinfo endpoint…"));
}

void TokenPanel::signOut()
{
    start(FlowGoal::SignOut,
          tr("Signing out: the browser goes to the server and comes back to the listener…"));
}

void TokenPanel::introspect(bool refreshToken)
{
    tokenOperation(OperationResult::Kind::Introspection, refreshToken);
}

void TokenPanel::revoke(bool refreshToken)
{
    tokenOperation(OperationResult::Kind::Revocation, refreshToken);
}

void TokenPanel::tokenOperation(OperationResult::Kind kind, bool refreshToken)
{
    const bool introspection = kind == OperationResult::Kind::Introspection;
    start(introspection ? FlowGoal::Introspect : FlowGoal::Revoke,
          introspection ? tr("Asking the introspection endpoint…") : tr("Revoking…"),
          {.hint = refreshToken ? QStringLiteral("refresh_token") : QStringLiteral("access_token")});
}

void TokenPanel::onOperation(const OperationResult& result)
{
    m_answered = true;
    m_lastExchange = result.exchangeId;
    m_findings = result.checks;
    // RFC 7662 §2.2: for an inactive token, nothing but "active" means anything.
    const QJsonObject shown = result.kind == OperationResult::Kind::Introspection && !result.active
                                  ? QJsonObject{{QStringLiteral("active"), result.body.value(u"active")}}
                                  : result.body;
    m_answerText = shown.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(shown).toJson());
    setBanner(result.summary, result.error.isError() || hasErrors(result.checks) ? 2 : 0);
    if (isBuilt()) {
        m_checks->setFindings(m_findings);
        m_showExchange->setVisible(m_lastExchange != 0);
        showAnswer();
        if (m_answer && !m_answerText.isEmpty())
            m_results->setCurrentWidget(m_answer);
    }
    if (m_lastExchange != 0)
        Q_EMIT requestFinished(m_lastExchange);
    updateButtons();
    Q_EMIT operationFinished(result);
}

} // namespace oauth2dbg
