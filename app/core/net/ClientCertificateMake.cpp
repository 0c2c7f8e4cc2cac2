// Certificates made by the debugger for self_signed_tls_client_auth (RFC 8705 §2.2), the stored form of a
// certificate with its key, and the JWKS a self-signed certificate is registered with. OpenSSL makes and
// signs everything; the private key leaves this file only as PEM, for the keychain.
#include "ClientCertificate.h"
#include "jose/ClientAssertion.h"
#include "jose/OpenSslErrors.h"

#include <QJsonArray>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>

namespace oauth2dbg {

namespace {
struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};
} // namespace

bool ClientCertificate::makeSelfSigned(const QString& commonName, int days, QByteArray* certificate,
                                       Secret* privateKey, QString* problem)
{
    const OpenSslErrorScope clearErrors;
    const SigningKey key = SigningKey::generate(SigningKey::Type::EcP256);
    std::unique_ptr<X509, X509Free> x509(X509_new());
    unsigned char serial[16];
    const QByteArray name = commonName.left(64).toUtf8();
    bool ok = key.usable() && x509 && RAND_bytes(serial, sizeof serial) == 1;
    if (ok) {
        serial[0] &= 0x7f; // a positive serial number (RFC 5280 §4.1.2.2)
        BIGNUM* number = BN_bin2bn(serial, sizeof serial, nullptr);
        X509_NAME* subject = X509_get_subject_name(x509.get());
        ok = number && X509_set_version(x509.get(), X509_VERSION_3) == 1 &&
             BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x509.get())) &&
             X509_gmtime_adj(X509_getm_notBefore(x509.get()), -300) &&
             X509_gmtime_adj(X509_getm_notAfter(x509.get()), long(days) * 86'400) &&
             X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                        reinterpret_cast<const unsigned char*>(name.constData()),
                                        int(name.size()), -1, 0) == 1 &&
             X509_set_issuer_name(x509.get(), subject) == 1 &&
             X509_set_pubkey(x509.get(), key.key.get()) == 1 &&
             X509_sign(x509.get(), key.key.get(), EVP_sha256()) > 0;
        BN_free(number);
    }
    BIO* bio = ok ? BIO_new(BIO_s_mem()) : nullptr;
    if (bio && PEM_write_bio_X509(bio, x509.get()) == 1) {
        char* data = nullptr;
        const long size = BIO_get_mem_data(bio, &data);
        *certificate = QByteArray(data, int(size));
    }
    BIO_free(bio);
    if (certificate->isEmpty()) {
        *problem = QStringLiteral("OpenSSL could not make a self-signed certificate.");
        return false;
    }
    *privateKey = key.privatePem();
    return true;
}

Secret ClientCertificate::entry(const QByteArray& certificates, const Secret& privateKey)
{
    QByteArray both = certificates;
    if (!both.endsWith('\n'))
        both += '\n';
    return Secret(both + privateKey.reveal());
}

QJsonObject ClientCertificate::registrationJwks() const
{
    // The certificate's public key as a JWK, with the certificate itself in x5c (RFC 7517 §4.7): what a
    // server matches a self-signed certificate against (RFC 8705 §2.2).
    if (chain.isEmpty())
        return {};
    const OpenSslErrorScope clearErrors;
    auto* x509 = static_cast<X509*>(chain.first().handle());
    EVP_PKEY* publicKey = x509 ? X509_get_pubkey(x509) : nullptr;
    if (!publicKey)
        return {};
    const QJsonObject set = SigningKey::fromKey(publicKey).publicJwks();
    QJsonObject jwk = set.value(u"keys").toArray().at(0).toObject();
    if (jwk.isEmpty())
        return {};
    jwk.insert(QStringLiteral("x5c"), QJsonArray{QString::fromLatin1(chain.first().toDer().toBase64())});
    return {{QStringLiteral("keys"), QJsonArray{jwk}}};
}

} // namespace oauth2dbg
