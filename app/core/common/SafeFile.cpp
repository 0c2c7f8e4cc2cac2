#include "SafeFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace oauth2dbg::SafeFile {

namespace {
EngineError failure(const QString& message, const QString& detail = {})
{
    return {.kind = ErrorKind::InvalidInput, .message = message, .detail = detail};
}

QString sizeText(qint64 bytes)
{
    return bytes >= 1024 * 1024 ? QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024))
                                : QStringLiteral("%1 KiB").arg(bytes / 1024);
}
} // namespace

EngineError writeAtomically(const QString& path, const QByteArray& data, QFileDevice::Permissions permissions)
{
    const QString shown = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    // Unbuffered: each write reaches the file system now, so a short one is seen here and not lost in a
    // buffer that commit() flushes without telling how much of it went.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return failure(QStringLiteral("%1 could not be written: %2").arg(shown, file.errorString()));
    if (permissions && !file.setPermissions(permissions)) {
        file.cancelWriting();
        return failure(QStringLiteral("%1 could not be made private: %2").arg(shown, file.errorString()));
    }
    qint64 written = 0;
    while (written < data.size()) {
        const qint64 n = file.write(data.constData() + written, data.size() - written);
        if (n <= 0)
            break;
        written += n;
    }
    // commit() then flushes the file to the disk before it renames it over the old one.
    if (written != data.size()) {
        const QString reason = file.errorString();
        file.cancelWriting(); // the partial copy goes; the original was never touched
        return failure(QStringLiteral("%1 was not changed: only %2 of %3 bytes could be written (%4). Free "
                                      "some disk space and try again.")
                           .arg(shown)
                           .arg(written)
                           .arg(data.size())
                           .arg(reason),
                       reason);
    }
    if (!file.commit())
        return failure(QStringLiteral("%1 was not changed: %2").arg(shown, file.errorString()));
    return {};
}

Read readDevice(QIODevice& device, qint64 limit, const QString& what)
{
    Read result;
    while (true) {
        // A blocking read of a file or pipe: empty at its end.
        const QByteArray chunk = device.read(qMin<qint64>(64 * 1024, limit + 1 - result.data.size()));
        if (chunk.isEmpty())
            break;
        result.data += chunk;
        if (result.data.size() > limit) {
            result.data.clear();
            result.error =
                failure(QStringLiteral("%1 is larger than %2; nothing was read.").arg(what, sizeText(limit)));
            return result;
        }
    }
    return result;
}

Read readFile(const QString& path, qint64 limit, const QString& what)
{
    Read result;
    const QString shown = QDir::toNativeSeparators(path);
    const QFileInfo info(path);
    if (!info.exists()) {
        result.error = failure(QStringLiteral("%1 %2 does not exist.").arg(what, shown));
        return result;
    }
    if (!info.isFile()) {
        result.error = failure(QStringLiteral("%1 %2 is not a regular file.").arg(what, shown));
        return result;
    }
    if (info.size() > limit) {
        result.error = failure(QStringLiteral("%1 %2 is larger than %3.").arg(what, shown, sizeText(limit)));
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error =
            failure(QStringLiteral("%1 %2 cannot be read: %3").arg(what, shown, file.errorString()));
        return result;
    }
    result = readDevice(file, limit, QStringLiteral("%1 %2").arg(what, shown));
    return result;
}

} // namespace oauth2dbg::SafeFile
