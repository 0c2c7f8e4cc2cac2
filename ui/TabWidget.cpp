#include "TabWidget.h"

#include <QPainter>

namespace oauth2dbg {

FocusTabBar::FocusTabBar(QWidget* parent)
    : QTabBar(parent)
{}

FocusTabBar::~FocusTabBar() = default;

void FocusTabBar::paintEvent(QPaintEvent* event)
{
    QTabBar::paintEvent(event);
    if (!hasFocus() || currentIndex() < 0)
        return;
    QPainter painter(this);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawRect(tabRect(currentIndex()).adjusted(2, 2, -2, -2));
}

TabWidget::TabWidget(QWidget* parent)
    : QTabWidget(parent)
{
    setTabBar(new FocusTabBar(this));
}

TabWidget::~TabWidget() = default;

} // namespace oauth2dbg
