#include "PemKey.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace oauth2dbg {

namespace {
// Asked for a passphrase: there is none to give. Noting the question is how an encrypted key is told apart.
int noPassphrase(char*, int, int, void* asked)
{
    *static_cast<bool*>(asked) = true;
    return 0;
}
} // namespace

EVP_PKEY* readPrivateKeyPem(const QByteArray& pem, bool* encrypted)
{
    bool asked = false;
    BIO* bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY* key = bio ? PEM_read_bio_PrivateKey(bio, nullptr, noPassphrase, &asked) : nullptr;
    BIO_free(bio);
    ERR_clear_error();
    if (encrypted)
        *encrypted = !key && (asked || pem.contains("ENCRYPTED"));
    return key;
}

} // namespace oauth2dbg
