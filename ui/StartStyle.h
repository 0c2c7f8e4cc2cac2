#pragma once

namespace oauth2dbg {

// The application's style with one change: the menu bar's overflow button (shown only when the menus do not
// fit) gets an arrow drawn in code instead of the style's theme icon, whose lookup would load the icon and
// image plugins (and Qt SVG, and libjpeg) before the first frame. Call once, before the first widget.
void installStartStyle();

} // namespace oauth2dbg
