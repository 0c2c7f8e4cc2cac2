#include "FlowTimeline.h"

#include "PlainText.h"
#include "common/Duration.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

namespace oauth2dbg {

namespace {
constexpr int kStatusRole = Qt::UserRole + 3;
constexpr int kDetailRole = Qt::UserRole + 4;
constexpr int kTitleRole = Qt::UserRole + 5;

QString titleOf(FlowTimeline::Step step)
{
    return FlowStep::title(step);
}

// Status icons drawn at the screen's pixel ratio: sharp on high-DPI screens, no image plugin to load.
QIcon statusIcon(FlowTimeline::Status status, qreal ratio)
{
    const int size = 16;
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF box(1.5, 1.5, size - 3, size - 3);
    QColor color;
    switch (status) {
    case FlowTimeline::Status::Pending:
        p.setPen(QPen(QColor(0x9a, 0x9a, 0x9a), 1.5));
        p.drawEllipse(box);
        return QIcon(pixmap);
    case FlowTimeline::Status::Running:
        color = QColor(0x1a, 0x73, 0xe8);
        break;
    case FlowTimeline::Status::Ok:
        color = QColor(0x1e, 0x8e, 0x3e);
        break;
    case FlowTimeline::Status::Warning:
        color = QColor(0xc2, 0x7c, 0x0e);
        break;
    case FlowTimeline::Status::Failed:
        color = QColor(0xc5, 0x22, 0x1f);
        break;
    }
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(box);
    p.setPen(QPen(Qt::white, 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.setBrush(Qt::NoBrush);
    QPainterPath glyph;
    switch (status) {
    case FlowTimeline::Status::Ok:
        glyph.moveTo(4.5, 8.2);
        glyph.lineTo(7, 10.7);
        glyph.lineTo(11.5, 5.5);
        break;
    case FlowTimeline::Status::Failed:
        glyph.moveTo(5.5, 5.5);
        glyph.lineTo(10.5, 10.5);
        glyph.moveTo(10.5, 5.5);
        glyph.lineTo(5.5, 10.5);
        break;
    case FlowTimeline::Status::Warning:
        glyph.moveTo(8, 4.5);
        glyph.lineTo(8, 9);
        glyph.moveTo(8, 11.5);
        glyph.lineTo(8, 11.6);
        break;
    default: // running: three dots
        for (const qreal x : {5.0, 8.0, 11.0}) {
            glyph.moveTo(x, 8);
            glyph.lineTo(x + 0.1, 8);
        }
        break;
    }
    p.drawPath(glyph);
    return QIcon(pixmap);
}

QString statusWord(FlowTimeline::Status status)
{
    return FlowStep::statusWord(status);
}
} // namespace

FlowTimeline::FlowTimeline(QWidget* parent)
    : QListWidget(parent)
{
    setSelectionMode(QAbstractItemView::SingleSelection);
    // One line a step: the whole message is the step's panel's and the row's tooltip. Cut short at the
    // column's width, never a sideways scroll.
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setUniformItemSizes(true);
    setResizeMode(QListView::Adjust);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSpacing(2);
    setToolTip(tr("The flow, step by step. Select a step to see its parameters, checks and traffic."));
    setAccessibleName(tr("Flow steps"));
    connect(this, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        if (item)
            Q_EMIT stepActivated(Step(item->data(StepRole).toInt()), item->data(ExchangeRole).toULongLong());
    });
    restart();
}

FlowTimeline::~FlowTimeline() = default;

void FlowTimeline::restart()
{
    const QSignalBlocker block(this);
    clear();
    for (const Step step :
         {Step::Profile, Step::Discovery, Step::Request, Step::Consent, Step::Callback, Step::Token}) {
        auto* item = new QListWidgetItem(this);
        item->setData(StepRole, int(step));
        paint(item, titleOf(step), Status::Pending, QString(), -1);
    }
}

void FlowTimeline::resetFrom(Step from)
{
    const QSignalBlocker block(this);
    for (int row = count() - 1; row >= 0; --row) {
        QListWidgetItem* it = item(row);
        const auto step = Step(it->data(StepRole).toInt());
        if (!FlowStep{.kind = step}.isFixed())
            delete takeItem(row);
        else if (int(step) >= int(from))
            paint(it, titleOf(step), Status::Pending, QString(), -1);
    }
}

QListWidgetItem* FlowTimeline::itemFor(Step step) const
{
    for (int row = 0; row < count(); ++row) {
        if (item(row)->data(StepRole).toInt() == int(step))
            return item(row);
    }
    return nullptr;
}

void FlowTimeline::setStep(Step step, Status status, const QString& detail, qint64 durationMs)
{
    if (QListWidgetItem* it = itemFor(step))
        paint(it, titleOf(step), status, detail, durationMs);
}

void FlowTimeline::paintEvent(QPaintEvent* event)
{
    QListWidget::paintEvent(event);
    if (!hasFocus())
        return;
    QPainter painter(viewport());
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawRect(viewport()->rect().adjusted(1, 1, -1, -1));
}

void FlowTimeline::changeEvent(QEvent* event)
{
    QListWidget::changeEvent(event);
    if (event->type() != QEvent::PaletteChange)
        return;
    for (int row = 0; row < count(); ++row) {
        QListWidgetItem* it = item(row);
        const bool pending = Status(it->data(kStatusRole).toInt()) == Status::Pending;
        it->setForeground(pending ? palette().color(QPalette::Disabled, QPalette::Text)
                                  : palette().color(QPalette::Text));
    }
}

void FlowTimeline::focusInEvent(QFocusEvent* event)
{
    QListWidget::focusInEvent(event);
    viewport()->update();
}

void FlowTimeline::focusOutEvent(QFocusEvent* event)
{
    QListWidget::focusOutEvent(event);
    viewport()->update();
}

void FlowTimeline::apply(const FlowStep& step)
{
    if (step.kind == Step::DeviceAuthorization && !step.interim) {
        // The device grant has no browser steps on this machine: its own step takes their place, before the
        // token's (the rows of an authorization already under way stay).
        const QSignalBlocker block(this);
        for (const Step browserPart : {Step::Callback, Step::Consent, Step::Request})
            if (QListWidgetItem* it = itemFor(browserPart); it && status(browserPart) == Status::Pending)
                delete takeItem(row(it));
        return insertBefore(Step::Token, step);
    }
    if ((step.kind == Step::PushedRequest || step.kind == Step::RequestObject) && !step.interim) {
        // The push and the signed request come between the request and the browser: their rows go there.
        return insertBefore(Step::Consent, step);
    }
    if (!step.isFixed()) {
        if (!step.interim)
            addEvent(step.kind, FlowStep::title(step.kind), step.status, step.summary, step.durationMs,
                     step.exchangeIds.isEmpty() ? 0 : step.exchangeIds.constLast());
        return;
    }
    if (step.kind == Step::Callback && step.interim && status(Step::Callback) == Status::Ok)
        return; // a refused request after the accepted one changes nothing
    if (step.kind == Step::Request) {
        // A sign-in after a device grant: its browser rows come back, before the token's.
        for (const Step browserPart : {Step::Request, Step::Consent, Step::Callback})
            if (!itemFor(browserPart)) {
                auto* it = new QListWidgetItem();
                it->setData(StepRole, int(browserPart));
                QListWidgetItem* token = itemFor(Step::Token);
                insertItem(token ? row(token) : count(), it);
            }
        resetFrom(Step::Request); // a new authorization keeps Profile and Discovery
    }
    setStep(step.kind, step.status, step.summary, step.durationMs);
}

void FlowTimeline::insertBefore(Step anchor, const FlowStep& step)
{
    auto* it = new QListWidgetItem();
    it->setData(StepRole, int(step.kind));
    it->setData(ExchangeRole, step.exchangeIds.isEmpty() ? 0 : step.exchangeIds.constLast());
    QListWidgetItem* before = itemFor(anchor);
    insertItem(before ? row(before) : count(), it);
    paint(it, FlowStep::title(step.kind), step.status, step.summary, step.durationMs);
}

void FlowTimeline::addEvent(Step kind, const QString& title, Status status, const QString& detail,
                            qint64 durationMs, quint64 exchangeId)
{
    auto* it = new QListWidgetItem(this);
    it->setData(StepRole, int(kind));
    it->setData(ExchangeRole, exchangeId);
    paint(it, title, status, detail, durationMs);
    scrollToItem(it);
}

void FlowTimeline::paint(QListWidgetItem* item, const QString& title, Status status, const QString& detail,
                         qint64 durationMs)
{
    QString text = title;
    if (durationMs >= 0)
        text += u"  ·  " % durationText(durationMs);
    if (!detail.isEmpty())
        text += u" — " % PlainText::line(detail);
    item->setText(text);
    item->setIcon(iconFor(status));
    item->setToolTip(PlainText::toolTip(title % u": " % statusWord(status) %
                                        (detail.isEmpty() ? QString() : u"\n" % detail)));
    item->setData(kStatusRole, int(status));
    item->setData(kDetailRole, detail);
    item->setData(kTitleRole, title);
    QFont font = this->font();
    font.setBold(status != Status::Pending);
    item->setFont(font);
    item->setForeground(status == Status::Pending ? palette().color(QPalette::Disabled, QPalette::Text)
                                                  : palette().color(QPalette::Text));
}

QIcon FlowTimeline::iconFor(Status status)
{
    if (const qreal ratio = devicePixelRatioF(); ratio != m_iconRatio) {
        m_icons.clear();
        m_iconRatio = ratio;
    }
    auto found = m_icons.constFind(int(status));
    if (found == m_icons.constEnd())
        found = m_icons.insert(int(status), statusIcon(status, m_iconRatio));
    return *found;
}

FlowTimeline::Status FlowTimeline::status(Step step) const
{
    const QListWidgetItem* it = itemFor(step);
    return it ? Status(it->data(kStatusRole).toInt()) : Status::Pending;
}

QString FlowTimeline::detail(Step step) const
{
    const QListWidgetItem* it = itemFor(step);
    return it ? it->data(kDetailRole).toString() : QString();
}

QStringList FlowTimeline::rowTexts() const
{
    QStringList rows;
    for (int row = 0; row < count(); ++row) {
        const QListWidgetItem* it = item(row);
        rows << it->data(kTitleRole).toString() % u": " % statusWord(Status(it->data(kStatusRole).toInt())) %
                    (it->data(kDetailRole).toString().isEmpty() ? QString()
                                                                : u" — " % it->data(kDetailRole).toString());
    }
    return rows;
}

} // namespace oauth2dbg
