// The composition root: a command (flow, refresh, --help, --version) runs headless; anything else builds the
// engine objects and shows the window.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "BenchProbe.h"
#include "CliOptions.h"
#include "CliRunner.h"
#include "DiscoveryPanel.h"
#include "LogPanel.h"
#include "MainWindow.h"
#include "TokenPanel.h"
#include "Version.h"
#include "common/ProcessHardening.h"
#include "common/VisibleText.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "oauth/DiscoveryClient.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "traffic/TrafficLog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QDir>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

#include <openssl/crypto.h>

#include <cstdio>

using namespace oauth2dbg;

namespace {
struct Options {
    QString demoIssuer;
    bool discover = false;
    bool authorize = false;
    QString browser;
    QString screenshot;
    bool bench = false;
};

Options parseArguments(const QApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("See exactly what happens in an OAuth 2.0 / OpenID Connect login."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoIssuer(
        QStringLiteral("demo-issuer"),
        QStringLiteral("Point the \"Local demo\" profile at this issuer (default %1).")
            .arg(QString::fromLatin1(Profile::kDemoIssuer)),
        QStringLiteral("url"));
    const QCommandLineOption discover(QStringLiteral("discover"),
                                      QStringLiteral("Run discovery on the selected profile at start."));
    const QCommandLineOption authorize(QStringLiteral("authorize"),
                                       QStringLiteral("Run discovery and then the authorization at start."));
    const QCommandLineOption browser(
        QStringLiteral("browser"),
        QStringLiteral("The browser command for authorizations; %u stands for the URL "
                       "(default: the system browser)."),
        QStringLiteral("command"));
    QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of the window once the started step ends, then quit."),
        QStringLiteral("png"));
    screenshot.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption bench(
        QStringLiteral("bench"),
        QStringLiteral(
            "Print when the window first paints (and, with --authorize, when tokens arrive) with the "
            "peak memory, then quit (tests/bench)."));
    bench.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({demoIssuer, discover, authorize, browser, screenshot, bench});
    parser.process(app);
    return {parser.value(demoIssuer), parser.isSet(discover),   parser.isSet(authorize),
            parser.value(browser),    parser.value(screenshot), parser.isSet(bench)};
}

void saveScreenshotLater(MainWindow* window, const QString& path)
{
    // Give the window a moment to lay out and paint the result, then grab it as a person would see it.
    QTimer::singleShot(400, window, [window, path] {
        const bool saved = window->grab().save(path);
        std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "screenshot:" : "could not write screenshot",
                     qPrintable(QDir::toNativeSeparators(path)));
        QApplication::exit(saved ? 0 : 1);
    });
}

void setIdentity()
{
    // Settings and profiles live in ~/.config/oauth2-debugger (AppConfigLocation: no organization level).
    QCoreApplication::setApplicationName(QStringLiteral("oauth2-debugger"));
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));
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
    CliRunner runner(options);
    QObject::connect(&runner, &CliRunner::done, &app, &QCoreApplication::exit);
    QTimer::singleShot(0, &runner, &CliRunner::start);
    return QCoreApplication::exec();
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

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("OAuth2 Debugger"));
    LogPanel::captureEngineMessages();
    QApplication::setDesktopFileName(
        QStringLiteral(OAUTH2DBG_APP_ID)); // matches the installed .desktop entry
    const Options options = parseArguments(app);

    TrafficLog traffic;
    NetworkAccess network(&traffic);
    SecretStore secrets;
    BrowserLauncher launcher;
    // RFC 8252 §8.12: the user's own browser, never an embedded view.
    launcher.setSystemOpener([](const QString& url) {
        return QDesktopServices::openUrl(QUrl::fromEncoded(url.toUtf8(), QUrl::StrictMode));
    });
    ProfileStore store;
    MainWindow window(&store, &network, &secrets, &launcher);
    window.setDemoIssuer(options.demoIssuer);
    if (!options.browser.isEmpty())
        window.authorizationPanel()->options()->browserCommandEdit()->setText(options.browser);
    if (options.bench) {
        // tests/bench compares these figures with a bare Qt window's.
        const bool waitForTokens = options.authorize;
        const auto painted = [waitForTokens] {
            if (!waitForTokens)
                QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        };
        new bench::FirstPaint<decltype(painted)>(&window, painted);
        QObject::connect(window.tokenPanel(), &TokenPanel::tokensChanged, &window, [] {
            std::printf("tokens rss-kib=%ld\n", bench::peakRssKib());
            std::fflush(stdout);
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        });
    }
    window.show();

    if (!options.screenshot.isEmpty()) {
        const auto shoot = [&window, path = options.screenshot] {
            saveScreenshotLater(&window, path);
        };
        if (options.authorize)
            QObject::connect(&window, &MainWindow::authorizationFinished, &window, shoot);
        else if (options.discover)
            QObject::connect(&window, &MainWindow::discoveryFinished, &window, shoot);
        else
            shoot();
    }
    if (options.authorize) {
        QTimer::singleShot(0, &window, [&window] {
            window.showStep(window.authorizationPanel());
            window.authorizationPanel()->authorize();
        });
    } else if (options.discover) {
        QTimer::singleShot(0, window.discoveryPanel(), &DiscoveryPanel::discover);
    }
    return QApplication::exec();
}
