#include "EnvironmentsForm.h"

#include "PlainText.h"
#include "Theme.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
QPlainTextEdit* linesBox(QWidget* parent, const QString& accessibleName)
{
    auto* box = new QPlainTextEdit(parent);
    box->setTabChangesFocus(true);
    box->setAccessibleName(accessibleName);
    box->setMaximumHeight(box->fontMetrics().lineSpacing() * 3 + 12);
    return box;
}

QString hint(const QString& value, const QString& none)
{
    return value.isEmpty() ? none : EnvironmentsForm::tr("profile's: %1").arg(PlainText::line(value));
}
} // namespace

EnvironmentsForm::EnvironmentsForm(QWidget* parent)
    : QWidget(parent)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("&Add environment"), this))
    , m_remove(new QPushButton(tr("Remo&ve"), this))
    , m_form(new QWidget(this))
    , m_name(new QLineEdit(m_form))
    , m_issuer(new QLineEdit(m_form))
    , m_clientId(new QLineEdit(m_form))
    , m_redirectMode(new QComboBox(m_form))
    , m_redirectUri(new QLineEdit(m_form))
    , m_endpoints(linesBox(m_form, tr("Endpoints of the environment")))
    , m_authorizationParameters(linesBox(m_form, tr("Authorization parameters of the environment")))
    , m_tokenParameters(linesBox(m_form, tr("Token parameters of the environment")))
    , m_message(new QLabel(this))
{
    auto* intro = new QLabel(tr("The same client against each stage (dev, staging, prod …): an environment "
                                "sets only what differs, and keeps its own client secret (store it in the "
                                "Client tab while the toolbar shows the environment)."),
                             this);
    intro->setWordWrap(true);
    m_list->setAccessibleName(tr("Environments"));
    m_list->setMaximumWidth(200);
    m_add->setAccessibleName(tr("Add environment"));
    m_remove->setAccessibleName(tr("Remove environment"));
    m_name->setAccessibleName(tr("Environment name"));
    m_issuer->setAccessibleName(tr("Environment issuer"));
    m_clientId->setAccessibleName(tr("Environment client_id"));
    m_redirectMode->setAccessibleName(tr("Environment redirect"));
    m_redirectUri->setAccessibleName(tr("Environment redirect URI"));
    m_redirectMode->addItem(tr("The profile's"), QString());
    m_redirectMode->addItem(tr("Loopback, any port"), QStringLiteral("loopback"));
    m_redirectMode->addItem(tr("Loopback, fixed port"), QStringLiteral("loopback-fixed"));
    m_redirectMode->addItem(tr("Manual (paste the final URL)"), QStringLiteral("manual"));
    m_endpoints->setPlaceholderText(tr("token_endpoint=https://… (one per line; the profile's otherwise)"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setStyleSheet(Theme::warningText());

    auto* form = new QFormLayout(m_form);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Issuer:"), m_issuer);
    form->addRow(tr("Endpoin&ts:"), m_endpoints);
    form->addRow(tr("C&lient ID:"), m_clientId);
    form->addRow(tr("Redirec&t:"), m_redirectMode);
    form->addRow(tr("Redirect &URI:"), m_redirectUri);
    form->addRow(tr("Authori&zation parameters:"), m_authorizationParameters);
    form->addRow(tr("Token para&meters:"), m_tokenParameters);

    auto* side = new QVBoxLayout;
    side->addWidget(m_list, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    side->addLayout(buttons);
    auto* columns = new QHBoxLayout;
    columns->addLayout(side);
    columns->addWidget(m_form, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(columns, 1);
    layout->addWidget(m_message);

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_loading)
            showRow(row);
    });
    connect(m_add, &QPushButton::clicked, this, &EnvironmentsForm::addEnvironment);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (m_current < 0)
            return;
        m_rows.removeAt(m_current);
        m_current = -1;
        refreshList();
        Q_EMIT edited();
    });
    const auto changed = [this] {
        if (m_loading)
            return;
        takeEdits();
        Q_EMIT edited();
    };
    for (QLineEdit* edit : {m_name, m_issuer, m_clientId, m_redirectUri})
        connect(edit, &QLineEdit::textChanged, this, changed);
    for (QPlainTextEdit* box : {m_endpoints, m_authorizationParameters, m_tokenParameters})
        connect(box, &QPlainTextEdit::textChanged, this, changed);
    connect(m_redirectMode, &QComboBox::currentIndexChanged, this, changed);
    refreshList();
}

