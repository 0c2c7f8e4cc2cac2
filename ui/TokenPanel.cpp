#include "TokenPanel.h"

#include "Banner.h"
#include "ClientCredentials.h"
#include "FindingsView.h"
#include "PlainText.h"
#include "SecretClipboard.h"
#include "TokenInspector.h"
#include "TokenInspectorTabs.h"
#include "traffic/ExchangeText.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

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
    connect(m_session, &FlowSession::tokensVerified, this, &TokenPanel::onVerified);
    connect(m_session, &FlowSession::operationFinished, this, &TokenPanel::onOperation);
    connect(m_session, &FlowSession::goalFinished, this, &TokenPanel::onGoal);
    connect(m_session, &FlowSession::authorized, this, [this](const AuthorizationOutcome& outcome) {
        if (outcome.hasCode()) // the session exchanges it once, now
            setBanner(tr("Exchanging the authorization code…"), 0);
        m_answered = false;
        updateButtons();
    });
    connect(m_session, &FlowSession::refreshTokenKept, this, [this](const SecretState& s) {
        if (s.where != SecretState::Where::Keychain && s.where != SecretState::Where::PlainFile)
            setBanner(tr("The refresh token could not be kept: %1").arg(s.message), 1);
    });
}

void TokenPanel::buildWidgets()
{
    m_method = new QComboBox(this);
    m_secret = new QLineEdit(this);
    m_secretState = new QLabel(this);
    m_resources = new QLineEdit(this);
    m_audience = new QLineEdit(this);
    m_exchange = new QPushButton(tr("&Exchange code"), this);
    m_credentials = new QPushButton(tr("C&lient credentials"), this);
    m_refresh = new QPushButton(tr("Re&fresh"), this);
    m_cancelRequest = new QPushButton(tr("Cancel"), this);
    m_autoRefresh = new QCheckBox(tr("Refresh automatically shortly before expiry"), this);
    m_banner = new Banner(this);
    m_explainer = new QLabel(this);
    m_checks = new FindingsView(this);
    m_tokensView = new QTableWidget(0, 2, this);
    m_reveal = new QCheckBox(tr("Reveal"), this);
    m_copyAccess = new QPushButton(tr("Copy access token"), this);
    m_copyHeader = new QPushButton(tr("Copy as Authorization header"), this);
    m_showExchange = new QPushButton(tr("Show exchange"), this);
    m_userInfo = new QPushButton(tr("&Userinfo"), this);
    m_introspect = new QPushButton(tr("&Introspect"), this);
    m_revoke = new QPushButton(tr("Re&voke"), this);
    m_operationToken = new QComboBox(this);
    m_results = new QTabWidget(this);

    for (const ClientAuthMethod method :
         {ClientAuthMethod::ClientSecretBasic, ClientAuthMethod::ClientSecretPost, ClientAuthMethod::None})
        m_method->addItem(ClientAuthentication::methodName(method), int(method));
    m_method->setToolTip(tr("How the client proves who it is at the token endpoint (RFC 6749 §2.3)."));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("from the keychain (Profile step), or typed here for this run only"));
    m_secret->setToolTip(
        tr("The client secret is the client's password. Typed here, it is used for this run and never "
           "written anywhere; the Profile step stores it in the OS keychain."));
    m_secretState->setTextFormat(Qt::PlainText);
    m_resources->setPlaceholderText(tr("for client credentials: https://api.example.com/ (several: spaces)"));
    m_resources->setToolTip(tr("RFC 8707 resource indicators sent with the client credentials grant."));
    m_audience->setPlaceholderText(tr("for client credentials (some servers ask for it)"));
    m_explainer->setWordWrap(true);
    m_explainer->setTextFormat(Qt::PlainText);
    m_explainer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tokensView->setHorizontalHeaderLabels({tr("Member"), tr("Value")});
    m_tokensView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_tokensView->verticalHeader()->hide();
    m_tokensView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reveal->setToolTip(tr("Show the tokens in full"));
    m_audience->setToolTip(
        tr("audience: the API the token is meant for, as some servers (Auth0, Okta) name it"));
    m_exchange->setToolTip(
        tr("Trade the authorization code for tokens at the token endpoint (RFC 6749 §4.1.3); "
           "a code works once (Ctrl+E)"));
    m_credentials->setToolTip(tr("Ask for a token as the client itself, no user involved (RFC 6749 §4.4) "
                                 "(Ctrl+L)"));
    m_refresh->setToolTip(tr("Trade the refresh token for new tokens without the user (RFC 6749 §6) "
                             "(Ctrl+Shift+R)"));
    m_cancelRequest->setToolTip(tr("Stop waiting for the token endpoint (the request may still reach it)"));
    m_autoRefresh->setToolTip(
        tr("Refresh a little before expires_in runs out, as a long-running client would"));
    m_userInfo->setToolTip(tr("Ask the userinfo endpoint for the user's claims with the access token "
                              "(OIDC Core §5.3); its sub must be the ID token's"));
    m_introspect->setToolTip(tr("Ask the server whether the chosen token is active and what it stands for "
                                "(RFC 7662); the client authenticates as at the token endpoint"));
    m_revoke->setToolTip(
        tr("Tell the server to stop accepting the chosen token (RFC 7009); a 200 answer does "
           "not say it was valid"));
    m_operationToken->addItem(tr("access token"), false);
    m_operationToken->addItem(tr("refresh token"), true);
    m_operationToken->setToolTip(tr("The token that Introspect and Revoke send"));
    m_copyHeader->setToolTip(
        tr("Copy \"Authorization: Bearer <access token>\", ready to paste into an API call"));

    auto* form = new QFormLayout;
    form->addRow(tr("Client authentication:"), m_method);
    auto* secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_secretState);
    form->addRow(tr("Client secret:"), secretRow);
    auto* grantRow = new QHBoxLayout;
    grantRow->addWidget(m_resources, 2);
    grantRow->addWidget(new QLabel(tr("Audience:"), this));
    grantRow->addWidget(m_audience, 1);
    form->addRow(tr("Resources:"), grantRow);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_exchange);
    actions->addWidget(m_credentials);
    actions->addWidget(m_refresh);
    actions->addWidget(m_cancelRequest);
    actions->addStretch(1);
    actions->addWidget(m_autoRefresh);
    auto* tokenButtons = new QHBoxLayout;
    tokenButtons->addWidget(m_reveal);
    tokenButtons->addStretch(1);
    tokenButtons->addWidget(m_userInfo);
    tokenButtons->addWidget(m_introspect);
    tokenButtons->addWidget(m_revoke);
    tokenButtons->addWidget(m_operationToken);
    tokenButtons->addWidget(m_copyAccess);
    tokenButtons->addWidget(m_copyHeader);
    tokenButtons->addWidget(m_showExchange);
    auto* tokensBox = new QWidget(this);
    auto* tokensLayout = new QVBoxLayout(tokensBox);
    tokensLayout->setContentsMargins(0, 0, 0, 0);
    tokensLayout->addWidget(m_tokensView, 1);
    tokensLayout->addLayout(tokenButtons);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(tokensBox);
    m_results->addTab(m_checks, tr("Checks"));
    m_results->setDocumentMode(true);
    split->addWidget(m_results);

    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->unsetContentsMargins(); // the style's, like any pane
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(m_banner);
    layout->addWidget(m_explainer);
    layout->addWidget(split, 1);

    connect(m_method, &QComboBox::currentIndexChanged, this,
            [this] { m_clientAuth->setMethod(ClientAuthMethod(m_method->currentData().toInt())); });
    connect(m_secret, &QLineEdit::textEdited, this,
            [this](const QString& text) { m_clientAuth->setSecretText(text, true); });
    connect(m_secret, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_clientAuth->setSecretText(text, false); });
    connect(m_exchange, &QPushButton::clicked, this, &TokenPanel::exchangeCode);
    connect(m_credentials, &QPushButton::clicked, this, &TokenPanel::clientCredentials);
    connect(m_refresh, &QPushButton::clicked, this, &TokenPanel::refresh);
    connect(m_cancelRequest, &QPushButton::clicked, m_session, &FlowSession::cancel);
    connect(m_reveal, &QCheckBox::toggled, this, &TokenPanel::setRevealed);
    connect(m_autoRefresh, &QCheckBox::toggled, this, [this](bool on) {
        m_autoRefreshOn = on;
        m_session->setAutoRefresh(on);
    });
    connect(m_showExchange, &QPushButton::clicked, this, [this] { Q_EMIT showExchange(m_lastExchange); });
    connect(m_userInfo, &QPushButton::clicked, this, &TokenPanel::userInfo);
    connect(m_introspect, &QPushButton::clicked, this,
            [this] { introspect(m_operationToken->currentData().toBool()); });
    connect(m_revoke, &QPushButton::clicked, this,
            [this] { revoke(m_operationToken->currentData().toBool()); });
    connect(m_copyAccess, &QPushButton::clicked, this, [this] {
        SecretClipboard::instance().copy(QString::fromUtf8(tokens().accessToken.reveal()),
                                         tr("the access token"));
    });
    connect(m_copyHeader, &QPushButton::clicked, this, [this] {
        const QString scheme = tokens().tokenType.compare(u"dpop", Qt::CaseInsensitive) == 0
                                   ? QStringLiteral("DPoP")
                                   : QStringLiteral("Bearer");
        SecretClipboard::instance().copy(u"Authorization: " % scheme % u' ' %
                                             QString::fromUtf8(tokens().accessToken.reveal()),
                                         tr("the Authorization header"));
    });
}

