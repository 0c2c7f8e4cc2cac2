#include "ProfileSecrets.h"

#include "ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>

namespace oauth2dbg {

namespace {
using Status = SecretStoreResult::Status;

QJsonObject readObject(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

SecretState unavailable(const SecretStoreResult& result)
{
    return {.where = SecretState::Where::Unavailable, .message = result.message, .detail = result.detail};
}
} // namespace

ProfileSecrets::ProfileSecrets(SecretStore* store, QString plainFilePath, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_plainFile(plainFilePath.isEmpty()
                      ? QFileInfo(ProfileStore::defaultPath()).absolutePath() + u"/plaintext-secrets.json"
                      : std::move(plainFilePath))
{}

ProfileSecrets::~ProfileSecrets()
{
    for (Secret& secret : m_thisRun)
        secret.clear();
}

QString ProfileSecrets::keyFor(const QString& profileId, Kind kind)
{
    return u"profile/" % profileId %
           (kind == Kind::ClientSecret ? QStringLiteral("/client_secret") : QStringLiteral("/refresh_token"));
}

void ProfileSecrets::setForThisRun(const QString& profileId, Kind kind, const Secret& secret)
{
    if (secret.isEmpty())
        m_thisRun.remove(keyFor(profileId, kind));
    else
        m_thisRun.insert(keyFor(profileId, kind), secret);
}

void ProfileSecrets::load(const Profile& profile, Kind kind, QObject* context, Callback done)
{
    const QString key = keyFor(profile.id, kind);
    if (const Secret typed = m_thisRun.value(key); !typed.isEmpty()) {
        done({.where = SecretState::Where::ThisRunOnly,
              .message = tr("Typed for this run only; not stored."),
              .secret = typed});
        return;
    }
    const bool plainAllowed = profile.plainFileFallback;
    m_store->read(key, context, [this, key, plainAllowed, done](const SecretStoreResult& result) {
        if (result.ok()) {
            done({.where = SecretState::Where::Keychain,
                  .message = tr("Stored in the OS keychain."),
                  .secret = result.secret});
            return;
        }
        if (plainAllowed) {
            if (const Secret plain = readPlain(key); !plain.isEmpty()) {
                done({.where = SecretState::Where::PlainFile,
                      .message = tr("In the plain file %1 (this profile allows it).")
                                     .arg(QDir::toNativeSeparators(m_plainFile)),
                      .detail = result.detail,
                      .secret = plain});
                return;
            }
        }
        if (result.status == Status::NotFound) {
            done({.where = SecretState::Where::Nowhere, .message = tr("Not stored.")});
            return;
        }
        done(unavailable(result));
    });
}

void ProfileSecrets::store(const Profile& profile, Kind kind, const Secret& secret, QObject* context,
                           Callback done)
{
    const QString key = keyFor(profile.id, kind);
    const bool plainAllowed = profile.plainFileFallback;
    m_store->write(
        key, secret, context, [this, key, secret, plainAllowed, done](const SecretStoreResult& result) {
            QString error;
            if (result.ok()) {
                m_thisRun.remove(key);
                writePlain(key, {}, &error); // a copy from an earlier fallback goes
                done({.where = SecretState::Where::Keychain, .message = tr("Stored in the OS keychain.")});
                return;
            }
            if (plainAllowed && writePlain(key, secret, &error)) {
                m_thisRun.remove(key);
                done(
                    {.where = SecretState::Where::PlainFile,
                     .message = tr("The keychain could not be used (%1) Stored in the plain file %2, as this "
                                   "profile allows.")
                                    .arg(result.message, QDir::toNativeSeparators(m_plainFile)),
                     .detail = result.detail});
                return;
            }
            m_thisRun.insert(key, secret);
            SecretState state{.where = SecretState::Where::ThisRunOnly,
                              .message = tr("In memory for this run only, not stored. %1")
                                             .arg(error.isEmpty() ? result.message : error),
                              .detail = result.detail};
            done(state);
        });
}

void ProfileSecrets::removeAll(const Profile& profile, QObject* context, Callback done)
{
    const QString clientKey = keyFor(profile.id, Kind::ClientSecret);
    const QString refreshKey = keyFor(profile.id, Kind::RefreshToken);
    m_thisRun.remove(clientKey);
    m_thisRun.remove(refreshKey);
    QString error;
    writePlain(clientKey, {}, &error);
    writePlain(refreshKey, {}, &error);
    m_store->remove(clientKey, context, [this, refreshKey, context, done](const SecretStoreResult& first) {
        m_store->remove(refreshKey, context, [first, done](const SecretStoreResult& second) {
            const auto gone = [](const SecretStoreResult& r) {
                return r.ok() || r.status == Status::NotFound;
            };
            if (gone(first) && gone(second))
                done({.where = SecretState::Where::Nowhere, .message = tr("Its secrets were removed.")});
            else
                done(unavailable(gone(first) ? second : first));
        });
    });
}

void ProfileSecrets::copyClientSecret(const Profile& from, const Profile& to, QObject* context, Callback done)
{
    load(from, Kind::ClientSecret, context, [this, to, context, done](const SecretState& state) {
        if (!state.found()) {
            done(state);
            return;
        }
        if (state.where == SecretState::Where::ThisRunOnly) {
            setForThisRun(to.id, Kind::ClientSecret, state.secret);
            done({.where = SecretState::Where::ThisRunOnly,
                  .message = tr("Typed for this run only; not stored.")});
            return;
        }
        store(to, Kind::ClientSecret, state.secret, context, done);
    });
}

Secret ProfileSecrets::readPlain(const QString& key) const
{
    return Secret(readObject(m_plainFile).value(key).toString().toUtf8());
}

bool ProfileSecrets::writePlain(const QString& key, const Secret& secret, QString* error) const
{
    if (secret.isEmpty() && !QFile::exists(m_plainFile))
        return true;
    QDir().mkpath(QFileInfo(m_plainFile).absolutePath());
    QLockFile lock(m_plainFile + QStringLiteral(".lock"));
    lock.setStaleLockTime(10'000);
    if (!lock.tryLock(5'000)) {
        *error = tr("The plain secrets file is busy.");
        return false;
    }
    QJsonObject all = readObject(m_plainFile);
    if (secret.isEmpty()) {
        if (!all.contains(key))
            return true;
        all.remove(key);
    } else {
        all.insert(key, QString::fromUtf8(secret.reveal()));
    }
    if (all.isEmpty())
        return QFile::remove(m_plainFile);
    QSaveFile file(m_plainFile);
    // Readable by the user only, from the first byte on.
    if (!file.open(QIODevice::WriteOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(QJsonDocument(all).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        *error = tr("The plain secrets file %1 could not be written: %2")
                     .arg(QDir::toNativeSeparators(m_plainFile), file.errorString());
        return false;
    }
    return true;
}

} // namespace oauth2dbg
