#include "BrowserLauncher.h"

#include "oauth/DiscoveryUrl.h"

#include <QProcess>
#include <QUrl>

namespace oauth2dbg {

namespace {
bool startDetached(const QString& program, const QStringList& arguments, const QStringList& hidden)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    // The variables that held this run's secrets are not the browser's to read.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : hidden)
        environment.remove(name);
    process.setProcessEnvironment(environment);
    // The browser's chatter is not ours to keep, and must not hold our caller's pipes open.
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    return process.startDetached();
}

bool openWithPlatformTool(const QString& url, const QStringList& hidden)
{
#if defined(Q_OS_MACOS)
    return startDetached(QStringLiteral("open"), {url}, hidden);
#elif defined(Q_OS_WIN)
    return startDetached(QStringLiteral("rundll32"), {QStringLiteral("url.dll,FileProtocolHandler"), url},
                         hidden);
#else
    return startDetached(QStringLiteral("xdg-open"), {url}, hidden);
#endif
}
} // namespace

BrowserLauncher::BrowserLauncher(QObject* parent)
    : QObject(parent)
    , m_systemOpener([this](const QString& url) { return openWithPlatformTool(url, m_hiddenVariables); })
{}

BrowserLauncher::~BrowserLauncher() = default;

QStringList BrowserLauncher::commandArguments(const QString& command, const QString& url)
{
    QStringList arguments = QProcess::splitCommand(command);
    bool placed = false;
    for (QString& argument : arguments) {
        if (argument.contains(u"%u")) {
            argument.replace(QStringLiteral("%u"), url);
            placed = true;
        }
    }
    if (!placed && !arguments.isEmpty())
        arguments.append(url);
    return arguments;
}

EngineError BrowserLauncher::launch(const QString& url, bool allowHttp)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!DiscoveryUrl::isAllowedTarget(parsed, allowHttp)) {
        return {.kind = ErrorKind::InvalidInput,
                .message = QStringLiteral(
                               "Refusing to open \"%1\" in a browser: only https URLs (or http to a local "
                               "test server on this machine) are opened.")
                               .arg(url.left(200))};
    }
    if (m_command.trimmed().isEmpty()) {
        if (!m_systemOpener || !m_systemOpener(url))
            return {.kind = ErrorKind::Network,
                    .message =
                        QStringLiteral("The system browser could not be opened. Copy the URL into a browser, "
                                       "or set a browser command in the profile or the settings.")};
        Q_EMIT launched(QStringLiteral("the system browser"));
        return {};
    }
    QStringList arguments = commandArguments(m_command, url);
    if (arguments.isEmpty())
        return {.kind = ErrorKind::InvalidInput, .message = QStringLiteral("The browser command is empty.")};
    const QString program = arguments.takeFirst();
    if (!startDetached(program, arguments, m_hiddenVariables))
        return {.kind = ErrorKind::InvalidInput,
                .message =
                    QStringLiteral("The browser command could not be started: \"%1\" was not found or is not "
                                   "executable.")
                        .arg(program)};
    Q_EMIT launched(QStringLiteral("the command \"%1\"").arg(program));
    return {};
}

} // namespace oauth2dbg
