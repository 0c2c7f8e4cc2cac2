#pragma once

#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QObject>

#include <cstdio>

// Benchmark probes shared by the app's hidden --bench mode and the bare window it is compared with: a line on
// stdout when the window first paints, and the process's peak resident memory.
namespace bench {

// VmHWM from /proc/self/status, in KiB; -1 where there is no such file.
inline long peakRssKib()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

// Prints "first-paint" (and the peak RSS then) the first time `window` paints, then calls `then`.
template <typename Then>
class FirstPaint final : public QObject {
public:
    FirstPaint(QObject* window, Then then)
        : QObject(window)
        , m_then(std::move(then))
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            std::printf("first-paint rss-kib=%ld\n", peakRssKib());
            std::fflush(stdout);
            m_then();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    Then m_then;
    bool m_seen = false;
};

} // namespace bench
