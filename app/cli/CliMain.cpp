// The command line's composition root, built as a module that the executable loads for a command: the engine
// and the command-line twin, no widgets.
#include "CliOptions.h"
#include "CliRunner.h"
#include "Identity.h"
#include "Version.h"
#include "checks/CheckCatalogue.h"
#include "common/VisibleText.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTimer>

#include <openssl/crypto.h>

#include <cstdio>

using namespace oauth2dbg;

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
        const QStringList words = QCoreApplication::arguments();
        std::fprintf(stderr, "error: %s\n%s", qPrintable(VisibleText::escaped(options.error)),
                     qPrintable(CliOptions::usageFor(words.size() > 1 ? words.at(1) : QString())));
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

} // namespace

extern "C" Q_DECL_EXPORT int oauth2dbg_cli_main(int argc, char* argv[])
{
    return runCommandLine(argc, argv);
}
