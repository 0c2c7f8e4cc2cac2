#pragma once

#include <QWidget>

namespace oauth2dbg {

// A widget whose children are built on first need — when it is first shown, or when code asks for one of
// them (accessors call build()) — so that panes nobody has opened yet cost the window's first frame nothing.
// Until then it keeps its state in plain members and shows it once built (afterBuild()).
class LazyWidget : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LazyWidget)

public:
    explicit LazyWidget(QWidget* parent = nullptr);
    ~LazyWidget() override;

    [[nodiscard]] bool isBuilt() const { return m_built; }

protected:
    // Creates the children (into the vertical layout the widget already has), then shows the kept state.
    virtual void buildWidgets() = 0;
    virtual void afterBuild() {}
    void build() const;
    void showEvent(QShowEvent* event) override;

private:
    bool m_built = false;
};

} // namespace oauth2dbg
