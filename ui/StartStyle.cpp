#include "StartStyle.h"

#include <QApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QProxyStyle>

namespace oauth2dbg {

namespace {
// "»", drawn in the palette's text colour at whatever size is asked for.
class OverflowArrow final : public QIconEngine {
public:
    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State) override
    {
        const QColor colour = QApplication::palette().color(
            mode == QIcon::Disabled ? QPalette::Disabled : QPalette::Active, QPalette::ButtonText);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(QPen(colour, std::max(1.0, rect.height() / 10.0)));
        const QRectF box = QRectF(rect).adjusted(rect.width() * 0.25, rect.height() * 0.3,
                                                 -rect.width() * 0.25, -rect.height() * 0.3);
        for (const qreal left : {box.left(), box.center().x()}) {
            QPainterPath chevron;
            chevron.moveTo(left, box.top());
            chevron.lineTo(left + box.width() / 2, box.center().y());
            chevron.lineTo(left, box.bottom());
            painter->drawPath(chevron);
        }
        painter->restore();
    }
    [[nodiscard]] QIconEngine* clone() const override { return new OverflowArrow; }
};

class StartStyle final : public QProxyStyle {
public:
    using QProxyStyle::QProxyStyle;

    [[nodiscard]] QIcon standardIcon(StandardPixmap icon, const QStyleOption* option,
                                     const QWidget* widget) const override
    {
        if (icon == SP_ToolBarHorizontalExtensionButton)
            return QIcon(new OverflowArrow);
        return QProxyStyle::standardIcon(icon, option, widget);
    }
};
} // namespace

void installStartStyle()
{
    QApplication::setStyle(new StartStyle); // over the style the platform chose
}

} // namespace oauth2dbg
