#include "GrantDialog.h"

#include "Theme.h"
#include "oauth/TokenGrants.h"
#include "session/FlowSession.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
constexpr qint64 kMaxKeyFile = 64 * 1024; // a key is far smaller; a device is endless

struct GrantChoice {
    FlowGoal goal;
    const char* grantType;
    const char* label;
};
const GrantChoice kChoices[] = {
    {FlowGoal::TokenExchange, TokenGrants::kTokenExchange,
     QT_TRANSLATE_NOOP("GrantDialog", "Token exchange (RFC 8693)")},
    {FlowGoal::JwtBearer, TokenGrants::kJwtBearer, QT_TRANSLATE_NOOP("GrantDialog", "JWT bearer (RFC 7523)")},
    {FlowGoal::Password, TokenGrants::kPassword,
     QT_TRANSLATE_NOOP("GrantDialog", "Password (legacy: RFC 9700 forbids it)")},
};

QComboBox* typeBox(QWidget* parent, bool optional)
{
    auto* box = new QComboBox(parent);
    box->setEditable(true); // a server's own URI may be typed
    if (optional)
        box->addItem(QString());
    box->addItems(TokenGrants::tokenTypeNames());
    return box;
}
} // namespace

GrantDialog::GrantDialog(FlowSession* session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
{
    setWindowTitle(tr("Other grant"));
    m_grant = new QComboBox(this);
    m_pages = new QStackedWidget(this);
    // The grants the server lists first (grant_types_supported), each with a word on whether it does.
    const QJsonArray listed = session->discovery().metadata.value(u"grant_types_supported").toArray();
    for (const bool first : {true, false})
        for (const GrantChoice& c : kChoices)
            if (listed.contains(QLatin1String(c.grantType)) == first)
                m_grant->addItem(first || listed.isEmpty()
                                     ? tr(c.label)
                                     : tr("%1 — not listed by the server").arg(tr(c.label)),
                                 int(c.goal));
    m_pages->addWidget(exchangePage());
    m_pages->addWidget(bearerPage());
    m_pages->addWidget(passwordPage());
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setStyleSheet(Theme::warningText());
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_send->setDefault(true);
    auto* layout = new QVBoxLayout(this);
    auto* top = new QFormLayout;
    top->addRow(tr("&Grant:"), m_grant);
    layout->addLayout(top);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_send, &QPushButton::clicked, this, [this] {
        Q_EMIT sendRequested(goal(), input());
        accept();
    });
    connect(m_grant, &QComboBox::currentIndexChanged, this, [this] {
        m_pages->setCurrentIndex(int(goal()) - int(FlowGoal::TokenExchange));
        updatePreview();
        updateSend();
    });
    m_pages->setCurrentIndex(int(goal()) - int(FlowGoal::TokenExchange));
    resize(620, 480);
    updatePreview();
    updateSend();
}

GrantDialog::~GrantDialog() = default;

