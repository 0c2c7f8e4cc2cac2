#pragma once

#include "EngineError.h"

#include <QList>
#include <QString>
#include <QVariant>

#include <utility>

namespace oauth2dbg {

// An INI settings file (QSettings' format) changed without ever being replaced by a torn copy: QSettings'
// own save does not notice a short write, so the new values are written to a scratch copy, read back and
// compared, and only then put in place atomically (SafeFile).
namespace SettingsFile {

using Values = QList<std::pair<QString, QVariant>>;

EngineError update(const QString& path, const Values& values);

} // namespace SettingsFile
} // namespace oauth2dbg
