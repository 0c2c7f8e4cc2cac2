#include "TokenInspector.h"

#include "FindingsView.h"
#include "PlainText.h"
#include "SecretClipboard.h"
#include "TabWidget.h"
#include "Theme.h"
#include "common/Seconds.h"
#include "traffic/ExchangeText.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
QTreeWidgetItem* addClaims(QTreeWidget* tree, const QString& title, const QJsonObject& object,
                           const QDateTime& now)
{
    auto* top = new QTreeWidgetItem(tree, {title});
    QFont bold = top->font(0);
    bold.setBold(true);
    top->setFont(0, bold);
    for (const ClaimLine& line : explainClaims(object, now)) {
        auto* item = new QTreeWidgetItem(
            top, {PlainText::line(line.name), PlainText::line(line.value), PlainText::line(line.meaning)});
        item->setToolTip(1, PlainText::toolTip(line.value));
        item->setToolTip(2, PlainText::toolTip(line.meaning));
        for (const QString& entry : line.items)
            new QTreeWidgetItem(item, {QString(), PlainText::line(entry)});
        item->setExpanded(!line.items.isEmpty() && line.items.size() <= 12);
    }
    top->setExpanded(true);
    return top;
}
} // namespace

TokenInspector::TokenInspector(QWidget* parent)
    : LazyWidget(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    // The widgets come on first need (shown, or asked for): four inspectors sit in tabs nobody opens at
    // start, and the window's first frame should not wait for them.
}

void TokenInspector::afterBuild()
{
    updateView();
}

void TokenInspector::buildWidgets()
{
    m_kind = new QLabel(this);
    m_countdown = new QLabel(this);
    m_warnings = new QLabel(this);
    m_tabs = new TabWidget(this);
    m_claims = new QTreeWidget(this);
    m_json = new QPlainTextEdit(this);
    m_raw = new QPlainTextEdit(this);
    m_copy = new QPushButton(tr("Copy token"), this);
    m_verdict = new QLabel(this);
    m_checks = new FindingsView(this);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setToolTip(
        tr("Whether the token is genuine and meant for this client: the signature against the "
           "issuer's published keys, and each rule of the spec (the Checks tab)"));
    m_timer = new QTimer(this);
    m_kind->setTextFormat(Qt::PlainText);
    m_kind->setWordWrap(true);
    m_kind->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_countdown->font();
    bold.setBold(true);
    m_countdown->setFont(bold);
    m_countdown->setToolTip(tr("Time left until the token's exp claim, by this computer's clock"));
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(Theme::warningText());
    m_claims->setColumnCount(3);
    m_claims->setHeaderLabels({tr("Claim"), tr("Value"), tr("Meaning")});
    m_claims->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_claims->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_claims->setAlternatingRowColors(true);
    m_claims->setUniformRowHeights(true);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (QPlainTextEdit* view : {m_json, m_raw}) {
        view->setReadOnly(true);
        view->setFont(fixed);
    }
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setWordWrapMode(QTextOption::WrapAnywhere);
    m_copy->setToolTip(tr("Copy the whole token (it is a credential: paste it with care)"));
    auto* rawBox = new QWidget(this);
    auto* rawLayout = new QVBoxLayout(rawBox);
    rawLayout->setContentsMargins(0, 0, 0, 0);
    rawLayout->addWidget(m_raw, 1);
    rawLayout->addWidget(m_copy, 0, Qt::AlignRight);
    m_tabs->addTab(m_claims, tr("Claims"));
    m_tabs->addTab(m_checks, tr("Checks"));
    m_tabs->addTab(m_json, tr("JSON"));
    m_tabs->addTab(rawBox, tr("Raw"));
    m_tabs->setDocumentMode(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_kind, 1);
    top->addWidget(m_countdown);
    auto* column = static_cast<QVBoxLayout*>(layout());
    column->addLayout(top);
    column->addWidget(m_verdict);
    column->addWidget(m_warnings);
    column->addWidget(m_tabs, 1);

    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &TokenInspector::tick);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        SecretClipboard::instance().copy(QString::fromUtf8(m_token.reveal()), tr("the token"));
    });
}

TokenInspector::~TokenInspector() = default;

void TokenInspector::setToken(const Secret& token)
{
    if (token != m_token) {
        m_verification.reset();
        m_pending.clear();
    }
    m_token = token;
    m_decoded = token.isEmpty() ? DecodedToken{} : decodeToken(token.reveal());
    updateView();
}

