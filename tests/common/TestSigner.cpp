#include "TestSigner.h"

#include "jose/Base64Url.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace oauth2dbg::test {

namespace {
QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(base64url::encode(bytes));
}

QByteArray bignum(const EVP_PKEY* key, const char* name, int pad)
{
    BIGNUM* n = nullptr;
    if (!EVP_PKEY_get_bn_param(key, name, &n))
        return {};
    QByteArray out(pad > 0 ? pad : BN_num_bytes(n), '\0');
    BN_bn2binpad(n, reinterpret_cast<unsigned char*>(out.data()), int(out.size()));
    BN_free(n);
    return out;
}

const char* digestFor(const QString& alg)
{
    if (alg.endsWith(u"256"))
        return "SHA256";
    if (alg.endsWith(u"384"))
        return "SHA384";
    if (alg.endsWith(u"512"))
        return "SHA512";
    return nullptr;
}

int ecComponent(const QString& alg)
{
    return alg == u"ES256" ? 32 : alg == u"ES384" ? 48 : 66;
}
} // namespace

TestKey TestKey::generate(const QString& alg, const QString& kid, int rsaBits)
{
    TestKey key;
    key.m_alg = alg;
    key.m_kid = kid;
    EVP_PKEY* raw = nullptr;
    if (alg.startsWith(u"RS") || alg.startsWith(u"PS"))
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(rsaBits));
    else if (alg == u"ES256")
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    else if (alg == u"ES384")
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
    else if (alg == u"ES512")
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-521");
    else if (alg == u"EdDSA")
        raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    key.m_key.reset(raw, [](EVP_PKEY* k) { EVP_PKEY_free(k); });
    return key;
}

QByteArray TestKey::privatePem() const
{
    BIO* bio = BIO_new(BIO_s_mem());
    QByteArray pem;
    if (bio && PEM_write_bio_PrivateKey(bio, m_key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1) {
        char* data = nullptr;
        const long length = BIO_get_mem_data(bio, &data);
        pem = QByteArray(data, qsizetype(length));
    }
    BIO_free(bio);
    return pem;
}

QJsonObject TestKey::publicJwk() const
{
    QJsonObject jwk{{QStringLiteral("kid"), m_kid}, {QStringLiteral("use"), QStringLiteral("sig")}};
    const EVP_PKEY* key = m_key.get();
    if (m_alg.startsWith(u"RS") || m_alg.startsWith(u"PS")) {
        jwk.insert(u"kty", QStringLiteral("RSA"));
        jwk.insert(u"n", b64(bignum(key, OSSL_PKEY_PARAM_RSA_N, 0)));
        jwk.insert(u"e", b64(bignum(key, OSSL_PKEY_PARAM_RSA_E, 0)));
    } else if (m_alg.startsWith(u"ES")) {
        const int size = ecComponent(m_alg);
        jwk.insert(u"kty", QStringLiteral("EC"));
        jwk.insert(u"crv", m_alg == u"ES256"   ? QStringLiteral("P-256")
                           : m_alg == u"ES384" ? QStringLiteral("P-384")
                                               : QStringLiteral("P-521"));
        jwk.insert(u"x", b64(bignum(key, OSSL_PKEY_PARAM_EC_PUB_X, size)));
        jwk.insert(u"y", b64(bignum(key, OSSL_PKEY_PARAM_EC_PUB_Y, size)));
    } else {
        unsigned char x[32];
        size_t length = sizeof x;
        EVP_PKEY_get_raw_public_key(key, x, &length);
        jwk.insert(u"kty", QStringLiteral("OKP"));
        jwk.insert(u"crv", QStringLiteral("Ed25519"));
        jwk.insert(u"x", b64(QByteArray(reinterpret_cast<const char*>(x), int(length))));
    }
    return jwk;
}

QByteArray TestKey::signature(const QByteArray& input) const
{
    const bool eddsa = m_alg == u"EdDSA";
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    EVP_DigestSignInit_ex(ctx, &pctx, eddsa ? nullptr : digestFor(m_alg), nullptr, nullptr, m_key.get(),
                          nullptr);
    if (m_alg.startsWith(u"PS")) {
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING);
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST);
    }
    size_t length = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(input.constData());
    EVP_DigestSign(ctx, nullptr, &length, data, size_t(input.size()));
    QByteArray sig(qsizetype(length), '\0');
    EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(sig.data()), &length, data, size_t(input.size()));
    sig.resize(qsizetype(length));
    EVP_MD_CTX_free(ctx);
    if (!m_alg.startsWith(u"ES"))
        return sig;
    // OpenSSL gives DER; JOSE wants R || S (RFC 7518 §3.4).
    const auto* der = reinterpret_cast<const unsigned char*>(sig.constData());
    ECDSA_SIG* parsed = d2i_ECDSA_SIG(nullptr, &der, long(sig.size()));
    const int size = ecComponent(m_alg);
    QByteArray rs(2 * size, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(parsed), reinterpret_cast<unsigned char*>(rs.data()), size);
    BN_bn2binpad(ECDSA_SIG_get0_s(parsed), reinterpret_cast<unsigned char*>(rs.data()) + size, size);
    ECDSA_SIG_free(parsed);
    return rs;
}

QByteArray TestKey::sign(QJsonObject header, const QJsonObject& claims) const
{
    if (!header.contains(u"alg"))
        header.insert(u"alg", m_alg);
    if (!header.contains(u"kid") && !m_kid.isEmpty())
        header.insert(u"kid", m_kid);
    const QByteArray input = signingInput(header, claims);
    return input + '.' + base64url::encode(signature(input));
}

QByteArray signingInput(const QJsonObject& header, const QJsonObject& claims)
{
    return base64url::encode(json(header)) + '.' + base64url::encode(json(claims));
}

QByteArray signHmac(const QString& alg, const QByteArray& key, QJsonObject header, const QJsonObject& claims)
{
    if (!header.contains(u"alg"))
        header.insert(u"alg", alg);
    const QByteArray input = signingInput(header, claims);
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t length = 0;
    EVP_Q_mac(nullptr, "HMAC", nullptr, digestFor(alg), nullptr, key.constData(), size_t(key.size()),
              reinterpret_cast<const unsigned char*>(input.constData()), size_t(input.size()), mac,
              sizeof mac, &length);
    return input + '.' + base64url::encode(QByteArray(reinterpret_cast<const char*>(mac), int(length)));
}

QByteArray jwks(const QList<QJsonObject>& keys)
{
    QJsonArray array;
    for (const QJsonObject& key : keys)
        array.append(key);
    return json(QJsonObject{{QStringLiteral("keys"), array}});
}

} // namespace oauth2dbg::test
