#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <functional>

namespace oauth2dbg {

// Says when an access token is due for an automatic refresh: shortly before it expires (a tenth of its
// lifetime, between 5 s and 60 s early). The clock is injectable, so tests move time instead of waiting.
class RefreshScheduler final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefreshScheduler)

public:
    using Clock = std::function<QDateTime()>;

    explicit RefreshScheduler(QObject* parent = nullptr);
    ~RefreshScheduler() override;

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void schedule(const QDateTime& receivedAt, qint64 expiresInSeconds);
    void stop();
    // Emits due() if the moment has come (also called every second while scheduled).
    void check();

    [[nodiscard]] bool isScheduled() const { return m_dueAt.isValid(); }
    [[nodiscard]] QDateTime dueAt() const { return m_dueAt; }
    [[nodiscard]] static qint64 leadSeconds(qint64 lifetimeSeconds);

Q_SIGNALS:
    void due();

private:
    Clock m_clock;
    QDateTime m_dueAt;
    QTimer m_tick;
};

} // namespace oauth2dbg
