#include "Banner.h"

#include "Theme.h"

namespace oauth2dbg {

Banner::Banner(QWidget* parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

Banner::~Banner() = default;

void Banner::showMessage(const QString& text, Level level)
{
    setStyleSheet(Theme::bannerStyle(static_cast<int>(level)));
    setText(text);
    setVisible(true);
}

} // namespace oauth2dbg
