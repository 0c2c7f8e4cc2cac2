#include "ProfileEditor.h"

#include "Banner.h"
#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShowEvent>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
enum Group { Endpoints, Client, Request, Advanced };

QWidget* scrollPage(QTabWidget* tabs, const QString& title, QFormLayout** form)
{
    auto* page = new QWidget;
    *form = new QFormLayout(page);
    (*form)->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* scroll = new QScrollArea;
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    tabs->addTab(scroll, title);
    return page;
}

QPlainTextEdit* parameterBox(QWidget* parent)
{
    auto* box = new QPlainTextEdit(parent);
    box->setPlaceholderText(ProfileEditor::tr("one name=value per line"));
    box->setTabChangesFocus(true);
    box->setMaximumHeight(box->fontMetrics().lineSpacing() * 4 + 12);
    return box;
}

// Human words for the endpoint metadata names.
QString endpointLabel(const QString& name)
{
    if (name == u"jwks_uri")
        return ProfileEditor::tr("JWKS (keys):");
    if (name == u"pushed_authorization_request_endpoint")
        return ProfileEditor::tr("PAR:");
    QString words = name;
    words.remove(QStringLiteral("_endpoint")).replace(u'_', u' ');
    words[0] = words[0].toUpper();
    return words + u':';
}
} // namespace

ProfileEditor::ProfileEditor(QWidget* parent)
    : LazyWidget(parent)
{
    // The form (some forty widgets in four groups) is built on first need: at start the window shows the
    // Discovery step, and its first frame should not wait for a tab nobody has opened yet.
}

