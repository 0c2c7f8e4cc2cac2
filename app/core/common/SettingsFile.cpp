#include "SettingsFile.h"

#include "SafeFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSettings>

namespace oauth2dbg::SettingsFile {

EngineError update(const QString& path, const Values& values)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QString scratch = path % u".new-" % QString::number(QCoreApplication::applicationPid());
    QFile::remove(scratch);
    if (QFileInfo::exists(path)) {
        const SafeFile::Read current =
            SafeFile::readFile(path, SafeFile::kMaxInputFile, QStringLiteral("The settings file"));
        if (!current.ok())
            return current.error;
        if (const EngineError error = SafeFile::writeAtomically(scratch, current.data); error.isError())
            return error;
    }
    const auto cleanUp = qScopeGuard([&scratch] { QFile::remove(scratch); });
    {
        QSettings settings(scratch, QSettings::IniFormat);
        for (const auto& [key, value] : values)
            settings.setValue(key, value);
        settings.sync();
        if (settings.status() != QSettings::NoError)
            return {.kind = ErrorKind::InvalidInput,
                    .message = QStringLiteral("The settings could not be written next to %1.")
                                   .arg(QDir::toNativeSeparators(path))};
    }
    // What reached the disk must read back as what was set: a short write would lose the last keys.
    const QSettings written(scratch, QSettings::IniFormat);
    for (const auto& [key, value] : values) {
        if (written.value(key).toByteArray() != value.toByteArray())
            return {.kind = ErrorKind::InvalidInput,
                    .message = QStringLiteral("%1 was not changed: the new settings did not reach the disk "
                                              "whole (is it full?).")
                                   .arg(QDir::toNativeSeparators(path))};
    }
    const SafeFile::Read bytes =
        SafeFile::readFile(scratch, SafeFile::kMaxInputFile, QStringLiteral("The settings file"));
    if (!bytes.ok())
        return bytes.error;
    return SafeFile::writeAtomically(path, bytes.data);
}

} // namespace oauth2dbg::SettingsFile
