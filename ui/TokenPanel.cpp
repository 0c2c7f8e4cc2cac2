#include "TokenPanel.h"

#include "Banner.h"
#include "FindingsView.h"
#include "PlainText.h"
#include "SecretClipboard.h"
#include "TokenInspector.h"
#include "jose/AccessTokenValidator.h"
#include "jose/IdTokenValidator.h"
#include "session/ProfileFlow.h"
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
#include <QTimer>
#include <QVBoxLayout>

namespace oauth2dbg {

TokenPanel::TokenPanel(NetworkAccess* network, ProfileSecrets* secrets, QWidget* parent)
    : LazyWidget(parent)
    , m_secrets(secrets)
    , m_client(new TokenClient(network, this))
    , m_scheduler(new RefreshScheduler(this))
    , m_inspectors(new QTabWidget)
    , m_accessInspector(new TokenInspector(m_inspectors))
    , m_idInspector(new TokenInspector(m_inspectors))
    , m_refreshInspector(new TokenInspector(m_inspectors))
    , m_jwks(new JwksClient(network, this))
    , m_operations(new TokenOperations(network, this))
{
    // The inspectors go where the window puts them (its Tokens tab).
    m_inspectors->addTab(m_accessInspector, tr("Access token"));
    m_inspectors->addTab(m_idInspector, tr("ID token"));
    m_inspectors->addTab(m_refreshInspector, tr("Refresh token"));
    connect(m_client, &TokenClient::finished, this, &TokenPanel::onResult);
    connect(m_scheduler, &RefreshScheduler::due, this, &TokenPanel::refresh);
    connect(m_operations, &TokenOperations::finished, this, &TokenPanel::onOperation);
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
            [this] { m_methodChoice = ClientAuthMethod(m_method->currentData().toInt()); });
    connect(m_secret, &QLineEdit::textChanged, this, [this](const QString& text) { m_secretText = text; });
    connect(m_secret, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_secrets->setForThisRun(m_profile.id, ProfileSecrets::Kind::ClientSecret, Secret::fromString(text));
        setSecretState(text.isEmpty() ? QString() : tr("typed for this run"));
    });
    connect(m_exchange, &QPushButton::clicked, this, &TokenPanel::exchangeCode);
    connect(m_credentials, &QPushButton::clicked, this, &TokenPanel::clientCredentials);
    connect(m_refresh, &QPushButton::clicked, this, &TokenPanel::refresh);
    connect(m_cancelRequest, &QPushButton::clicked, m_client, &TokenClient::cancel);
    connect(m_reveal, &QCheckBox::toggled, this, &TokenPanel::setRevealed);
    connect(m_autoRefresh, &QCheckBox::toggled, this, [this](bool on) {
        m_autoRefreshOn = on;
        const auto expiresAt = m_tokens.expiresAt();
        if (on && expiresAt && !m_tokens.refreshToken.isEmpty())
            m_scheduler->schedule(m_tokens.receivedAt, *m_tokens.expiresIn);
        else
            m_scheduler->stop();
    });
    connect(m_showExchange, &QPushButton::clicked, this, [this] { Q_EMIT showExchange(m_lastExchange); });
    connect(m_userInfo, &QPushButton::clicked, this, &TokenPanel::userInfo);
    connect(m_introspect, &QPushButton::clicked, this,
            [this] { introspect(m_operationToken->currentData().toBool()); });
    connect(m_revoke, &QPushButton::clicked, this,
            [this] { revoke(m_operationToken->currentData().toBool()); });
    connect(m_copyAccess, &QPushButton::clicked, this, [this] {
        SecretClipboard::instance().copy(QString::fromUtf8(m_tokens.accessToken.reveal()),
                                         tr("the access token"));
    });
    connect(m_copyHeader, &QPushButton::clicked, this, [this] {
        const QString scheme = m_tokens.tokenType.compare(u"dpop", Qt::CaseInsensitive) == 0
                                   ? QStringLiteral("DPoP")
                                   : QStringLiteral("Bearer");
        SecretClipboard::instance().copy(u"Authorization: " % scheme % u' ' %
                                             QString::fromUtf8(m_tokens.accessToken.reveal()),
                                         tr("the Authorization header"));
    });
}

