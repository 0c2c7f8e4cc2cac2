// The executable: it decides what to run and loads only that. A command (flow, refresh, decode, checks,
// --help,
// --version) runs in the command line's module — the engine, no widgets —; anything else in the window's
// module. It links Qt Core alone, so neither face pays for the other's libraries.
#include "CliOptions.h"
#include "common/ProcessHardening.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>

#include <cstdio>

using namespace oauth2dbg;

using Entry = int (*)(int, char**);

#ifdef OAUTH2DBG_MODULES_BUILTIN
#include "QtKeychainBackend.h"
extern "C" int oauth2dbg_cli_main(int argc, char* argv[]);
extern "C" int oauth2dbg_window_main(int argc, char* argv[]);
#endif

namespace {
// A module next to the executable (a build tree), or in the package's library folder once installed.
Entry findEntry(const char* module, const char* entry, QString* tried)
{
#ifdef OAUTH2DBG_MODULES_BUILTIN
    (void)module;
    (void)tried;
    return qstrcmp(entry, "oauth2dbg_cli_main") == 0 ? &oauth2dbg_cli_main : &oauth2dbg_window_main;
#else
    const QString exe = QFile::symLinkTarget(QStringLiteral("/proc/self/exe"));
    const QString dir = QFileInfo(exe).absolutePath();
    const QString name = QString::fromLatin1(module);
    const QStringList candidates{dir % u'/' % name,
                                 QDir::cleanPath(dir % u"/" OAUTH2DBG_MODULE_DIR u"/" % name)};
    for (const QString& candidate : candidates) {
        if (!QFileInfo(candidate).isFile())
            continue;
        QLibrary library(candidate);
        if (const auto found = reinterpret_cast<Entry>(library.resolve(entry)))
            return found; // the module stays loaded for the life of the process
        *tried += u"\n  " % candidate % u": " % library.errorString();
        return nullptr;
    }
    *tried += u"\n  " % candidates.join(QStringLiteral(", ")) % u" (not found)";
    return nullptr;
#endif
}
} // namespace

int main(int argc, char* argv[])
{
    keepSecretsOutOfCoreDumps(); // before the first secret is read
#ifdef OAUTH2DBG_MODULES_BUILTIN
    registerKeychainBackend(&makeQtKeychainBackend); // linked in: no module to load
#endif
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const bool command = CliOptions::isCommandLine(arguments);
    QString tried;
    const Entry entry = command ? findEntry(OAUTH2DBG_CLI_MODULE, "oauth2dbg_cli_main", &tried)
                                : findEntry(OAUTH2DBG_WINDOW_MODULE, "oauth2dbg_window_main", &tried);
    if (entry)
        return entry(argc, argv);
    if (command)
        std::fprintf(stderr, "error: the command line's module could not be loaded:%s\n", qPrintable(tried));
    else
        std::fprintf(
            stderr,
            "error: the window is not part of this installation (its module could not be loaded):%s\n"
            "The command line works without it: oauth2-debugger --help\n",
            qPrintable(tried));
    return 2;
}
