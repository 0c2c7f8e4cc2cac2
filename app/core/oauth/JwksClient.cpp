#include "JwksClient.h"

#include "DiscoveryUrl.h"
#include "common/Duration.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"

#include <QTimer>

namespace oauth2dbg {

JwksClient::JwksClient(NetworkAccess* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{}

JwksClient::~JwksClient() = default;

void JwksClient::keys(const QUrl& jwksUri, const Options& options, bool fresh, QObject* context, Done done)
{
    const QString key = jwksUri.toString(QUrl::FullyEncoded);
    m_waiting[key].append({context, std::move(done)});
    if (m_waiting.value(key).size() > 1)
        return; // a fetch is under way; this asker shares its answer
    const auto kept = m_cache.constFind(key);
    const bool recent = kept != m_cache.cend() && kept->age.isValid() &&
                        std::chrono::milliseconds(kept->age.elapsed()) < m_cooldown;
    if (kept != m_cache.cend() && (!fresh || recent)) {
        JwksResult result{.keys = kept->keys, .fetchedAt = kept->fetchedAt, .fromCache = true};
        QTimer::singleShot(0, this, [this, key, result] { answer(key, result); });
        return;
    }
    fetch(jwksUri, options);
}

void JwksClient::fetch(const QUrl& jwksUri, const Options& options)
{
    const QString key = jwksUri.toString(QUrl::FullyEncoded);
    if (!DiscoveryUrl::isAllowedTarget(jwksUri, options.allowHttp)) {
        JwksResult refused;
        refused.error = {.kind = ErrorKind::InvalidInput,
                         .message =
                             QStringLiteral("The key set URL \"%1\" is not https (http only for a local "
                                            "test server); the keys were not fetched.")
                                 .arg(jwksUri.toDisplayString())};
        QTimer::singleShot(0, this, [this, key, refused] { answer(key, refused); });
        return;
    }
    HttpCall* call = m_network->send({.method = "GET",
                                      .url = jwksUri,
                                      .headers = {{"Accept", "application/jwk-set+json, application/json"}},
                                      .timeout = options.timeout,
                                      .tls = options.tls});
    connect(call, &HttpCall::finished, this, [this, key](const HttpExchange& exchange) {
        JwksResult result;
        result.exchangeId = exchange.id;
        result.fetchedAt = QDateTime::currentDateTimeUtc();
        if (exchange.error.isError()) {
            result.error = exchange.error;
        } else if (exchange.status != 200) {
            result.error = {
                .kind = ErrorKind::Http,
                .message =
                    QStringLiteral("The key set URL answered HTTP %1, not the key set.").arg(exchange.status),
                .httpStatus = exchange.status,
                .body = exchange.responseBody.left(4096)};
        } else {
            result.keys = JwkSet::parse(exchange.responseBody);
            if (!result.keys.ok())
                result.error = {.kind = ErrorKind::Protocol,
                                .message = result.keys.error,
                                .body = exchange.responseBody.left(4096)};
        }
        if (result.ok()) {
            Entry& entry = m_cache[key];
            entry.keys = result.keys;
            entry.fetchedAt = result.fetchedAt;
            entry.exchangeId = result.exchangeId;
            entry.age.start();
        }
        answer(key, result);
    });
}

void JwksClient::answer(const QString& key, const JwksResult& result)
{
    const QList<Waiter> waiters = m_waiting.take(key);
    for (const Waiter& waiter : waiters) {
        if (waiter.context)
            waiter.done(result);
    }
}

void JwksClient::verify(const QUrl& jwksUri, const Options& options, QObject* context,
                        std::function<TokenVerification(const JwkSet&)> check,
                        std::function<void(const TokenVerification&, const JwksResult&)> done)
{
    keys(jwksUri, options, false, context, [=, this](const JwksResult& first) {
        TokenVerification verification = check(first.keys);
        if (!first.ok() || !verification.noMatchingKey || !first.fromCache) {
            done(verification, first);
            return;
        }
        // The kid is not in the kept set: the issuer may have rotated its keys since (RFC 7517 §5, OIDC Core
        // §10.1.1). Fetch once more and decide on the fresh set.
        keys(jwksUri, options, true, context, [=](const JwksResult& second) {
            TokenVerification again = check(second.keys);
            const QString rule = QStringLiteral("OIDC Core §10.1.1");
            again.checks.prepend(
                second.fromCache
                    ? tokenchecks::warn(
                          rule, QStringLiteral("jwks"),
                          QStringLiteral("The signing key is not in the key set fetched at %1, and "
                                         "it was fetched too recently to ask again.")
                              .arg(dateTimeText(second.fetchedAt)))
                    : tokenchecks::pass(
                          rule, QStringLiteral("jwks"),
                          QStringLiteral("The signing key was not in the kept key set, so the set "
                                         "was fetched again.")));
            done(again, second);
        });
    });
}

} // namespace oauth2dbg
