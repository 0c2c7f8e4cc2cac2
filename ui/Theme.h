#pragma once

#include <QPalette>
#include <QString>

namespace oauth2dbg::Theme {

// The few colours of our own (messages, warnings), chosen to read well on the palette in use: the system's
// light or dark one. Everything else comes from the palette itself.
[[nodiscard]] bool isDark();
[[nodiscard]] QString warningText(); // a style sheet fragment: "color:...;"
[[nodiscard]] QString errorText();
[[nodiscard]] QString okText(); // a verified token, a passed check
[[nodiscard]] QString errorBorder();
[[nodiscard]] QString bannerStyle(int level); // 0 info, 1 warning, 2 error
// A dark palette for the Fusion style, as a dark desktop would give (tests and screenshots use it).
[[nodiscard]] QPalette darkPalette();

} // namespace oauth2dbg::Theme
