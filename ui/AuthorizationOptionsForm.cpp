#include "AuthorizationOptionsForm.h"

#include "PlainText.h"
#include "Theme.h"
#include "oauth/AuthorizationDetails.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/TokenGrants.h"
#include "session/ProfileFlow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QIntValidator>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace oauth2dbg {

AuthorizationOptionsForm::AuthorizationOptionsForm(QWidget* parent)
    : QWidget(parent)
    , m_scope(new QLineEdit(this))
    , m_scopeNote(new QLabel(this))
    , m_pkce(new QComboBox(this))
    , m_pkceWarning(new QLabel(this))
    , m_responseType(new QComboBox(this))
    , m_responseTypeWarning(new QLabel(this))
    , m_responseMode(new QComboBox(this))
    , m_pushed(new QCheckBox(tr("Push the request first (PAR, RFC 9126)"), this))
    , m_signed(new QCheckBox(tr("Sign the request with the client's key (JAR, RFC 9101)"), this))
    , m_prompt(new QComboBox(this))
    , m_loginHint(new QLineEdit(this))
    , m_maxAge(new QLineEdit(this))
    , m_acrValues(new QLineEdit(this))
    , m_resources(new QLineEdit(this))
    , m_audience(new QLineEdit(this))
    , m_extra(new QPlainTextEdit(this))
    , m_details(new QPlainTextEdit(this))
    , m_detailsNote(new QLabel(this))
    , m_redirectMode(new QComboBox(this))
    , m_redirectUri(new QLineEdit(this))
    , m_browser(new QLineEdit(this))
    , m_timeoutMinutes(new QSpinBox(this))
{
    m_scope->setToolTip(
        tr("Space-separated scopes; \"openid\" makes it an OpenID Connect request (with a nonce)."));
    m_pkce->addItem(tr("S256 (recommended)"), int(Pkce::Method::S256));
    m_pkce->addItem(tr("plain"), int(Pkce::Method::Plain));
    m_pkce->addItem(tr("None (testing servers only)"), int(Pkce::Method::None));
    m_pkce->setToolTip(
        tr("PKCE binds the code to this client: only who holds the verifier can redeem it (RFC 7636)."));
    m_pkceWarning->setWordWrap(true);
    m_scopeNote->setWordWrap(true);
    m_scopeNote->setStyleSheet(Theme::warningText());
    m_scopeNote->hide();
    m_pkceWarning->setStyleSheet(Theme::warningText());
    m_responseType->addItem(tr("code (authorization code flow)"), QStringLiteral("code"));
    m_responseType->addItem(tr("code id_token (hybrid)"), QStringLiteral("code id_token"));
    m_responseType->addItem(tr("code token (hybrid)"), QStringLiteral("code token"));
    m_responseType->addItem(tr("code id_token token (hybrid)"), QStringLiteral("code id_token token"));
    m_responseType->addItem(tr("id_token (implicit)"), QStringLiteral("id_token"));
    m_responseType->addItem(tr("id_token token (implicit, legacy)"), QStringLiteral("id_token token"));
    m_responseType->setToolTip(
        tr("response_type: what the sign-in returns. Hybrid and implicit answers come in the URL fragment; "
           "the listener's page hands it back, and the ID token is verified (nonce, at_hash, c_hash) before "
           "a code is exchanged."));
    m_responseTypeWarning->setWordWrap(true);
    m_responseTypeWarning->setStyleSheet(Theme::warningText());
    m_responseTypeWarning->hide();
    m_responseMode->addItem(tr("(server default)"), QString());
    m_responseMode->addItem(QStringLiteral("query"), QStringLiteral("query"));
    m_responseMode->addItem(QStringLiteral("form_post"), QStringLiteral("form_post"));
    m_responseMode->addItem(QStringLiteral("fragment"), QStringLiteral("fragment"));
    // JARM: the response as a JWT signed by the server, verified before it is read.
    for (const char* mode : {"jwt", "query.jwt", "fragment.jwt", "form_post.jwt"})
        m_responseMode->addItem(tr("%1 (signed response)").arg(QLatin1String(mode)),
                                QString::fromLatin1(mode));
    m_prompt->setEditable(true);
    m_prompt->addItems({QString(), QStringLiteral("login"), QStringLiteral("consent"),
                        QStringLiteral("select_account"), QStringLiteral("none"),
                        QStringLiteral("login consent")});
    m_prompt->setToolTip(
        tr("prompt: ask the server to show the sign-in or consent page again, or none at all."));
    m_maxAge->setValidator(new QIntValidator(0, 100'000'000, m_maxAge));
    m_maxAge->setPlaceholderText(tr("not sent"));
    m_resources->setPlaceholderText(tr("https://api.example.com/ (several: separate with spaces)"));
    m_resources->setToolTip(tr("RFC 8707 resource indicators: the APIs the token is for."));
    m_extra->setPlaceholderText(tr("one name=value per line"));
    m_details->setPlaceholderText(
        tr("[{\"type\": \"payment_initiation\", \"actions\": [\"initiate\"], \"instructedAmount\": "
           "{\"currency\": \"EUR\", \"amount\": \"12.50\"}}]"));
    m_details->setMaximumHeight(m_details->fontMetrics().lineSpacing() * 5 + 12);
    m_details->setToolTip(tr("authorization_details (RFC 9396): a JSON array of objects, each with its type; "
                             "checked as you type, sent as written. What the server grants is checked in the "
                             "Token step (RA-03)."));
    m_detailsNote->setWordWrap(true);
    m_detailsNote->setTextFormat(Qt::PlainText);
    m_detailsNote->hide();
    connect(m_details, &QPlainTextEdit::textChanged, this, &AuthorizationOptionsForm::updateDetailsNote);
    m_extra->setMaximumHeight(m_extra->fontMetrics().lineSpacing() * 4 + 12);
    m_redirectMode->addItem(tr("This machine, any port (recommended)"), LoopbackAnyPort);
    m_redirectMode->addItem(tr("This machine, fixed port and path"), LoopbackFixed);
    m_redirectMode->addItem(tr("Elsewhere: paste the final URL"), Manual);
    m_redirectMode->setToolTip(
        tr("Where the browser is sent back to. On this machine the debugger listens on the "
           "loopback interface only (RFC 8252)."));
    m_browser->setPlaceholderText(tr("the system browser (or a command, e.g. firefox --private-window %u)"));
    m_timeoutMinutes->setRange(1, 60);
    m_timeoutMinutes->setValue(5);
    m_timeoutMinutes->setSuffix(tr(" min"));
    m_responseMode->setToolTip(
        tr("response_mode: how the code comes back — in the redirect's query, or POSTed by a form "
           "(form_post); the .jwt modes (JARM) have the server sign the response, which is verified with its "
           "keys before its state and code are read."));
    m_loginHint->setToolTip(
        tr("login_hint: the account to pre-fill on the sign-in page (OIDC Core §3.1.2.1)."));
    m_maxAge->setToolTip(
        tr("max_age: the oldest sign-in, in seconds, the server may reuse; the ID token then carries "
           "auth_time."));
    m_acrValues->setToolTip(
        tr("acr_values: the authentication strength asked for (e.g. multi-factor); the ID token's acr "
           "says what was done."));
    m_audience->setToolTip(
        tr("audience: the API the token is meant for, as some servers (Auth0, Okta) name it."));
    m_extra->setToolTip(tr("Any other authorization parameter, sent as typed (one name=value per line)."));
    m_browser->setToolTip(
        tr("Which browser opens the sign-in page; %u stands for the URL. Empty: the system's default."));
    m_timeoutMinutes->setToolTip(
        tr("How long the loopback listener waits for the browser to come back before it closes."));

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Scope:"), m_scope);
    form->addRow(QString(), m_scopeNote);
    form->addRow(tr("PKCE:"), m_pkce);
    form->addRow(QString(), m_pkceWarning);
    form->addRow(tr("Response type:"), m_responseType);
    form->addRow(QString(), m_responseTypeWarning);
    form->addRow(tr("Response mode:"), m_responseMode);
    m_pushed->setToolTip(tr("Send the parameters to the server's pushed request endpoint with the client's "
                            "authentication; the browser then gets only client_id and request_uri. A server "
                            "that requires it gets pushed requests anyway."));
    form->addRow(QString(), m_pushed);
    m_signed->setToolTip(
        tr("Send the parameters as a request object: a JWT signed with the client's key, iss the "
           "client, aud the issuer. The timeline's Request object row shows it decoded."));
    form->addRow(QString(), m_signed);
    form->addRow(tr("Prompt:"), m_prompt);
    form->addRow(tr("Login hint:"), m_loginHint);
    form->addRow(tr("Max age (s):"), m_maxAge);
    form->addRow(tr("ACR values:"), m_acrValues);
    form->addRow(tr("Resources:"), m_resources);
    form->addRow(tr("Audience:"), m_audience);
    form->addRow(tr("Extra parameters:"), m_extra);
    form->addRow(tr("Authorization details:"), m_details);
    form->addRow(QString(), m_detailsNote);
    form->addRow(tr("Redirect:"), m_redirectMode);
    form->addRow(tr("Redirect URI:"), m_redirectUri);
    form->addRow(tr("Browser:"), m_browser);
    form->addRow(tr("Wait at most:"), m_timeoutMinutes);

    connect(m_pkce, &QComboBox::currentIndexChanged, this, &AuthorizationOptionsForm::updateHints);
    connect(m_responseType, &QComboBox::currentIndexChanged, this, &AuthorizationOptionsForm::updateHints);
    connect(m_scope, &QLineEdit::textChanged, this, &AuthorizationOptionsForm::updateHints);
    connect(m_redirectMode, &QComboBox::currentIndexChanged, this, &AuthorizationOptionsForm::updateHints);
    updateHints();
}

