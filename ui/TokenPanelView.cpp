#include "Banner.h"
#include "ClientCredentials.h"
#include "FindingsView.h"
#include "PlainText.h"
#include "SecretClipboard.h"
#include "TabWidget.h"
#include "Theme.h"
#include "TokenInspectorTabs.h"
#include "TokenPanel.h"
#include "common/Duration.h"
#include "oauth/RefusalDiagnosis.h"
#include "session/FlowSession.h"
#include "traffic/ExchangeText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

// What the token step shows: its widgets, the token table, the answer tab and which buttons can be used now.
// What they set off, and what comes back from the session, is in TokenPanel.cpp.

namespace oauth2dbg {

void TokenPanel::buildWidgets()
{
    m_method = new QComboBox(this);
    m_secret = new QLineEdit(this);
    m_secretState = new QLabel(this);
    m_resources = new QLineEdit(this);
    m_audience = new QLineEdit(this);
    m_exchange = new QPushButton(tr("&Exchange code"), this);
    m_credentials = new QPushButton(tr("C&lient credentials"), this);
    m_otherGrant = new QPushButton(tr("Other &grant…"), this);
    m_signOut = new QPushButton(tr("Sign &out"), this);
    m_refresh = new QPushButton(tr("Re&fresh"), this);
    m_cancelRequest = new QPushButton(tr("Cancel"), this);
    m_autoRefresh = new QCheckBox(tr("Refresh automatically shortly before expiry"), this);
    m_banner = new Banner(this);
    m_explainer = new QLabel(this);
    m_checks = new FindingsView(this);
    m_tokensView = new QTableWidget(0, 2, this);
    m_reveal = new QCheckBox(tr("Reveal"), this);
    m_copyAccess = new QPushButton(tr("Copy token"), this);
    m_copyHeader = new QPushButton(tr("Copy as header"), this);
    m_showExchange = new QPushButton(tr("Show exchange"), this);
    m_userInfo = new QPushButton(tr("&Userinfo"), this);
    m_callApi = new QPushButton(tr("Call an &API…"), this);
    m_callApi->setToolTip(tr("Send a request of your own (method, URL, headers, body) with the access token, "
                             "as Bearer or as DPoP with a proof, and read the answer and its challenges."));
    m_introspect = new QPushButton(tr("&Introspect"), this);
    m_revoke = new QPushButton(tr("Re&voke"), this);
    m_operationToken = new QComboBox(this);
    m_results = new TabWidget(this);

    m_methodNote = new QLabel(this);
    m_methodNote->setTextFormat(Qt::PlainText);
    m_methodNote->setWordWrap(true);
    m_methodNote->setStyleSheet(Theme::warningText());
    m_methodNote->hide();
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
    m_tokensView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() +
                                                          8); // rows as tight as text
    m_tokensView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reveal->setToolTip(tr("Show the tokens in full"));
    m_audience->setToolTip(
        tr("audience: the API the token is meant for, as some servers (Auth0, Okta) name it"));
    m_exchange->setToolTip(
        tr("Trade the authorization code for tokens at the token endpoint (RFC 6749 §4.1.3); "
           "a code works once (Ctrl+E)"));
    m_credentials->setToolTip(tr("Ask for a token as the client itself, no user involved (RFC 6749 §4.4) "
                                 "(Ctrl+L)"));
    m_otherGrant->setToolTip(tr("Token exchange, the JWT bearer grant, or the legacy password grant "
                                "(Ctrl+Shift+G)"));
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
    m_copyAccess->setToolTip(tr("Copy the access token (the clipboard is cleared again as Settings say)"));
    m_copyHeader->setToolTip(
        tr("Copy \"Authorization: Bearer <access token>\", ready to paste into an API call"));

    auto* form = new QFormLayout;
    auto* secretRow = new QHBoxLayout; // one row: the token table gets the height
    secretRow->addWidget(m_method);
    m_secretLabel = new QLabel(tr("Client secret:"), this);
    m_secretLabel->setBuddy(m_secret);
    secretRow->addWidget(m_secretLabel);
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_secretState);
    form->addRow(tr("Client authentication:"), secretRow);
    form->addRow(QString(), m_methodNote);
    auto* grantRow = new QHBoxLayout;
    grantRow->addWidget(m_resources, 2);
    grantRow->addWidget(new QLabel(tr("Audience:"), this));
    grantRow->addWidget(m_audience, 1);
    form->addRow(tr("Resources:"), grantRow);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_exchange);
    actions->addWidget(m_credentials);
    actions->addWidget(m_otherGrant);
    actions->addWidget(m_refresh);
    actions->addWidget(m_signOut);
    actions->addWidget(m_cancelRequest);
    actions->addStretch(1);
    actions->addWidget(m_autoRefresh);
    auto* tokenButtons = new QHBoxLayout;
    tokenButtons->addWidget(m_reveal);
    tokenButtons->addStretch(1);
    tokenButtons->addWidget(m_userInfo);
    tokenButtons->addWidget(m_callApi);
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
    split->setSizes({3, 2});

    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->unsetContentsMargins(); // the style's, like any pane
    layout->addLayout(form);
    layout->addLayout(actions);
    layout->addWidget(m_banner);
    layout->addWidget(m_explainer);
    layout->addWidget(split, 1);

    orderMethods();
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        m_clientAuth->setMethod(ClientAuthMethod(m_method->currentData().toInt()));
        orderMethods(); // the note follows the choice
    });
    connect(m_secret, &QLineEdit::textEdited, this,
            [this](const QString& text) { m_clientAuth->setSecretText(text, true); });
    connect(m_secret, &QLineEdit::textChanged, this,
            [this](const QString& text) { m_clientAuth->setSecretText(text, false); });
    connect(m_exchange, &QPushButton::clicked, this, &TokenPanel::exchangeCode);
    connect(m_credentials, &QPushButton::clicked, this, &TokenPanel::clientCredentials);
    connect(m_otherGrant, &QPushButton::clicked, this, [this] { otherGrant(); });
    connect(m_signOut, &QPushButton::clicked, this, &TokenPanel::signOut);
    connect(m_refresh, &QPushButton::clicked, this, &TokenPanel::refresh);
    connect(m_cancelRequest, &QPushButton::clicked, m_session, &FlowSession::cancel);
    connect(m_reveal, &QCheckBox::toggled, this, &TokenPanel::setRevealed);
    connect(m_autoRefresh, &QCheckBox::toggled, this, [this](bool on) {
        m_autoRefreshOn = on;
        m_session->setAutoRefresh(on);
    });
    connect(m_showExchange, &QPushButton::clicked, this, [this] { Q_EMIT showExchange(m_lastExchange); });
    connect(m_userInfo, &QPushButton::clicked, this, &TokenPanel::userInfo);
    connect(m_callApi, &QPushButton::clicked, this, &TokenPanel::callApi);
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