EnvironmentsForm::~EnvironmentsForm() = default;

EnvironmentsForm::Row EnvironmentsForm::rowOf(const ProfileEnvironment& environment)
{
    Parameters endpoints;
    for (auto it = environment.endpoints.cbegin(); it != environment.endpoints.cend(); ++it)
        endpoints.append({it.key(), it.value()});
    return {environment, parameterLines(endpoints), parameterLines(environment.authorizationParameters),
            parameterLines(environment.tokenParameters)};
}

QStringList EnvironmentsForm::badLines(const Row& row)
{
    QStringList bad;
    for (const QString& text : {row.endpoints, row.authorizationParameters, row.tokenParameters}) {
        QString line;
        (void)parseParameterLines(text, &line);
        if (!line.isEmpty())
            bad << line;
    }
    return bad;
}

void EnvironmentsForm::setEnvironments(const QList<ProfileEnvironment>& environments)
{
    m_rows.clear();
    for (const ProfileEnvironment& environment : environments)
        m_rows << rowOf(environment);
    m_current = -1;
    refreshList();
}

QList<ProfileEnvironment> EnvironmentsForm::environments() const
{
    QList<ProfileEnvironment> all;
    for (const Row& row : m_rows)
        all << row.environment;
    return all;
}

void EnvironmentsForm::setBase(const Profile& base)
{
    m_issuer->setPlaceholderText(hint(base.issuer, tr("the profile's (none: endpoints by hand)")));
    m_clientId->setPlaceholderText(hint(base.clientId, tr("the profile's")));
    m_redirectUri->setPlaceholderText(hint(base.redirectUri, tr("for a fixed or manual redirect")));
    m_authorizationParameters->setPlaceholderText(
        tr("name=value, one per line: replaces the profile's parameter of that name, or adds one"));
    m_tokenParameters->setPlaceholderText(m_authorizationParameters->placeholderText());
}

void EnvironmentsForm::addEnvironment()
{
    QStringList ids;
    QStringList names;
    for (const Row& row : std::as_const(m_rows)) {
        ids << row.environment.id;
        names << row.environment.name.toLower();
    }
    QString name = tr("New environment");
    for (int n = 2; names.contains(name.toLower()); ++n)
        name = tr("New environment %1").arg(n);
    ProfileEnvironment environment;
    environment.name = name;
    environment.id = ProfileEnvironment::idFor(name, ids);
    m_rows << rowOf(environment);
    m_current = int(m_rows.size()) - 1;
    refreshList();
    Q_EMIT edited();
    m_name->setFocus(Qt::OtherFocusReason);
    m_name->selectAll();
}

void EnvironmentsForm::refreshList()
{
    m_loading = true;
    m_list->clear();
    for (int i = 0; i < m_rows.size(); ++i) {
        const bool needsLook = m_problems.contains(i) || !badLines(m_rows.at(i)).isEmpty();
        m_list->addItem(PlainText::line(m_rows.at(i).environment.name) % (needsLook ? u" ⚠" : u""));
    }
    if (m_current < 0 && !m_rows.isEmpty())
        m_current = 0;
    m_current = std::min(m_current, int(m_rows.size()) - 1);
    m_list->setCurrentRow(m_current);
    m_loading = false;
    showRow(m_current);
}

void EnvironmentsForm::showRow(int index)
{
    m_current = index;
    m_loading = true;
    const bool any = index >= 0 && index < m_rows.size();
    m_form->setEnabled(any);
    m_remove->setEnabled(any);
    const Row row = any ? m_rows.at(index) : Row{};
    const ProfileEnvironment& e = row.environment;
    m_name->setText(e.name);
    m_issuer->setText(e.issuer);
    m_clientId->setText(e.clientId);
    m_redirectMode->setCurrentIndex(std::max(0, m_redirectMode->findData(e.redirectMode)));
    m_redirectUri->setText(e.redirectUri);
    m_endpoints->setPlainText(row.endpoints);
    m_authorizationParameters->setPlainText(row.authorizationParameters);
    m_tokenParameters->setPlainText(row.tokenParameters);
    m_redirectUri->setEnabled(!e.redirectMode.isEmpty() && e.redirectMode != u"loopback");
    m_loading = false;
    showMessages();
}