AuthorizationOptionsForm::~AuthorizationOptionsForm() = default;

void AuthorizationOptionsForm::setProfile(const Profile& profile, bool resetFields)
{
    const Profile previous = m_profile;
    const QString previousBrowser = m_profile.browserCommand;
    m_profile = profile;
    if (!resetFields) {
        // The profile's values changed (an edit): fields the user left at the profile's value follow it.
        if (m_scope->text() == previous.scopes)
            m_scope->setText(profile.scopes);
        if (m_redirectUri->text() == previous.redirectUri)
            m_redirectUri->setText(profile.redirectUri);
        if (m_extra->toPlainText() == parameterLines(previous.authorizationParameters))
            m_extra->setPlainText(parameterLines(profile.authorizationParameters));
        if (m_responseType->currentData().toString() == ProfileFlow::responseTypeOf(previous.grant))
            m_responseType->setCurrentIndex(
                std::max(0, m_responseType->findData(ProfileFlow::responseTypeOf(profile.grant))));
        updateHints();
        return;
    }
    m_scope->setText(profile.scopes);
    m_pkce->setCurrentIndex(std::max(0, m_pkce->findData(int(ProfileFlow::pkceMethod(profile.pkceMethod)))));
    const int mode = profile.redirectMode == u"loopback-fixed" ? LoopbackFixed
                     : profile.redirectMode == u"manual"       ? Manual
                                                               : LoopbackAnyPort;
    m_redirectMode->setCurrentIndex(m_redirectMode->findData(mode));
    m_redirectUri->setText(profile.redirectUri);
    m_extra->setPlainText(parameterLines(profile.authorizationParameters));
    m_responseType->setCurrentIndex(
        std::max(0, m_responseType->findData(ProfileFlow::responseTypeOf(profile.grant))));
    m_timeoutMinutes->setValue(profile.browserTimeoutMinutes);
    // A browser given for this session (--browser, or typed here) stays until the user changes it.
    if (m_browser->text() == previousBrowser)
        m_browser->setText(profile.browserCommand);
}

