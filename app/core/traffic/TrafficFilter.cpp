#include "TrafficFilter.h"

#include "TrafficLog.h"

namespace oauth2dbg {

TrafficFilter::TrafficFilter(TrafficLog* log, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_log(log)
{
    setSourceModel(log);
    setSortRole(TrafficLog::SortRole);
}

TrafficFilter::~TrafficFilter() = default;

void TrafficFilter::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.toLower().split(u' ', Qt::SkipEmptyParts);
    // One new layout rather than invalidateFilter()'s row-range removals: with 100,000 rows and scattered
    // matches those are thousands of separate signals, each costing the view a pass.
    invalidate();
}

bool TrafficFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_words.isEmpty() || sourceParent.isValid())
        return true;
    const QString& haystack = m_log->searchText(sourceRow);
    return std::all_of(m_words.cbegin(), m_words.cend(),
                       [&haystack](const QString& word) { return haystack.contains(word); });
}

bool TrafficFilter::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    // Straight from the exchanges, without a QVariant per comparison: sorting 100,000 rows stays quick.
    const HttpExchange* a = m_log->exchangeAt(left.row());
    const HttpExchange* b = m_log->exchangeAt(right.row());
    if (!a || !b)
        return false;
    switch (left.column()) {
    case TrafficLog::Time: // exchanges are logged in the order they start
        return left.row() < right.row();
    case TrafficLog::Status:
        return a->status < b->status;
    case TrafficLog::Duration:
        return a->durationMs < b->durationMs;
    case TrafficLog::Size:
        return a->responseBody.size() < b->responseBody.size();
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace oauth2dbg