void TokenPanel::afterBuild()
{
    m_method->setCurrentIndex(m_method->findData(int(m_clientAuth->method())));
    showSecret();
    m_reveal->setChecked(m_revealed);
    m_autoRefresh->setChecked(m_autoRefreshOn);
    if (m_bannerLevel >= 0)
        m_banner->showMessage(m_bannerText, Banner::Level(m_bannerLevel));
    else
        m_banner->setVisible(false);
    m_explainer->setText(m_explanation);
    m_checks->setFindings(m_findings);
    showAnswer();
    m_showExchange->setVisible(m_lastExchange != 0);
    showTokens();
    updateButtons();
}

void TokenPanel::setRevealed(bool revealed)
{
    m_revealed = revealed;
    if (isBuilt() && m_reveal->isChecked() != revealed)
        m_reveal->setChecked(revealed); // comes back here through toggled
    m_inspectors->setRevealed(revealed);
    showTokens();
}

void TokenPanel::showSecret()
{
    if (!isBuilt())
        return;
    const QSignalBlocker quiet(m_secret);
    if (m_secret->text() != m_clientAuth->secretText())
        m_secret->setText(m_clientAuth->secretText());
    m_secretState->setText(m_clientAuth->stateText());
    m_secretState->setToolTip(m_clientAuth->stateTip());
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
    if (outcome.ok() || m_answered || outcome.goal == FlowGoal::Discover ||
        outcome.goal == FlowGoal::Authorize)
        return;
    // Refused before anything was sent (no secret, no token endpoint) or discovery
    // failed first: say why here, where the button was.
    setBanner(outcome.error.message, outcome.error.kind == ErrorKind::InvalidInput ? 1 : 2);
}

