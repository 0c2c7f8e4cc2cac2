#pragma once

#include "common/EngineError.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QStringList>
#include <QUrl>

#include <chrono>

namespace oauth2dbg {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// Per-profile TLS choices for a server that is not publicly trusted.
struct TlsOptions {
    QString caFile;               // PEM certificates to trust in addition to the system's
    bool allowSelfSigned = false; // accept a self-signed certificate (a local test server); always reported
    // Mutual TLS (RFC 8705): the client's certificate, with any chain (PEM), and its private key (PEM),
    // offered when a server asks for one.
    QByteArray clientCertificate;
    Secret clientKey;

    friend bool operator==(const TlsOptions&, const TlsOptions&) = default;
};

// What the engine wants to send. Headers are sent in this order, exactly as written.
struct HttpRequest {
    QByteArray method = "GET";
    QUrl url;
    HttpHeaders headers;
    QByteArray body;
    std::chrono::milliseconds timeout{10'000};
    TlsOptions tls;
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
    QStringList notes; // what the user should know about how it went (a certificate accepted despite errors)
    // Mutual TLS: the client certificate offered in the handshake (subject, issuer, SHA-256 thumbprint).
    QString clientCertificate;

    [[nodiscard]] bool hasResponse() const { return status > 0; }
    [[nodiscard]] QByteArray responseHeader(QByteArrayView name) const;
    [[nodiscard]] QByteArray requestHeader(QByteArrayView name) const;
};

} // namespace oauth2dbg
