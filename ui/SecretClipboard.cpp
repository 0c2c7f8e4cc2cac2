#include "SecretClipboard.h"

#include <QApplication>
#include <QClipboard>

namespace oauth2dbg {

SecretClipboard& SecretClipboard::instance()
{
    static SecretClipboard clipboard;
    return clipboard;
}

SecretClipboard::SecretClipboard()
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SecretClipboard::clearIfStillOurs);
}

void SecretClipboard::copy(const QString& text, const QString& what)
{
    QApplication::clipboard()->setText(text);
    if (m_clearAfterSeconds <= 0) {
        m_timer.stop();
        m_copied.clear();
        Q_EMIT said(tr("Copied %1. It stays on the clipboard (Settings).").arg(what));
        return;
    }
    m_copied = text;
    m_timer.start(m_clearAfterSeconds * 1000);
    Q_EMIT said(tr("Copied %1; the clipboard is cleared in %2 s.").arg(what).arg(m_clearAfterSeconds));
}

void SecretClipboard::clearIfStillOurs()
{
    QClipboard* clipboard = QApplication::clipboard();
    if (!m_copied.isEmpty() && clipboard->text() == m_copied) {
        clipboard->clear();
        Q_EMIT said(tr("The copied secret was cleared from the clipboard."));
    }
    m_copied.fill(u'\0');
    m_copied.clear();
}

} // namespace oauth2dbg