void ProfileEditor::buildWidgets()
{
    m_banner = new Banner(this);
    m_name = new QLineEdit(this);
    m_plainBadge = new QLabel(this);
    m_groups = new QTabWidget(this);
    m_issuer = new QLineEdit(this);
    m_fill = new QPushButton(tr("Fill from discovery"), this);
    m_clientId = new QLineEdit(this);
    m_clientType = new QComboBox(this);
    m_authMethod = new QComboBox(this);
    m_secret = new QLineEdit(this);
    m_storeSecret = new QPushButton(tr("Store in keychain"), this);
    m_removeSecret = new QPushButton(tr("Remove"), this);
    m_secretState = new QLabel(this);
    m_keepRefresh = new QCheckBox(tr("Keep the refresh token in the OS keychain between runs"), this);
    m_scopes = new QLineEdit(this);
    m_pkce = new QComboBox(this);
    m_redirectMode = new QComboBox(this);
    m_redirectUri = new QLineEdit(this);
    m_authorizationParameters = parameterBox(this);
    m_tokenParameters = parameterBox(this);
    m_browser = new QLineEdit(this);
    m_localServer = new QCheckBox(tr("Local test server (allow http:// to this machine)"), this);
    m_caFile = new QLineEdit(this);
    m_approvedHosts = new QLineEdit(this);
    m_approvedHosts->setObjectName(QStringLiteral("approvedHosts"));
    m_selfSigned =
        new QCheckBox(tr("Accept a self-signed certificate (every result carries a warning)"), this);
    m_requestTimeout = new QSpinBox(this);
    m_browserTimeout = new QSpinBox(this);
    m_plainFile = new QCheckBox(tr("When the keychain cannot be used, keep this profile's secrets in a plain "
                                   "file (not recommended)"),
                                this);
    m_notes = new QPlainTextEdit(this);
    m_dirtyLabel = new QLabel(this);
    m_save = new QPushButton(tr("&Save"), this);
    m_revert = new QPushButton(tr("Revert"), this);
    m_name->setPlaceholderText(tr("Profile name, e.g. Staging — web app"));
    QFont nameFont = m_name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.2);
    nameFont.setBold(true);
    m_name->setFont(nameFont);
    m_plainBadge->setText(tr("⚠ Secrets may be kept in a plain file"));
    m_plainBadge->setStyleSheet(Theme::warningText() + QStringLiteral("font-weight:bold;"));
    m_plainBadge->setToolTip(
        tr("This profile allows a plain file for its secrets when the OS keychain cannot be used "
           "(Advanced)."));

    // Endpoints
    QFormLayout* form = nullptr;
    scrollPage(m_groups, tr("Endpoints"), &form);
    m_issuer->setPlaceholderText(tr("https://login.example.com/realms/main"));
    m_issuer->setToolTip(tr("The issuer: the authorization server's identifier. Its endpoints come from its "
                            "discovery document."));
    auto* issuerRow = new QWidget(this);
    auto* issuerLayout = new QHBoxLayout(issuerRow);
    issuerLayout->setContentsMargins(0, 0, 0, 0);
    issuerLayout->addWidget(m_issuer, 1);
    issuerLayout->addWidget(m_fill);
    m_fill->setToolTip(tr("Fetch the issuer's metadata and copy its endpoints into the empty fields below"));
    addField(form, tr("Issuer:"), issuerRow, QStringLiteral("issuer"));
    auto* endpointsHint = new QLabel(
        tr("Endpoints given here win over discovery; without an issuer they are all there is."), this);
    endpointsHint->setWordWrap(true);
    form->addRow(QString(), endpointsHint);
    for (const QString& name : Profile::endpointNames()) {
        auto* edit = new QLineEdit(this);
        edit->setPlaceholderText(tr("from discovery"));
        edit->setToolTip(name);
        m_endpoints.insert(name, edit);
        addField(form, endpointLabel(name), edit, u"endpoints." % name);
    }
    m_groupTitles << tr("Endpoints");

    // Client
    scrollPage(m_groups, tr("Client"), &form);
    m_clientId->setToolTip(tr("client_id: the client's public identifier, its user name."));
    addField(form, tr("Client ID:"), m_clientId, QStringLiteral("clientId"));
    m_clientType->addItem(tr("Confidential (a server that can keep a secret)"),
                          QStringLiteral("confidential"));
    m_clientType->addItem(tr("Public (SPA, mobile, desktop: no secret, PKCE)"), QStringLiteral("public"));
    m_clientType->setToolTip(tr("RFC 6749 §2.1: a confidential client can keep a secret; a public one "
                                "cannot."));
    addField(form, tr("Client type:"), m_clientType, QStringLiteral("clientType"));
    m_authMethod->setToolTip(
        tr("How the client proves who it is at the token endpoint: HTTP Basic with id and secret "
           "(client_secret_basic), both in the form body (client_secret_post), or not at all (none)."));
    addField(form, tr("Authentication:"), m_authMethod, QStringLiteral("authMethod"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("type to store or replace; never shown, never written to a file"));
    m_secret->setToolTip(tr("The client secret, the client's password. It goes to the OS keychain only."));
    auto* secretRow = new QWidget(this);
    auto* secretLayout = new QHBoxLayout(secretRow);
    secretLayout->setContentsMargins(0, 0, 0, 0);
    secretLayout->addWidget(m_secret, 1);
    secretLayout->addWidget(m_storeSecret);
    secretLayout->addWidget(m_removeSecret);
    addField(form, tr("Client secret:"), secretRow, QStringLiteral("secret"));
    m_secretState->setWordWrap(true);
    m_secretState->setTextFormat(Qt::PlainText);
    form->addRow(tr("Keychain:"), m_secretState);
    m_keepRefresh->setToolTip(tr("Off by default: a refresh token is a long-lived credential."));
    form->addRow(QString(), m_keepRefresh);
    m_groupTitles << tr("Client");

    // Request
    scrollPage(m_groups, tr("Request"), &form);
    m_scopes->setPlaceholderText(tr("openid profile email"));
    m_scopes->setToolTip(tr("Space-separated scopes; \"openid\" makes it an OpenID Connect request."));
    addField(form, tr("Scopes:"), m_scopes, QStringLiteral("scopes"));
    m_pkce->addItem(tr("S256 (recommended)"), QStringLiteral("S256"));
    m_pkce->addItem(tr("plain"), QStringLiteral("plain"));
    m_pkce->addItem(tr("None (testing servers only)"), QStringLiteral("none"));
    m_pkce->setToolTip(tr("PKCE binds the code to this client (RFC 7636)."));
    addField(form, tr("PKCE:"), m_pkce, QStringLiteral("pkceMethod"));
    m_redirectMode->addItem(tr("This machine, any port (recommended)"), QStringLiteral("loopback"));
    m_redirectMode->addItem(tr("This machine, fixed port and path"), QStringLiteral("loopback-fixed"));
    m_redirectMode->addItem(tr("Elsewhere: paste the final URL"), QStringLiteral("manual"));
    m_redirectMode->setToolTip(tr("Where the browser is sent back to (RFC 8252 loopback, or a registered URI "
                                  "whose final URL you paste)."));
    addField(form, tr("Redirect:"), m_redirectMode, QStringLiteral("redirectMode"));
    addField(form, tr("Redirect URI:"), m_redirectUri, QStringLiteral("redirectUri"));
    addField(form, tr("Authorization parameters:"), m_authorizationParameters,
             QStringLiteral("authorizationParameters"));
    addField(form, tr("Token parameters:"), m_tokenParameters, QStringLiteral("tokenParameters"));
    m_groupTitles << tr("Request");

    // Advanced
    scrollPage(m_groups, tr("Advanced"), &form);
    m_browser->setPlaceholderText(tr("the system browser (or a command, e.g. firefox --private-window %u)"));
    addField(form, tr("Browser:"), m_browser, QStringLiteral("browserCommand"));
    form->addRow(QString(), m_localServer);
    m_caFile->setPlaceholderText(tr("extra CA certificates to trust (PEM file)"));
    auto* caRow = new QWidget(this);
    auto* caLayout = new QHBoxLayout(caRow);
    caLayout->setContentsMargins(0, 0, 0, 0);
    caLayout->addWidget(m_caFile, 1);
    auto* browse = new QPushButton(tr("Browse…"), this);
    caLayout->addWidget(browse);
    addField(form, tr("CA file:"), caRow, QStringLiteral("caFile"));
    form->addRow(QString(), m_selfSigned);
    m_approvedHosts->setPlaceholderText(tr("none: credentials go only to the issuer's own host"));
    m_approvedHosts->setToolTip(tr("Hosts other than the issuer's that may receive this client's credentials "
                                   "and tokens (comma-separated). The window asks before adding one."));
    addField(form, tr("Approved hosts:"), m_approvedHosts, QStringLiteral("approvedHosts"));
    m_requestTimeout->setRange(1, 600);
    m_requestTimeout->setSuffix(tr(" s"));
    addField(form, tr("Request timeout:"), m_requestTimeout, QStringLiteral("requestTimeoutSeconds"));
    m_browserTimeout->setRange(1, 60);
    m_browserTimeout->setSuffix(tr(" min"));
    addField(form, tr("Wait for the browser:"), m_browserTimeout, QStringLiteral("browserTimeoutMinutes"));
    m_plainFile->setToolTip(
        tr("Only for machines without a keychain. The file is readable by you alone, but it is a "
           "file: backups and anyone with your account can read it."));
    form->addRow(QString(), m_plainFile);
    m_notes->setPlaceholderText(tr("Anything worth remembering about this client"));
    addField(form, tr("Notes:"), m_notes, QStringLiteral("notes"));
    m_groupTitles << tr("Advanced");

    m_save->setToolTip(tr("Save the profile (Ctrl+S)"));
    m_save->setShortcut(QKeySequence::Save);
    m_dirtyLabel->setText(tr("Unsaved changes"));
    m_dirtyLabel->setStyleSheet(Theme::warningText());
    auto* header = new QHBoxLayout;
    header->addWidget(m_name, 1);
    header->addWidget(m_plainBadge);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_dirtyLabel);
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    const int margin = style()->pixelMetric(QStyle::PM_LayoutLeftMargin);
    layout->setContentsMargins(margin, margin, margin, margin);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_groups, 1);
    layout->addLayout(buttons);

    const auto edited = [this] {
        onEdited();
    };
    for (QLineEdit* edit :
         {m_name, m_issuer, m_clientId, m_scopes, m_redirectUri, m_browser, m_caFile, m_approvedHosts})
        connect(edit, &QLineEdit::textChanged, this, edited);
    for (QLineEdit* edit : std::as_const(m_endpoints))
        connect(edit, &QLineEdit::textChanged, this, edited);
    for (QComboBox* box : {m_clientType, m_authMethod, m_pkce, m_redirectMode})
        connect(box, &QComboBox::currentIndexChanged, this, edited);
    for (QCheckBox* box : {m_keepRefresh, m_localServer, m_selfSigned, m_plainFile})
        connect(box, &QCheckBox::toggled, this, edited);
    for (QSpinBox* box : {m_requestTimeout, m_browserTimeout})
        connect(box, &QSpinBox::valueChanged, this, edited);
    for (QPlainTextEdit* box : {m_authorizationParameters, m_tokenParameters, m_notes})
        connect(box, &QPlainTextEdit::textChanged, this, edited);
    connect(m_clientType, &QComboBox::currentIndexChanged, this, &ProfileEditor::updateMethods);

    connect(m_save, &QPushButton::clicked, this, [this] {
        const QList<FieldProblem> problems = this->problems();
        if (!problems.isEmpty() || !m_badParameterLine[0].isEmpty() || !m_badParameterLine[1].isEmpty()) {
            showMessage(tr("Not saved: %n field(s) need attention (marked below).", nullptr,
                           int(std::max<qsizetype>(1, problems.size()))),
                        2);
            return;
        }
        Q_EMIT saveRequested(profile());
    });
    connect(m_revert, &QPushButton::clicked, this, [this] { setProfile(m_saved); });
    connect(m_fill, &QPushButton::clicked, this, [this] { Q_EMIT fillFromDiscoveryRequested(profile()); });
    connect(m_storeSecret, &QPushButton::clicked, this, [this] {
        if (m_secret->text().isEmpty()) {
            m_secretState->setText(tr("Type the secret first."));
            return;
        }
        Q_EMIT storeSecretRequested(m_saved, Secret::fromString(m_secret->text()));
        m_secret->clear(); // it lives in the keychain (or this run's memory) from now on
    });
    connect(m_removeSecret, &QPushButton::clicked, this, [this] { Q_EMIT removeSecretRequested(m_saved); });
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("CA certificates to trust"), m_caFile->text(),
                                         tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    updateMethods();
}

