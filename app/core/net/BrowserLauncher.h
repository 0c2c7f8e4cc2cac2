#pragma once

#include "common/EngineError.h"

#include <QObject>
#include <QString>

#include <functional>

namespace oauth2dbg {

// The only way the engine opens an authorization URL: the system browser, or a browser command the user chose
// ("firefox --private-window %u"). Never an embedded web view (RFC 8252 §8.12). Tests use the same path with
// a scripted browser's command, so they exercise what users run.
class BrowserLauncher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrowserLauncher)

public:
    using SystemOpener = std::function<bool(const QString& url)>;

    explicit BrowserLauncher(QObject* parent = nullptr);
    ~BrowserLauncher() override;

    // How "the system browser" is opened: the window sets QDesktopServices; headless runs use xdg-open/open.
    void setSystemOpener(SystemOpener opener) { m_systemOpener = std::move(opener); }
    // A command line; %u is replaced by the URL (appended when absent). Empty: the system browser.
    void setCommand(const QString& command) { m_command = command; }
    [[nodiscard]] QString command() const { return m_command; }
    // Environment variables the launched browser must not inherit (those that carried a secret to us).
    void setHiddenVariables(const QStringList& names) { m_hiddenVariables = names; }

    // Opens `url` after checking it is one a browser may be sent to (NA-09): https, or http to this machine
    // when `allowHttp` (a local test server). The command is run directly, never through a shell.
    EngineError launch(const QString& url, bool allowHttp);

    // The arguments the command would run with, for display and tests.
    [[nodiscard]] static QStringList commandArguments(const QString& command, const QString& url);

Q_SIGNALS:
    void launched(const QString& how);

private:
    SystemOpener m_systemOpener;
    QString m_command;
    QStringList m_hiddenVariables;
};

} // namespace oauth2dbg
