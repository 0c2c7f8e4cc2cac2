#pragma once

#include "LazyWidget.h"

#include <QStringList>

class QPlainTextEdit;
class QPushButton;

namespace oauth2dbg {

// The session in plain words, one timestamped line per event (discovery, the listener, callbacks, tokens,
// the keychain, profile changes) plus the engine's own log messages. Never a secret: the engine's types
// cannot print one, and the window writes only what it shows anyway. Bounded, oldest lines go first. Its view
// is built when first opened; lines arriving before that wait in memory.
class LogPanel final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPanel)

public:
    explicit LogPanel(QWidget* parent = nullptr);
    ~LogPanel() override;

    void append(const QString& line);
    [[nodiscard]] QString text() const;
    [[nodiscard]] QPlainTextEdit* view() const { return build(), m_view; }

    // Routes the engine's log categories (oauth2dbg.*) to every LogPanel as well as to stderr.
    static void captureEngineMessages();

protected:
    void buildWidgets() override;
    void afterBuild() override;

private:
    QStringList m_waiting; // timestamped lines, until the view exists
    QPlainTextEdit* m_view = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_clear = nullptr;
};

} // namespace oauth2dbg
