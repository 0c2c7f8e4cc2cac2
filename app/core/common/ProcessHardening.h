#pragma once

namespace oauth2dbg {

// The process holds secrets in memory (tokens, client secrets): no core file may keep a copy, and other
// processes of the same user may not read its memory (Linux: not dumpable, so no ptrace attach either).
// OAUTH2DBG_ALLOW_CORE_DUMPS=1 leaves both as the system has them, for debugging the debugger.
void keepSecretsOutOfCoreDumps();

} // namespace oauth2dbg
