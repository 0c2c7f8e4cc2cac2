#include "FocusRegions.h"

#include <QApplication>
#include <QWidget>

namespace oauth2dbg::FocusRegions {

namespace {
bool takesTab(const QWidget* widget, const QWidget* window)
{
    return (widget->focusPolicy() & Qt::TabFocus) && widget->isEnabled() && widget->isVisibleTo(window) &&
           !widget->focusProxy();
}

int regionOf(const QWidget* widget, const QList<QWidget*>& regions)
{
    for (int i = 0; widget && i < regions.size(); ++i) {
        if (regions.at(i) == widget || regions.at(i)->isAncestorOf(widget))
            return i;
    }
    return -1;
}

// The first (or last) control of `region` in the focus chain.
QWidget* endOf(QWidget* region, const QWidget* window, bool first)
{
    QWidget* found = nullptr;
    for (QWidget* w = region->nextInFocusChain(); w != region; w = w->nextInFocusChain()) {
        if (region->isAncestorOf(w) && takesTab(w, window)) {
            found = w;
            if (first)
                break;
        }
    }
    return found;
}
} // namespace

bool moveFocus(QWidget* window, const QList<QWidget*>& regions, bool next)
{
    QWidget* current = QApplication::focusWidget();
    const int from = regionOf(current, regions);
    if (from < 0)
        return false;
    const Qt::FocusReason reason = next ? Qt::TabFocusReason : Qt::BacktabFocusReason;
    // Within the region, the focus chain's order stands.
    QWidget* within = next ? current->nextInFocusChain() : current->previousInFocusChain();
    while (within != current && !takesTab(within, window))
        within = next ? within->nextInFocusChain() : within->previousInFocusChain();
    if (within != current && regionOf(within, regions) == from) {
        within->setFocus(reason);
        return true;
    }
    // Out of it: the next region that has a control to take the focus.
    const int count = int(regions.size());
    for (int step = 1; step <= count; ++step) {
        if (QWidget* target =
                endOf(regions.at((from + (next ? step : -step) + count) % count), window, next)) {
            target->setFocus(reason);
            return true;
        }
    }
    return false;
}

} // namespace oauth2dbg::FocusRegions
