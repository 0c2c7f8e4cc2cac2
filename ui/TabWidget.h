#pragma once

#include <QTabBar>
#include <QTabWidget>

namespace oauth2dbg {

// A tab bar whose focus shows: a ring in the palette's highlight colour around the current tab while the bar
// has the keyboard focus (the style's own dotted rectangle is all but invisible, and absent in a dark
// palette).
class FocusTabBar final : public QTabBar {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FocusTabBar)

public:
    explicit FocusTabBar(QWidget* parent = nullptr);
    ~FocusTabBar() override;

protected:
    void paintEvent(QPaintEvent* event) override;
};

// The window's tab widgets: a QTabWidget with a FocusTabBar.
class TabWidget : public QTabWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TabWidget)

public:
    explicit TabWidget(QWidget* parent = nullptr);
    ~TabWidget() override;
};

} // namespace oauth2dbg
