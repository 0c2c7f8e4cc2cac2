#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;

namespace oauth2dbg {

class TrafficLog;

// The traffic tab: every exchange in a table, and the selected one as raw HTTP, request beside response.
class TrafficPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficPanel)

public:
    explicit TrafficPanel(TrafficLog* log, QWidget* parent = nullptr);
    ~TrafficPanel() override;

    void selectExchange(quint64 id);
    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] QString requestText() const;
    [[nodiscard]] QString responseText() const;

private:
    void showCurrent();

    TrafficLog* m_log;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QLabel* m_summary;
    QPlainTextEdit* m_request;
    QPlainTextEdit* m_response;
};

} // namespace oauth2dbg
