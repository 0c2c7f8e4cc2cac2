#include "TrafficPanel.h"

#include "traffic/ExchangeText.h"
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
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
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
    , m_proxy(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_copyCurl(new QPushButton(tr("Copy as &curl"), this))
    , m_export(new QPushButton(tr("Export…"), this))
    , m_reveal(new QCheckBox(tr("Reveal secrets"), this))
    , m_request(makeRawView(tr("Select an exchange to see the request."), this))
    , m_response(makeRawView(tr("…and what came back."), this))
{
    m_proxy->setSourceModel(log);
    m_proxy->setSortRole(TrafficLog::SortRole);
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

    auto* raw = new QSplitter(Qt::Horizontal, this);
    raw->addWidget(m_request);
    raw->addWidget(m_response);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    auto* details = new QWidget(split);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    auto* summaryRow = new QHBoxLayout;
    summaryRow->addWidget(m_summary, 1);
    summaryRow->addWidget(m_reveal);
    summaryRow->addWidget(m_copyCurl);
    summaryRow->addWidget(m_export);
    detailsLayout->addLayout(summaryRow);
    detailsLayout->addWidget(raw, 1);
    split->addWidget(details);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrafficPanel::showCurrent);
    connect(m_log, &TrafficLog::dataChanged, this, &TrafficPanel::showCurrent);
    connect(m_log, &TrafficLog::modelReset, this, &TrafficPanel::showCurrent);
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
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(m_log->exportText()) >= 0 && file.commit())
        return true;
    *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
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
    return m_request->toPlainText();
}

QString TrafficPanel::responseText() const
{
    return m_response->toPlainText();
}

void TrafficPanel::copyAsCurl()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (const HttpExchange* exchange = current.isValid() ? m_log->exchangeAt(current.row()) : nullptr)
        QApplication::clipboard()->setText(
            ExchangeText::curl(*exchange, m_reveal->isChecked() ? ExchangeText::Secrets::Revealed
                                                                : ExchangeText::Secrets::Masked));
}

void TrafficPanel::showCurrent()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    const HttpExchange* exchange = current.isValid() ? m_log->exchangeAt(current.row()) : nullptr;
    m_copyCurl->setEnabled(exchange != nullptr);
    if (!exchange) {
        m_summary->clear();
        m_request->clear();
        m_response->clear();
        return;
    }
    QString summary = QString::fromLatin1(exchange->method) % u' ' % exchange->url.toDisplayString() %
                      u" — " % TrafficLog::statusText(*exchange);
    if (exchange->durationMs >= 0)
        summary += tr(" in %1 ms").arg(exchange->durationMs);
    if (exchange->error.isError())
        summary += u"\n" % exchange->error.message;
    for (const QString& note : exchange->notes)
        summary += u"\n⚠ " % note;
    m_summary->setText(summary);
    const auto secrets =
        m_reveal->isChecked() ? ExchangeText::Secrets::Revealed : ExchangeText::Secrets::Masked;
    m_request->setPlainText(ExchangeText::request(*exchange, secrets));
    m_response->setPlainText(ExchangeText::response(*exchange, secrets));
}

} // namespace oauth2dbg