void ProfileEditor::afterBuild()
{
    loadWidgets(m_saved);
    applySecretState();
}

ProfileEditor::~ProfileEditor() = default;

QLabel* ProfileEditor::addField(QFormLayout* form, const QString& label, QWidget* field, const QString& key)
{
    auto* box = new QWidget(this);
    auto* column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(field);
    auto* message = new QLabel(box);
    message->setWordWrap(true);
    message->setTextFormat(Qt::PlainText);
    message->setStyleSheet(Theme::errorText());
    message->setVisible(false);
    column->addWidget(message);
    form->addRow(label, box);
    m_messages.insert(key, message);
    m_groupOfField.insert(key, m_groups->count() - 1);
    return message;
}

void ProfileEditor::updateMethods()
{
    const bool confidential = m_clientType->currentData().toString() == u"confidential";
    const QString current = m_authMethod->currentData().toString();
    {
        const QSignalBlocker block(m_authMethod);
        m_authMethod->clear();
        if (confidential) {
            m_authMethod->addItem(tr("client_secret_basic (HTTP Basic)"),
                                  QStringLiteral("client_secret_basic"));
            m_authMethod->addItem(tr("client_secret_post (in the form body)"),
                                  QStringLiteral("client_secret_post"));
        } else {
            m_authMethod->addItem(tr("none (PKCE proves the client)"), QStringLiteral("none"));
        }
        m_authMethod->setCurrentIndex(std::max(0, m_authMethod->findData(current)));
    }
    for (QWidget* w : std::initializer_list<QWidget*>{m_secret, m_storeSecret, m_removeSecret})
        w->setEnabled(confidential);
}

