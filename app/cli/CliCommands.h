#pragma once

#include "CliOptions.h"
#include "session/FlowGoal.h"

#include <QString>

namespace oauth2dbg {

// A command as its report names it ("flow device_code", "logout"), and as a goal of the flow session.
[[nodiscard]] QString commandName(CliOptions::Command command);
[[nodiscard]] FlowGoal goalOf(CliOptions::Command command);

} // namespace oauth2dbg
