// The composition root. A command (flow, refresh, decode, --help, --version) runs headless on the engine
// alone; without one, the window's module is loaded and shown. The executable itself links no Widgets and no
// Gui, so a command starts as fast as a program linked with Qt Core and Network can.
#include "CliOptions.h"
#include "CliRunner.h"
#include "Identity.h"
#include "Version.h"
#include "checks/CheckCatalogue.h"
#include "common/ProcessHardening.h"
#include "common/VisibleText.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibrary>
#include <QLoggingCategory>
#include <QTimer>

#include <openssl/crypto.h>

#include <cstdio>

using namespace oauth2dbg;

using WindowMain = int (*)(int, char**);

#ifdef OAUTH2DBG_WINDOW_BUILTIN
extern "C" int oauth2dbg_window_main(int argc, char* argv[]);
#endif

namespace {
// `checks`: what an identifier the debugger shows means, from the catalogue the results come with.
int printChecks(const CliOptions& options)
{
    if (options.markdown) {
        std::fputs(qPrintable(CheckCatalogue::markdown()), stdout);
        return 0;
    }
    if (!options.checkId.isEmpty()) {
        if (!CheckCatalogue::find(options.checkId)) {
            std::fprintf(stderr,
                         "error: no check is called \"%s\"; `oauth2-debugger checks` lists them all\n",
                         qPrintable(VisibleText::escaped(options.checkId)));
            return 2;
        }
        std::printf("%s\n", qPrintable(CheckCatalogue::explanation(options.checkId)));
        return 0;
    }
    for (const CheckEntry& entry : CheckCatalogue::all())
        std::printf("%-28s %s (%s)\n", qPrintable(entry.id), qPrintable(entry.title), qPrintable(entry.spec));
    return 0;
}

// The headless twin: no display needed, same engine.
int runCommandLine(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setIdentity();
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral(
            "oauth2dbg.*.info=false\noauth2dbg.*.warning=false")); // stderr: the report's errors
    const CliOptions options = CliOptions::parse(QCoreApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "error: %s\n\n%s", qPrintable(VisibleText::escaped(options.error)),
                     qPrintable(CliOptions::usage()));
        return 2;
    }
    if (options.command == CliOptions::Command::Help) {
        std::fputs(qPrintable(CliOptions::usage()), stdout);
        return 0;
    }
    if (options.command == CliOptions::Command::Version) {
        std::printf("oauth2-debugger %s\nQt %s (built with %s)\n%s\n", kVersion, qVersion(), QT_VERSION_STR,
                    OpenSSL_version(OPENSSL_VERSION));
        return 0;
    }
    if (options.command == CliOptions::Command::Checks)
        return printChecks(options);
    CliRunner runner(options);
    QObject::connect(&runner, &CliRunner::done, &app, &QCoreApplication::exit);
    QTimer::singleShot(0, &runner, &CliRunner::start);
    return QCoreApplication::exec();
}

// The window's module: next to the executable in a build tree, in the package's library folder once
// installed.
WindowMain findWindow(QString* tried)
{
#ifdef OAUTH2DBG_WINDOW_BUILTIN
    (void)tried;
    return &oauth2dbg_window_main;
#else
    const QString exe = QFile::symLinkTarget(QStringLiteral("/proc/self/exe"));
    const QString dir = QFileInfo(exe).absolutePath();
    const QString name = QStringLiteral(OAUTH2DBG_WINDOW_MODULE);
    const QStringList candidates{dir % u'/' % name,
                                 QDir::cleanPath(dir % u"/" OAUTH2DBG_MODULE_DIR u"/" % name)};
    for (const QString& candidate : candidates) {
        if (!QFileInfo(candidate).isFile())
            continue;
        QLibrary module(candidate);
        if (const auto entry = reinterpret_cast<WindowMain>(module.resolve("oauth2dbg_window_main")))
            return entry; // the module stays loaded for the life of the process
        *tried += u"\n  " % candidate % u": " % module.errorString();
        return nullptr;
    }
    *tried += u"\n  " % dir % u'/' % name % u" (not found)";
    return nullptr;
#endif
}
} // namespace

int main(int argc, char* argv[])
{
    keepSecretsOutOfCoreDumps(); // before the first secret is read
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    if (CliOptions::isCommandLine(arguments))
        return runCommandLine(argc, argv);
    QString tried;
    if (const WindowMain window = findWindow(&tried))
        return window(argc, argv);
    std::fprintf(stderr,
                 "error: the window is not part of this installation (its module could not be loaded):%s\n"
                 "The command line works without it: oauth2-debugger --help\n",
                 qPrintable(VisibleText::escaped(tried)));
    return 2;
}
