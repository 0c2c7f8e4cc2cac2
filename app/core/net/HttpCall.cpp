#include "HttpCall.h"

#include <QNetworkReply>
#include <QSslError>

namespace oauth2dbg {

HttpCall::HttpCall(QNetworkReply* reply, HttpExchange exchange, std::chrono::milliseconds timeout,
                   QObject* parent)
    : QObject(parent)
    , m_reply(reply)
    , m_exchange(std::move(exchange))
    , m_timeout(timeout)
{
    m_clock.start();
    if (!reply) { // refused before sending: the answer still comes from the event loop, exactly once
        m_exchange.finished = true;
        m_exchange.durationMs = 0;
        QTimer::singleShot(0, this, [this] {
            Q_EMIT finished(m_exchange);
            deleteLater();
        });
        return;
    }
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError>& errors) {
        for (const QSslError& error : errors)
            m_tlsProblems << error.errorString();
    });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_stop = Stop::Timeout;
        m_reply->abort();
    });
    m_deadline.start(m_timeout);
    // Back-pressure: Qt reads from the socket only while its buffer has room, so a server that sends without
    // end fills at most this much before the body below says "too large".
    reply->setReadBufferSize(kReadBufferBytes);
    // Qt passes the bound to its HTTP thread only once that thread has taken the request (queued behind this
    // constructor): said again then, and once more with the headers.
    QTimer::singleShot(0, this, [this] {
        if (m_reply)
            m_reply->setReadBufferSize(kReadBufferBytes);
    });
    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpCall::onHeaders);
    connect(reply, &QNetworkReply::readyRead, this, &HttpCall::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &HttpCall::onReplyFinished);
}

HttpCall::~HttpCall()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void HttpCall::cancel()
{
    if (m_reply && m_reply->isRunning()) {
        m_stop = Stop::Cancelled;
        m_reply->abort();
    }
}

void HttpCall::stopTooLarge()
{
    m_stop = Stop::TooLarge;
    m_chunks.clear();
    if (m_reply && m_reply->isRunning())
        m_reply->abort();
}

void HttpCall::onHeaders()
{
    m_reply->setReadBufferSize(kReadBufferBytes);
    // A declared length past the limit is refused before its first byte is read.
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > kMaxResponseBytes)
        stopTooLarge();
}

void HttpCall::onReadyRead()
{
    if (!m_reply || m_stop != Stop::None)
        return;
    const qint64 room = kMaxResponseBytes - m_received;
    QByteArray chunk = m_reply->read(qMin(m_reply->bytesAvailable(), room + 1));
    m_received += chunk.size();
    if (m_received > kMaxResponseBytes)
        return stopTooLarge();
    // Kept as it came, joined once at the end: a body never costs its own size twice while it grows.
    if (!chunk.isEmpty())
        m_chunks.append(std::move(chunk));
}

void HttpCall::onReplyFinished()
{
    m_deadline.stop();
    QNetworkReply* reply = m_reply;
    m_exchange.finished = true;
    m_exchange.durationMs = m_clock.elapsed();
    onReadyRead(); // what is still buffered (it may still be too much)
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (m_stop == Stop::None && status.isValid()) {
        m_exchange.status = status.toInt();
        m_exchange.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray();
        m_exchange.responseHeaders = reply->rawHeaderPairs();
        m_exchange.responseBody =
            m_chunks.size() == 1 ? std::move(m_chunks.first()) : m_chunks.join(); // one chunk: no copy
        m_chunks.clear();
        if (m_allowSelfSigned && !m_tlsProblems.isEmpty())
            m_exchange.notes << QStringLiteral(
                                    "TLS: accepted a certificate with these problems because the profile "
                                    "allows self-signed certificates: %1")
                                    .arg(m_tlsProblems.join(QStringLiteral("; ")));
    } else {
        m_exchange.error = transportError();
    }
    m_reply = nullptr;
    reply->deleteLater();
    Q_EMIT finished(m_exchange);
    deleteLater();
}

EngineError HttpCall::transportError() const
{
    const QUrl& url = m_exchange.url;
    const QString where = url.host() % u':' % QString::number(url.port(url.scheme() == u"https" ? 443 : 80));
    EngineError error{.kind = ErrorKind::Network, .detail = m_reply->errorString()};
    switch (m_stop) {
    case Stop::Timeout:
        error.kind = ErrorKind::Timeout;
        error.message = QStringLiteral("No answer from %1 within %2 s.")
                            .arg(where, QString::number(m_timeout.count() / 1000.0, 'g', 3));
        return error;
    case Stop::Cancelled:
        error.kind = ErrorKind::Cancelled;
        error.message = QStringLiteral("The request to %1 was cancelled.").arg(where);
        return error;
    case Stop::TooLarge:
        error.kind = ErrorKind::Protocol;
        error.message = QStringLiteral("The response from %1 is larger than %2 MiB and was cut off.")
                            .arg(where)
                            .arg(kMaxResponseBytes / (1024 * 1024));
        return error;
    case Stop::None:
        break;
    }
    switch (m_reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        error.message = QStringLiteral("%1 refused the connection. Is the server running?").arg(where);
        break;
    case QNetworkReply::HostNotFoundError:
        error.message = QStringLiteral("The host name %1 could not be resolved.").arg(url.host());
        break;
    case QNetworkReply::RemoteHostClosedError:
        error.message = QStringLiteral("%1 closed the connection without answering.").arg(where);
        break;
    case QNetworkReply::TimeoutError:
        error.kind = ErrorKind::Timeout;
        error.message = QStringLiteral("The connection to %1 timed out.").arg(where);
        break;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::UnknownNetworkError:
        if (url.scheme() == u"https") {
            error.kind = ErrorKind::Tls;
            error.message =
                m_tlsProblems.isEmpty()
                    ? QStringLiteral("The TLS handshake with %1 failed.").arg(where)
                    : QStringLiteral("The TLS handshake with %1 failed: %2. Trust its CA in the profile, "
                                     "or allow self-signed certificates for a local test server.")
                          .arg(where, m_tlsProblems.join(QStringLiteral("; ")));
            break;
        }
        [[fallthrough]];
    default:
        error.message = QStringLiteral("The request to %1 failed: %2").arg(where, m_reply->errorString());
        break;
    }
    return error;
}

} // namespace oauth2dbg
