#pragma once

#include "profiles/ProfileTransfer.h"

#include <QDialog>

class QTableWidget;

namespace oauth2dbg {

// The profiles of an import that clash with one's own (same id or name): for each, keep mine, replace it, or
// add theirs under a new name. Rename is preselected: nothing is lost unless the user says so.
class ImportDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportDialog)

public:
    ImportDialog(const ProfileTransfer::Imported& imported, QWidget* parent = nullptr);
    ~ImportDialog() override;

    [[nodiscard]] const ProfileTransfer::Imported& imported() const { return m_imported; }
    [[nodiscard]] ProfileTransfer::Resolution resolution(int conflict) const;
    void setResolution(int conflict, ProfileTransfer::Resolution resolution);

private:
    ProfileTransfer::Imported m_imported;
    QTableWidget* m_table;
};

} // namespace oauth2dbg