void TokenPanel::orderMethods()
{
    if (!isBuilt())
        return;
    const DiscoveryResult& discovery = m_session->discovery();
    const QStringList listed = RefusalDiagnosis::tokenEndpointMethods(
        discovery.metadata, discovery.ok() && !discovery.documentUrl.isEmpty());
    const auto current = ClientAuthMethod(m_method->currentData().toInt());
    {
        const QSignalBlocker quiet(m_method);
        m_method->clear();
        QList<ClientAuthMethod> offered{ClientAuthMethod::ClientSecretBasic,
                                        ClientAuthMethod::ClientSecretPost, ClientAuthMethod::ClientSecretJwt,
                                        ClientAuthMethod::PrivateKeyJwt, ClientAuthMethod::None};
        // Mutual TLS where the server takes it, or the profile asks for it: a certificate is not tried
        // blindly.
        for (const ClientAuthMethod method :
             {ClientAuthMethod::TlsClientAuth, ClientAuthMethod::SelfSignedTlsClientAuth})
            if (listed.contains(ClientAuthentication::methodName(method)) || method == current ||
                method == m_clientAuth->method())
                offered << method;
        for (const ClientAuthMethod method : ClientAuthentication::serverOrder(offered, listed)) {
            const QString name = ClientAuthentication::methodName(method);
            m_method->addItem(listed.isEmpty() || listed.contains(name) ? name
                                                                        : tr("%1 (not listed)").arg(name),
                              int(method));
        }
        m_method->setCurrentIndex(std::max(0, m_method->findData(int(current))));
    }
    const QString base = tr("How the client proves who it is at the token endpoint (RFC 6749 §2.3).");
    m_method->setToolTip(listed.isEmpty()
                             ? base
                             : base + u"\n" +
                                   tr("The server lists: %1.")
                                       .arg(PlainText::line(listed.join(QStringLiteral(", ")).left(200))));
    const QString chosen = ClientAuthentication::methodName(current);
    const bool unlisted = !listed.isEmpty() && !listed.contains(chosen);
    m_methodNote->setText(unlisted
                              ? tr("TE-13: the server lists %1 for its token endpoint, not %2; it may "
                                   "refuse the request.")
                                    .arg(PlainText::line(listed.join(QStringLiteral(", ")).left(200)), chosen)
                              : QString());
    m_methodNote->setVisible(unlisted);
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
    // private_key_jwt signs with the key the state names, mutual TLS presents its certificate: no secret.
    const bool keyed = m_clientAuth->method() == ClientAuthMethod::PrivateKeyJwt ||
                       ClientAuthentication::usesCertificate(m_clientAuth->method());
    m_secret->setVisible(!keyed);
    m_secretLabel->setVisible(!keyed);
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
            rows << qMakePair(QStringLiteral("expires_in"),
                              tr("%1 s (at %2)").arg(*t.expiresIn).arg(dateTimeText(*expiresAt)));
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
    m_otherGrant->setEnabled(!busy);
    m_callApi->setEnabled(!busy && !t.accessToken.isEmpty());
    m_signOut->setEnabled(!busy && discovered && discovery.metadata.contains(u"end_session_endpoint"));
    m_signOut->setToolTip(discovery.metadata.contains(u"end_session_endpoint")
                              ? tr("End the user's session at the server (OpenID Connect RP-Initiated "
                                   "Logout): the browser goes "
                                   "to end_session_endpoint with this run's ID token and comes back to the "
                                   "listener, on /logout "
                                   "(Ctrl+Shift+O)")
                              : tr("The server's metadata lists no end_session_endpoint (LO-01)"));
    m_refresh->setEnabled(!busy && !t.refreshToken.isEmpty());
    m_cancelRequest->setVisible(busy);
    m_copyAccess->setEnabled(!t.accessToken.isEmpty());
    m_copyHeader->setEnabled(!t.accessToken.isEmpty());
}

} // namespace oauth2dbg