QString AuthorizationOptionsForm::browserCommand() const
{
    const QString typed = m_browser->text().trimmed();
    return typed.isEmpty() ? m_defaultBrowser : typed;
}

void AuthorizationOptionsForm::setDefaultBrowser(const QString& command)
{
    m_defaultBrowser = command;
    m_browser->setPlaceholderText(
        command.isEmpty() ? tr("the system browser (or a command, e.g. firefox --private-window %u)")
                          : tr("the default from Settings: %1").arg(command));
}

void AuthorizationOptionsForm::updateHints()
{
    const auto method = Pkce::Method(m_pkce->currentData().toInt());
    m_pkceWarning->setText(method == Pkce::Method::None
                               ? tr("Without PKCE a stolen code can be redeemed by anyone. "
                                    "Public clients must use it (RFC 9700 §2.1.1).")
                           : method == Pkce::Method::Plain ? tr("plain sends the verifier itself; use S256.")
                                                           : QString());
    m_pkceWarning->setVisible(method != Pkce::Method::S256);
    // An access token in the front channel (RFC 9700 §2.1.2), said here before anything is sent.
    const bool frontToken = m_responseType->currentData().toString().split(u' ').contains(u"token");
    m_responseTypeWarning->setText(frontToken ? TokenGrants::legacyWarning(QStringLiteral("implicit")).message
                                              : QString());
    m_responseTypeWarning->setVisible(frontToken);
    const int mode = m_redirectMode->currentData().toInt();
    m_redirectUri->setEnabled(mode != LoopbackAnyPort);
    m_redirectUri->setPlaceholderText(mode == LoopbackFixed ? tr("http://127.0.0.1:8080/callback")
                                      : mode == Manual      ? tr("https://app.example.com/callback")
                                                            : tr("chosen when the flow starts"));
    const bool ownScope = m_scope->text().simplified() != m_profile.scopes.simplified();
    m_scopeNote->setText(
        ownScope
            ? tr("For this run only; the profile asks for \"%1\".").arg(PlainText::line(m_profile.scopes))
            : QString());
    m_scopeNote->setVisible(ownScope);
}

