// Keys made by the debugger for private_key_jwt, and a key's forms for storing and registering. OpenSSL makes
// every key; the private half leaves this file only as PEM, for the keychain.
#include "ClientAssertion.h"
#include "OpenSslErrors.h"

#include <QJsonArray>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace oauth2dbg {

SigningKey SigningKey::generate(Type type)
{
    const OpenSslErrorScope clearErrors;
    EVP_PKEY* key = nullptr;
    switch (type) {
    case Type::EcP256:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case Type::Rsa2048:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048));
        break;
    case Type::Rsa3072:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(3072));
        break;
    case Type::Ed25519:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        break;
    }
    if (!key) {
        SigningKey failed;
        failed.problem = QStringLiteral("OpenSSL could not make a %1 key.").arg(typeName(type));
        return failed;
    }
    return fromKey(key);
}

QString SigningKey::typeName(Type type)
{
    switch (type) {
    case Type::EcP256:
        return QStringLiteral("EC P-256 (ES256)");
    case Type::Rsa2048:
        return QStringLiteral("RSA 2048 (RS256, PS256)");
    case Type::Rsa3072:
        return QStringLiteral("RSA 3072 (RS256, PS256)");
    case Type::Ed25519:
        return QStringLiteral("Ed25519 (EdDSA)");
    }
    return {};
}

Secret SigningKey::privatePem() const
{
    if (!key)
        return {};
    const OpenSslErrorScope clearErrors;
    BIO* bio = BIO_new(BIO_s_secmem());
    if (!bio)
        return {};
    Secret pem;
    if (PEM_write_bio_PKCS8PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio, &data);
        if (length > 0)
            pem = Secret(QByteArray(data, qsizetype(length)));
    }
    BIO_free(bio);
    return pem;
}

QJsonObject SigningKey::publicJwks() const
{
    const QJsonObject jwk = publicJwk();
    return jwk.isEmpty() ? QJsonObject() : QJsonObject{{QStringLiteral("keys"), QJsonArray{jwk}}};
}

} // namespace oauth2dbg
