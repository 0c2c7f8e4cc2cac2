#include "RefreshScheduler.h"

#include "common/Seconds.h"

namespace oauth2dbg {

RefreshScheduler::RefreshScheduler(QObject* parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &RefreshScheduler::check);
}

RefreshScheduler::~RefreshScheduler() = default;

qint64 RefreshScheduler::leadSeconds(qint64 lifetimeSeconds)
{
    return std::clamp<qint64>(lifetimeSeconds / 10, 5, 60);
}

void RefreshScheduler::schedule(const QDateTime& receivedAt, qint64 expiresInSeconds)
{
    const qint64 lifetime = std::clamp<qint64>(expiresInSeconds, 0, Seconds::kMaxLifetime);
    m_dueAt = receivedAt.addSecs(std::max<qint64>(0, lifetime - leadSeconds(lifetime)));
    m_tick.start();
}

void RefreshScheduler::stop()
{
    m_dueAt = {};
    m_tick.stop();
}

void RefreshScheduler::check()
{
    if (!m_dueAt.isValid() || m_clock() < m_dueAt)
        return;
    stop(); // once per schedule: the refresh's result schedules the next one
    Q_EMIT due();
}

} // namespace oauth2dbg
