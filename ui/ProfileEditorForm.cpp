#include "Banner.h"
#include "ClientCertificateField.h"
#include "ClientKeyField.h"
#include "EnvironmentsForm.h"
#include "ProfileEditor.h"
#include "TabWidget.h"
#include "Theme.h"
#include "oauth/ClientAuthentication.h"

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
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

// The form itself: the four groups of fields and the message under each. What the fields mean to the profile
// (loading, dirtiness, validation, saving) is in ProfileEditor.cpp.

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

void ProfileEditor::buildWidgets()
{
    m_banner = new Banner(this);
    m_name = new QLineEdit(this);
    m_plainBadge = new QLabel(this);
    m_groups = new TabWidget(this);
    m_issuer = new QLineEdit(this);
    m_fill = new QPushButton(tr("Fill from discovery"), this);
    m_clientId = new QLineEdit(this);
    m_clientType = new QComboBox(this);
    m_authMethod = new QComboBox(this);
    m_basicForm = new QComboBox(this);
    m_basicFormNote = new QLabel(this);
    m_secret = new QLineEdit(this);
    m_storeSecret = new QPushButton(tr("Store in keychain"), this);
    m_removeSecret = new QPushButton(tr("Remove"), this);
    m_secretState = new QLabel(this);
    m_clientKey = new ClientKeyField(this);
    m_clientCert = new ClientCertificateField(this);
    m_keepRefresh = new QCheckBox(tr("Keep the refresh token in the OS keychain between runs"), this);
    m_scopes = new QLineEdit(this);
    m_pkce = new QComboBox(this);
    m_dpop = new QCheckBox(tr("Sender-constrained tokens (DPoP)"), this);
    m_grant = new QComboBox(this);
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

    buildEndpointsPage();
    buildClientPage();
    buildRequestPage();
    buildAdvancedPage();
    buildEnvironmentsPage();

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

    connectFields();
}

void ProfileEditor::buildEndpointsPage()
{
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
}

void ProfileEditor::buildClientPage()
{
    QFormLayout* form = nullptr;
    scrollPage(m_groups, tr("Client"), &form);
    m_clientForm = form;
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
    m_basicForm->addItem(tr("RFC 6749 form: form-encode id and secret, then base64"),
                         QStringLiteral("form-encoded"));
    m_basicForm->addItem(tr("Raw: base64(id:secret), for servers that do not form-decode"),
                         QStringLiteral("raw"));
    m_basicForm->setToolTip(
        tr("How client_secret_basic builds its Authorization header. RFC 6749 §2.3.1 form-encodes the id and "
           "the secret before base64; some servers do not decode that and want base64(id:secret) as it "
           "stands. The two differ only when the id or secret holds : % + a space or non-ASCII."));
    addField(form, tr("Basic form:"), m_basicForm, QStringLiteral("basicForm"));
    m_basicFormNote->setWordWrap(true);
    m_basicFormNote->setTextFormat(Qt::PlainText);
    m_basicFormNote->setAccessibleName(tr("Basic form note"));
    m_basicFormNote->hide();
    form->addRow(QString(), m_basicFormNote);
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
    form->addRow(tr("Client key:"), m_clientKey);
    form->addRow(tr("Client certificate:"), m_clientCert);
    m_keepRefresh->setToolTip(tr("Off by default: a refresh token is a long-lived credential."));
    form->addRow(QString(), m_keepRefresh);
    m_groupTitles << tr("Client");
}

void ProfileEditor::buildRequestPage()
{
    QFormLayout* form = nullptr;
    scrollPage(m_groups, tr("Request"), &form);
    m_scopes->setPlaceholderText(tr("openid profile email"));
    m_scopes->setToolTip(tr("Space-separated scopes; \"openid\" makes it an OpenID Connect request."));
    m_grant->setToolTip(tr("What the client does to get tokens: the run's Next step, and what the command "
                           "line's flow runs without a grant named. The server's grants come first."));
    addField(form, tr("Grant:"), m_grant, QStringLiteral("grant"));
    updateGrants();
    addField(form, tr("Scopes:"), m_scopes, QStringLiteral("scopes"));
    m_pkce->addItem(tr("S256 (recommended)"), QStringLiteral("S256"));
    m_pkce->addItem(tr("plain"), QStringLiteral("plain"));
    m_pkce->addItem(tr("None (testing servers only)"), QStringLiteral("none"));
    m_pkce->setToolTip(tr("PKCE binds the code to this client (RFC 7636)."));
    addField(form, tr("PKCE:"), m_pkce, QStringLiteral("pkceMethod"));
    m_dpop->setToolTip(tr("RFC 9449: every token request and every use of the access token carries a proof "
                          "signed with this profile's DPoP key, made at its first run and kept in the OS "
                          "keychain; the server binds the tokens to it."));
    addField(form, QString(), m_dpop, QStringLiteral("dpop"));
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
}

void ProfileEditor::buildAdvancedPage()
{
    QFormLayout* form = nullptr;
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
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("CA certificates to trust"), m_caFile->text(),
                                         tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
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
}

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
    m_fields.insert(key, field);
    m_groupOfField.insert(key, m_groups->count() - 1);
    return message;
}

// Environments: the same client against each stage, each setting only what differs.
void ProfileEditor::buildEnvironmentsPage()
{
    m_environmentsForm = new EnvironmentsForm(this);
    m_groups->addTab(m_environmentsForm, tr("Environments"));
    m_groupTitles << tr("Environments");
}

} // namespace oauth2dbg
