// The window's composition root, built as a module that the executable loads only when no command is given:
// a headless command never pays for (or loads) Qt Widgets and Qt Gui.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "BenchProbe.h"
#include "DiscoveryPanel.h"
#include "Identity.h"
#include "LogPanel.h"
#include "MainWindow.h"
#include "StartStyle.h"
#include "TokenPanel.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "traffic/TrafficLog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDesktopServices>
#include <QDir>
#include <QLineEdit>
#include <QTimer>

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
} // namespace

extern "C" Q_DECL_EXPORT int oauth2dbg_window_main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    setIdentity();
    installStartStyle();
    // The keychain comes from its module the first time a profile needs it, as for the command line: a run
    // of a public client never loads QtKeychain, libsecret or GLib's I/O library.
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