void EnvironmentsForm::takeEdits()
{
    if (m_current < 0 || m_current >= m_rows.size())
        return;
    Row& row = m_rows[m_current];
    ProfileEnvironment& e = row.environment;
    e.name = m_name->text().trimmed();
    e.issuer = m_issuer->text().trimmed();
    e.clientId = m_clientId->text().trimmed();
    e.redirectMode = m_redirectMode->currentData().toString();
    e.redirectUri = e.redirectMode.isEmpty() || e.redirectMode == u"loopback"
                        ? QString()
                        : m_redirectUri->text().trimmed();
    m_redirectUri->setEnabled(!e.redirectMode.isEmpty() && e.redirectMode != u"loopback");
    row.endpoints = m_endpoints->toPlainText();
    row.authorizationParameters = m_authorizationParameters->toPlainText();
    row.tokenParameters = m_tokenParameters->toPlainText();
    e.endpoints.clear();
    for (const auto& [name, url] : parseParameterLines(row.endpoints))
        e.endpoints.insert(name, url);
    e.authorizationParameters = parseParameterLines(row.authorizationParameters);
    e.tokenParameters = parseParameterLines(row.tokenParameters);
    if (QListWidgetItem* item = m_list->item(m_current))
        item->setText(PlainText::line(e.name));
}

void EnvironmentsForm::setProblems(const QList<FieldProblem>& problems)
{
    m_problems.clear();
    for (const FieldProblem& problem : problems) {
        const QStringList parts = problem.field.split(u'.');
        if (parts.size() < 3 || parts.at(0) != u"environments")
            continue;
        m_problems[parts.at(1).toInt()] << problem.message;
    }
    for (int i = 0; i < m_list->count(); ++i) {
        const bool needsLook = m_problems.contains(i) || !badLines(m_rows.at(i)).isEmpty();
        m_list->item(i)->setText(PlainText::line(m_rows.at(i).environment.name) % (needsLook ? u" ⚠" : u""));
    }
    showMessages();
}

qsizetype EnvironmentsForm::badLineCount() const
{
    qsizetype count = 0;
    for (const Row& row : m_rows)
        count += badLines(row).size();
    return count;
}

void EnvironmentsForm::showMessages()
{
    QStringList lines = m_problems.value(m_current);
    if (m_current >= 0 && m_current < m_rows.size()) {
        for (const QString& line : badLines(m_rows.at(m_current)))
            lines << tr("\"%1\" is not name=value.").arg(PlainText::line(line));
    }
    m_message->setText(lines.join(u'\n'));
    m_message->setVisible(!lines.isEmpty());
}

void EnvironmentsForm::focusProblem(const QString& field)
{
    int index = -1;
    QString member;
    if (const QStringList parts = field.split(u'.'); parts.size() >= 3 && parts.at(0) == u"environments") {
        index = parts.at(1).toInt();
        member = parts.at(2);
    } else {
        for (int i = 0; i < m_rows.size() && index < 0; ++i)
            if (!badLines(m_rows.at(i)).isEmpty())
                index = i;
        member = QStringLiteral("authorizationParameters");
    }
    if (index < 0 || index >= m_rows.size())
        return;
    m_list->setCurrentRow(index);
    const QHash<QString, QWidget*> controls{
        {QStringLiteral("issuer"), m_issuer},
        {QStringLiteral("clientId"), m_clientId},
        {QStringLiteral("endpoints"), m_endpoints},
        {QStringLiteral("redirectMode"), m_redirectMode},
        {QStringLiteral("redirectUri"), m_redirectUri},
        {QStringLiteral("authorizationParameters"), m_authorizationParameters},
        {QStringLiteral("tokenParameters"), m_tokenParameters}};
    QWidget* control = controls.value(member, m_name);
    control->setFocus(Qt::OtherFocusReason);
}

} // namespace oauth2dbg
