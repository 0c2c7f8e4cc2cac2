#include "LazyWidget.h"

#include <QShowEvent>
#include <QVBoxLayout>

namespace oauth2dbg {

LazyWidget::LazyWidget(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
}

LazyWidget::~LazyWidget() = default;

void LazyWidget::build() const
{
    if (m_built)
        return;
    auto* self = const_cast<LazyWidget*>(this); // building is not a change anyone can observe
    self->m_built = true;
    self->buildWidgets();
    self->afterBuild();
}

void LazyWidget::showEvent(QShowEvent* event)
{
    build();
    QWidget::showEvent(event);
}

} // namespace oauth2dbg
