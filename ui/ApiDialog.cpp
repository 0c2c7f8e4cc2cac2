#include "ApiDialog.h"

#include "PlainText.h"
#include "session/FlowSession.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace oauth2dbg {

ApiDialog::ApiDialog(FlowSession* session, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_body(new QPlainTextEdit(this))
    , m_scheme(new QLabel(this))
    , m_send(new QPushButton(tr("&Send"), this))
    , m_status(new QLabel(this))
    , m_answer(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Call an API with the access token"));
    for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"})
        m_method->addItem(QString::fromLatin1(method));
    m_url->setPlaceholderText(tr("https://api.example.com/orders?page=1"));
    m_headers->setPlaceholderText(tr("Accept: application/json\n(one \"Name: value\" a line)"));
    m_body->setPlaceholderText(tr("The body, sent as written (with POST, PUT, PATCH)"));
    for (QPlainTextEdit* box : {m_headers, m_body})
        box->setFixedHeight(70);
    m_answer->setReadOnly(true);
    m_answer->setPlaceholderText(tr("The answer comes here."));
    for (QLabel* label : {m_scheme, m_status}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
    }
    const bool dpop = session->profile().dpop;
    m_scheme->setText(
        dpop ? tr("The token goes as \"Authorization: DPoP\", with a proof of this request signed "
                  "with the profile's DPoP key (RFC 9449 §7.1).")
             : tr("The token goes as \"Authorization: Bearer\" (RFC 6750 §2.1). The URL you type "
                  "is where it goes: only to a server you trust with it."));
    auto* form = new QFormLayout;
    auto* target = new QHBoxLayout;
    target->addWidget(m_method);
    target->addWidget(m_url, 1);
    form->addRow(tr("Request:"), target);
    form->addRow(tr("Headers:"), m_headers);
    form->addRow(tr("Body:"), m_body);
    form->addRow(QString(), m_scheme);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_send, QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_answer, 1);
    resize(760, 560);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, &ApiDialog::updateSend);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &ApiDialog::updateSend);
    connect(m_send, &QPushButton::clicked, this, [this] {
        QString problem;
        FlowInput input;
        input.api = request(&problem);
        if (!problem.isEmpty())
            return m_status->setText(problem);
        m_status->setText(tr("Sending…"));
        m_answer->clear();
        Q_EMIT sendRequested(FlowGoal::CallApi, input);
    });
    connect(session, &FlowSession::operationFinished, this, [this](const OperationResult& result) {
        if (result.kind == OperationResult::Kind::ApiCall)
            showAnswer(result);
    });
    updateSend();
}

ApiDialog::~ApiDialog() = default;

HttpRequest ApiDialog::request(QString* problem) const
{
    HttpRequest r{.method = m_method->currentText().toLatin1(),
                  .url = QUrl(m_url->text().trimmed(), QUrl::StrictMode),
                  .body = m_body->toPlainText().toUtf8()};
    if (!r.url.isValid() || r.url.scheme().isEmpty() || r.url.host().isEmpty())
        *problem = tr("The URL is not a full URL (https://host/path).");
    const QStringList lines = m_headers->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const QString name = line.section(u':', 0, 0).trimmed();
        if (!line.contains(u':') || name.isEmpty() || name.contains(u' ')) {
            *problem =
                tr("A header line is \"Name: value\": \"%1\" is not.").arg(PlainText::line(line.left(80)));
            break;
        }
        if (name.compare(u"Authorization", Qt::CaseInsensitive) == 0 ||
            name.compare(u"DPoP", Qt::CaseInsensitive) == 0) {
            *problem = tr("Authorization and DPoP are set from the run's token; leave them out.");
            break;
        }
        r.headers.append({name.toLatin1(), line.section(u':', 1).trimmed().toUtf8()});
    }
    return r;
}

void ApiDialog::updateSend()
{
    m_send->setEnabled(!m_url->text().trimmed().isEmpty() && !m_session->tokens().accessToken.isEmpty());
    m_send->setToolTip(m_session->tokens().accessToken.isEmpty() ? tr("This run has no access token yet.")
                                                                 : QString());
}

void ApiDialog::showAnswer(const OperationResult& result)
{
    QString text;
    for (const Finding& f : result.checks)
        text += f.rule % u"  " % f.message % u'\n';
    if (!result.rawBody.isEmpty()) {
        const QJsonDocument json = QJsonDocument::fromJson(result.rawBody);
        text += u'\n' % (json.isNull() ? QString::fromUtf8(result.rawBody)
                                       : QString::fromUtf8(json.toJson(QJsonDocument::Indented)));
    }
    m_status->setText(PlainText::line(
        result.error.isError() ? result.error.message % u' ' % result.error.detail : result.summary));
    m_answer->setPlainText(PlainText::shown(text));
}

} // namespace oauth2dbg
