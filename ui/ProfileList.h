#pragma once

#include "profiles/Profile.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QToolButton;

namespace oauth2dbg {

// The profiles on the left: filter as you type, new / duplicate / delete, rename in place (F2), import and
// export; a hint when there is nothing to show.
class ProfileList final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileList)

public:
    explicit ProfileList(QWidget* parent = nullptr);
    ~ProfileList() override;

    // Shows `profiles` (in their order) and selects `currentId`, or the first one when it is gone.
    void setProfiles(const QList<Profile>& profiles, const QString& currentId);
    // Selects without asking anyone (the window uses it to undo a selection it refused).
    void select(const QString& id);
    [[nodiscard]] QString currentId() const;
    [[nodiscard]] QStringList selectedIds() const;
    // The names shown, after the filter.
    [[nodiscard]] QStringList visibleNames() const;

    [[nodiscard]] QLineEdit* filterEdit() const { return m_filter; }
    [[nodiscard]] QListWidget* listWidget() const { return m_list; }
    [[nodiscard]] QLabel* hintLabel() const { return m_hint; }
    [[nodiscard]] QToolButton* newButton() const { return m_new; }
    [[nodiscard]] QToolButton* duplicateButton() const { return m_duplicate; }
    [[nodiscard]] QToolButton* deleteButton() const { return m_delete; }

Q_SIGNALS:
    void currentChanged(const QString& id, const QString& previousId);
    void newRequested();
    void duplicateRequested(const QString& id);
    void deleteRequested(const QString& id);
    void renameRequested(const QString& id, const QString& name);
    void importRequested();
    void exportRequested();

private:
    void applyFilter();
    void updateHint();

    QLineEdit* m_filter;
    QListWidget* m_list;
    QLabel* m_hint;
    QToolButton* m_new;
    QToolButton* m_duplicate;
    QToolButton* m_delete;
    QToolButton* m_more;
    QString m_currentId;
    bool m_filling = false;
};

} // namespace oauth2dbg
