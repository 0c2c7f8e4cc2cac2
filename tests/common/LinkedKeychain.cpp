// Every test program links the OS keychain in, as the window does: the engine's SecretStore then uses it
// without looking for the module the executable loads (which lives beside the executable, not the tests).
#include "QtKeychainBackend.h"
#include "profiles/KeychainBackend.h"

namespace {
const bool kRegistered = [] {
    oauth2dbg::registerKeychainBackend(&oauth2dbg::makeQtKeychainBackend);
    return true;
}();
} // namespace
