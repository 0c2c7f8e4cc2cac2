#pragma once

#include "common/EngineError.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QUrl>

#include <chrono>

namespace oauth2dbg {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// What the engine wants to send. Headers are sent in this order, exactly as written.
struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    std::chrono::milliseconds timeout{10'000};
};

// One request and what came back, as the traffic log keeps it.
struct HttpExchange {
    quint64 id = 0;
    QDateTime started;
    QByteArray method;
    QUrl url;
    HttpHeaders requestHeaders;
    QByteArray requestBody;

    bool finished = false;
    int status = 0; // 0 while pending, or when no HTTP response arrived
    QByteArray reason;
    HttpHeaders responseHeaders;
    QByteArray responseBody;
    qint64 durationMs = -1;
    EngineError error; // a transport failure (refused, timeout, TLS); None when a response arrived

    [[nodiscard]] bool hasResponse() const { return status > 0; }
    [[nodiscard]] QByteArray responseHeader(QByteArrayView name) const;
    [[nodiscard]] QByteArray requestHeader(QByteArrayView name) const;
};

} // namespace oauth2dbg
