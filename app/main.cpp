// The executable: it decides what to run and loads only that. A command (flow, refresh, decode, checks,
// --help,
// --version) runs in the command line's module — the engine, no widgets —; anything else in the window's
// module. It links Qt Core alone, so neither face pays for the other's libraries.
#include "CliOptions.h"
#include "common/ModuleLoader.h"
#include "common/ProcessHardening.h"

#include <cstdio>

using namespace oauth2dbg;

using Entry = int (*)(int, char**);

#ifdef OAUTH2DBG_MODULES_BUILTIN
#include "QtKeychainBackend.h"
extern "C" int oauth2dbg_cli_main(int argc, char* argv[]);
extern "C" int oauth2dbg_window_main(int argc, char* argv[]);
#endif

namespace {
Entry findEntry(const char* module, const char* entry, QString* tried)
{
#ifdef OAUTH2DBG_MODULES_BUILTIN
    (void)module;
    (void)tried;
    return qstrcmp(entry, "oauth2dbg_cli_main") == 0 ? &oauth2dbg_cli_main : &oauth2dbg_window_main;
#else
    QString error;
    if (void* found = resolveModuleSymbol(QString::fromLatin1(module), entry, &error))
        return reinterpret_cast<Entry>(found);
    *tried += u"\n  " % error;
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
