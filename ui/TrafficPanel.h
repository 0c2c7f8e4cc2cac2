#pragma once

#include "net/HttpExchange.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QPlainTextEdit;
class QSplitter;
class QTableView;

namespace oauth2dbg {

class TrafficFilter;
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
    [[nodiscard]] QPushButton* copyCurlButton() const { return m_copyCurl; }
    [[nodiscard]] QCheckBox* revealBox() const { return m_reveal; }
    [[nodiscard]] QCheckBox* asSentBox() const { return m_asSent; }
    [[nodiscard]] QLineEdit* filterEdit() const { return m_filter; }
    [[nodiscard]] QLabel* countLabel() const { return m_count; }
    [[nodiscard]] QPushButton* clearButton() const { return m_clear; }
    [[nodiscard]] QPushButton* undoClearButton() const { return m_undoClear; }
    [[nodiscard]] TrafficFilter* filterModel() const { return m_proxy; }
    // Puts the selected exchange on the clipboard as a curl command (masked unless revealed).
    void copyAsCurl();
    // Writes every exchange, credentials masked, to `path`; the error is for the user.
    bool exportTo(const QString& path, QString* error) const;
    // Empties the log, keeping what it held for a while so that Undo can bring it back.
    void clearLog();
    void undoClear();

Q_SIGNALS:
    // A line for the status bar: what a copy or a clear just did.
    void said(const QString& line);

private:
    void forgetCleared();
    void showCurrent();
    void updateCount();
    // The request and response views, made when the first exchange is selected (a hint stands in until then).
    void makeRawViews();

    TrafficLog* m_log;
    TrafficFilter* m_proxy;
    QLineEdit* m_filter;
    QLabel* m_count;
    QPushButton* m_clear;
    QPushButton* m_undoClear;
    QTableView* m_table;
    QLabel* m_summary;
    QPushButton* m_copyCurl;
    QPushButton* m_export;
    QCheckBox* m_reveal;
    QCheckBox* m_asSent;
    QSplitter* m_raw;
    QLabel* m_rawHint;
    QPlainTextEdit* m_request = nullptr;
    QPlainTextEdit* m_response = nullptr;
    std::vector<HttpExchange> m_cleared; // until undone, or forgotten
    quint64 m_clearGeneration = 0;
};

} // namespace oauth2dbg
