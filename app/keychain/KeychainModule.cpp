// The keychain as a module: the executable loads it the first time a command needs a secret from the
// keychain.
#include "QtKeychainBackend.h"

extern "C" Q_DECL_EXPORT oauth2dbg::KeychainBackend* oauth2dbg_keychain_backend()
{
    return oauth2dbg::makeQtKeychainBackend().release();
}