QWidget* GrantDialog::exchangePage()
{
    auto* page = new QWidget(this);
    m_subject = new QComboBox(page);
    m_subject->addItem(tr("this run's access token"), QStringLiteral("access_token"));
    m_subject->addItem(tr("this run's refresh token"), QStringLiteral("refresh_token"));
    m_subject->addItem(tr("this run's ID token"), QStringLiteral("id_token"));
    m_subject->addItem(tr("a token pasted below"), QString());
    m_pastedSubject = new QLineEdit(page);
    m_pastedSubject->setEchoMode(QLineEdit::Password);
    m_pastedSubject->setPlaceholderText(tr("paste a token (used for this request only, never stored)"));
    m_subjectType = typeBox(page, false);
    m_actor = new QLineEdit(page);
    m_actor->setEchoMode(QLineEdit::Password);
    m_actor->setPlaceholderText(tr("optional: the token of whoever acts for the subject"));
    m_actorType = typeBox(page, true);
    m_requestedType = typeBox(page, true);
    m_requestedType->setToolTip(tr("Empty: the server's choice, usually an access token"));
    m_audience = new QLineEdit(page);
    m_audience->setPlaceholderText(tr("the service the new token is for (audience)"));
    m_resource = new QLineEdit(page);
    m_resource->setPlaceholderText(tr("https://api.example.com/ (resource; several: spaces)"));
    auto* form = new QFormLayout(page);
    form->addRow(tr("S&ubject token:"), m_subject);
    form->addRow(QString(), m_pastedSubject);
    form->addRow(tr("Subject token &type:"), m_subjectType);
    form->addRow(tr("&Actor token:"), m_actor);
    form->addRow(tr("Actor token type:"), m_actorType);
    form->addRow(tr("&Requested token type:"), m_requestedType);
    form->addRow(tr("Au&dience:"), m_audience);
    form->addRow(tr("Reso&urce:"), m_resource);
    // Choosing one of this run's tokens names its type too.
    connect(m_subject, &QComboBox::currentIndexChanged, this, [this] {
        const QString type = m_subject->currentData().toString();
        m_pastedSubject->setEnabled(type.isEmpty());
        if (!type.isEmpty())
            m_subjectType->setCurrentText(type);
        updateSend();
    });
    m_pastedSubject->setEnabled(false);
    connect(m_pastedSubject, &QLineEdit::textChanged, this, &GrantDialog::updateSend);
    return page;
}

QWidget* GrantDialog::bearerPage()
{
    auto* page = new QWidget(this);
    m_keyLabel = new QLabel(page);
    m_keyLabel->setTextFormat(Qt::PlainText);
    m_keyLabel->setWordWrap(true);
    auto* choose = new QPushButton(tr("Key &file…"), page);
    choose->setToolTip(
        tr("A private key (PEM or JWK) to sign the assertion with; read for this dialog only"));
    m_assertionIssuer = new QLineEdit(page);
    m_assertionIssuer->setPlaceholderText(m_session->profile().clientId);
    m_assertionSubject = new QLineEdit(page);
    m_assertionSubject->setPlaceholderText(tr("the user or service the token is for"));
    m_assertionAudience = new QLineEdit(page);
    m_assertionAudience->setPlaceholderText(tr("the token endpoint (\"issuer\" for the issuer)"));
    m_lifetime = new QSpinBox(page);
    m_lifetime->setRange(1, 86'400);
    m_lifetime->setValue(300);
    m_lifetime->setSuffix(tr(" s"));
    m_preview = new QPlainTextEdit(page);
    m_preview->setReadOnly(true);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyLabel, 1);
    keyRow->addWidget(choose);
    auto* form = new QFormLayout(page);
    form->addRow(tr("Signing key:"), keyRow);
    form->addRow(tr("&iss:"), m_assertionIssuer);
    form->addRow(tr("&sub:"), m_assertionSubject);
    form->addRow(tr("a&ud:"), m_assertionAudience);
    form->addRow(tr("&Lifetime (exp):"), m_lifetime);
    form->addRow(tr("Decoded:"), m_preview);
    connect(choose, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("The assertion's private key"));
        if (!path.isEmpty())
            useKeyFile(path);
    });
    for (QLineEdit* edit : {m_assertionIssuer, m_assertionSubject, m_assertionAudience})
        connect(edit, &QLineEdit::textChanged, this, [this] {
            updatePreview();
            updateSend();
        });
    connect(m_lifetime, &QSpinBox::valueChanged, this, &GrantDialog::updatePreview);
    return page;
}

QWidget* GrantDialog::passwordPage()
{
    auto* page = new QWidget(this);
    m_warning = new QLabel(TokenGrants::legacyWarning(QStringLiteral("password")).message, page);
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setStyleSheet(Theme::warningText());
    m_username = new QLineEdit(page);
    m_password = new QLineEdit(page);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("sent once, never stored or shown"));
    auto* form = new QFormLayout(page);
    form->addRow(m_warning);
    form->addRow(tr("User &name:"), m_username);
    form->addRow(tr("Pass&word:"), m_password);
    for (QLineEdit* edit : {m_username, m_password})
        connect(edit, &QLineEdit::textChanged, this, &GrantDialog::updateSend);
    return page;
}

