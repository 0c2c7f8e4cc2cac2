#include "profiles/AppSettings.h"

#include "common/SettingsFile.h"

#include <QSettings>

namespace oauth2dbg {

AppSettings AppSettings::load(const QString& path)
{
    const QSettings s(path, QSettings::IniFormat);
    AppSettings a;
    a.defaultBrowserCommand = s.value(QStringLiteral("flow/browserCommand")).toString();
    a.requestTimeoutSeconds =
        std::clamp(s.value(QStringLiteral("flow/requestTimeoutSeconds"), 30).toInt(), 1, 600);
    a.browserTimeoutMinutes =
        std::clamp(s.value(QStringLiteral("flow/browserTimeoutMinutes"), 5).toInt(), 1, 60);
    a.clockSkewSeconds = std::clamp(s.value(QStringLiteral("tokens/clockSkewSeconds"), 60).toInt(), 0, 3600);
    a.revealByDefault = s.value(QStringLiteral("tokens/revealByDefault"), false).toBool();
    a.clearClipboardSeconds =
        std::clamp(s.value(QStringLiteral("tokens/clearClipboardSeconds"), 30).toInt(), 0, 3600);
    a.appearance = s.value(QStringLiteral("window/appearance"), a.appearance).toString();
    return a;
}

EngineError AppSettings::save(const QString& path) const
{
    return SettingsFile::update(path,
                                {{QStringLiteral("flow/browserCommand"), defaultBrowserCommand},
                                 {QStringLiteral("flow/requestTimeoutSeconds"), requestTimeoutSeconds},
                                 {QStringLiteral("flow/browserTimeoutMinutes"), browserTimeoutMinutes},
                                 {QStringLiteral("tokens/clockSkewSeconds"), clockSkewSeconds},
                                 {QStringLiteral("tokens/revealByDefault"), revealByDefault},
                                 {QStringLiteral("tokens/clearClipboardSeconds"), clearClipboardSeconds},
                                 {QStringLiteral("window/appearance"), appearance}});
}

} // namespace oauth2dbg
