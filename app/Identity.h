#pragma once

#include "Version.h"

#include <QCoreApplication>

namespace oauth2dbg {

// One name for the command line and the window: settings and profiles live in ~/.config/oauth2-debugger
// (AppConfigLocation, no organization level).
inline void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("oauth2-debugger"));
    QCoreApplication::setOrganizationName(QString());
    QCoreApplication::setApplicationVersion(QString::fromLatin1(kVersion));
}

} // namespace oauth2dbg
