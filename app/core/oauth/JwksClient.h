#pragma once

#include "jose/Jwk.h"
#include "jose/TokenVerification.h"
#include "net/HttpExchange.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <chrono>
#include <functional>

namespace oauth2dbg {

class NetworkAccess;

struct JwksResult {
    JwkSet keys;
    EngineError error;
    quint64 exchangeId = 0; // the fetch in the traffic log; 0 when the set came from the cache
    QDateTime fetchedAt;
    bool fromCache = false;

    [[nodiscard]] bool ok() const { return !error.isError(); }
};

// The issuer's signing keys (its jwks_uri), fetched through the traffic log and kept per URL. A token whose
// kid the kept set lacks makes it fetch again — once per cooldown, so a flood of unknown kids cannot turn the
// debugger into a request storm against the issuer (keys rotate; they do not churn).
class JwksClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JwksClient)

public:
    struct Options {
        bool allowHttp = false; // a local test server on this machine
        std::chrono::milliseconds timeout{std::chrono::seconds(10)};
        TlsOptions tls;
    };
    using Done = std::function<void(const JwksResult&)>;

    explicit JwksClient(NetworkAccess* network, QObject* parent = nullptr);
    ~JwksClient() override;

    // Answers from the event loop, once, unless `context` is gone by then. `fresh`: fetch again even if a set
    // is kept, unless the last fetch is younger than the cooldown.
    void keys(const QUrl& jwksUri, const Options& options, bool fresh, QObject* context, Done done);

    // Runs `check` on the kept (or fetched) set; when it reports no matching key and the set was not just
    // fetched, fetches again and checks once more. The refetch is a row in the checklist.
    void verify(const QUrl& jwksUri, const Options& options, QObject* context,
                std::function<TokenVerification(const JwkSet&)> check,
                std::function<void(const TokenVerification&, const JwksResult&)> done);

    void setCooldown(std::chrono::milliseconds cooldown) { m_cooldown = cooldown; }
    void forget() { m_cache.clear(); }

private:
    struct Entry {
        JwkSet keys;
        QDateTime fetchedAt;
        QElapsedTimer age;
        quint64 exchangeId = 0;
    };
    struct Waiter {
        QPointer<QObject> context;
        Done done;
    };
    void fetch(const QUrl& jwksUri, const Options& options);
    void answer(const QString& key, const JwksResult& result);

    NetworkAccess* m_network;
    QHash<QString, Entry> m_cache;
    QHash<QString, QList<Waiter>> m_waiting; // one request per URL at a time; later askers share it
    std::chrono::milliseconds m_cooldown{std::chrono::seconds(30)};
};

} // namespace oauth2dbg
