#pragma once

#include "profiles/Profile.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace oauth2dbg {

// Next to the profile: which of its environments (dev, staging, prod …) the run uses, or the profile's own
// settings. A profile without environments shows that it has none and where to add them.
class EnvironmentPicker final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentPicker)

public:
    explicit EnvironmentPicker(QWidget* parent = nullptr);
    ~EnvironmentPicker() override;

    // The profile's environments (none selected: null), `selectedId` chosen; says nothing back.
    void setProfile(const Profile* profile, const QString& selectedId);
    [[nodiscard]] QString selectedId() const;
    [[nodiscard]] QComboBox* box() const { return m_box; }

Q_SIGNALS:
    // The user chose another one (empty: the profile's own settings).
    void chosen(const QString& environmentId);

private:
    QLabel* m_label;
    QComboBox* m_box;
};

} // namespace oauth2dbg
