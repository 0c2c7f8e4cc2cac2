#include "DecodePanel.h"

#include "TokenInspector.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QVBoxLayout>

namespace oauth2dbg {

DecodePanel::DecodePanel(QWidget* parent)
    : LazyWidget(parent)
{}

void DecodePanel::buildWidgets()
{
    m_input = new QPlainTextEdit(this);
    m_inspector = new TokenInspector(this);
    m_input->setPlaceholderText(tr("Paste a token (a JWT, or any access token) to read it. It stays on this "
                                   "machine and is not kept."));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setWordWrapMode(QTextOption::WrapAnywhere);
    m_input->setMaximumHeight(m_input->fontMetrics().lineSpacing() * 5 + 12);
    m_input->setTabChangesFocus(true);
    m_inspector->setRevealed(true); // the user pasted it: nothing to hide from them
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->addWidget(m_input);
    layout->addWidget(m_inspector, 1);
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        // Whitespace and line breaks that a copy from a log adds are not part of a token.
        QString text = m_input->toPlainText();
        text.remove(u'\n').remove(u'\r').remove(u' ').remove(u'\t');
        m_inspector->setToken(Secret(text.toUtf8()));
        m_inspector->setVerificationNote(
            tr("Not verified: this tab reads a token and sends it nowhere. Tokens from a flow are verified "
               "against their issuer's keys (Tokens tab); the command line verifies any token with decode "
               "--jwks."));
    });
}

DecodePanel::~DecodePanel() = default;

} // namespace oauth2dbg
