#include "ProfileStore.h"

#include "common/SafeFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QStandardPaths>
#include <QUuid>

namespace oauth2dbg {

namespace {
QList<Profile> sortedByName(QList<Profile> profiles)
{
    std::stable_sort(profiles.begin(), profiles.end(), [](const Profile& a, const Profile& b) {
        const int byName = a.name.compare(b.name, Qt::CaseInsensitive);
        return byName != 0 ? byName < 0 : a.id < b.id;
    });
    return profiles;
}

// Older documents: schema 0 was a bare array of profiles, without ids.
QList<Profile> migrate(const QJsonArray& array)
{
    QList<Profile> profiles;
    for (const QJsonValue& value : array)
        profiles.append(Profile::fromJson(value.toObject()));
    return profiles;
}
} // namespace

ProfileStore::ProfileStore(QString path)
    : m_path(path.isEmpty() ? defaultPath() : std::move(path))
{}

QString ProfileStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/profiles.json");
}

ProfileStore::Read ProfileStore::read() const
{
    Read result;
    QFile file(m_path);
    if (!file.exists()) {
        result.missing = true;
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.problem = QStringLiteral("it cannot be read (%1)").arg(file.errorString());
        return result;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        result.problem =
            QStringLiteral("it is not valid JSON (%1 at byte %2)").arg(error.errorString()).arg(error.offset);
        return result;
    }
    if (document.isArray()) {
        result.profiles = migrate(document.array());
        return result;
    }
    const QJsonObject root = document.object();
    const int schema = root.value(u"schema").toInt(-1);
    if (!document.isObject() || schema < 1 || !root.value(u"profiles").isArray()) {
        result.problem = QStringLiteral("it is not a profiles document");
        return result;
    }
    if (schema > kSchemaVersion) {
        result.problem =
            QStringLiteral("it was written by a newer version (schema %1; this version reads up to %2)")
                .arg(schema)
                .arg(kSchemaVersion);
        return result;
    }
    for (const QJsonValue& value : root.value(u"profiles").toArray())
        result.profiles.append(Profile::fromJson(value.toObject()));
    return result;
}

QString ProfileStore::setAside(const QString& reason) const
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString aside = m_path % u'.' % reason % u'-' % stamp;
    for (int n = 2; QFile::exists(aside); ++n)
        aside = m_path % u'.' % reason % u'-' % stamp % u'-' % QString::number(n);
    return QFile::rename(m_path, aside) ? aside : QString();
}

ProfileStore::Loaded ProfileStore::load()
{
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.setStaleLockTime(10'000);
    (void)lock.tryLock(
        5'000); // reading without the lock is safe (writes are atomic renames); migrating is not
    Loaded loaded;
    Read read = this->read();
    loaded.firstRun = read.missing;
    if (!read.problem.isEmpty()) {
        const bool newer = read.problem.contains(u"newer version");
        const QString aside = setAside(newer ? QStringLiteral("newer") : QStringLiteral("unreadable"));
        loaded.warning =
            aside.isEmpty()
                ? QStringLiteral("The profiles file %1 could not be used: %2. It was left as it is.")
                      .arg(QDir::toNativeSeparators(m_path), read.problem)
                : QStringLiteral("The profiles file could not be used: %1. It was kept untouched as %2; "
                                 "starting with no saved profiles.")
                      .arg(read.problem, QDir::toNativeSeparators(aside));
        read.profiles.clear();
    }
    bool migrated = false;
    for (Profile& profile : read.profiles) {
        if (profile.id.isEmpty()) {
            profile.id =
                QUuid::createUuid().toString(QUuid::WithoutBraces); // migration: every profile gets an id
            migrated = true;
        }
    }
    loaded.profiles = sortedByName(read.profiles);
    // The ids on disk must be the ids in memory, or the next merge would take a migrated profile for a
    // deleted one.
    if (migrated && lock.isLocked()) {
        if (const EngineError error = write(loaded.profiles); error.isError())
            loaded.warning = error.message;
    }
    m_snapshot.clear();
    for (const Profile& profile : std::as_const(loaded.profiles))
        m_snapshot.insert(profile.id, profile.toJson());
    return loaded;
}

EngineError ProfileStore::save(const QList<Profile>& profiles, QList<Profile>* merged)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QLockFile lock(m_path + QStringLiteral(".lock"));
    lock.setStaleLockTime(10'000);
    if (!lock.tryLock(5'000))
        return {.kind = ErrorKind::InvalidInput,
                .message =
                    QStringLiteral("Another OAuth2 Debugger is saving profiles; try again in a moment.")};

    // Three-way merge, per profile, against what this instance last saw.
    const Read disk = read();
    if (!disk.problem.isEmpty() && !disk.missing)
        return {.kind = ErrorKind::InvalidInput,
                .message =
                    QStringLiteral("The profiles file on disk cannot be used (%1); it was not overwritten.")
                        .arg(disk.problem)};
    QHash<QString, Profile> byId;
    for (const Profile& theirs : disk.profiles)
        byId.insert(theirs.id, theirs);
    QSet<QString> mine;
    for (Profile profile : profiles) {
        if (profile.id.isEmpty())
            profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        mine.insert(profile.id);
        const bool changedHere = m_snapshot.value(profile.id) != profile.toJson();
        if (changedHere || !byId.contains(profile.id)) {
            if (!changedHere && m_snapshot.contains(profile.id))
                continue; // unchanged here and deleted there: the deletion stands
            byId.insert(profile.id, profile);
        }
    }
    for (auto it = m_snapshot.cbegin(); it != m_snapshot.cend(); ++it) {
        if (!mine.contains(it.key()))
            byId.remove(it.key()); // deleted here
    }
    const QList<Profile> result = sortedByName(byId.values());
    if (const EngineError error = write(result); error.isError())
        return error;
    m_snapshot.clear();
    for (const Profile& profile : result)
        m_snapshot.insert(profile.id, profile.toJson());
    if (merged)
        *merged = result;
    return {};
}

EngineError ProfileStore::write(const QList<Profile>& profiles) const
{
    QJsonArray array;
    for (const Profile& profile : profiles)
        array.append(profile.toJson());
    const QJsonObject root{{QStringLiteral("schema"), kSchemaVersion}, {QStringLiteral("profiles"), array}};
    // Written aside, flushed, then renamed over: a crash, a short write or a full disk leaves the old file.
    if (EngineError error =
            SafeFile::writeAtomically(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented));
        error.isError()) {
        error.message = QStringLiteral("The profiles could not be saved: %1").arg(error.message);
        return error;
    }
    return {};
}

} // namespace oauth2dbg
