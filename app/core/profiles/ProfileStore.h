#pragma once

#include "Profile.h"
#include "common/EngineError.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace oauth2dbg {

// The profiles on disk: one readable JSON document, profiles sorted by name and members by key, so it diffs
// well in git. No secret is ever in it. Writes are atomic; a file that is corrupt or from a newer version is
// set aside untouched and reported; two running instances merge their changes instead of overwriting each
// other's.
class ProfileStore final {
public:
    static constexpr int kSchemaVersion = 1;

    // `path` defaults to profiles.json in QStandardPaths::AppConfigLocation.
    explicit ProfileStore(QString path = {});

    struct Loaded {
        QList<Profile> profiles;
        QString warning;       // what was set aside and why, for the user; empty when all was well
        bool firstRun = false; // there was no file yet
    };
    [[nodiscard]] Loaded load();

    // Writes `profiles` as this instance's view: profiles it changed or added win, profiles it removed go,
    // and whatever another instance changed meanwhile in profiles this one did not touch is kept.
    // `merged` (optional) receives the profiles as written: this instance's with the other's merged in.
    EngineError save(const QList<Profile>& profiles, QList<Profile>* merged = nullptr);

    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] static QString defaultPath();

private:
    struct Read {
        QList<Profile> profiles;
        QString problem; // why the file cannot be used
        bool missing = false;
    };
    [[nodiscard]] Read read() const;
    [[nodiscard]] QString setAside(const QString& reason) const;
    EngineError write(const QList<Profile>& profiles) const;

    QString m_path;
    QHash<QString, QJsonObject> m_snapshot; // by id: what this instance last loaded or saved
};

} // namespace oauth2dbg