void GrantDialog::choose(FlowGoal goal)
{
    m_grant->setCurrentIndex(m_grant->findData(int(goal)));
}

FlowGoal GrantDialog::goal() const
{
    return FlowGoal(m_grant->currentData().toInt());
}

FlowInput GrantDialog::input() const
{
    FlowInput in;
    GrantInput& g = in.grant;
    switch (goal()) {
    case FlowGoal::TokenExchange:
        if (m_subject->currentData().toString().isEmpty())
            g.subjectToken = Secret(m_pastedSubject->text().trimmed().toUtf8());
        g.subjectTokenType = m_subjectType->currentText().trimmed();
        g.actorToken = Secret(m_actor->text().trimmed().toUtf8());
        g.actorTokenType = m_actorType->currentText().trimmed();
        g.requestedTokenType = m_requestedType->currentText().trimmed();
        in.audience = m_audience->text().trimmed();
        in.resources = m_resource->text().split(u' ', Qt::SkipEmptyParts);
        break;
    case FlowGoal::JwtBearer:
        g.assertionKey = m_key;
        g.assertionIssuer = m_assertionIssuer->text().trimmed();
        g.assertionSubject = m_assertionSubject->text().trimmed();
        g.assertionAudience = m_assertionAudience->text().trimmed();
        g.assertionLifetime = m_lifetime->value();
        break;
    default:
        g.username = m_username->text().trimmed();
        g.password = Secret(m_password->text().toUtf8());
        break;
    }
    return in;
}

bool GrantDialog::useKeyFile(const QString& path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    if (!file.open(QIODevice::ReadOnly) || file.isSequential()) {
        m_keyLabel->setText(tr("%1 cannot be read as a key file.").arg(name));
        return false;
    }
    const QByteArray contents = file.read(kMaxKeyFile + 1);
    if (contents.size() > kMaxKeyFile) {
        m_keyLabel->setText(tr("%1 is larger than 64 KiB: not a key.").arg(name));
        return false;
    }
    const SigningKey key = SigningKey::fromFile(Secret(contents));
    if (!key.usable()) {
        m_keyLabel->setText(tr("%1: %2").arg(name, key.problem));
        return false;
    }
    m_key = Secret(contents);
    m_keyName = name;
    updatePreview();
    updateSend();
    return true;
}

void GrantDialog::updatePreview()
{
    if (goal() != FlowGoal::JwtBearer)
        return;
    m_keyLabel->setText(!m_key.isEmpty()
                            ? tr("%1 (for this dialog only)").arg(m_keyName)
                            : tr("the client's key of this run, if it has one; or choose a file"));
    const ClientAssertion a = m_session->bearerAssertion(input().grant);
    if (!a.ok()) {
        m_preview->setPlainText(a.error);
        return;
    }
    m_preview->setPlainText(
        tr("Signed %1.\nHeader: %2\nClaims: %3\n(jti and iat are made anew when it is sent.)")
            .arg(a.signedWith, QString::fromUtf8(QJsonDocument(a.header).toJson(QJsonDocument::Indented)),
                 QString::fromUtf8(QJsonDocument(a.claims).toJson(QJsonDocument::Indented))));
}

void GrantDialog::updateSend()
{
    QString problem;
    switch (goal()) {
    case FlowGoal::TokenExchange: {
        const QString own = m_subject->currentData().toString();
        if (own.isEmpty() ? m_pastedSubject->text().trimmed().isEmpty() : m_session->ownToken(own).isEmpty())
            problem = own.isEmpty() ? tr("Paste the subject token.")
                                    : tr("This run has no %1 yet: get tokens first, or paste one.")
                                          .arg(m_subject->currentText().section(u' ', 2));
        break;
    }
    case FlowGoal::JwtBearer:
        if (const ClientAssertion a = m_session->bearerAssertion(input().grant); !a.ok())
            problem = a.error;
        break;
    default:
        if (m_username->text().trimmed().isEmpty() || m_password->text().isEmpty())
            problem = tr("Give the user's name and password.");
        break;
    }
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_send->setEnabled(problem.isEmpty() && !m_session->requestInFlight());
}

} // namespace oauth2dbg
