// The Authorization step's part after the browser: what reached the listener, shown as received, the outcome
// in its banner, and a pasted final URL.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "FindingsView.h"
#include "PlainText.h"
#include "TabWidget.h"
#include "common/Duration.h"
#include "net/BrowserLauncher.h"
#include "traffic/ExchangeText.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace oauth2dbg {

void AuthorizationPanel::showCaptured(const CapturedCallback& callback)
{
    build();
    m_checks->setFindings(callback.verdict.checks);
    QString text;
    if (!callback.request.method.isEmpty()) {
        text += tr("Received %1 from %2\n\n")
                    .arg(callback.received.toString(Qt::ISODateWithMs), callback.peer.toString());
        text += QString::fromLatin1(callback.request.method) % u' ' %
                ExchangeText::maskQuery(QString::fromLatin1(callback.request.target)) % u' ' %
                QString::fromLatin1(callback.request.version) % u'\n';
        // Browsers send cookies for 127.0.0.1 whatever the port, so a provider's session may arrive here too.
        for (const auto& [name, value] : callback.request.headers)
            text += QString::fromLatin1(name) % u": " %
                    (ExchangeText::isSecretHeader(name) ? ExchangeText::mask(QString::fromLatin1(value))
                                                        : QString::fromLatin1(value)) %
                    u'\n';
    } else {
        text += tr("Pasted at %1\n").arg(callback.received.toString(Qt::ISODateWithMs));
    }
    text += tr("\nParameters:\n");
    for (const auto& [name, value] : callback.parameters)
        text += u"  " % name % u" = " %
                (ExchangeText::isSecretParameter(name) ? ExchangeText::mask(value) : value) % u'\n';
    m_captured->setPlainText(PlainText::shown(text));
    m_tabs->setCurrentIndex(1);
}

void AuthorizationPanel::onFinished(const AuthorizationOutcome& outcome)
{
    build();
    m_paste->clear();
    if (outcome.hasCode() && outcome.hasFrontChannelTokens()) {
        showCaptured(outcome.callback);
        setBanner(tr("Code and tokens received in the URL fragment: the ID token is verified before the code "
                     "is exchanged."),
                  0);
    } else if (outcome.hasCode()) {
        showCaptured(outcome.callback);
        setBanner(tr("Authorization code received and checked: ready for the token step."), 0);
    } else if (outcome.hasFrontChannelTokens() && !outcome.error.isError()) {
        showCaptured(outcome.callback);
        setBanner(tr("Tokens received in the URL fragment (implicit): see the Token step."), 0);
    } else if (!outcome.error.oauthError.isEmpty()) {
        showCaptured(outcome.callback);
        QString text = tr("The server answered \"%1\"").arg(outcome.error.oauthError);
        if (!outcome.error.oauthErrorDescription.isEmpty())
            text += u": " % outcome.error.oauthErrorDescription;
        if (!outcome.error.oauthErrorUri.isEmpty())
            text += tr(" (more at %1; not opened)").arg(outcome.error.oauthErrorUri);
        setBanner(text % u"\n" % outcome.callback.verdict.reason, 2);
    } else if (outcome.error.kind == ErrorKind::Timeout && !m_timedOut.isEmpty()) {
        QString text = outcome.error.message;
        for (const Finding& f : std::as_const(m_timedOut))
            if (f.message.startsWith(u"Likely cause 1"))
                text += u'\n' % f.message;
        setBanner(
            text % tr("\nWhat was sent is under Callback; Check this request asks the server about it."), 2);
        m_timedOut.clear();
    } else {
        setBanner(outcome.error.message, outcome.error.kind == ErrorKind::Cancelled ? 1 : 2);
    }
    Q_EMIT finished(outcome);
}

void AuthorizationPanel::submitPaste()
{
    build();
    if (const EngineError error = flow()->submitPasted(m_paste->text()); error.isError())
        setBanner(error.message, 2);
}

} // namespace oauth2dbg
