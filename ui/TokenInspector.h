#pragma once

#include "LazyWidget.h"
#include "common/Secret.h"
#include "jose/JwtDecode.h"
#include "jose/TokenVerification.h"

#include <QDateTime>

#include <functional>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTimer;
class QTreeWidget;

namespace oauth2dbg {

class FindingsView;

// One token, read: what kind it is, its claims as a tree with their meaning (times in local time and
// relative), the header and payload as JSON, the raw value (masked until revealed), a live countdown to
// expiry, and — apart from all that reading — the verdict: verified, failed or not verifiable, with every
// check behind it.
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
    // The verdict on the current token, or a note in its place (while the keys are fetched, or why there is
    // none). A new token clears both.
    void setVerification(const TokenVerification& verification);
    void setVerificationNote(const QString& text);
    [[nodiscard]] const std::optional<TokenVerification>& verification() const { return m_verification; }

    [[nodiscard]] const DecodedToken& decoded() const { return m_decoded; }
    [[nodiscard]] QLabel* kindLabel() const { return build(), m_kind; }
    [[nodiscard]] QLabel* countdownLabel() const { return build(), m_countdown; }
    [[nodiscard]] QLabel* warningsLabel() const { return build(), m_warnings; }
    [[nodiscard]] QTreeWidget* claimsTree() const { return build(), m_claims; }
    [[nodiscard]] QPlainTextEdit* jsonView() const { return build(), m_json; }
    [[nodiscard]] QPlainTextEdit* rawView() const { return build(), m_raw; }
    [[nodiscard]] QPushButton* copyButton() const { return build(), m_copy; }
    [[nodiscard]] QLabel* verdictLabel() const { return build(), m_verdict; }
    [[nodiscard]] FindingsView* checksView() const { return build(), m_checks; }
    // The claims tree's rows as "claim | value" lines (tests and the screen reader's view of it).
    [[nodiscard]] QStringList claimTexts() const;

private:
    void buildWidgets() override;
    void afterBuild() override;
    void updateView();
    void updateVerdict();
    void tick();

    Secret m_token;
    DecodedToken m_decoded;
    bool m_revealed = false;
    int m_skewSeconds = 60;
    std::function<QDateTime()> m_clock;
    std::optional<TokenVerification> m_verification;
    QString m_pending;
    QLabel* m_kind = nullptr;
    QLabel* m_verdict = nullptr;
    FindingsView* m_checks = nullptr;
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
