#pragma once

#include "common/EngineError.h"

#include <QString>

class QSettings;

namespace oauth2dbg {

// The user's preferences (settings.ini next to the profiles). No secret ever goes here.
struct AppSettings {
    QString defaultBrowserCommand;  // for profiles without their own; empty: the system browser
    int requestTimeoutSeconds = 30; // for new profiles
    int browserTimeoutMinutes = 5;  // for new profiles
    int clockSkewSeconds = 60;      // allowed difference between this clock and the server's
    bool revealByDefault = false;   // show tokens and secrets without ticking Reveal
    int clearClipboardSeconds = 30; // a copied token or secret leaves the clipboard after this; 0: never
    QString appearance = QStringLiteral("system"); // system (the desktop's light or dark), light or dark

    // `path`: settings.ini in the profiles' directory.
    [[nodiscard]] static AppSettings load(const QString& path);
    // A short write leaves the file as it was, and says so.
    EngineError save(const QString& path) const;
    friend bool operator==(const AppSettings&, const AppSettings&) = default;
};

} // namespace oauth2dbg
