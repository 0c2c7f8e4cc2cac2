#pragma once

#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace oauth2dbg {

// The session in plain words, one timestamped line per event (discovery, the listener, callbacks, tokens,
// the keychain, profile changes) plus the engine's own log messages. Never a secret: the engine's types
// cannot print one, and the window writes only what it shows anyway. Bounded, oldest lines go first.
class LogPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPanel)

public:
    explicit LogPanel(QWidget* parent = nullptr);
    ~LogPanel() override;

    void append(const QString& line);
    [[nodiscard]] QString text() const;
    [[nodiscard]] QPlainTextEdit* view() const { return m_view; }

    // Routes the engine's log categories (oauth2dbg.*) to every LogPanel as well as to stderr.
    static void captureEngineMessages();

private:
    QPlainTextEdit* m_view;
    QPushButton* m_copy;
    QPushButton* m_clear;
};

} // namespace oauth2dbg
