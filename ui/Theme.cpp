#include "Theme.h"

#include <QApplication>

namespace oauth2dbg::Theme {

bool isDark()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128;
}

QString warningText()
{
    return isDark() ? QStringLiteral("color:#f2b84b;") : QStringLiteral("color:#8a5300;");
}

QString errorText()
{
    return isDark() ? QStringLiteral("color:#ff8a80;") : QStringLiteral("color:#b00020;");
}

QString okText()
{
    return isDark() ? QStringLiteral("color:#81c995;") : QStringLiteral("color:#1e6b34;");
}

QString errorBorder()
{
    return isDark() ? QStringLiteral("border:1px solid #ff8a80;")
                    : QStringLiteral("border:1px solid #b00020;");
}

QString bannerStyle(int level)
{
    const bool dark = isDark();
    QString colours;
    switch (level) {
    case 1:
        colours = dark ? QStringLiteral("background:#3a2a07; color:#ffe2a8; border:1px solid #7a5a14;")
                       : QStringLiteral("background:#fff4e0; color:#5c3b00; border:1px solid #f1cf8b;");
        break;
    case 2:
        colours = dark ? QStringLiteral("background:#3d1411; color:#ffd3cf; border:1px solid #8a2f28;")
                       : QStringLiteral("background:#fdecea; color:#611a15; border:1px solid #f3b7b2;");
        break;
    default:
        colours = dark ? QStringLiteral("background:#13293d; color:#cfe4fa; border:1px solid #2f5d8a;")
                       : QStringLiteral("background:#e7f1fb; color:#0b3a63; border:1px solid #b6d4f2;");
        break;
    }
    return colours + QStringLiteral("border-radius:4px; padding:6px;");
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8c, 0x8c));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x65, 0xca));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    for (const auto role : {QPalette::Text, QPalette::ButtonText, QPalette::WindowText})
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7a, 0x7a));
    return p;
}

} // namespace oauth2dbg::Theme
