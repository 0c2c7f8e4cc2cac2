#pragma once

#include <QDateTime>
#include <QString>

namespace oauth2dbg {

// How long something took, as both faces write it: "340 ms" below a second, "1.4 s" below a minute, then
// "2 min 05 s". Empty for a negative (unknown) duration.
[[nodiscard]] QString durationText(qint64 milliseconds);

// A countdown as both faces write it: "9:05" (minutes, then seconds); 0:00 for a negative one.
[[nodiscard]] QString countdownText(qint64 seconds);

// A moment as both faces write it: local time, "2026-12-02 14:05:09". Empty for an invalid one.
[[nodiscard]] QString dateTimeText(const QDateTime& when);

} // namespace oauth2dbg
