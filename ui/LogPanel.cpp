#include "LogPanel.h"

#include "PlainText.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
constexpr int kMaxLines = 10'000;

QList<QPointer<LogPanel>>& panels()
{
    static QList<QPointer<LogPanel>> list;
    return list;
}

QtMessageHandler g_previous = nullptr;

void handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (g_previous)
        g_previous(type, context, message);
    const QLatin1StringView category(context.category ? context.category : "");
    if (!category.startsWith(QLatin1StringView("oauth2dbg.")))
        return;
    const QString line = category.mid(10) % u": " % message;
    // Messages may come from any thread; the panels live in the GUI thread.
    for (const QPointer<LogPanel>& panel : std::as_const(panels())) {
        if (panel)
            QMetaObject::invokeMethod(
                panel,
                [panel, line] {
                    if (panel)
                        panel->append(line);
                },
                Qt::QueuedConnection);
    }
}
} // namespace

LogPanel::LogPanel(QWidget* parent)
    : LazyWidget(parent)
{
    panels().append(this);
}

void LogPanel::buildWidgets()
{
    m_view = new QPlainTextEdit(this);
    m_copy = new QPushButton(tr("Copy all"), this);
    m_clear = new QPushButton(tr("Clear"), this);
    m_view->setReadOnly(true);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setMaximumBlockCount(kMaxLines);
    m_view->setPlaceholderText(tr("What happens in this session appears here, one line per event."));
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_clear);
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    connect(m_copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(text()); });
    connect(m_clear, &QPushButton::clicked, m_view, &QPlainTextEdit::clear);
}

void LogPanel::afterBuild()
{
    for (const QString& line : std::as_const(m_waiting))
        m_view->appendPlainText(line);
    m_waiting.clear();
}

LogPanel::~LogPanel()
{
    panels().removeAll(QPointer<LogPanel>(this));
}

void LogPanel::append(const QString& line)
{
    const QString stamped =
        QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz")) % u"  " % PlainText::line(line);
    if (isBuilt()) {
        m_view->appendPlainText(stamped);
        return;
    }
    m_waiting.append(stamped);
    if (m_waiting.size() > kMaxLines)
        m_waiting.removeFirst();
}

QString LogPanel::text() const
{
    return isBuilt() ? m_view->toPlainText() : m_waiting.join(u'\n');
}

void LogPanel::captureEngineMessages()
{
    if (!g_previous)
        g_previous = qInstallMessageHandler(handler);
}

} // namespace oauth2dbg
