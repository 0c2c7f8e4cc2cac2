#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace oauth2dbg {

class TrafficLog;

// The traffic log as the table shows it: filtered as the user types (every word must appear in the method,
// host, path or status; "post token 400"), sorted by any column. Built to stay quick with 100,000 rows:
// words are matched against text the log keeps per row, and time order is the log's own row order.
class TrafficFilter final : public QSortFilterProxyModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficFilter)

public:
    explicit TrafficFilter(TrafficLog* log, QObject* parent = nullptr);
    ~TrafficFilter() override;

    void setFilterText(const QString& text);
    [[nodiscard]] QString filterText() const { return m_text; }

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    [[nodiscard]] bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    TrafficLog* m_log;
    QString m_text;
    QStringList m_words;
};

} // namespace oauth2dbg