void TokenInspector::setVerification(const TokenVerification& verification)
{
    m_verification = verification;
    m_pending.clear();
    updateVerdict();
}

void TokenInspector::setVerificationNote(const QString& text)
{
    m_verification.reset();
    m_pending = text;
    updateVerdict();
}

void TokenInspector::updateVerdict()
{
    if (!isBuilt())
        return;
    m_checks->setFindings(m_verification ? m_verification->checks : Findings{});
    if (m_token.isEmpty()) {
        m_verdict->hide();
        return;
    }
    m_verdict->show();
    if (!m_verification) {
        m_verdict->setText(m_pending.isEmpty() ? tr("Not verified.") : m_pending);
        m_verdict->setStyleSheet(QString());
        return;
    }
    const Verdict verdict = m_verification->verdict;
    m_verdict->setText((verdict == Verdict::Verified ? QStringLiteral("✔ ")
                        : verdict == Verdict::Failed ? QStringLiteral("✖ ")
                                                     : QStringLiteral("○ ")) %
                       m_verification->summary);
    m_verdict->setStyleSheet(verdict == Verdict::Verified ? Theme::okText()
                             : verdict == Verdict::Failed ? Theme::errorText()
                                                          : Theme::warningText());
}

void TokenInspector::setRevealed(bool revealed)
{
    m_revealed = revealed;
    updateView();
}

void TokenInspector::setClockSkew(int seconds)
{
    m_skewSeconds = seconds;
    tick();
}

void TokenInspector::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    updateView();
}

void TokenInspector::updateView()
{
    if (!isBuilt())
        return; // built later, from the state kept here
    const QDateTime now = m_clock();
    m_claims->clear();
    m_json->clear();
    m_copy->setEnabled(!m_token.isEmpty());
    if (m_token.isEmpty()) {
        updateVerdict();
        m_kind->setText(tr("No token."));
        m_raw->clear();
        m_warnings->hide();
        m_countdown->clear();
        m_timer->stop();
        return;
    }
    m_kind->setText(m_decoded.summary());
    const QString raw = QString::fromUtf8(m_token.reveal());
    m_raw->setPlainText(PlainText::shown(m_revealed ? raw : ExchangeText::mask(raw)));
    m_warnings->setText(m_decoded.warnings.join(u'\n'));
    m_warnings->setVisible(!m_decoded.warnings.isEmpty());
    if (m_decoded.kind == DecodedToken::Kind::Jws || m_decoded.kind == DecodedToken::Kind::Jwe) {
        addClaims(m_claims, tr("Header"), m_decoded.header, now);
        QString json = u"// header\n" %
                       QString::fromUtf8(QJsonDocument(m_decoded.header).toJson(QJsonDocument::Indented));
        if (m_decoded.kind == DecodedToken::Kind::Jws) {
            if (!m_decoded.payload.isEmpty() || m_decoded.payloadBytes.isEmpty())
                addClaims(m_claims, tr("Payload"), m_decoded.payload, now);
            json +=
                u"\n// payload\n" %
                (m_decoded.payload.isEmpty() && !m_decoded.payloadBytes.isEmpty()
                     ? QString::fromUtf8(m_decoded.payloadBytes)
                     : QString::fromUtf8(QJsonDocument(m_decoded.payload).toJson(QJsonDocument::Indented)));
        }
        m_json->setPlainText(PlainText::shown(json));
    }
    updateVerdict();
    tick();
    if (m_decoded.payload.contains(u"exp"))
        m_timer->start();
    else
        m_timer->stop();
}

void TokenInspector::tick()
{
    if (!isBuilt())
        return;
    QString text = countdown(m_decoded.payload, m_clock());
    const qint64 exp = Seconds::epoch(m_decoded.payload.value(u"exp").toDouble()).value_or(0);
    if (text.startsWith(u"expired") && m_clock().toSecsSinceEpoch() - exp <= m_skewSeconds)
        text += tr(" (within the %1 s clock skew)").arg(m_skewSeconds);
    m_countdown->setText(text);
    m_countdown->setStyleSheet(text.startsWith(u"expired") ? Theme::errorText() : QString());
}

QStringList TokenInspector::claimTexts() const
{
    build();
    QStringList rows;
    for (QTreeWidgetItemIterator it(m_claims); *it; ++it) {
        QStringList cells;
        for (int column = 0; column < 3; ++column) {
            if (!(*it)->text(column).isEmpty())
                cells << (*it)->text(column);
        }
        rows << cells.join(QStringLiteral(" | "));
    }
    return rows;
}

} // namespace oauth2dbg
