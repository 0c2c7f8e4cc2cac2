#pragma once

#include <openssl/err.h>

namespace oauth2dbg {

// OpenSSL keeps a queue of errors per thread. A failed call (a broken key, a signature that does not verify)
// leaves entries there for whatever reads the queue next on this thread — Qt's TLS code reads it to explain a
// handshake — and for the thread's end. Each engine function that calls OpenSSL leaves the queue empty.
class OpenSslErrorScope final {
public:
    OpenSslErrorScope() = default;
    ~OpenSslErrorScope() { ERR_clear_error(); }
    OpenSslErrorScope(const OpenSslErrorScope&) = delete;
    OpenSslErrorScope& operator=(const OpenSslErrorScope&) = delete;
};

} // namespace oauth2dbg
