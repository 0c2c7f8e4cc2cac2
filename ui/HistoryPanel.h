#pragma once

#include "LazyWidget.h"

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
class HistoryPanel final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPanel)

public:
    explicit HistoryPanel(RunHistory* history, QWidget* parent = nullptr);
    ~HistoryPanel() override;

    // The history changed (a run ended, the file was read).
    void refresh();

    [[nodiscard]] QTableWidget* runsView() const { return build(), m_runs; }
    [[nodiscard]] QTreeWidget* detailView() const { return build(), m_detail; }
    [[nodiscard]] QLabel* hint() const { return build(), m_hint; }

Q_SIGNALS:
    void said(const QString& line);

protected:
    void buildWidgets() override;
    void afterBuild() override;

private:
    void showSelection();
    void showRun(const RunRecord& run);
    void compare(const RunRecord& first, const RunRecord& second);
    void removeSelected();

    RunHistory* m_history;
    QTableWidget* m_runs = nullptr;
    QLabel* m_hint = nullptr;
    QTreeWidget* m_detail = nullptr;
    QPushButton* m_remove = nullptr;
};

} // namespace oauth2dbg
