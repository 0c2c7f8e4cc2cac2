#pragma once

#include "RunRecord.h"
#include "common/EngineError.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace oauth2dbg {

// The runs of past sessions, newest first, in one file beside the profiles: the masked records only, never a
// token or a secret. The file is outside input: one that cannot be read is never replaced (nothing in it is
// lost); an entry that cannot be read is kept as it was and written back.
class RunHistory {
public:
    explicit RunHistory(QString path)
        : m_path(std::move(path))
    {}

    // Reads the file; a missing one is an empty history.
    EngineError load();
    // Adds the run, or replaces the entry with its id, and writes the file at once.
    EngineError add(const RunRecord& record);
    EngineError remove(const QString& id);

    [[nodiscard]] const QList<RunRecord>& runs() const { return m_runs; }
    [[nodiscard]] const RunRecord* byId(const QString& id) const;
    [[nodiscard]] const QString& path() const { return m_path; }

    static constexpr qsizetype kMaxRuns = 200;
    static constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;

private:
    EngineError save() const;

    QString m_path;
    QList<RunRecord> m_runs;
    QList<QJsonObject> m_unread; // entries this version could not read
    bool m_readable = true;      // false: the file is left alone
    QString m_unreadableWhy;
};

} // namespace oauth2dbg
