#pragma once

#include "MainWindow.h"
#include "net/BrowserLauncher.h"
#include "net/NetworkAccess.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "traffic/TrafficLog.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

// One window as the app builds it, on a profile store in a scratch directory and a keychain service of the
// test's own. open() starts it (again, as a second start would) on the same store.
struct WindowFixture {
    explicit WindowFixture(const QString& keychainService)
        : secrets(keychainService)
    {}

    oauth2dbg::MainWindow* open(const QString& demoIssuer)
    {
        window.reset();
        store = std::make_unique<oauth2dbg::ProfileStore>(config.filePath(QStringLiteral("profiles.json")));
        window = std::make_unique<oauth2dbg::MainWindow>(store.get(), &network, &secrets, &launcher);
        window->setDemoIssuer(demoIssuer);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qWarning("the window was not exposed");
        return window.get();
    }

    // Saves what `window` shows when OAUTH2DBG_SCREENSHOT_DIR is set (scripts/screenshots.sh, README
    // pictures).
    static void screenshot(QWidget* window, const QString& name)
    {
        const QString dir = qEnvironmentVariable("OAUTH2DBG_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QTest::qWait(200); // let the last layout and paint happen
        QVERIFY(window->grab().save(dir + u'/' + name + u".png"));
    }

    QTemporaryDir config;
    oauth2dbg::TrafficLog log;
    oauth2dbg::NetworkAccess network{&log};
    oauth2dbg::SecretStore secrets;
    oauth2dbg::BrowserLauncher launcher;
    std::unique_ptr<oauth2dbg::ProfileStore> store;
    std::unique_ptr<oauth2dbg::MainWindow> window;
};
