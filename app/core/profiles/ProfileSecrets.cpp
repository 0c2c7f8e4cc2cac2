#include "ProfileSecrets.h"

#include "ProfileStore.h"
#include "common/SafeFile.h"
#include "jose/ClientAssertion.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>

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

constexpr auto kEnvelope = "oauth2-debugger-secret";

// The stored form: the secret with what it is bound to.
Secret wrap(const QJsonObject& binding, const Secret& secret)
{
    const QJsonObject envelope{{QStringLiteral("format"), QString::fromLatin1(kEnvelope)},
                               {QStringLiteral("for"), binding},
                               {QStringLiteral("secret"), QString::fromLatin1(secret.reveal().toBase64())}};
    return Secret(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
}

QString describe(const QJsonObject& binding)
{
    const QString issuer = binding.value(u"issuer").toString();
    const QString where =
        !issuer.isEmpty()
            ? QStringLiteral("issuer %1").arg(issuer)
            : QStringLiteral("the endpoints %1")
                  .arg(QString::fromUtf8(
                      QJsonDocument(binding.value(u"endpoints").toObject()).toJson(QJsonDocument::Compact)));
    return QStringLiteral("%1 with client_id \"%2\"").arg(where, binding.value(u"clientId").toString());
}
} // namespace

QJsonObject ProfileSecrets::bindingOf(const Profile& profile)
{
    QJsonObject endpoints;
    for (auto it = profile.endpoints.cbegin(); it != profile.endpoints.cend(); ++it) {
        if (!it.value().trimmed().isEmpty())
            endpoints.insert(it.key(), it.value().trimmed());
    }
    return {{QStringLiteral("profile"), profile.id},
            {QStringLiteral("issuer"), profile.issuer.trimmed()},
            {QStringLiteral("clientId"), profile.clientId.trimmed()},
            {QStringLiteral("endpoints"), endpoints}};
}

