#include "ImportDialog.h"

#include "PlainText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace oauth2dbg {

ImportDialog::ImportDialog(const ProfileTransfer::Imported& imported, QWidget* parent)
    : QDialog(parent)
    , m_imported(imported)
    , m_table(new QTableWidget(int(imported.conflicts.size()), 3, this))
{
    setWindowTitle(tr("Import profiles"));
    auto* intro = new QLabel(
        tr("%n new profile(s) will be added. These already exist here (same name or id); choose for each:",
           nullptr, int(imported.profiles.size())),
        this);
    intro->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("In the file"), tr("Here"), tr("Do")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < imported.conflicts.size(); ++row) {
        const ProfileTransfer::Conflict& c = imported.conflicts.at(row);
        auto* incoming = new QTableWidgetItem(PlainText::line(c.incoming.name));
        incoming->setToolTip(PlainText::toolTip(c.incoming.issuer % u'\n' % c.incoming.clientId));
        auto* existing = new QTableWidgetItem(PlainText::line(c.existing.name));
        existing->setToolTip(PlainText::toolTip(c.existing.issuer % u'\n' % c.existing.clientId));
        m_table->setItem(row, 0, incoming);
        m_table->setItem(row, 1, existing);
        auto* choice = new QComboBox(m_table);
        choice->addItem(tr("Add as a new profile (renamed)"), int(ProfileTransfer::Resolution::Rename));
        choice->addItem(tr("Keep mine"), int(ProfileTransfer::Resolution::Keep));
        choice->addItem(tr("Replace mine (its keychain entries stay)"),
                        int(ProfileTransfer::Resolution::Replace));
        m_table->setCellWidget(row, 2, choice);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(640, 320);
}

ImportDialog::~ImportDialog() = default;

ProfileTransfer::Resolution ImportDialog::resolution(int conflict) const
{
    const auto* box = qobject_cast<QComboBox*>(m_table->cellWidget(conflict, 2));
    return ProfileTransfer::Resolution(box->currentData().toInt());
}

void ImportDialog::setResolution(int conflict, ProfileTransfer::Resolution resolution)
{
    auto* box = qobject_cast<QComboBox*>(m_table->cellWidget(conflict, 2));
    box->setCurrentIndex(box->findData(int(resolution)));
}

} // namespace oauth2dbg
