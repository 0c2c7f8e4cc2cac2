#include "FindingsView.h"

#include "PlainText.h"
#include "checks/CheckCatalogue.h"

#include <QHeaderView>
#include <QStyle>

namespace oauth2dbg {

namespace {
constexpr int kExplanationRole = Qt::UserRole + 1;
} // namespace

FindingsView::FindingsView(QWidget* parent)
    : QTreeWidget(parent)
{
    setColumnCount(4);
    setHeaderLabels({tr("Result"), tr("Rule"), tr("Member"), tr("Finding")});
    setAccessibleName(tr("Checks"));
    setRootIsDecorated(false);
    setWordWrap(true);
    setUniformRowHeights(false);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    header()->setSectionResizeMode(3, QHeaderView::Stretch);
}

FindingsView::~FindingsView() = default;

QString FindingsView::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return tr("Problem");
    case Severity::Warning:
        return tr("Warning");
    case Severity::Skipped:
        return tr("Skipped");
    case Severity::Info:
        break;
    }
    return tr("OK");
}

void FindingsView::setFindings(const Findings& findings)
{
    clear();
    for (const Finding& f : findings) {
        auto* item = new QTreeWidgetItem(this, {severityName(f.severity), PlainText::line(f.rule),
                                                PlainText::line(f.field), PlainText::line(f.message)});
        if (f.severity == Severity::Skipped) {
            item->setForeground(0,
                                palette().color(QPalette::Disabled, QPalette::Text)); // neither pass nor fail
        } else {
            const QStyle::StandardPixmap icon = f.severity == Severity::Error ? QStyle::SP_MessageBoxCritical
                                                : f.severity == Severity::Warning
                                                    ? QStyle::SP_MessageBoxWarning
                                                    : QStyle::SP_DialogApplyButton;
            item->setIcon(0, style()->standardIcon(icon));
        }
        item->setToolTip(3, PlainText::toolTip(f.message));
        // What the rule is, where the specification says so, and what to do when it fails.
        const QString explained = CheckCatalogue::explanation(f.rule);
        item->setToolTip(1, explained.isEmpty() ? PlainText::toolTip(f.rule) : PlainText::toolTip(explained));
        item->setData(1, kExplanationRole, explained);
    }
    for (int column = 0; column < 3; ++column)
        resizeColumnToContents(column);
}

QStringList FindingsView::rowTexts() const
{
    QStringList texts;
    for (int i = 0; i < topLevelItemCount(); ++i)
        texts << topLevelItem(i)->text(0) % u' ' % topLevelItem(i)->text(3);
    return texts;
}

} // namespace oauth2dbg
