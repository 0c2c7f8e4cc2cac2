#include "DecodePanel.h"

#include "TokenInspector.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPushButton>
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
    m_verify = new QPushButton(tr("&Verify with the profile's issuer keys"), this);
    m_verify->setToolTip(
        tr("Check the pasted token's signature against the keys the selected profile's issuer "
           "publishes (its jwks_uri), and its validity times"));
    m_verify->setEnabled(false);
    m_input->setPlaceholderText(tr("Paste a token (a JWT, or any access token) to read it. It stays on this "
                                   "machine and is not kept."));
    m_input->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_input->setWordWrapMode(QTextOption::WrapAnywhere);
    m_input->setMaximumHeight(m_input->fontMetrics().lineSpacing() * 5 + 12);
    m_input->setTabChangesFocus(true);
    m_inspector->setRevealed(true); // the user pasted it: nothing to hide from them
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    auto* row = new QHBoxLayout;
    row->addWidget(m_input, 1);
    row->addWidget(m_verify, 0, Qt::AlignTop);
    layout->addLayout(row);
    layout->addWidget(m_inspector, 1);
    connect(m_verify, &QPushButton::clicked, this, [this] { Q_EMIT verifyRequested(token()); });
    connect(m_input, &QPlainTextEdit::textChanged, this, [this] {
        // Whitespace and line breaks that a copy from a log adds are not part of a token.
        const QByteArray pasted = token();
        m_inspector->setToken(Secret(pasted));
        m_verify->setEnabled(pasted.count('.') == 2);
        m_inspector->setVerificationNote(tr(
            "Not verified: this tab reads a token and sends nothing anywhere until you ask to verify it with "
            "the profile's issuer keys."));
    });
}

DecodePanel::~DecodePanel() = default;

QByteArray DecodePanel::token() const
{
    QString text = input()->toPlainText();
    text.remove(u'\n').remove(u'\r').remove(u' ').remove(u'\t');
    return text.toUtf8();
}

} // namespace oauth2dbg
