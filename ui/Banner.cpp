#include "Banner.h"

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
    static const QString kStyles[] = {
        QStringLiteral("background:#e7f1fb; color:#0b3a63; border:1px solid #b6d4f2;"),
        QStringLiteral("background:#fff4e0; color:#5c3b00; border:1px solid #f1cf8b;"),
        QStringLiteral("background:#fdecea; color:#611a15; border:1px solid #f3b7b2;"),
    };
    setStyleSheet(kStyles[static_cast<int>(level)] % u"border-radius:4px; padding:6px;");
    setText(text);
    setVisible(true);
}

} // namespace oauth2dbg
