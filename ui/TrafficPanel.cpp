#include "TrafficPanel.h"

#include "PlainText.h"
#include "SecretClipboard.h"
#include "common/Duration.h"
#include "common/SafeFile.h"
#include "traffic/ExchangeText.h"
#include "traffic/TrafficFilter.h"
#include "traffic/TrafficLog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
// A row of controls above a widget that takes the rest of the height.
QWidget* stacked(QLayout* row, QWidget* below, QWidget* parent)
{
    auto* box = new QWidget(parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(below, 1);
    return box;
}

QPlainTextEdit* makeRawView(const QString& placeholder, QWidget* parent)
{
    auto* view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setPlaceholderText(placeholder);
    return view;
}
} // namespace

TrafficPanel::TrafficPanel(TrafficLog* log, QWidget* parent)
    : QWidget(parent)
    , m_log(log)
    , m_proxy(new TrafficFilter(log, this))
    , m_filter(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_clear(new QPushButton(tr("Clear log"), this))
    , m_undoClear(new QPushButton(tr("&Undo clear"), this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_copyCurl(new QPushButton(tr("Copy as &curl"), this))
    , m_export(new QPushButton(tr("Export…"), this))
    , m_reveal(new QCheckBox(tr("Reveal secrets"), this))
    , m_asSent(new QCheckBox(tr("As sent"), this))
    , m_raw(new QSplitter(Qt::Horizontal, this))
    , m_rawHint(new QLabel(tr("Select an exchange to see its request and response as they crossed the wire."),
                           m_raw))
{
    m_filter->setPlaceholderText(tr("Filter: method, host, path or status — e.g. post token 400"));
    m_filter->setAccessibleName(tr("Filter the traffic"));
    m_table->setAccessibleName(tr("Exchanges"));
    m_filter->setToolTip(tr("Shows the exchanges that contain every word typed here (Ctrl+Shift+F)"));
    m_clear->setToolTip(tr("Remove every exchange from the log — all of them, not only those a filter shows "
                           "(Undo brings them back)"));
    m_undoClear->setVisible(false);
    m_asSent->setToolTip(
        tr("Bodies exactly as they crossed the wire (JSON not re-indented); secrets stay masked "
           "unless revealed"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(TrafficLog::Time, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(TrafficLog::Path, QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(
        TrafficLog::Host, m_table->fontMetrics().horizontalAdvance(QStringLiteral("127.000.000.001:65535")));
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);

    m_rawHint->setAlignment(Qt::AlignCenter);
    m_rawHint->setWordWrap(true);
    m_rawHint->setEnabled(false); // drawn in the palette's quiet colour
    m_raw->addWidget(m_rawHint);
    auto* split = new QSplitter(Qt::Vertical, this);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filter, 1);
    filterRow->addWidget(m_count);
    split->addWidget(stacked(filterRow, m_table, split));
    auto* summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_asSent);
    summaryRow->addWidget(m_reveal);
    summaryRow->addWidget(m_copyCurl);
    summaryRow->addWidget(m_export);
    summaryRow->addWidget(m_undoClear);
    summaryRow->addWidget(m_clear); // away from the filter: not to be taken for "clear the filter"
    auto* details = stacked(summaryRow, m_raw, split);
    split->addWidget(details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    split->setSizes({90, 200}); // a few rows of the list; the request and response get the room

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficPanel::showCurrent);
    connect(m_log, &TrafficLog::dataChanged, this, &TrafficPanel::showCurrent);
    connect(m_log, &TrafficLog::modelReset, this, &TrafficPanel::showCurrent);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterText(text);
        updateCount();
        if (const QModelIndex current = m_table->currentIndex(); current.isValid())
            m_table->scrollTo(current);
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &TrafficPanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TrafficPanel::updateCount);
    connect(m_clear, &QPushButton::clicked, this, &TrafficPanel::clearLog);
    connect(m_undoClear, &QPushButton::clicked, this, &TrafficPanel::undoClear);
    connect(m_copyCurl, &QPushButton::clicked, this, &TrafficPanel::copyAsCurl);
    connect(m_asSent, &QCheckBox::toggled, this, &TrafficPanel::showCurrent);
    updateCount();
    m_export->setToolTip(tr("Save every exchange as raw HTTP, credentials masked, e.g. for a ticket"));
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export traffic"),
                                                          QStringLiteral("oauth2-debugger-traffic.txt"),
                                                          tr("Text (*.txt);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !exportTo(path, &error))
            m_summary->setText(error);
    });
}

bool TrafficPanel::exportTo(const QString& path, QString* error) const
{
    const EngineError failed = SafeFile::writeAtomically(path, m_log->exportText());
    if (!failed.isError())
        return true;
    *error = tr("Nothing was exported: %1").arg(failed.message);
    return false;
}

TrafficPanel::~TrafficPanel() = default;

void TrafficPanel::selectExchange(quint64 id)
{
    const int row = m_log->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_log->index(row, 0));
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

QString TrafficPanel::requestText() const
{
    return m_request ? m_request->toPlainText() : QString();
}

QString TrafficPanel::responseText() const
{
    return m_response ? m_response->toPlainText() : QString();
}

void TrafficPanel::makeRawViews()
{
    if (m_request)
        return;
    m_request = makeRawView(tr("The request appears here."), m_raw);
    m_response = makeRawView(tr("…and what came back."), m_raw);
    delete m_rawHint;
    m_rawHint = nullptr;
    m_raw->addWidget(m_request);
    m_raw->addWidget(m_response);
}

void TrafficPanel::copyAsCurl()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    const HttpExchange* exchange = current.isValid() ? m_log->exchangeAt(current.row()) : nullptr;
    if (!exchange)
        return;
    if (!m_reveal->isChecked()) {
        QApplication::clipboard()->setText(ExchangeText::curl(*exchange, ExchangeText::Secrets::Masked));
        Q_EMIT said(tr("Copied the request as curl, its secrets masked."));
    } else // the revealed credentials leave the clipboard again
        SecretClipboard::instance().copy(ExchangeText::curl(*exchange, ExchangeText::Secrets::Revealed),
                                         tr("the request as curl, with its secrets"));
}

void TrafficPanel::clearLog()
{
    const int count = m_log->size();
    if (count == 0)
        return;
    m_cleared = m_log->takeAll(); // kept in memory for the undo, as the log was
    m_undoClear->setVisible(true);
    m_undoClear->setToolTip(tr("Put the %n exchange(s) just cleared back", nullptr, count));
    Q_EMIT said(
        tr("Cleared %n exchange(s) from the traffic log; Undo clear brings them back.", nullptr, count));
    // The undo is for a slip of the hand: after two minutes the cleared exchanges are gone for good.
    const quint64 generation = ++m_clearGeneration;
    QTimer::singleShot(std::chrono::minutes(2), this, [this, generation] {
        if (generation == m_clearGeneration)
            forgetCleared();
    });
}

void TrafficPanel::undoClear()
{
    const int count = int(m_cleared.size());
    if (count == 0)
        return;
    m_log->restore(std::exchange(m_cleared, {}));
    forgetCleared();
    Q_EMIT said(tr("Put %n exchange(s) back into the traffic log.", nullptr, count));
}

void TrafficPanel::forgetCleared()
{
    m_cleared.clear();
    m_undoClear->setVisible(false);
}

void TrafficPanel::updateCount()
{
    m_count->setText(m_proxy->filterText().isEmpty()
                         ? tr("%n exchange(s)", nullptr, m_log->size())
                         : tr("%1 of %2").arg(m_proxy->rowCount()).arg(m_log->size()));
    m_clear->setEnabled(m_log->size() > 0);
}

void TrafficPanel::showCurrent()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    const HttpExchange* exchange = current.isValid() ? m_log->exchangeAt(current.row()) : nullptr;
    m_copyCurl->setEnabled(exchange != nullptr);
    if (!exchange) {
        m_summary->clear();
        if (m_request) {
            m_request->clear();
            m_response->clear();
        }
        return;
    }
    makeRawViews();
    const auto secrets =
        m_reveal->isChecked() ? ExchangeText::Secrets::Revealed : ExchangeText::Secrets::Masked;
    const QString url = exchange->url.toDisplayString();
    QString summary = QString::fromLatin1(exchange->method) % u' ' %
                      (secrets == ExchangeText::Secrets::Masked ? ExchangeText::maskQuery(url) : url) %
                      u" — " % TrafficLog::statusText(*exchange);
    if (exchange->durationMs >= 0)
        summary += tr(" in %1").arg(durationText(exchange->durationMs));
    if (exchange->error.isError())
        summary += u"\n" % exchange->error.message;
    for (const QString& note : exchange->notes)
        summary += u"\n⚠ " % note;
    m_summary->setText(summary);
    const auto form = m_asSent->isChecked() ? ExchangeText::Body::AsSent : ExchangeText::Body::Pretty;
    // As it crossed the wire, with its control characters shown as escapes.
    m_request->setPlainText(PlainText::shown(ExchangeText::request(*exchange, secrets, form)));
    m_response->setPlainText(PlainText::shown(ExchangeText::response(*exchange, secrets, form)));
}

} // namespace oauth2dbg
