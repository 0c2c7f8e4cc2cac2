#pragma once

#include <QString>

namespace oauth2dbg {

// How long something took, as both faces write it: "340 ms" below a second, "1.4 s" below a minute, then
// "2 min 05 s". Empty for a negative (unknown) duration.
[[nodiscard]] QString durationText(qint64 milliseconds);

} // namespace oauth2dbg
