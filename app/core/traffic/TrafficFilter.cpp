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
    invalidateFilter();
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
    if (left.column() == 0) // time: exchanges are logged in the order they start
        return left.row() < right.row();
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace oauth2dbg
