#pragma once

#include "LazyWidget.h"

class QPlainTextEdit;
class QPushButton;

namespace oauth2dbg {

class TokenInspector;

// "Decode a token": paste any token — from a log, a ticket, a browser's storage — and read it. Nothing is
// sent anywhere and nothing is kept. Built when first opened.
class DecodePanel final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecodePanel)

public:
    explicit DecodePanel(QWidget* parent = nullptr);
    ~DecodePanel() override;

    [[nodiscard]] QPlainTextEdit* input() const { return build(), m_input; }
    [[nodiscard]] TokenInspector* inspector() const { return build(), m_inspector; }
    [[nodiscard]] QPushButton* verifyButton() const { return build(), m_verify; }
    // The token as pasted, without the line breaks and spaces a copy adds.
    [[nodiscard]] QByteArray token() const;

Q_SIGNALS:
    // Verify the pasted token with the selected profile's issuer keys (the window has them).
    void verifyRequested(const QByteArray& token);

protected:
    void buildWidgets() override;

private:
    QPlainTextEdit* m_input = nullptr;
    TokenInspector* m_inspector = nullptr;
    QPushButton* m_verify = nullptr;
};

} // namespace oauth2dbg
