#include "SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace oauth2dbg {

SettingsDialog::SettingsDialog(const AppSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_browser(new QLineEdit(settings.defaultBrowserCommand, this))
    , m_requestTimeout(new QSpinBox(this))
    , m_browserTimeout(new QSpinBox(this))
    , m_skew(new QSpinBox(this))
    , m_clearClipboard(new QSpinBox(this))
    , m_reveal(
          new QCheckBox(tr("Show tokens and secrets without ticking Reveal (not recommended while sharing "
                           "your screen)"),
                        this))
    , m_appearance(new QComboBox(this))
{
    setWindowTitle(tr("Settings"));
    m_browser->setPlaceholderText(tr("the system browser"));
    m_browser->setToolTip(
        tr("Used by profiles without a browser command of their own; %u stands for the URL, "
           "e.g. firefox --private-window %u"));
    m_requestTimeout->setRange(1, 600);
    m_requestTimeout->setSuffix(tr(" s"));
    m_requestTimeout->setValue(settings.requestTimeoutSeconds);
    m_browserTimeout->setRange(1, 60);
    m_browserTimeout->setSuffix(tr(" min"));
    m_browserTimeout->setValue(settings.browserTimeoutMinutes);
    m_skew->setRange(0, 3600);
    m_skew->setSuffix(tr(" s"));
    m_skew->setValue(settings.clockSkewSeconds);
    m_skew->setToolTip(
        tr("How far this computer's clock may differ from the server's before exp, nbf and iat "
           "count as wrong"));
    m_reveal->setChecked(settings.revealByDefault);
    m_clearClipboard->setObjectName(QStringLiteral("clearClipboardSeconds"));
    m_clearClipboard->setRange(0, 3600);
    m_clearClipboard->setSuffix(tr(" s"));
    m_clearClipboard->setSpecialValueText(tr("never"));
    m_clearClipboard->setValue(settings.clearClipboardSeconds);
    m_clearClipboard->setToolTip(
        tr("A token or secret you copy is taken off the clipboard again after this time "
           "(unless you copied something else meanwhile)"));
    m_appearance->addItem(tr("As the desktop (light or dark)"), QStringLiteral("system"));
    m_appearance->addItem(tr("Light"), QStringLiteral("light"));
    m_appearance->addItem(tr("Dark"), QStringLiteral("dark"));
    m_appearance->setCurrentIndex(std::max(0, m_appearance->findData(settings.appearance)));
    auto* form = new QFormLayout;
    form->addRow(tr("Appearance:"), m_appearance);
    form->addRow(tr("Default browser:"), m_browser);
    form->addRow(tr("Request timeout (new profiles):"), m_requestTimeout);
    form->addRow(tr("Wait for the browser (new profiles):"), m_browserTimeout);
    form->addRow(tr("Clock skew allowed:"), m_skew);
    form->addRow(QString(), m_reveal);
    form->addRow(tr("Clear copied secrets after:"), m_clearClipboard);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

SettingsDialog::~SettingsDialog() = default;

AppSettings SettingsDialog::settings() const
{
    return {.defaultBrowserCommand = m_browser->text().trimmed(),
            .requestTimeoutSeconds = m_requestTimeout->value(),
            .browserTimeoutMinutes = m_browserTimeout->value(),
            .clockSkewSeconds = m_skew->value(),
            .revealByDefault = m_reveal->isChecked(),
            .clearClipboardSeconds = m_clearClipboard->value(),
            .appearance = m_appearance->currentData().toString()};
}

} // namespace oauth2dbg