void TokenPanel::afterBuild()
{
    m_method->setCurrentIndex(m_method->findData(int(m_methodChoice)));
    m_secret->setText(m_secretText);
    setSecretState(m_secretStateText, m_secretStateTip);
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
    for (TokenInspector* inspector : {m_accessInspector, m_idInspector, m_refreshInspector})
        inspector->setRevealed(revealed);
    showTokens();
}

void TokenPanel::setSecretState(const QString& text, const QString& toolTip)
{
    m_secretStateText = text;
    m_secretStateTip = toolTip;
    if (!isBuilt())
        return;
    m_secretState->setText(text);
    m_secretState->setToolTip(toolTip);
}

void TokenPanel::showSecret()
{
    if (isBuilt())
        m_secret->setText(m_secretText);
}

TokenPanel::~TokenPanel() = default;

void TokenPanel::setProfile(const Profile& profile)
{
    m_profile = profile;
    m_discovery = {};
    m_authorization = {};
    m_codeUsed = true;
    m_tokens = {};
    m_scheduler->stop();
    m_secretText.clear();
    showSecret();
    setSecretState({});
    loadSecrets();
    ClientAuthMethod method = ClientAuthMethod::None;
    if (!ClientAuthentication::methodFromName(profile.authMethod, &method))
        method =
            ClientAuthMethod::None; // an unknown name in a profile: the safest assumption, visible in the box
    m_methodChoice = method;
    m_findings = {};
    m_explanation.clear();
    m_answerText.clear();
    m_firstIdClaims.reset();
    ++m_verification;
    m_bannerLevel = -1;
    if (isBuilt()) {
        m_method->setCurrentIndex(m_method->findData(int(method)));
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

bool TokenPanel::configure(TokenEndpointConfig* config)
{
    const QString endpoint = m_discovery.metadata.value(u"token_endpoint").toString();
    if (!m_discovery.ok() || endpoint.isEmpty()) {
        setBanner(tr("Discover the issuer first: the token endpoint comes from its metadata."), 2);
        return false;
    }
    const ClientAuthMethod method = m_methodChoice;
    if (method != ClientAuthMethod::None && m_secretText.isEmpty()) {
        setBanner(tr("%1 needs the client secret: type it above (it stays in memory for this run).")
                      .arg(ClientAuthentication::methodName(method)),
                  1);
        return false;
    }
    *config = ProfileFlow::tokenConfig(m_profile, m_discovery,
                                       method == ClientAuthMethod::None ? Secret()
                                                                        : Secret::fromString(m_secretText));
    config->method = method; // as chosen above the secret, for this run
    return true;
}

void TokenPanel::reloadSecrets()
{
    m_secretText.clear();
    showSecret();
    setSecretState({});
    loadSecrets();
}

void TokenPanel::loadSecrets()
{
    const QString id = m_profile.id;
    if (m_profile.needsSecret()) {
        setSecretState(tr("looking in the keychain…"));
        m_secrets->load(
            m_profile, ProfileSecrets::Kind::ClientSecret, this, [this, id](const SecretState& s) {
                if (m_profile.id != id)
                    return; // another profile by now
                if (!m_secretText.isEmpty()) {
                    setSecretState(tr("typed for this run")); // typed meanwhile: that one counts
                    return;
                }
                m_secretText = QString::fromUtf8(s.secret.reveal());
                showSecret();
                setSecretState(s.where == SecretState::Where::Keychain      ? tr("from the keychain")
                               : s.where == SecretState::Where::PlainFile   ? tr("from the plain file")
                               : s.where == SecretState::Where::ThisRunOnly ? tr("typed for this run")
                               : s.where == SecretState::Where::Unavailable ? tr("keychain unavailable")
                               : s.where == SecretState::Where::BoundElsewhere
                                   ? tr("stored for another issuer or client")
                                   : tr("not stored"),
                               s.detail.isEmpty() ? s.message : QString(s.message % u"\n\n" % s.detail));
            });
    }
    if (m_profile.keepRefreshToken) {
        m_secrets->load(
            m_profile, ProfileSecrets::Kind::RefreshToken, this, [this, id](const SecretState& s) {
                if (m_profile.id != id || !s.found() || !m_tokens.refreshToken.isEmpty())
                    return;
                m_tokens.refreshToken = s.secret;
                setBanner(tr("A refresh token kept from an earlier run is ready: Refresh uses it."), 0);
                showTokens();
                updateButtons();
            });
    }
}

void TokenPanel::keepRefreshToken()
{
    if (!m_profile.keepRefreshToken || m_tokens.refreshToken.isEmpty())
        return;
    m_secrets->store(m_profile, ProfileSecrets::Kind::RefreshToken, m_tokens.refreshToken, this,
                     [this](const SecretState& s) {
                         if (s.where != SecretState::Where::Keychain &&
                             s.where != SecretState::Where::PlainFile)
                             setBanner(tr("The refresh token could not be kept: %1").arg(s.message), 1);
                     });
}

void TokenPanel::setAuthorization(const AuthorizationOutcome& outcome)
{
    m_authorization = outcome;
    m_codeUsed = !outcome.hasCode();
    updateButtons();
    if (!m_codeUsed) {
        TokenEndpointConfig config;
        if (configure(&config)) // exchanged once, now; never again automatically
            exchangeCode();
    }
}

void TokenPanel::exchangeCode()
{
    TokenEndpointConfig config;
    if (m_codeUsed || !configure(&config))
        return;
    m_codeUsed = true; // AZ-10: whatever happens next, this code is spent
    m_lastGrant = QStringLiteral("authorization_code");
    setBanner(tr("Exchanging the authorization code…"), 0);
    m_client->exchangeCode(config, m_authorization.callback.verdict.code, m_authorization.request.redirectUri,
                           m_authorization.request.codeVerifier);
    updateButtons();
}

void TokenPanel::clientCredentials()
{
    TokenEndpointConfig config;
    if (!configure(&config))
        return;
    setBanner(tr("Requesting tokens with the client credentials grant…"), 0);
    m_lastGrant = QStringLiteral("client_credentials");
    const QString resources = isBuilt() ? m_resources->text() : QString();
    const QString audience = isBuilt() ? m_audience->text().trimmed() : QString();
    m_client->clientCredentials(config, m_profile.scopes, resources.split(u' ', Qt::SkipEmptyParts),
                                audience);
    updateButtons();
}

void TokenPanel::refresh()
{
    TokenEndpointConfig config;
    if (m_tokens.refreshToken.isEmpty() || !configure(&config))
        return;
    setBanner(tr("Refreshing…"), 0);
    m_lastGrant = QStringLiteral("refresh_token");
    m_client->refresh(config, m_tokens.refreshToken);
    updateButtons();
}

void TokenPanel::onResult(const TokenResult& result)
{
    m_lastExchange = result.exchangeId;
    m_explanation = m_client->lastExplanation();
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
    // TE-07: a rotated refresh token replaces the old one before anything else; no new one keeps the old.
    const Secret previousRefresh = m_tokens.refreshToken;
    m_tokens = result.tokens;
    if (m_tokens.refreshToken.isEmpty())
        m_tokens.refreshToken = previousRefresh;
    const bool rotated = !previousRefresh.isEmpty() && m_tokens.refreshToken != previousRefresh;
    setBanner(rotated ? tr("New tokens; the server rotated the refresh token (the old one is discarded).")
                      : tr("New tokens received."),
              0);
    if (m_autoRefreshOn && m_tokens.expiresIn && !m_tokens.refreshToken.isEmpty())
        m_scheduler->schedule(m_tokens.receivedAt, *m_tokens.expiresIn);
    showTokens();
    updateButtons();
    keepRefreshToken();
    Q_EMIT tokensChanged();
    verifyTokens();
}

void TokenPanel::verifyTokens()
{
    const quint64 run = ++m_verification;
    const QJsonObject& metadata = m_discovery.metadata;
    IdTokenExpectations expected = ProfileFlow::idTokenExpectations(
        m_profile, m_discovery, Secret::fromString(m_secretText), m_clockSkewSeconds);
    if (m_methodChoice == ClientAuthMethod::None)
        expected.clientSecret = Secret(); // as chosen for this run
    const bool refreshed = m_lastGrant == u"refresh_token";
    expected.nonce = refreshed ? QString() : QString::fromLatin1(m_authorization.request.nonce);
    for (const auto& [name, value] : m_authorization.request.parameters) {
        // What the request asked for is what the ID token is held to (OIDC Core §3.1.3.7 steps 12-13).
        if (refreshed)
            break;
        if (name == u"max_age")
            expected.maxAge = value.toLongLong();
        else if (name == u"acr_values")
            expected.acrValues = value.split(u' ', Qt::SkipEmptyParts);
    }
    expected.accessToken = m_tokens.accessToken;
    if (refreshed)
        expected.original = m_firstIdClaims;
    const Secret idToken = m_tokens.idToken;
    const Secret accessToken = m_tokens.accessToken;
    const bool idTokenIsNew = !idToken.isEmpty() && m_idInspector->verification() == std::nullopt;

    if (!m_tokens.refreshToken.isEmpty())
        m_refreshInspector->setVerification(
            {.verdict = Verdict::NotVerifiable,
             .summary =
                 tr("Not verifiable: a refresh token is for the issuer's token endpoint alone; only the "
                    "issuer can read it (introspection may tell whether it is active).")});
    const QString pending = tr("Verifying with the issuer's keys…");
    if (idTokenIsNew)
        m_idInspector->setVerificationNote(pending);
    if (!accessToken.isEmpty())
        m_accessInspector->setVerificationNote(pending);

    const auto conclude = [this, run, idToken, accessToken, expected, idTokenIsNew,
                           refreshed](const TokenVerification& id, const JwkSet& keys) {
        if (run != m_verification)
            return; // another response (or profile) since
        QStringList summary;
        if (idTokenIsNew) {
            m_idInspector->setVerification(id);
            summary << tr("ID token: %1").arg(id.summary);
            if (!refreshed && !id.claims.isEmpty())
                m_firstIdClaims = id.claims;
        }
        if (!accessToken.isEmpty()) {
            const TokenVerification access = validateAccessToken(
                accessToken.reveal(), keys,
                {.issuer = expected.issuer, .clientId = expected.clientId, .clock = expected.clock});
            m_accessInspector->setVerification(access);
            summary << tr("access token: %1").arg(access.summary);
        }
        Q_EMIT tokensVerified(summary.join(u"; "));
    };
    const QUrl jwksUri(metadata.value(u"jwks_uri").toString());
    const bool needKeys = (idTokenIsNew && !CompactJws::parse(idToken.reveal()).alg.startsWith(u"HS")) ||
                          looksLikeJwt(accessToken.reveal());
    if (!needKeys || jwksUri.isEmpty()) {
        JwkSet none;
        if (needKeys)
            none.error = tr("the issuer publishes no key set (no jwks_uri in its metadata)");
        const TokenVerification id =
            idTokenIsNew ? validateIdToken(idToken.reveal(), none, expected) : TokenVerification{};
        QTimer::singleShot(0, this, [conclude, id, none] { conclude(id, none); });
        return;
    }
    m_jwks->verify(
        jwksUri, ProfileFlow::jwksOptions(m_profile), this,
        [idToken, expected, idTokenIsNew](const JwkSet& keys) {
            return idTokenIsNew ? validateIdToken(idToken.reveal(), keys, expected) : TokenVerification{};
        },
        [conclude](const TokenVerification& id, const JwksResult& keys) {
            JwkSet set = keys.keys;
            if (!keys.ok())
                set.error = keys.error.message;
            conclude(id, set);
        });
}

TokenEndpointConfig TokenPanel::operationConfig(bool* ok)
{
    TokenEndpointConfig config;
    *ok = configure(&config);
    return config;
}

void TokenPanel::userInfo()
{
    bool ok = false;
    const TokenEndpointConfig config = operationConfig(&ok);
    if (!ok)
        return;
    setBanner(tr("Asking the userinfo endpoint…"), 0);
    m_operations->userInfo(QUrl(m_discovery.metadata.value(u"userinfo_endpoint").toString()), config,
                           m_tokens.accessToken, m_tokens.tokenType,
                           m_idInspector->decoded().payload.value(u"sub").toString());
    updateButtons();
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
    bool ok = false;
    const TokenEndpointConfig config = operationConfig(&ok);
    if (!ok)
        return;
    const bool introspection = kind == OperationResult::Kind::Introspection;
    setBanner(introspection ? tr("Asking the introspection endpoint…") : tr("Revoking…"), 0);
    const QUrl endpoint(m_discovery.metadata
                            .value(introspection ? QStringLiteral("introspection_endpoint")
                                                 : QStringLiteral("revocation_endpoint"))
                            .toString());
    const Secret& token = refreshToken ? m_tokens.refreshToken : m_tokens.accessToken;
    const QString hint = refreshToken ? QStringLiteral("refresh_token") : QStringLiteral("access_token");
    if (introspection)
        m_operations->introspect(endpoint, config, token, hint);
    else
        m_operations->revoke(endpoint, config, token, hint);
    updateButtons();
}

void TokenPanel::onOperation(const OperationResult& result)
{
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
    m_accessInspector->setToken(m_tokens.accessToken);
    m_idInspector->setToken(m_tokens.idToken);
    m_refreshInspector->setToken(m_tokens.refreshToken);
    m_inspectors->setTabEnabled(m_inspectors->indexOf(m_idInspector), !m_tokens.idToken.isEmpty());
    m_inspectors->setTabEnabled(m_inspectors->indexOf(m_refreshInspector), !m_tokens.refreshToken.isEmpty());
    if (!isBuilt())
        return;
    const auto shown = [this](const Secret& secret) {
        const QString value = QString::fromUtf8(secret.reveal());
        return m_revealed ? value : ExchangeText::mask(value);
    };
    QList<QPair<QString, QString>> rows;
    if (!m_tokens.accessToken.isEmpty()) {
        rows << qMakePair(QStringLiteral("access_token"), shown(m_tokens.accessToken));
        rows << qMakePair(QStringLiteral("token_type"), m_tokens.tokenType);
        if (const auto expiresAt = m_tokens.expiresAt())
            rows << qMakePair(QStringLiteral("expires_in"),
                              tr("%1 s (at %2)")
                                  .arg(*m_tokens.expiresIn)
                                  .arg(expiresAt->toLocalTime().toString(Qt::ISODate)));
        rows << qMakePair(QStringLiteral("scope"),
                          m_tokens.scope.isEmpty() ? tr("(as requested)") : m_tokens.scope);
        if (!m_tokens.refreshToken.isEmpty())
            rows << qMakePair(QStringLiteral("refresh_token"), shown(m_tokens.refreshToken));
        if (!m_tokens.idToken.isEmpty())
            rows << qMakePair(QStringLiteral("id_token"), shown(m_tokens.idToken));
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
    const bool busy = m_client->isBusy() || m_operations->isBusy();
    const bool discovered = m_discovery.ok();
    m_userInfo->setEnabled(!busy && discovered && !m_tokens.accessToken.isEmpty() &&
                           m_discovery.metadata.contains(u"userinfo_endpoint"));
    m_introspect->setEnabled(!busy && discovered &&
                             m_discovery.metadata.contains(u"introspection_endpoint") &&
                             (!m_tokens.accessToken.isEmpty() || !m_tokens.refreshToken.isEmpty()));
    m_revoke->setEnabled(!busy && discovered && m_discovery.metadata.contains(u"revocation_endpoint") &&
                         (!m_tokens.accessToken.isEmpty() || !m_tokens.refreshToken.isEmpty()));
    m_exchange->setEnabled(!busy && !m_codeUsed);
    m_credentials->setEnabled(!busy);
    m_refresh->setEnabled(!busy && !m_tokens.refreshToken.isEmpty());
    m_cancelRequest->setVisible(busy);
    m_copyAccess->setEnabled(!m_tokens.accessToken.isEmpty());
    m_copyHeader->setEnabled(!m_tokens.accessToken.isEmpty());
}

} // namespace oauth2dbg
