#pragma once

#include <QtGlobal>

#include <cmath>
#include <optional>

namespace oauth2dbg::Seconds {

// Numbers from outside that stand for times or lifetimes: a double from JSON cast to an integer out of range
// is undefined behaviour (1e300 printed as -9223372036854775808), so every such number passes through here.

inline constexpr qint64 kMaxLifetime = 10LL * 365 * 24 * 3600; // ten years: longer is not a token's lifetime
inline constexpr double kMaxEpoch = 253402300799.0;            // 9999-12-31T23:59:59Z, QDateTime's and ours

// A NumericDate (RFC 7519 §2) as whole seconds since 1970, or nothing when it is not finite or outside
// 1970 .. 9999.
[[nodiscard]] inline std::optional<qint64> epoch(double value)
{
    if (!std::isfinite(value) || value < 0 || value > kMaxEpoch)
        return std::nullopt;
    return static_cast<qint64>(std::floor(value));
}

// A lifetime in seconds brought into 0 .. kMaxLifetime (NaN counts as 0); `clamped` says whether it had to
// be.
[[nodiscard]] inline qint64 lifetime(double value, bool* clamped = nullptr)
{
    const bool inRange = std::isfinite(value) && value >= 0 && value <= double(kMaxLifetime);
    if (clamped)
        *clamped = !inRange || value != std::floor(value);
    if (!std::isfinite(value) || value < 0)
        return value > 0 ? kMaxLifetime : 0; // +inf is "forever", the rest "already over"
    return value > double(kMaxLifetime) ? kMaxLifetime : static_cast<qint64>(std::floor(value));
}

} // namespace oauth2dbg::Seconds
