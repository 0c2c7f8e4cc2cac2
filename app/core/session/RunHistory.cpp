#include "RunHistory.h"

#include "common/SafeFile.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace oauth2dbg {

namespace {

constexpr int kFormat = 1;

EngineError invalid(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}

} // namespace

EngineError RunHistory::load()
{
    m_runs.clear();
    m_unread.clear();
    m_readable = true;
    if (!QFileInfo::exists(m_path))
        return {};
    const SafeFile::Read read = SafeFile::readFile(m_path, kMaxFileBytes, QStringLiteral("the run history"));
    QJsonParseError parse{};
    const QJsonDocument document = read.ok() ? QJsonDocument::fromJson(read.data, &parse) : QJsonDocument();
    QString why = read.ok() ? QString() : read.error.message;
    if (read.ok() && (parse.error != QJsonParseError::NoError || !document.isObject()))
        why = QStringLiteral("it is not a JSON object (%1)").arg(parse.errorString());
    else if (read.ok() && document.object().value(u"format").toInt() != kFormat)
        why = QStringLiteral("it is of another format than %1").arg(kFormat);
    if (!why.isEmpty()) {
        m_readable = false;
        m_unreadableWhy = QStringLiteral("The run history %1 could not be read: %2. It is left as it is, and "
                                         "new runs are not written there until it is moved away.")
                              .arg(m_path, why);
        return invalid(m_unreadableWhy);
    }
    int skipped = 0;
    for (const QJsonValue& value : document.object().value(u"runs").toArray()) {
        if (const std::optional<RunRecord> run = RunRecord::fromJson(value.toObject(), nullptr))
            m_runs.append(*run);
        else
            m_unread.append(value.toObject()), ++skipped;
    }
    if (skipped > 0)
        return invalid(
            QStringLiteral("%1 run(s) in %2 could not be read; they are kept in the file as they were.")
                .arg(skipped)
                .arg(m_path));
    return {};
}

const RunRecord* RunHistory::byId(const QString& id) const
{
    for (const RunRecord& run : m_runs) {
        if (run.id == id)
            return &run;
    }
    return nullptr;
}

EngineError RunHistory::add(const RunRecord& record)
{
    if (record.isEmpty())
        return {};
    m_runs.removeIf([&](const RunRecord& r) { return r.id == record.id; });
    m_runs.prepend(record);
    if (m_runs.size() > kMaxRuns)
        m_runs.resize(kMaxRuns);
    return save();
}

EngineError RunHistory::remove(const QString& id)
{
    m_runs.removeIf([&](const RunRecord& r) { return r.id == id; });
    return save();
}

EngineError RunHistory::save() const
{
    if (!m_readable)
        return invalid(m_unreadableWhy);
    QJsonArray runs;
    for (const RunRecord& run : m_runs)
        runs.append(run.toJson());
    for (const QJsonObject& unread : m_unread)
        runs.append(unread);
    const QJsonObject root{{QStringLiteral("format"), kFormat}, {QStringLiteral("runs"), runs}};
    return SafeFile::writeAtomically(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented),
                                     QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace oauth2dbg