void ProfileEditor::setProfile(const Profile& profile)
{
    m_saved = profile;
    if (!isBuilt())
        return;
    loadWidgets(profile);
    m_banner->setVisible(false);
}

void ProfileEditor::updateSaved(const Profile& saved)
{
    if (!isBuilt()) {
        m_saved = saved; // nothing edited yet
        return;
    }
    // The user's edits stay; every field they did not touch takes the saved value.
    const QJsonObject before = m_saved.toJson();
    const QJsonObject edited = profile().toJson();
    QJsonObject merged = saved.toJson();
    for (auto it = edited.begin(); it != edited.end(); ++it) {
        if (before.value(it.key()) != it.value())
            merged.insert(it.key(), it.value());
    }
    m_saved = saved;
    loadWidgets(Profile::fromJson(merged));
}

void ProfileEditor::loadWidgets(const Profile& profile)
{
    m_loading = true;
    m_name->setText(profile.name);
    m_issuer->setText(profile.issuer);
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it)
        it.value()->setText(profile.endpoints.value(it.key()));
    m_clientId->setText(profile.clientId);
    m_clientType->setCurrentIndex(std::max(0, m_clientType->findData(profile.clientType)));
    updateMethods();
    const int method = m_authMethod->findData(profile.authMethod);
    if (method < 0) // a method that does not fit the type: shown so that validation can say so
        m_authMethod->addItem(profile.authMethod, profile.authMethod);
    m_authMethod->setCurrentIndex(std::max(0, m_authMethod->findData(profile.authMethod)));
    m_secret->clear();
    m_keepRefresh->setChecked(profile.keepRefreshToken);
    m_scopes->setText(profile.scopes);
    m_pkce->setCurrentIndex(std::max(0, m_pkce->findData(profile.pkceMethod)));
    m_redirectMode->setCurrentIndex(std::max(0, m_redirectMode->findData(profile.redirectMode)));
    m_redirectUri->setText(profile.redirectUri);
    m_authorizationParameters->setPlainText(parameterLines(profile.authorizationParameters));
    m_tokenParameters->setPlainText(parameterLines(profile.tokenParameters));
    m_browser->setText(profile.browserCommand);
    m_localServer->setChecked(profile.localTestServer);
    m_caFile->setText(profile.caFile);
    m_approvedHosts->setText(profile.approvedHosts.join(QStringLiteral(", ")));
    m_selfSigned->setChecked(profile.allowSelfSigned);
    m_requestTimeout->setValue(profile.requestTimeoutSeconds);
    m_browserTimeout->setValue(profile.browserTimeoutMinutes);
    m_plainFile->setChecked(profile.plainFileFallback);
    m_notes->setPlainText(profile.notes);
    m_loading = false;
    onEdited();
}