SecretState ProfileSecrets::unwrap(const Profile& profile, Kind kind, const Secret& stored,
                                   SecretState::Where where, const QString& message)
{
    const QJsonObject envelope = QJsonDocument::fromJson(stored.reveal()).object();
    if (envelope.value(u"format").toString() != QLatin1String(kEnvelope)) {
        // Stored before entries were bound: bound now, to the saved profile that holds its id.
        if (where == SecretState::Where::Keychain)
            m_store->write(keyFor(profile.id, kind), wrap(bindingOf(profile), stored), this,
                           [](const SecretStoreResult&) {});
        else
            (void)writePlain(keyFor(profile.id, kind), wrap(bindingOf(profile), stored), nullptr);
        return {.where = where, .message = message, .secret = stored};
    }
    const QJsonObject binding = envelope.value(u"for").toObject();
    if (binding != bindingOf(profile))
        return {.where = SecretState::Where::BoundElsewhere,
                .message =
                    tr("A secret is stored under this profile's id, but for %1; this profile names %2, so "
                       "it is not used. Type the secret again to use it here.")
                        .arg(describe(binding), describe(bindingOf(profile)))};
    return {.where = where,
            .message = message,
            .secret = Secret(QByteArray::fromBase64(envelope.value(u"secret").toString().toLatin1()))};
}

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
    switch (kind) {
    case Kind::ClientSecret:
        return u"profile/" % profileId % u"/client_secret";
    case Kind::ClientKey:
        return u"profile/" % profileId % u"/client_key";
    case Kind::DpopKey:
        return u"profile/" % profileId % u"/dpop_key";
    case Kind::RefreshToken:
        break;
    }
    return u"profile/" % profileId % u"/refresh_token";
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
    m_store->read(key, context,
                  [this, profile, kind, key, plainAllowed, done](const SecretStoreResult& result) {
                      if (result.ok()) {
                          done(unwrap(profile, kind, result.secret, SecretState::Where::Keychain,
                                      tr("Stored in the OS keychain.")));
                          return;
                      }
                      if (plainAllowed) {
                          if (const Secret plain = readPlain(key); !plain.isEmpty()) {
                              SecretState state = unwrap(profile, kind, plain, SecretState::Where::PlainFile,
                                                         tr("In the plain file %1 (this profile allows it).")
                                                             .arg(QDir::toNativeSeparators(m_plainFile)));
                              state.detail = result.detail;
                              done(state);
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
    const Secret stored = wrap(bindingOf(profile), secret);
    m_store->write(
        key, stored, context,
        [this, key, secret, stored, plainAllowed, done](const SecretStoreResult& result) {
            QString error;
            if (result.ok()) {
                m_thisRun.remove(key);
                writePlain(key, {}, &error); // a copy from an earlier fallback goes
                done({.where = SecretState::Where::Keychain, .message = tr("Stored in the OS keychain.")});
                return;
            }
            if (plainAllowed && writePlain(key, stored, &error)) {
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
    QStringList keys;
    for (const Kind kind : {Kind::ClientSecret, Kind::RefreshToken, Kind::ClientKey, Kind::DpopKey}) {
        keys << keyFor(profile.id, kind);
        m_thisRun.remove(keys.last());
        QString error;
        writePlain(keys.last(), {}, &error);
    }
    removeEach(keys, {.status = Status::Ok}, context, std::move(done));
}

// One keychain entry after the other; the first failure (`failed`, Ok while none) is what the state says.
void ProfileSecrets::removeEach(QStringList keys, const SecretStoreResult& failed, QObject* context,
                                Callback done)
{
    if (keys.isEmpty()) {
        if (failed.ok())
            done({.where = SecretState::Where::Nowhere, .message = tr("Its secrets were removed.")});
        else
            done(unavailable(failed));
        return;
    }
    const QString key = keys.takeFirst();
    m_store->remove(key, context, [this, keys, failed, context, done](const SecretStoreResult& result) {
        const bool gone = result.ok() || result.status == Status::NotFound;
        removeEach(keys, gone || !failed.ok() ? failed : result, context, done);
    });
}

void ProfileSecrets::copyClientSecret(const Profile& from, const Profile& to, QObject* context, Callback done)
{
    copyOne(from, to, Kind::ClientKey, context, [this, from, to, context, done](const SecretState&) {
        copyOne(from, to, Kind::ClientSecret, context, done);
    });
}

void ProfileSecrets::copyOne(const Profile& from, const Profile& to, Kind kind, QObject* context,
                             Callback done)
{
    load(from, kind, context, [this, to, kind, context, done](const SecretState& state) {
        if (!state.found()) {
            done(state);
            return;
        }
        if (state.where == SecretState::Where::ThisRunOnly) {
            setForThisRun(to.id, kind, state.secret);
            done({.where = SecretState::Where::ThisRunOnly,
                  .message = tr("Typed for this run only; not stored.")});
            return;
        }
        store(to, kind, state.secret, context, done);
    });
}

void ProfileSecrets::rebind(const Profile& before, const Profile& after, QObject* context, Callback done)
{
    const auto follow = [this, before, after, context](Kind kind, Callback then) {
        load(before, kind, context, [this, after, kind, context, then](const SecretState& state) {
            if (state.where == SecretState::Where::ThisRunOnly) {
                setForThisRun(after.id, kind, state.secret);
                then(state);
            } else if (state.found()) {
                store(after, kind, state.secret, context, then);
            } else {
                then(state);
            }
        });
    };
    const auto rest = [follow, done](const SecretState&) {
        follow(Kind::ClientKey, [follow, done](const SecretState&) { follow(Kind::ClientSecret, done); });
    };
    follow(Kind::RefreshToken, [follow, rest, dpop = after.dpop](const SecretState& state) {
        if (dpop)
            return follow(Kind::DpopKey, rest);
        rest(state);
    });
}

void ProfileSecrets::loadOrMakeDpopKey(const Profile& profile, QObject* context, Callback done)
{
    load(profile, Kind::DpopKey, context, [this, profile, context, done](const SecretState& state) {
        if (state.found() || state.where == SecretState::Where::BoundElsewhere)
            return done(state);
        const SigningKey key = SigningKey::generate(SigningKey::Type::EcP256);
        const Secret pem = key.privatePem();
        if (pem.isEmpty()) {
            SecretState failed = state;
            failed.message =
                key.problem.isEmpty() ? QStringLiteral("OpenSSL could not make a DPoP key.") : key.problem;
            return done(failed);
        }
        store(profile, Kind::DpopKey, pem, context, [pem, done](const SecretState& stored) {
            SecretState kept = stored;
            kept.secret = pem;
            done(kept);
        });
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
        if (error)
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
    // Readable by the user only, from the first byte on; a short write leaves the old file.
    if (const EngineError failed =
            SafeFile::writeAtomically(m_plainFile, QJsonDocument(all).toJson(QJsonDocument::Indented),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        failed.isError()) {
        if (error)
            *error = tr("The plain secrets file was not written: %1").arg(failed.message);
        return false;
    }
    return true;
}

} // namespace oauth2dbg
