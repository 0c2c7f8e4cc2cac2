#pragma once

#include "TokenClient.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

namespace oauth2dbg {

class HttpCall;
class NetworkAccess;

// What the pushed authorization request endpoint answered (RFC 9126 §2.2): the request_uri that stands for
// the parameters, and how long it lives.
struct PushedRequest {
    QString requestUri;
    qint64 expiresIn = -1;
    Findings checks; // PR-01, PR-02, PR-05
    EngineError error;
    quint64 exchangeId = 0;
    [[nodiscard]] bool ok() const { return !error.isError() && !requestUri.isEmpty(); }
};

// Pushes the authorization parameters, with the client's authentication as at the token endpoint (RFC 9126
// §2.1), and holds the answer to §2.2: 201 Created, a string request_uri, a number expires_in. The browser
// then gets only client_id and request_uri (§4).
class PushedRequestClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PushedRequestClient)

public:
    explicit PushedRequestClient(NetworkAccess* network, QObject* parent = nullptr);
    ~PushedRequestClient() override;

    void push(const QUrl& endpoint, const TokenEndpointConfig& client, FormPairs parameters);
    void cancel();
    [[nodiscard]] bool isBusy() const { return !m_call.isNull(); }
    // The authorization URL a pushed request leaves for the browser: client_id and request_uri only.
    [[nodiscard]] static QString browserUrl(const QUrl& authorizationEndpoint, const QString& clientId,
                                            const QString& requestUri);

Q_SIGNALS:
    void finished(const oauth2dbg::PushedRequest& result);

private:
    void answered(const HttpExchange& exchange, const ClientCredentialsSent& sent);
    void refuse(const QString& why);

    NetworkAccess* m_network;
    QPointer<HttpCall> m_call;
};

} // namespace oauth2dbg

Q_DECLARE_METATYPE(oauth2dbg::PushedRequest)
