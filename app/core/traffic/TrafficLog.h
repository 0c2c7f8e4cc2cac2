#pragma once

#include "net/HttpExchange.h"

#include <QAbstractTableModel>
#include <QHash>

#include <vector>

namespace oauth2dbg {

// Every HTTP exchange of the session, in the order it started. Views show it; exports read it.
class TrafficLog final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficLog)

public:
    enum Column { Time, Method, Host, Path, Status, Duration, Size, ColumnCount };
    enum Role { ExchangeIdRole = Qt::UserRole + 1, SortRole };

    explicit TrafficLog(QObject* parent = nullptr);
    ~TrafficLog() override;

    // Adds the exchange, or updates the row it already has (same id).
    void record(const HttpExchange& exchange);
    void clear();
    // Removes every exchange and hands them over, to be put back with restore() (an undo).
    [[nodiscard]] std::vector<HttpExchange> takeAll();
    // Puts taken exchanges back, before any recorded since, in their order.
    void restore(std::vector<HttpExchange> exchanges);

    [[nodiscard]] const HttpExchange* exchangeAt(int row) const;
    [[nodiscard]] const HttpExchange* exchangeById(quint64 id) const;
    [[nodiscard]] int rowOf(quint64 id) const { return m_rowById.value(id, -1); }
    [[nodiscard]] int size() const { return static_cast<int>(m_exchanges.size()); }
    // What a filter looks in, lower case: method, host:port, path and status of the row.
    [[nodiscard]] const QString& searchText(int row) const { return m_search[static_cast<size_t>(row)]; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // The whole log as text to attach to a ticket: every exchange as raw HTTP, credentials always masked.
    [[nodiscard]] QByteArray exportText() const;

    [[nodiscard]] static QString statusText(const HttpExchange& exchange);
    [[nodiscard]] static QString sizeText(qint64 bytes);

private:
    [[nodiscard]] QVariant display(const HttpExchange& exchange, int column) const;

    [[nodiscard]] QString searchTextOf(const HttpExchange& exchange) const;

    std::vector<HttpExchange> m_exchanges;
    std::vector<QString> m_search;
    QHash<quint64, int> m_rowById;
};

} // namespace oauth2dbg
