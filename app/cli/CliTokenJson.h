#pragma once

#include "jose/JwtDecode.h"
#include "jose/TokenVerification.h"

#include <QJsonObject>

#include <optional>

namespace oauth2dbg {

// The version of the command line's JSON (a document with --json, a line with --each-line). It grows by new
// members; a member that changes meaning or goes away bumps it.
inline constexpr int kCliJsonSchema = 1;

// A token as fields for automation: its kind, a JWT's header and claims as they were sent, and the verdict
// with every check when it was verified ("verified", "failed", "unverifiable"; absent: not asked). Never the
// token itself.
[[nodiscard]] QJsonObject tokenJson(const DecodedToken& decoded,
                                    const std::optional<TokenVerification>& verdict);
[[nodiscard]] QJsonObject verdictJson(const TokenVerification& verification);
// A check's result as the command line words it: "ok", "warn", "fail", "skip" (the text shows it upper case).
[[nodiscard]] QString resultWord(Severity severity);
// Checks as the JSON lists them: severity, rule, field, message.
[[nodiscard]] QJsonArray checksJson(const Findings& checks);

} // namespace oauth2dbg
