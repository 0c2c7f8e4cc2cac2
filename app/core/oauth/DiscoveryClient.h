#pragma once

#include "MetadataValidator.h"
#include "common/EngineError.h"
#include "common/Finding.h"
#include "net/HttpCall.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>

namespace oauth2dbg {

class NetworkAccess;

struct DiscoveryOptions {
    bool allowHttp = false; // the profile is a "local test server" on this machine
    std::chrono::milliseconds timeout{10'000};
    TlsOptions tls;
};

struct DiscoveryResult {
    QString issuer;   // as the user gave it
    QUrl documentUrl; // the last well-known URL asked
    MetadataValidator::Kind kind = MetadataValidator::Kind::OpenIdConfiguration;
    QJsonObject metadata;       // empty unless a JSON object arrived
    Findings findings;          // each rule checked against the document
    QList<quint64> exchangeIds; // the requests made, in the traffic log
    EngineError error;          // None when the metadata may be used

    [[nodiscard]] bool ok() const { return !error.isError(); }
};

// Fetches an issuer's metadata: OpenID Connect Discovery first, then RFC 8414's well-known URL when the first
// is not found, and checks what came back before anyone uses it.
class DiscoveryClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryClient)

public:
    explicit DiscoveryClient(NetworkAccess* network, QObject* parent = nullptr);
    ~DiscoveryClient() override;

    // Starts discovery; finished() follows exactly once (also for an issuer that cannot be used at all).
    void discover(const QString& issuer, const DiscoveryOptions& options = {});
    void cancel();
    [[nodiscard]] bool isRunning() const { return m_call != nullptr; }

Q_SIGNALS:
    void finished(const oauth2dbg::DiscoveryResult& result);

private:
    void fetch(MetadataValidator::Kind kind);
    void onFetched(const HttpExchange& exchange);
    void interpret(const HttpExchange& exchange);
    void finish();

    NetworkAccess* m_network;
    QPointer<HttpCall> m_call;
    DiscoveryOptions m_options;
    DiscoveryResult m_result;
    QString m_firstAttempt; // what the OpenID URL answered, when falling back to RFC 8414
};

} // namespace oauth2dbg