AuthorizationSettings AuthorizationOptionsForm::settings(const DiscoveryResult& discovery,
                                                         QString* error) const
{
    // The profile as this form has it for this run; the rest are per-request choices.
    Profile profile = m_profile;
    profile.grant = QStringLiteral("authorization_code"); // the response type is this form's to say
    profile.scopes = m_scope->text();
    profile.pkceMethod = ProfileFlow::pkceName(Pkce::Method(m_pkce->currentData().toInt()));
    const int mode = m_redirectMode->currentData().toInt();
    profile.redirectMode = mode == LoopbackFixed ? QStringLiteral("loopback-fixed")
                           : mode == Manual      ? QStringLiteral("manual")
                                                 : QStringLiteral("loopback");
    profile.redirectUri = m_redirectUri->text();
    profile.browserTimeoutMinutes = m_timeoutMinutes->value();
    QString badLine;
    profile.authorizationParameters = parseParameterLines(m_extra->toPlainText(), &badLine);
    if (!badLine.isEmpty()) {
        *error = tr("Extra parameters: \"%1\" is not name=value.").arg(badLine);
        return {};
    }
    AuthorizationSettings s = ProfileFlow::authorizationSettings(profile, discovery, error);
    if (!error->isEmpty())
        return {};
    AuthorizationParameters& p = s.parameters;
    p.responseMode = m_responseMode->currentData().toString();
    p.prompt = m_prompt->currentText().simplified();
    p.loginHint = m_loginHint->text().trimmed();
    p.maxAge = m_maxAge->text().isEmpty() ? -1 : m_maxAge->text().toInt();
    p.acrValues = m_acrValues->text().simplified();
    p.resources = m_resources->text().split(u' ', Qt::SkipEmptyParts);
    p.audience = m_audience->text().trimmed();
    s.listener.acceptFormPost = p.responseMode == u"form_post";
    s.pushed = m_pushed->isChecked();
    s.signedRequest = m_signed->isChecked();
    if (const QString type = m_responseType->currentData().toString(); type != u"code")
        ProfileFlow::setResponseType(&s, type);
    if (const QString details = m_details->toPlainText().trimmed(); !details.isEmpty()) {
        for (const Finding& f : AuthorizationDetails::check(details, discovery.metadata))
            if (f.severity == Severity::Error) {
                *error = tr("Authorization details: %1").arg(f.message);
                return {};
            }
        p.extra.append({QStringLiteral("authorization_details"), details});
    }
    return s;
}

void AuthorizationOptionsForm::updateDetailsNote()
{
    const QString details = m_details->toPlainText().trimmed();
    m_detailsNote->setVisible(!details.isEmpty());
    if (details.isEmpty())
        return;
    const QJsonObject metadata = m_metadata ? m_metadata() : QJsonObject();
    QStringList lines;
    bool bad = false;
    for (const Finding& f : AuthorizationDetails::check(details, metadata)) {
        lines << f.rule % u"  " % f.message;
        bad = bad || f.severity != Severity::Info;
    }
    if (const QJsonArray types = metadata.value(u"authorization_details_types_supported").toArray();
        !types.isEmpty())
        lines << tr("The server takes: %1.").arg(QVariant(types.toVariantList()).toStringList().join(u", "));
    m_detailsNote->setText(PlainText::shown(lines.join(u'\n')));
    m_detailsNote->setStyleSheet(bad ? Theme::warningText() : QString());
}

} // namespace oauth2dbg