Profile ProfileEditor::profile() const
{
    if (!isBuilt())
        return m_saved;
    Profile p = m_saved;
    p.name = m_name->text().trimmed();
    p.issuer = m_issuer->text().trimmed();
    p.endpoints.clear();
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it) {
        if (!it.value()->text().trimmed().isEmpty())
            p.endpoints.insert(it.key(), it.value()->text().trimmed());
    }
    p.clientId = m_clientId->text().trimmed();
    p.clientType = m_clientType->currentData().toString();
    p.authMethod = m_authMethod->currentData().toString();
    p.keepRefreshToken = m_keepRefresh->isChecked();
    p.scopes = m_scopes->text().simplified();
    p.pkceMethod = m_pkce->currentData().toString();
    p.redirectMode = m_redirectMode->currentData().toString();
    p.redirectUri = p.redirectMode == u"loopback" ? QString() : m_redirectUri->text().trimmed();
    p.authorizationParameters = parseParameterLines(m_authorizationParameters->toPlainText());
    p.tokenParameters = parseParameterLines(m_tokenParameters->toPlainText());
    p.browserCommand = m_browser->text().trimmed();
    p.localTestServer = m_localServer->isChecked();
    p.caFile = m_caFile->text().trimmed();
    p.approvedHosts.clear();
    for (const QString& host : m_approvedHosts->text().split(u',', Qt::SkipEmptyParts))
        if (const QString name = host.trimmed().toLower(); !name.isEmpty() && !p.approvedHosts.contains(name))
            p.approvedHosts << name;
    p.allowSelfSigned = m_selfSigned->isChecked();
    p.requestTimeoutSeconds = m_requestTimeout->value();
    p.browserTimeoutMinutes = m_browserTimeout->value();
    p.plainFileFallback = m_plainFile->isChecked();
    p.notes = m_notes->toPlainText();
    return p;
}

bool ProfileEditor::isDirty() const
{
    if (!isBuilt())
        return false;
    return profile() != m_saved;
}

