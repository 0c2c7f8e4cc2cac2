#include "QtKeychainBackend.h"

#include <QLoggingCategory>
#include <qt6keychain/keychain.h>

#ifdef OAUTH2DBG_SECRET_SERVICE_LOCK_CHECK
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#endif

Q_LOGGING_CATEGORY(lcSecrets, "oauth2dbg.core.secrets", QtInfoMsg)

namespace oauth2dbg {

namespace {
// On Linux the keychain is a D-Bus service: without a session bus address there is nobody to ask.
bool noSessionBus()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
#else
    return false;
#endif
}

SecretStoreResult resultOf(const QKeychain::Job& job)
{
    SecretStoreResult result;
    const QKeychain::Error code = job.error();
    if (code == QKeychain::NoError) {
        result.status = SecretStoreResult::Status::Ok;
        return result;
    }
    const QString text = job.errorString();
    result.detail = QStringLiteral("QtKeychain error %1: %2").arg(int(code)).arg(text);
    switch (code) {
    case QKeychain::EntryNotFound:
        result.status = SecretStoreResult::Status::NotFound;
        result.message = QStringLiteral("The keychain holds no secret for this entry.");
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        result.status = SecretStoreResult::Status::Denied;
        result.message =
            QStringLiteral("The keychain refused access: it is locked or the request was denied. "
                           "Unlock it and try again, or type the secret for this run only.");
        break;
    case QKeychain::NoBackendAvailable:
        result.status = SecretStoreResult::Status::Unavailable;
        result.message =
            QStringLiteral("No OS keychain is available (neither a Secret Service such as "
                           "gnome-keyring nor KWallet answered). Secrets can be typed for one run "
                           "only; nothing is written to disk.");
        break;
    default:
        if (text.contains(u"D-Bus", Qt::CaseInsensitive) || text.contains(u"DBus", Qt::CaseInsensitive) ||
            noSessionBus()) {
            result.status = SecretStoreResult::Status::Unavailable;
            result.message =
                QStringLiteral("The OS keychain cannot be reached: there is no D-Bus session, so "
                               "the Secret Service (gnome-keyring or KWallet) cannot be asked. "
                               "Secrets can be typed for one run only; nothing is written to disk.");
        } else {
            result.status = SecretStoreResult::Status::Failed;
            result.message = QStringLiteral("The keychain reported an error: %1").arg(text);
        }
        break;
    }
    return result;
}

template <typename JobT>
JobT* makeJob(const QString& service, const QString& key)
{
    auto* job = new JobT(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file
    job->setKey(key);
    return job;
}

void answer(QKeychain::Job* job, QObject* context, KeychainBackend::Callback done,
            std::function<void(SecretStoreResult&)> fill = {})
{
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done), fill = std::move(fill)](QKeychain::Job* finished) {
                         SecretStoreResult result = resultOf(*finished);
                         if (result.ok() && fill)
                             fill(result);
                         if (!result.ok() && result.status != SecretStoreResult::Status::NotFound)
                             qCWarning(lcSecrets) << "keychain:" << result.detail;
                         done(result);
                     });
}
// Whether the Secret Service's default collection is locked (Linux); false wherever that cannot be told.
void checkLocked(QObject* context, std::function<void(bool)> done)
{
#ifdef OAUTH2DBG_SECRET_SERVICE_LOCK_CHECK
    if (noSessionBus())
        return done(false);
    QDBusMessage get = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets/aliases/default"),
        QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Collection") << QStringLiteral("Locked");
    auto* watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(get, 5'000), context);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, context,
                     [done = std::move(done)](QDBusPendingCallWatcher* call) {
                         call->deleteLater();
                         const QDBusPendingReply<QDBusVariant> reply = *call;
                         done(!reply.isError() && reply.value().variant().toBool());
                     });
#else
    Q_UNUSED(context);
    done(false); // Keychain (macOS) and Credential Manager (Windows) report a locked store themselves
#endif
}

class QtKeychainBackend final : public KeychainBackend {
public:
    void write(const QString& service, const QString& key, const Secret& secret, QObject* context,
               Callback done) override
    {
        auto* job = makeJob<QKeychain::WritePasswordJob>(service, key);
        job->setBinaryData(secret.reveal());
        answer(job, context, std::move(done));
        job->start();
    }

    void read(const QString& service, const QString& key, QObject* context, Callback done) override
    {
        auto* job = makeJob<QKeychain::ReadPasswordJob>(service, key);
        answer(
            job, context,
            [context, done = std::move(done)](const SecretStoreResult& result) {
                if (result.status != SecretStoreResult::Status::NotFound)
                    return done(result);
                // A locked Secret Service answers a lookup it cannot prompt for with "nothing found": ask it.
                checkLocked(context, [result, done](bool locked) {
                    if (!locked)
                        return done(result);
                    SecretStoreResult denied = result;
                    denied.status = SecretStoreResult::Status::Denied;
                    denied.message = QStringLiteral(
                        "The keychain is locked, and could not be unlocked from here. Unlock it (for example "
                        "with your desktop's keyring tool, or by signing in again) and try again, or type "
                        "the "
                        "secret for this run only.");
                    denied.detail = QStringLiteral("Secret Service: the default collection is locked");
                    done(denied);
                });
            },
            [job](SecretStoreResult& result) { result.secret = Secret(job->binaryData()); });
        job->start();
    }

    void remove(const QString& service, const QString& key, QObject* context, Callback done) override
    {
        auto* job = makeJob<QKeychain::DeletePasswordJob>(service, key);
        answer(job, context, std::move(done));
        job->start();
    }
};
} // namespace

std::unique_ptr<KeychainBackend> makeQtKeychainBackend()
{
    return std::make_unique<QtKeychainBackend>();
}

} // namespace oauth2dbg
