#pragma once

#include "HttpExchange.h"

#include <QByteArrayList>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace oauth2dbg {

// One request in flight. It emits finished() exactly once, whatever happens, then deletes itself.
class HttpCall final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCall)

public:
    ~HttpCall() override;

    [[nodiscard]] quint64 id() const { return m_exchange.id; }
    [[nodiscard]] const HttpExchange& exchange() const { return m_exchange; }

    // Stops the request; finished() still follows, with ErrorKind::Cancelled.
    void cancel();

    static constexpr qint64 kMaxResponseBytes = 16 * 1024 * 1024;
    static constexpr qint64 kReadBufferBytes = 256 * 1024;

    void setAllowSelfSigned(bool allow) { m_allowSelfSigned = allow; }

Q_SIGNALS:
    void finished(const oauth2dbg::HttpExchange& exchange);

private:
    friend class NetworkAccess;
    HttpCall(QNetworkReply* reply, HttpExchange exchange, std::chrono::milliseconds timeout, QObject* parent);

    void onHeaders();
    void onReadyRead();
    void stopTooLarge();
    void onReplyFinished();
    [[nodiscard]] EngineError transportError() const;

    QPointer<QNetworkReply> m_reply;
    HttpExchange m_exchange;
    QElapsedTimer m_clock;
    QTimer m_deadline;
    std::chrono::milliseconds m_timeout;
    QStringList m_tlsProblems;
    QByteArrayList m_chunks; // the body as it arrived, never more than kMaxResponseBytes
    qint64 m_received = 0;
    bool m_allowSelfSigned = false;
    enum class Stop { None, Timeout, Cancelled, TooLarge } m_stop = Stop::None;
};

} // namespace oauth2dbg