void TokenPanel::userInfo()
{
    start(FlowGoal::UserInfo, tr("Asking the userinfo endpoint…"));
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

void TokenPanel::showAnswer()
{
    if (!isBuilt() || (!m_answer && m_answerText.isEmpty()))
        return; // the Answer tab comes with the first answer
    if (!m_answer) {
        m_answer = new QPlainTextEdit(this);
        m_answer->setReadOnly(true);
        m_answer->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_answer->setPlaceholderText(tr("What userinfo or introspection answered appears here."));
        m_results->addTab(m_answer, tr("Answer"));
    }
    m_answer->setPlainText(PlainText::shown(m_answerText));
}

QPlainTextEdit* TokenPanel::answerView() const
{
    build();
    if (!m_answer)
        const_cast<TokenPanel*>(this)->showAnswer();
    return m_answer;
}

void TokenPanel::showTokens()
{
    const TokenSet& t = tokens();
    m_inspectors->setTokens(t);
    if (!isBuilt())
        return;
    const auto shown = [this](const Secret& secret) {
        const QString value = QString::fromUtf8(secret.reveal());
        return m_revealed ? value : ExchangeText::mask(value);
    };
    QList<QPair<QString, QString>> rows;
    if (!t.accessToken.isEmpty()) {
        rows << qMakePair(QStringLiteral("access_token"), shown(t.accessToken));
        rows << qMakePair(QStringLiteral("token_type"), t.tokenType);
        if (const auto expiresAt = t.expiresAt())
            rows << qMakePair(
                QStringLiteral("expires_in"),
                tr("%1 s (at %2)").arg(*t.expiresIn).arg(expiresAt->toLocalTime().toString(Qt::ISODate)));
        rows << qMakePair(QStringLiteral("scope"), t.scope.isEmpty() ? tr("(as requested)") : t.scope);
        if (!t.refreshToken.isEmpty())
            rows << qMakePair(QStringLiteral("refresh_token"), shown(t.refreshToken));
        if (!t.idToken.isEmpty())
            rows << qMakePair(QStringLiteral("id_token"), shown(t.idToken));
    }
    m_tokensView->setRowCount(0);
    for (const auto& [name, value] : rows) {
        const int row = m_tokensView->rowCount();
        m_tokensView->insertRow(row);
        m_tokensView->setItem(row, 0, new QTableWidgetItem(PlainText::line(name)));
        m_tokensView->setItem(row, 1, new QTableWidgetItem(PlainText::line(value)));
    }
    m_tokensView->resizeColumnToContents(0);
}

void TokenPanel::updateButtons()
{
    if (!isBuilt())
        return;
    const TokenSet& t = tokens();
    const bool busy = m_session->requestInFlight();
    const DiscoveryResult& discovery = m_session->discovery();
    const bool discovered = discovery.ok();
    m_userInfo->setEnabled(!busy && discovered && !t.accessToken.isEmpty() &&
                           discovery.metadata.contains(u"userinfo_endpoint"));
    m_introspect->setEnabled(!busy && discovered && discovery.metadata.contains(u"introspection_endpoint") &&
                             (!t.accessToken.isEmpty() || !t.refreshToken.isEmpty()));
    m_revoke->setEnabled(!busy && discovered && discovery.metadata.contains(u"revocation_endpoint") &&
                         (!t.accessToken.isEmpty() || !t.refreshToken.isEmpty()));
    m_exchange->setEnabled(!busy && m_session->codeAvailable());
    m_credentials->setEnabled(!busy);
    m_refresh->setEnabled(!busy && !t.refreshToken.isEmpty());
    m_cancelRequest->setVisible(busy);
    m_copyAccess->setEnabled(!t.accessToken.isEmpty());
    m_copyHeader->setEnabled(!t.accessToken.isEmpty());
}

} // namespace oauth2dbg
