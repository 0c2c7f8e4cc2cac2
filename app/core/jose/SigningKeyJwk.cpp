// A private JWK (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2) turned into the OpenSSL key that signs client
// assertions: RSA with its CRT parameters, EC P-256, Ed25519. The rules for what can sign are SigningKey's.
#include "Base64Url.h"
#include "ClientAssertion.h"
#include "OpenSslErrors.h"

#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <optional>
#include <vector>

namespace oauth2dbg {

namespace {
struct BnDeleter {
    void operator()(BIGNUM* b) const { BN_clear_free(b); }
};
struct BuildDeleter {
    void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamDeleter {
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct CtxDeleter {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

std::optional<QByteArray> part(const QJsonObject& jwk, const char* name)
{
    const QJsonValue value = jwk.value(QLatin1String(name));
    return value.isString() ? base64url::decodeStrict(value.toString().toLatin1()) : std::nullopt;
}

EVP_PKEY* fromParams(const char* type, OSSL_PARAM_BLD* build)
{
    std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(build));
    std::unique_ptr<EVP_PKEY_CTX, CtxDeleter> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_KEYPAIR, params.get()) <= 0)
        return nullptr;
    return key;
}

EVP_PKEY* rsa(const QJsonObject& jwk)
{
    // n, e and d are required; the CRT parameters, when all are there, go along (OpenSSL signs faster).
    static const std::pair<const char*, const char*> kParts[] = {
        {"n", OSSL_PKEY_PARAM_RSA_N},          {"e", OSSL_PKEY_PARAM_RSA_E},
        {"d", OSSL_PKEY_PARAM_RSA_D},          {"p", OSSL_PKEY_PARAM_RSA_FACTOR1},
        {"q", OSSL_PKEY_PARAM_RSA_FACTOR2},    {"dp", OSSL_PKEY_PARAM_RSA_EXPONENT1},
        {"dq", OSSL_PKEY_PARAM_RSA_EXPONENT2}, {"qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1}};
    std::unique_ptr<OSSL_PARAM_BLD, BuildDeleter> build(OSSL_PARAM_BLD_new());
    std::vector<std::unique_ptr<BIGNUM, BnDeleter>> numbers;
    const bool crt = jwk.contains(u"p") && jwk.contains(u"q") && jwk.contains(u"dp") && jwk.contains(u"dq") &&
                     jwk.contains(u"qi");
    for (const auto& [name, param] : kParts) {
        if (numbers.size() >= 3 && !crt)
            break;
        const std::optional<QByteArray> bytes = part(jwk, name);
        if (!bytes || bytes->isEmpty())
            return nullptr;
        numbers.emplace_back(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->constData()),
                                       int(bytes->size()), nullptr));
        if (!numbers.back() || !OSSL_PARAM_BLD_push_BN(build.get(), param, numbers.back().get()))
            return nullptr;
    }
    return fromParams("RSA", build.get());
}

EVP_PKEY* ec(const QJsonObject& jwk)
{
    const std::optional<QByteArray> x = part(jwk, "x");
    const std::optional<QByteArray> y = part(jwk, "y");
    const std::optional<QByteArray> d = part(jwk, "d");
    if (jwk.value(u"crv").toString() != u"P-256" || !x || !y || !d || x->size() != 32 || y->size() != 32 ||
        d->size() != 32)
        return nullptr;
    const QByteArray point = '\x04' + *x + *y;
    std::unique_ptr<BIGNUM, BnDeleter> priv(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(d->constData()), int(d->size()), nullptr));
    std::unique_ptr<OSSL_PARAM_BLD, BuildDeleter> build(OSSL_PARAM_BLD_new());
    if (!priv || !build ||
        !OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) ||
        !OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                          size_t(point.size())) ||
        !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv.get()))
        return nullptr;
    return fromParams("EC", build.get());
}

EVP_PKEY* okp(const QJsonObject& jwk)
{
    const std::optional<QByteArray> d = part(jwk, "d");
    if (jwk.value(u"crv").toString() != u"Ed25519" || !d || d->size() != 32)
        return nullptr;
    return EVP_PKEY_new_raw_private_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char*>(d->constData()), size_t(d->size()));
}
} // namespace

SigningKey SigningKey::fromJwk(const Secret& json)
{
    const OpenSslErrorScope clearErrors;
    const QJsonObject jwk = QJsonDocument::fromJson(json.reveal()).object();
    const QString kty = jwk.value(u"kty").toString();
    if (!jwk.contains(u"d"))
        return {.problem =
                    QStringLiteral("The JWK has no private part (\"d\"): it is a public key, which cannot "
                                   "sign.")};
    EVP_PKEY* key = kty == u"RSA" ? rsa(jwk) : kty == u"EC" ? ec(jwk) : kty == u"OKP" ? okp(jwk) : nullptr;
    if (!key)
        return {.problem =
                    QStringLiteral("Not a private JWK OpenSSL can use: RSA (n, e, d), EC P-256 (x, y, d) or "
                                   "Ed25519 (x, d), each member base64url.")};
    SigningKey k = fromKey(key);
    // A kid the JWK names is the one its server holds; the thumbprint stands in only when it names none.
    if (k.usable() && jwk.value(u"kid").isString() && !jwk.value(u"kid").toString().isEmpty())
        k.kid = jwk.value(u"kid").toString();
    return k;
}

SigningKey SigningKey::fromFile(const Secret& contents)
{
    return contents.reveal().trimmed().startsWith('{') ? fromJwk(contents) : fromPem(contents);
}

} // namespace oauth2dbg
