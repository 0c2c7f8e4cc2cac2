#pragma once

#include "EngineError.h"

#include <QByteArray>
#include <QFileDevice>
#include <QString>

class QIODevice;

namespace oauth2dbg {

// The disk is outside too: a write that comes up short never replaces a good file, and a file read for its
// contents is read with a bound (a path can name /dev/zero, a FIFO or a huge file).
namespace SafeFile {

// Writes `data` beside `path`, flushes it to the disk and only then renames it over `path`. A short write, a
// full disk or a failed flush leaves `path` exactly as it was and removes the partial copy. `permissions`
// (when not empty) apply from the first byte on.
EngineError writeAtomically(const QString& path, const QByteArray& data,
                            QFileDevice::Permissions permissions = {});

struct Read {
    QByteArray data;
    EngineError error; // InvalidInput: missing, unreadable, not a regular file, or larger than the bound
    [[nodiscard]] bool ok() const { return !error.isError(); }
};

// A regular file's contents, refused when larger than `limit` bytes. `what` names it in messages ("the key
// set", "the profile file").
[[nodiscard]] Read readFile(const QString& path, qint64 limit, const QString& what);
// An open device (stdin) read to its end, refused once more than `limit` bytes arrived.
[[nodiscard]] Read readDevice(QIODevice& device, qint64 limit, const QString& what);

inline constexpr qint64 kMaxInputFile = 4 * 1024 * 1024; // profiles, key sets, tokens, CA files

} // namespace SafeFile
} // namespace oauth2dbg
