#include "HistoryPanel.h"

#include "PlainText.h"
#include "common/Duration.h"
#include "session/RunComparison.h"
#include "session/RunHistory.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;

QString outcomeText(const RunRecord& run)
{
    const QString word =
        run.status() == FlowStep::Status::Running || run.status() == FlowStep::Status::Pending
            ? HistoryPanel::tr("unfinished")
            : FlowStep::statusWord(run.status());
    return run.ok ? word : word % u" — " % PlainText::line(run.outcome);
}

QTreeWidgetItem* row(QTreeWidgetItem* parent, const QStringList& columns)
{
    QStringList plain;
    for (const QString& column : columns)
        plain << PlainText::line(column);
    return new QTreeWidgetItem(parent, plain);
}

} // namespace

HistoryPanel::HistoryPanel(RunHistory* history, QWidget* parent)
    : LazyWidget(parent)
    , m_history(history)
{
    // Built when the tab is first opened: nobody needs it for the first frame, or for a run.
}

void HistoryPanel::buildWidgets()
{
    m_runs = new QTableWidget(0, 5, this);
    m_hint = new QLabel(this);
    m_detail = new QTreeWidget(this);
    m_remove = new QPushButton(tr("&Remove from history"), this);
    m_runs->setHorizontalHeaderLabels(
        {tr("When"), tr("Profile"), tr("Environment"), tr("Asked for"), tr("Outcome")});
    m_runs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runs->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_runs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runs->verticalHeader()->hide();
    m_runs->horizontalHeader()->setStretchLastSection(true);
    m_runs->setAccessibleName(tr("Past runs"));
    m_detail->setAccessibleName(tr("The selected run, or the two compared"));
    m_detail->setUniformRowHeights(true);
    m_hint->setWordWrap(true);
    m_remove->setEnabled(false);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_runs, 1);
    auto* buttons = new QHBoxLayout();
    buttons->addWidget(m_hint, 1);
    buttons->addWidget(m_remove);
    leftLayout->addLayout(buttons);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_detail);
    split->setStretchFactor(1, 1);
    split->setSizes({560, 700}); // the outcome column readable at 1280 pixels
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_runs, &QTableWidget::itemSelectionChanged, this, &HistoryPanel::showSelection);
    connect(m_remove, &QPushButton::clicked, this, &HistoryPanel::removeSelected);
}

void HistoryPanel::afterBuild()
{
    refresh();
}

HistoryPanel::~HistoryPanel() = default;

void HistoryPanel::refresh()
{
    if (!isBuilt())
        return; // afterBuild() shows the history as it is then
    QStringList selected;
    for (const QModelIndex& index : m_runs->selectionModel()->selectedRows())
        selected << index.data(kIdRole).toString();
    const QSignalBlocker quiet(m_runs);
    m_runs->setRowCount(0);
    for (const RunRecord& run : m_history->runs()) {
        const int r = m_runs->rowCount();
        m_runs->insertRow(r);
        const QStringList cells = {dateTimeText(run.started), PlainText::line(run.profileName),
                                   run.environment.isEmpty() ? tr("—") : PlainText::line(run.environment),
                                   run.lastGoal, outcomeText(run)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells.at(c));
            item->setData(kIdRole, run.id);
            item->setToolTip(PlainText::toolTip(cells.at(c)));
            m_runs->setItem(r, c, item);
        }
        if (selected.contains(run.id))
            m_runs->selectRow(r);
    }
    m_runs->resizeColumnsToContents();
    showSelection();
}

void HistoryPanel::showSelection()
{
    QList<const RunRecord*> runs;
    for (const QModelIndex& index : m_runs->selectionModel()->selectedRows()) {
        if (const RunRecord* run = m_history->byId(index.data(kIdRole).toString()))
            runs << run;
    }
    std::sort(runs.begin(), runs.end(),
              [](const RunRecord* a, const RunRecord* b) { return a->started < b->started; });
    m_remove->setEnabled(!runs.isEmpty());
    m_detail->clear();
    if (runs.size() == 1)
        return showRun(*runs.constFirst());
    if (runs.size() == 2)
        return compare(*runs.at(0), *runs.at(1));
    m_detail->setHeaderLabels({tr("Run")});
    m_hint->setText(
        m_history->runs().isEmpty()
            ? tr("Runs are listed here when a goal ends: kept across restarts, without any token or "
                 "secret.")
            : tr("Select a run to see its steps, or two to compare them."));
}

void HistoryPanel::showRun(const RunRecord& run)
{
    m_hint->setText(tr("Select a second run (Ctrl+click) to compare."));
    m_detail->setColumnCount(3);
    m_detail->setHeaderLabels({tr("Step, check or parameter"), tr("Result"), tr("Detail")});
    for (const FlowStep& step : run.steps) {
        QTreeWidgetItem* item =
            row(m_detail->invisibleRootItem(),
                {FlowStep::title(step.kind), FlowStep::statusWord(step.status), step.text()});
        for (const Finding& f : step.checks)
            row(item,
                {f.field.isEmpty() ? f.rule : f.rule % u' ' % f.field, verdictWord(f.severity), f.message});
    }
    QTreeWidgetItem* sent = row(m_detail->invisibleRootItem(), {tr("Parameters sent"), {}, {}});
    for (const RunParameter& p : run.parameters)
        row(sent, {p.name, p.value, p.where});
    m_detail->resizeColumnToContents(0);
    m_detail->resizeColumnToContents(1);
}

void HistoryPanel::compare(const RunRecord& first, const RunRecord& second)
{
    const QList<RunDifference> differences = compareRuns(first, second);
    m_hint->setText(
        differences.isEmpty()
            ? tr("The two runs took the same steps, got the same verdicts and sent the same parameters.")
            : tr("%n difference(s) between the two runs.", nullptr, int(differences.size())));
    m_detail->setColumnCount(3);
    m_detail->setHeaderLabels({tr("What differs"), tr("First: %1").arg(dateTimeText(first.started)),
                               tr("Second: %1").arg(dateTimeText(second.started))});
    const QString kinds[] = {tr("Steps"), tr("Checks"), tr("Parameters")};
    QTreeWidgetItem* groups[3] = {};
    for (const RunDifference& d : differences) {
        QTreeWidgetItem*& group = groups[int(d.kind)];
        if (!group)
            group = row(m_detail->invisibleRootItem(), {kinds[int(d.kind)], {}, {}});
        const QString what = d.name.isEmpty() ? d.where : d.where % u" · " % d.name;
        row(group, {what, d.before.isEmpty() ? tr("(not there)") : d.before,
                    d.after.isEmpty() ? tr("(not there)") : d.after});
    }
    m_detail->expandAll();
    for (int column = 0; column < 3; ++column)
        m_detail->resizeColumnToContents(column);
}

void HistoryPanel::removeSelected()
{
    QStringList ids;
    for (const QModelIndex& index : m_runs->selectionModel()->selectedRows())
        ids << index.data(kIdRole).toString();
    for (const QString& id : ids) {
        if (const EngineError error = m_history->remove(id); error.isError()) {
            refresh();
            return Q_EMIT said(error.message);
        }
    }
    refresh();
    Q_EMIT said(tr("Removed %n run(s) from the history.", nullptr, int(ids.size())));
}

} // namespace oauth2dbg
