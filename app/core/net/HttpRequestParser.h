#pragma once

#include "HttpExchange.h"

#include <QByteArray>
#include <QString>

namespace oauth2dbg {

struct HttpRequestHead {
    QByteArray method;
    QByteArray target; // the raw request-target, as sent
    QByteArray version;
    HttpHeaders headers;
    QByteArray raw; // the whole head, as received

    [[nodiscard]] QList<QByteArray> headerValues(QByteArrayView name) const;
};

// Reads one HTTP/1.x request head from bytes that arrive in any pieces, within fixed bounds. Everything it
// was not built to accept is an error with the status to answer (RFC 9112, RFC 6585 for 431). It never reads
// past what it was given and never keeps more than the limits allow.
class HttpRequestParser final {
public:
    struct Limits {
        qsizetype maxRequestLine = 8 * 1024;
        qsizetype maxHead = 16 * 1024;
        int maxHeaders = 100;
    };
    enum class State { NeedMore, Complete, Error };

    HttpRequestParser();
    explicit HttpRequestParser(Limits limits);

    // Adds bytes; returns the state after them. After Complete or Error, further bytes are ignored.
    State feed(QByteArrayView bytes);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] int errorStatus() const { return m_errorStatus; }
    [[nodiscard]] const QString& errorReason() const { return m_errorReason; }
    [[nodiscard]] const HttpRequestHead& head() const { return m_head; }
    // Bytes received after the head (a body, or a pipelined request that will not be served).
    [[nodiscard]] QByteArray rest() const;

private:
    State fail(int status, const QString& reason);
    State parseHead(qsizetype headEnd);
    bool parseRequestLine(QByteArrayView line);
    bool parseHeaderLine(QByteArrayView line);

    Limits m_limits;
    State m_state = State::NeedMore;
    QByteArray m_buffer;
    qsizetype m_headEnd = -1;
    HttpRequestHead m_head;
    int m_errorStatus = 0;
    QString m_errorReason;
};

} // namespace oauth2dbg
