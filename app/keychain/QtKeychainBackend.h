#pragma once

#include "profiles/KeychainBackend.h"

namespace oauth2dbg {

// The keychain through QtKeychain (and, on Linux, a D-Bus question to tell a locked Secret Service from an
// empty one). Never a plaintext fallback.
[[nodiscard]] std::unique_ptr<KeychainBackend> makeQtKeychainBackend();

} // namespace oauth2dbg
