#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace oauth2dbg {

// Where a copied token or secret goes: the clipboard, and out of it again after a delay (Settings; 30 s
// unless the user chose otherwise, 0 for never) — unless something else was copied meanwhile, which is left
// alone. Every copy of a secret in the window goes through here.
class SecretClipboard final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretClipboard)

public:
    [[nodiscard]] static SecretClipboard& instance();

    void setClearAfterSeconds(int seconds) { m_clearAfterSeconds = seconds; }
    [[nodiscard]] int clearAfterSeconds() const { return m_clearAfterSeconds; }
    // Copies `text`; `what` names it for the status line ("the access token").
    void copy(const QString& text, const QString& what);

Q_SIGNALS:
    // One line for the status bar: what was copied, and when it leaves the clipboard.
    void said(const QString& line);

private:
    SecretClipboard();
    void clearIfStillOurs();

    int m_clearAfterSeconds = 30;
    QString m_copied;
    QTimer m_timer;
};

} // namespace oauth2dbg
