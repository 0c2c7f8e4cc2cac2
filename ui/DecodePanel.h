#pragma once

#include <QWidget>

class QPlainTextEdit;

namespace oauth2dbg {

class TokenInspector;

// "Decode a token": paste any token — from a log, a ticket, a browser's storage — and read it. Nothing is
// sent anywhere and nothing is kept.
class DecodePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecodePanel)

public:
    explicit DecodePanel(QWidget* parent = nullptr);
    ~DecodePanel() override;

    [[nodiscard]] QPlainTextEdit* input() const { return m_input; }
    [[nodiscard]] TokenInspector* inspector() const { return m_inspector; }

private:
    QPlainTextEdit* m_input;
    TokenInspector* m_inspector;
};

} // namespace oauth2dbg
