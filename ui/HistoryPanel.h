#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace oauth2dbg {

class RunHistory;
struct RunRecord;

// The History tab: past runs (profile, environment, when, what was asked, how it ended), newest first, as
// the masked records keep them. One selected shows its steps, checks and parameters; two are compared side
// by side — which steps and checks changed, which parameters differed.
class HistoryPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPanel)

public:
    explicit HistoryPanel(RunHistory* history, QWidget* parent = nullptr);
    ~HistoryPanel() override;

    // The history changed (a run ended, the file was read).
    void refresh();

    [[nodiscard]] QTableWidget* runsView() const { return m_runs; }
    [[nodiscard]] QTreeWidget* detailView() const { return m_detail; }
    [[nodiscard]] QLabel* hint() const { return m_hint; }

Q_SIGNALS:
    void said(const QString& line);

private:
    void showSelection();
    void showRun(const RunRecord& run);
    void compare(const RunRecord& first, const RunRecord& second);
    void removeSelected();

    RunHistory* m_history;
    QTableWidget* m_runs;
    QLabel* m_hint;
    QTreeWidget* m_detail;
    QPushButton* m_remove;
};

} // namespace oauth2dbg
