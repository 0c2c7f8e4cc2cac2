#pragma once

#include <QByteArray>

struct evp_pkey_st;

namespace oauth2dbg {

// The first private key in `pem` (PKCS#8, or RSA / EC traditional), unencrypted; null when there is none it
// can read. An encrypted key is never asked a passphrase for (OpenSSL's default would prompt on the terminal
// and wait): it is refused, and `encrypted` says so. The caller owns the key (EVP_PKEY_free).
[[nodiscard]] evp_pkey_st* readPrivateKeyPem(const QByteArray& pem, bool* encrypted);

} // namespace oauth2dbg
