#include "Banner.h"

#include "PlainText.h"
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
    setText(PlainText::shown(text)); // messages quote servers and files
    setVisible(true);
}

} // namespace oauth2dbg
