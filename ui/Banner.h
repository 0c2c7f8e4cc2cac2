#pragma once

#include <QLabel>

namespace oauth2dbg {

// The inline message of a step: what is happening, what went wrong, or a warning — where it happened, never
// in a modal dialog. Plain text only: server-supplied words are shown, never interpreted.
class Banner final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Banner)

public:
    enum class Level { Info, Warning, Error };

    explicit Banner(QWidget* parent = nullptr);
    ~Banner() override;

    void showMessage(const QString& text, Level level);
};

} // namespace oauth2dbg
