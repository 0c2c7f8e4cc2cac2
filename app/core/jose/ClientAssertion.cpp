#include "ClientAssertion.h"

#include "Base64Url.h"
#include "OpenSslErrors.h"
#include "PemKey.h"

#include <QCryptographicHash>
#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

namespace oauth2dbg {

namespace {
struct KeyDeleter {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

QByteArray bignum(const EVP_PKEY* key, const char* name)
{
    BIGNUM* bn = nullptr;
    if (!EVP_PKEY_get_bn_param(key, name, &bn))
        return {};
    QByteArray bytes(BN_num_bytes(bn), '\0');
    BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
    BN_free(bn);
    return bytes;
}

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace.
QString thumbprint(const QJsonObject& jwk)
{
    const QString kty = jwk.value(u"kty").toString();
    QByteArray canonical;
    if (kty == u"RSA")
        canonical = "{\"e\":\"" + jwk.value(u"e").toString().toLatin1() + "\",\"kty\":\"RSA\",\"n\":\"" +
                    jwk.value(u"n").toString().toLatin1() + "\"}";
    else if (kty == u"EC")
        canonical = "{\"crv\":\"" + jwk.value(u"crv").toString().toLatin1() + "\",\"kty\":\"EC\",\"x\":\"" +
                    jwk.value(u"x").toString().toLatin1() + "\",\"y\":\"" +
                    jwk.value(u"y").toString().toLatin1() + "\"}";
    else
        canonical = "{\"crv\":\"" + jwk.value(u"crv").toString().toLatin1() + "\",\"kty\":\"OKP\",\"x\":\"" +
                    jwk.value(u"x").toString().toLatin1() + "\"}";
    return QString::fromLatin1(
        base64url::encode(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256)));
}

QJsonObject publicJwkOf(const EVP_PKEY* key)
{
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        return {
            {QStringLiteral("kty"), QStringLiteral("RSA")},
            {QStringLiteral("n"), QString::fromLatin1(base64url::encode(bignum(key, OSSL_PKEY_PARAM_RSA_N)))},
            {QStringLiteral("e"),
             QString::fromLatin1(base64url::encode(bignum(key, OSSL_PKEY_PARAM_RSA_E)))}};
    case EVP_PKEY_EC: {
        const QByteArray x = bignum(key, OSSL_PKEY_PARAM_EC_PUB_X);
        const QByteArray y = bignum(key, OSSL_PKEY_PARAM_EC_PUB_Y);
        const auto pad = [](const QByteArray& v) -> QByteArray {
            return QByteArray(qMax(0, 32 - int(v.size())), '\0') + v;
        };
        return {{QStringLiteral("kty"), QStringLiteral("EC")},
                {QStringLiteral("crv"), QStringLiteral("P-256")},
                {QStringLiteral("x"), QString::fromLatin1(base64url::encode(pad(x)))},
                {QStringLiteral("y"), QString::fromLatin1(base64url::encode(pad(y)))}};
    }
    case EVP_PKEY_ED25519: {
        unsigned char raw[32];
        size_t length = sizeof raw;
        if (!EVP_PKEY_get_raw_public_key(key, raw, &length))
            return {};
        return {{QStringLiteral("kty"), QStringLiteral("OKP")},
                {QStringLiteral("crv"), QStringLiteral("Ed25519")},
                {QStringLiteral("x"), QString::fromLatin1(base64url::encode(QByteArray(
                                          reinterpret_cast<const char*>(raw), qsizetype(length))))}};
    }
    default:
        return {};
    }
}

const EVP_MD* digestFor(const QString& alg)
{
    if (alg == u"EdDSA" || alg == u"Ed25519")
        return nullptr; // Ed25519 hashes inside the signature
    if (alg.endsWith(u"384"))
        return EVP_sha384();
    if (alg.endsWith(u"512"))
        return EVP_sha512();
    return EVP_sha256();
}

// JOSE wants ECDSA's R and S side by side, 32 bytes each for P-256 (RFC 7518 §3.4), not DER.
QByteArray joseEcdsa(const QByteArray& der)
{
    const auto* p = reinterpret_cast<const unsigned char*>(der.constData());
    ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, long(der.size()));
    if (!sig)
        return {};
    QByteArray out(64, '\0');
    auto* bytes = reinterpret_cast<unsigned char*>(out.data());
    const bool ok = BN_bn2binpad(ECDSA_SIG_get0_r(sig), bytes, 32) == 32 &&
                    BN_bn2binpad(ECDSA_SIG_get0_s(sig), bytes + 32, 32) == 32;
    ECDSA_SIG_free(sig);
    return ok ? out : QByteArray();
}