QString ProfileEditor::fieldMessage(const QString& field) const
{
    build();
    const QLabel* label = m_messages.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void ProfileEditor::onEdited()
{
    if (m_loading)
        return;
    m_redirectUri->setEnabled(m_redirectMode->currentData().toString() != u"loopback");
    m_redirectUri->setPlaceholderText(m_redirectMode->currentData().toString() == u"manual"
                                          ? tr("https://app.example.com/callback")
                                          : tr("http://127.0.0.1:8080/callback"));
    m_plainBadge->setVisible(m_plainFile->isChecked());

    // Each field's message, and which groups need a look.
    QHash<QString, QStringList> messages;
    for (const FieldProblem& problem : profile().validate())
        messages[problem.field.startsWith(u"endpoints.") && !m_messages.contains(problem.field)
                     ? QStringLiteral("issuer")
                     : problem.field]
            << problem.message;
    QString badLine;
    (void)parseParameterLines(m_authorizationParameters->toPlainText(), &badLine);
    m_badParameterLine[0] = badLine;
    if (!badLine.isEmpty())
        messages[QStringLiteral("authorizationParameters")] << tr("\"%1\" is not name=value.").arg(badLine);
    badLine.clear();
    (void)parseParameterLines(m_tokenParameters->toPlainText(), &badLine);
    m_badParameterLine[1] = badLine;
    if (!badLine.isEmpty())
        messages[QStringLiteral("tokenParameters")] << tr("\"%1\" is not name=value.").arg(badLine);
    QList<bool> groupNeedsLook(m_groups->count(), false);
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it) {
        const QStringList text = messages.value(it.key());
        it.value()->setText(text.join(u' '));
        it.value()->setVisible(!text.isEmpty());
        if (!text.isEmpty() && m_groupOfField.contains(it.key()))
            groupNeedsLook[m_groupOfField.value(it.key())] = true;
    }
    if (messages.contains(QStringLiteral("name"))) {
        m_name->setToolTip(messages.value(QStringLiteral("name")).join(u' '));
        m_name->setStyleSheet(Theme::errorBorder());
    } else {
        m_name->setToolTip(QString());
        m_name->setStyleSheet(QString());
    }
    for (int i = 0; i < m_groups->count(); ++i)
        m_groups->setTabText(i, groupNeedsLook.at(i) ? m_groupTitles.at(i) + QStringLiteral(" ⚠")
                                                     : m_groupTitles.at(i));

    const bool dirty = isDirty();
    m_dirtyLabel->setVisible(dirty);
    m_save->setEnabled(dirty);
    m_revert->setEnabled(dirty);
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
}

void ProfileEditor::setSecretState(const SecretState& state)
{
    m_secretStateValue = state;
    m_secretStateValue->secret = Secret(); // only where it is, never the secret itself
    applySecretState();
}

void ProfileEditor::applySecretState()
{
    if (!isBuilt() || !m_secretStateValue)
        return;
    const SecretState& state = *m_secretStateValue;
    QString text;
    switch (state.where) {
    case SecretState::Where::Keychain:
        text = tr("Stored in the OS keychain.");
        break;
    case SecretState::Where::Nowhere:
        text = m_saved.needsSecret()
                   ? tr("Not stored: store it here, or type it in the Token step for one run.")
                   : tr("Not stored (a public client needs none).");
        break;
    default:
        text = state.message;
        break;
    }
    m_secretState->setText(text);
    m_secretState->setToolTip(state.detail);
    m_secretState->setStyleSheet(state.where == SecretState::Where::Unavailable ||
                                         state.where == SecretState::Where::PlainFile ||
                                         state.where == SecretState::Where::BoundElsewhere
                                     ? Theme::warningText()
                                     : QString());
}

void ProfileEditor::fillEndpoints(const QJsonObject& metadata, const QString& from)
{
    build();
    int filled = 0;
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it) {
        const QString url = metadata.value(it.key()).toString();
        if (!url.isEmpty() && it.value()->text().trimmed().isEmpty()) {
            it.value()->setText(url);
            ++filled;
        }
    }
    showMessage(filled == 0
                    ? tr("Nothing to fill: %1 gave no endpoint that is not already set.").arg(from)
                    : tr("Filled %n endpoint(s) from %1. Save to keep them.", nullptr, filled).arg(from),
                0);
}

void ProfileEditor::showMessage(const QString& text, int level)
{
    build();
    m_banner->showMessage(text, Banner::Level(level));
}

} // namespace oauth2dbg
