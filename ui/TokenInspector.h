#pragma once

#include "LazyWidget.h"
#include "common/Secret.h"
#include "jose/JwtDecode.h"

#include <QDateTime>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace oauth2dbg {

// One token, read: what kind it is, its claims as a tree with their meaning (times in local time and
// relative), the header and payload as JSON, the raw value (masked until revealed), and a live countdown to
// expiry. Reading is not verifying: the label says so.
class TokenInspector final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenInspector)

public:
    explicit TokenInspector(QWidget* parent = nullptr);
    ~TokenInspector() override;

    void setToken(const Secret& token);
    void setRevealed(bool revealed);
    void setClockSkew(int seconds);
    // For tests: the clock the countdown and relative times read.
    void setClock(std::function<QDateTime()> clock);

    [[nodiscard]] const DecodedToken& decoded() const { return m_decoded; }
    [[nodiscard]] QLabel* kindLabel() const { return build(), m_kind; }
    [[nodiscard]] QLabel* countdownLabel() const { return build(), m_countdown; }
    [[nodiscard]] QLabel* warningsLabel() const { return build(), m_warnings; }
    [[nodiscard]] QTreeWidget* claimsTree() const { return build(), m_claims; }
    [[nodiscard]] QPlainTextEdit* jsonView() const { return build(), m_json; }
    [[nodiscard]] QPlainTextEdit* rawView() const { return build(), m_raw; }
    [[nodiscard]] QPushButton* copyButton() const { return build(), m_copy; }
    // The claims tree's rows as "claim | value" lines (tests and the screen reader's view of it).
    [[nodiscard]] QStringList claimTexts() const;

private:
    void buildWidgets() override;
    void afterBuild() override;
    void updateView();
    void tick();

    Secret m_token;
    DecodedToken m_decoded;
    bool m_revealed = false;
    int m_skewSeconds = 60;
    std::function<QDateTime()> m_clock;
    QLabel* m_kind = nullptr;
    QLabel* m_countdown = nullptr;
    QLabel* m_warnings = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTreeWidget* m_claims = nullptr;
    QPlainTextEdit* m_json = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    QPushButton* m_copy = nullptr;
    QTimer* m_timer = nullptr;
};

} // namespace oauth2dbg
