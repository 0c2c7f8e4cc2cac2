#pragma once

#include <QString>
#include <QVariant>

class QObject;

namespace oauth2dbg::Appearance {

// Light or dark: the user's choice in Settings, or the desktop's. "system" follows the desktop's colour
// scheme (the XDG desktop portal's org.freedesktop.appearance color-scheme, or a GTK_THEME ending in :dark),
// also when it changes while the window is open.
[[nodiscard]] bool isKnown(const QString& choice); // system, light, dark

// Applies the choice now. For "system" this takes what is known at once (the platform's palette, GTK_THEME);
// followDesktop() asks the desktop itself.
void apply(const QString& choice);
// Asks the desktop portal for its colour scheme (after the first frame: it is a D-Bus round trip) and
// follows its changes while "system" is chosen. `context` ends the following.
void followDesktop(QObject* context);

// What the desktop's answers mean: the portal's color-scheme (1 prefers dark, 2 light, 0 or none: no
// preference) and GTK_THEME ("Adwaita:dark").
[[nodiscard]] bool desktopPrefersDark(const QVariant& portalColorScheme, const QString& gtkTheme);

} // namespace oauth2dbg::Appearance
