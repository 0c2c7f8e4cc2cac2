#pragma once

#include "profiles/AppSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace oauth2dbg {

// Preferences: the default browser command, the timeouts new profiles start with, the clock skew allowed
// when reading times in tokens, and whether secrets show without Reveal (off by default).
class SettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const AppSettings& settings, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    [[nodiscard]] AppSettings settings() const;

    [[nodiscard]] QLineEdit* browserEdit() const { return m_browser; }
    [[nodiscard]] QSpinBox* clockSkewBox() const { return m_skew; }
    [[nodiscard]] QCheckBox* revealBox() const { return m_reveal; }
    [[nodiscard]] QComboBox* appearanceBox() const { return m_appearance; }

private:
    QLineEdit* m_browser;
    QSpinBox* m_requestTimeout;
    QSpinBox* m_browserTimeout;
    QSpinBox* m_skew;
    QSpinBox* m_clearClipboard;
    QCheckBox* m_reveal;
    QComboBox* m_appearance;
};

} // namespace oauth2dbg
