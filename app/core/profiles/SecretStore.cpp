#include "SecretStore.h"

#include "common/ModuleLoader.h"

#include <QTimer>

namespace oauth2dbg {

namespace {
const QString kProbeKey = QStringLiteral("oauth2-debugger-keychain-probe");

KeychainFactory& linkedFactory()
{
    static KeychainFactory factory = nullptr;
    return factory;
}

// The keychain module, where the product keeps its modules (ModuleLoader).
std::unique_ptr<KeychainBackend> loadModule(QString* missing)
{
    using Entry = KeychainBackend* (*)();
    const auto entry = reinterpret_cast<Entry>(resolveModuleSymbol(QStringLiteral(OAUTH2DBG_KEYCHAIN_MODULE),
                                                                   "oauth2dbg_keychain_backend", missing));
    return entry ? std::unique_ptr<KeychainBackend>(entry()) : nullptr;
}
} // namespace

void registerKeychainBackend(KeychainFactory factory)
{
    linkedFactory() = factory;
}

SecretStore::SecretStore(QString service, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service))
{}

SecretStore::~SecretStore() = default;

KeychainBackend* SecretStore::backend()
{
    if (!std::exchange(m_looked, true))
        m_backend = linkedFactory() ? linkedFactory()() : loadModule(&m_missing);
    return m_backend.get();
}

void SecretStore::unavailable(QObject* context, Callback done)
{
    SecretStoreResult result{
        .status = SecretStoreResult::Status::Unavailable,
        .message = QStringLiteral("The keychain support of this installation is missing, so no secret can "
                                  "be read or stored; give it for this run instead."),
        .detail = m_missing};
    QTimer::singleShot(0, context, [done = std::move(done), result] { done(result); });
}

void SecretStore::write(const QString& key, const Secret& secret, QObject* context, Callback done)
{
    if (KeychainBackend* b = backend())
        return b->write(m_service, key, secret, context, std::move(done));
    unavailable(context, std::move(done));
}

void SecretStore::read(const QString& key, QObject* context, Callback done)
{
    if (KeychainBackend* b = backend())
        return b->read(m_service, key, context, std::move(done));
    unavailable(context, std::move(done));
}

void SecretStore::remove(const QString& key, QObject* context, Callback done)
{
    if (KeychainBackend* b = backend())
        return b->remove(m_service, key, context, std::move(done));
    unavailable(context, std::move(done));
}

void SecretStore::probe(QObject* context, Callback done)
{
    read(kProbeKey, context, [done = std::move(done)](const SecretStoreResult& result) {
        SecretStoreResult probed = result;
        if (result.status == SecretStoreResult::Status::NotFound) {
            probed.status = SecretStoreResult::Status::Ok;
            probed.message = QStringLiteral("The OS keychain is available.");
        }
        done(probed);
    });
}

} // namespace oauth2dbg