QByteArray signWith(EVP_PKEY* key, const QString& alg, const QByteArray& input)
{
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    QByteArray signature;
    size_t length = 0;
    const bool pss = alg.startsWith(u"PS");
    if (ctx && EVP_DigestSignInit(ctx, &pctx, digestFor(alg), nullptr, key) == 1 &&
        (!pss || (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1)) &&
        EVP_DigestSign(ctx, nullptr, &length, reinterpret_cast<const unsigned char*>(input.constData()),
                       size_t(input.size())) == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length,
                           reinterpret_cast<const unsigned char*>(input.constData()),
                           size_t(input.size())) == 1)
            signature.resize(qsizetype(length));
        else
            signature.clear();
    }
    EVP_MD_CTX_free(ctx);
    return alg.startsWith(u"ES") && !signature.isEmpty() ? joseEcdsa(signature) : signature;
}

ClientAssertion assemble(const QString& alg, const QString& kid, const QString& clientId,
                         const QString& audience, const QDateTime& now)
{
    ClientAssertion a;
    a.header = {{QStringLiteral("alg"), alg}, {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (!kid.isEmpty())
        a.header.insert(QStringLiteral("kid"), kid);
    unsigned char nonce[16];
    if (RAND_bytes(nonce, sizeof nonce) != 1) {
        a.error = QStringLiteral("The system's random generator failed; no assertion was made.");
        return a;
    }
    const qint64 iat = now.toSecsSinceEpoch();
    a.claims = {{QStringLiteral("iss"), clientId},
                {QStringLiteral("sub"), clientId},
                {QStringLiteral("aud"), audience},
                {QStringLiteral("jti"), QString::fromLatin1(base64url::encode(
                                            QByteArray(reinterpret_cast<const char*>(nonce), sizeof nonce)))},
                {QStringLiteral("iat"), double(iat)},
                {QStringLiteral("exp"), double(iat + 60)}};
    return a;
}

QByteArray signingInput(const ClientAssertion& a)
{
    return base64url::encode(compact(a.header)) + '.' + base64url::encode(compact(a.claims));
}
} // namespace

SigningKey SigningKey::fromPem(const Secret& pem)
{
    const OpenSslErrorScope clearErrors;
    SigningKey k;
    bool encrypted = false;
    EVP_PKEY* key = readPrivateKeyPem(pem.reveal(), &encrypted);
    if (!key && encrypted) {
        k.problem = QStringLiteral("The private key is encrypted with a passphrase, which is never asked "
                                   "for: use it unencrypted (openssl pkey -in KEY.pem -out PLAIN.pem); an "
                                   "imported key is kept in the OS keychain.");
        return k;
    }
    if (!key) {
        k.problem =
            QStringLiteral("Not a PEM private key OpenSSL can read (PKCS#8 \"PRIVATE KEY\", \"RSA PRIVATE "
                           "KEY\" or \"EC PRIVATE KEY\", unencrypted).");
        return k;
    }
    return fromKey(key);
}

SigningKey SigningKey::fromKey(EVP_PKEY* key)
{
    SigningKey k;
    k.key.reset(key, KeyDeleter());
    switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA:
        k.description = QStringLiteral("RSA %1").arg(EVP_PKEY_get_bits(key));
        if (EVP_PKEY_get_bits(key) < 2048)
            k.problem = QStringLiteral("An RSA key of %1 bits is too small; servers require 2048 or more.")
                            .arg(EVP_PKEY_get_bits(key));
        break;
    case EVP_PKEY_EC: {
        char group[64] = {};
        size_t length = 0;
        EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &length);
        k.description = QStringLiteral("EC %1").arg(QString::fromLatin1(group));
        if (qstrcmp(group, "prime256v1") != 0 && qstrcmp(group, "P-256") != 0)
            k.problem = QStringLiteral("Only EC keys on P-256 are used (ES256); this one is on %1.")
                            .arg(QString::fromLatin1(group));
        else
            k.description = QStringLiteral("EC P-256");
        break;
    }
    case EVP_PKEY_ED25519:
        k.description = QStringLiteral("Ed25519");
        break;
    default:
        k.problem = QStringLiteral("Only RSA, EC P-256 and Ed25519 keys sign client assertions.");
    }
    if (k.problem.isEmpty())
        k.kid = oauth2dbg::thumbprint(publicJwkOf(key));
    return k;
}

QStringList SigningKey::algorithms() const
{
    if (!key)
        return {};
    switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_RSA:
        return {QStringLiteral("RS256"), QStringLiteral("PS256"), QStringLiteral("RS384"),
                QStringLiteral("PS384"), QStringLiteral("RS512"), QStringLiteral("PS512")};
    case EVP_PKEY_EC:
        return {QStringLiteral("ES256")};
    case EVP_PKEY_ED25519:
        return {QStringLiteral("EdDSA"), QStringLiteral("Ed25519")};
    default:
        return {};
    }
}

QString SigningKey::thumbprint() const
{
    return usable() ? oauth2dbg::thumbprint(publicJwkOf(key.get())) : QString();
}

