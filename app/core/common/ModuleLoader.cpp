#include "ModuleLoader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>
#include <QStringList>

namespace oauth2dbg {

void* resolveModuleSymbol(const QString& fileName, const char* symbol, QString* error)
{
    const QString exe = QFile::symLinkTarget(QStringLiteral("/proc/self/exe"));
    if (exe.isEmpty()) {
        *error = QStringLiteral("%1: the executable's folder is unknown").arg(fileName);
        return nullptr;
    }
    const QString dir = QFileInfo(exe).absolutePath();
    const QStringList candidates{dir % u'/' % fileName,
                                 QDir::cleanPath(dir % u"/" OAUTH2DBG_MODULE_DIR u"/" % fileName)};
    for (const QString& candidate : candidates) {
        if (!QFileInfo(candidate).isFile())
            continue;
        QLibrary module(candidate);
        if (void* found = reinterpret_cast<void*>(module.resolve(symbol)))
            return found;
        *error = candidate % u": " % module.errorString();
        return nullptr;
    }
    *error = QStringLiteral("%1 was not found (looked at %2)").arg(fileName, candidates.join(u", "));
    return nullptr;
}

} // namespace oauth2dbg