QJsonObject SigningKey::bareJwk() const
{
    return usable() ? publicJwkOf(key.get()) : QJsonObject();
}

QJsonObject SigningKey::publicJwk() const
{
    if (!usable())
        return {};
    QJsonObject jwk = publicJwkOf(key.get());
    jwk.insert(QStringLiteral("kid"), kid);
    jwk.insert(QStringLiteral("use"), QStringLiteral("sig"));
    return jwk;
}

namespace ClientAssertions {

QString chooseAlgorithm(const QStringList& candidates, const QStringList& serverAlgorithms, QString* why)
{
    if (candidates.isEmpty()) {
        *why = QStringLiteral("There is no key to sign with.");
        return {};
    }
    if (serverAlgorithms.isEmpty())
        return candidates.first();
    for (const QString& alg : candidates)
        if (serverAlgorithms.contains(alg))
            return alg;
    *why = QStringLiteral(
               "The server's token_endpoint_auth_signing_alg_values_supported lists %1; this key signs "
               "with %2.")
               .arg(serverAlgorithms.join(QStringLiteral(", ")).left(200),
                    candidates.join(QStringLiteral(", ")));
    return {};
}

ClientAssertion withKey(const SigningKey& key, const QString& alg, const QString& clientId,
                        const QString& audience, const QDateTime& now)
{
    const ClientAssertion a = assemble(alg, key.kid, clientId, audience, now);
    if (!a.error.isEmpty())
        return a;
    return signClaims(key, alg, a.claims, QStringLiteral("the client's"));
}

ClientAssertion signClaims(const SigningKey& key, const QString& alg, const QJsonObject& claims,
                           const QString& whose, const QString& typ)
{
    QJsonObject header{{QStringLiteral("typ"), typ}};
    if (!key.kid.isEmpty())
        header.insert(QStringLiteral("kid"), key.kid);
    return signWithHeader(key, alg, header, claims, whose);
}

ClientAssertion signWithHeader(const SigningKey& key, const QString& alg, const QJsonObject& header,
                               const QJsonObject& claims, const QString& whose)
{
    const OpenSslErrorScope clearErrors;
    if (!key.usable())
        return {.error = key.problem.isEmpty() ? QStringLiteral("There is no private key to sign with.")
                                               : key.problem};
    if (!key.algorithms().contains(alg))
        return {.error = QStringLiteral("A %1 key cannot sign %2.").arg(key.description, alg)};
    ClientAssertion a;
    a.header = header;
    a.header.insert(QStringLiteral("alg"), alg);
    a.claims = claims;
    const QByteArray input = signingInput(a);
    const QByteArray signature = signWith(key.key.get(), alg, input);
    if (signature.isEmpty())
        return {.error = QStringLiteral("OpenSSL could not sign with the %1 key.").arg(key.description)};
    a.jwt = input + '.' + base64url::encode(signature);
    a.signedWith = QStringLiteral("%1 with %2 %3 key, kid %4").arg(alg, whose, key.description, key.kid);
    return a;
}

QString freshJti()
{
    unsigned char nonce[16];
    if (RAND_bytes(nonce, sizeof nonce) != 1)
        return {};
    return QString::fromLatin1(
        base64url::encode(QByteArray(reinterpret_cast<const char*>(nonce), sizeof nonce)));
}

ClientAssertion withSecret(const Secret& secret, const QString& alg, const QString& clientId,
                           const QString& audience, const QDateTime& now)
{
    const OpenSslErrorScope clearErrors;
    if (secret.isEmpty())
        return {.error = QStringLiteral("client_secret_jwt needs the client secret, and none is at hand.")};
    const char* digest = alg == u"HS384"   ? "SHA384"
                         : alg == u"HS512" ? "SHA512"
                         : alg == u"HS256" ? "SHA256"
                                           : nullptr;
    if (!digest)
        return {.error =
                    QStringLiteral("client_secret_jwt signs with HS256, HS384 or HS512, not %1.").arg(alg)};
    ClientAssertion a = assemble(alg, {}, clientId, audience, now);
    if (!a.error.isEmpty())
        return a;
    const QByteArray input = signingInput(a);
    const QByteArray key = secret.reveal();
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key.constData(), size_t(key.size()),
                   reinterpret_cast<const unsigned char*>(input.constData()), size_t(input.size()), mac,
                   sizeof mac, &length))
        return {.error = QStringLiteral("OpenSSL could not make the %1 MAC.").arg(alg)};
    a.jwt =
        input + '.' + base64url::encode(QByteArray(reinterpret_cast<const char*>(mac), qsizetype(length)));
    a.signedWith = QStringLiteral("%1 with the client secret").arg(alg);
    return a;
}

} // namespace ClientAssertions
} // namespace oauth2dbg
