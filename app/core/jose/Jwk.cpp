#include "Jwk.h"

#include "Base64Url.h"
#include "OpenSslErrors.h"
#include "StrictJson.h"

#include <QJsonArray>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

namespace oauth2dbg {

namespace {
struct ParamBuildDeleter {
    void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamDeleter {
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BnDeleter {
    void operator()(BIGNUM* n) const { BN_free(n); }
};
struct CtxDeleter {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

std::shared_ptr<evp_pkey_st> adopt(EVP_PKEY* key)
{
    return {key, [](EVP_PKEY* k) {
                EVP_PKEY_free(k);
            }};
}

// A member that must be base64url (RFC 7518 §6): decoded strictly, or a problem named.
bool member(const QJsonObject& json, const char* name, QByteArray* out, QString* problem)
{
    const QJsonValue value = json.value(QLatin1StringView(name));
    if (!value.isString()) {
        *problem = QStringLiteral("\"%1\" is missing or not a string").arg(QLatin1StringView(name));
        return false;
    }
    auto bytes = base64url::decodeStrict(value.toString().toLatin1());
    if (!bytes || bytes->isEmpty() || !value.toString().isSimpleText()) {
        *problem = QStringLiteral("\"%1\" is not base64url").arg(QLatin1StringView(name));
        return false;
    }
    *out = std::move(*bytes);
    return true;
}

EVP_PKEY* fromParams(const char* type, OSSL_PARAM* params)
{
    std::unique_ptr<EVP_PKEY_CTX, CtxDeleter> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) <= 0)
        return nullptr;
    return key;
}

void loadRsa(const QJsonObject& json, Jwk* jwk)
{
    QByteArray n, e;
    if (!member(json, "n", &n, &jwk->problem) || !member(json, "e", &e, &jwk->problem))
        return;
    std::unique_ptr<BIGNUM, BnDeleter> bn(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(n.constData()), int(n.size()), nullptr));
    std::unique_ptr<BIGNUM, BnDeleter> be(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(e.constData()), int(e.size()), nullptr));
    std::unique_ptr<OSSL_PARAM_BLD, ParamBuildDeleter> build(OSSL_PARAM_BLD_new());
    if (!bn || !be || !build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, bn.get()) ||
        !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, be.get())) {
        jwk->problem = QStringLiteral("the RSA numbers could not be read");
        return;
    }
    std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(build.get()));
    EVP_PKEY* key = params ? fromParams("RSA", params.get()) : nullptr;
    if (!key) {
        jwk->problem = QStringLiteral("OpenSSL refused the RSA key");
        return;
    }
    jwk->key = adopt(key);
    jwk->bits = EVP_PKEY_get_bits(key);
    if (jwk->bits < 2048) // RFC 7518 §3.3
        jwk->problem = QStringLiteral("an RSA key of %1 bits; at least 2048 are required").arg(jwk->bits);
}

void loadEc(const QJsonObject& json, Jwk* jwk)
{
    const char* group = nullptr;
    int size = 0;
    if (jwk->crv == u"P-256")
        group = "prime256v1", size = 32;
    else if (jwk->crv == u"P-384")
        group = "secp384r1", size = 48;
    else if (jwk->crv == u"P-521")
        group = "secp521r1", size = 66;
    else {
        jwk->problem = QStringLiteral("an EC curve this debugger does not verify (\"%1\")").arg(jwk->crv);
        return;
    }
    QByteArray x, y;
    if (!member(json, "x", &x, &jwk->problem) || !member(json, "y", &y, &jwk->problem))
        return;
    if (x.size() != size || y.size() != size) { // RFC 7518 §6.2.1.2: full length, leading zeros kept
        jwk->problem = QStringLiteral("\"x\" and \"y\" must be %1 bytes each for %2").arg(size).arg(jwk->crv);
        return;
    }
    QByteArray point = '\x04' + x + y; // uncompressed SEC1 point
    std::unique_ptr<OSSL_PARAM_BLD, ParamBuildDeleter> build(OSSL_PARAM_BLD_new());
    if (!build || !OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ||
        !OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                          size_t(point.size()))) {
        jwk->problem = QStringLiteral("the EC point could not be read");
        return;
    }
    std::unique_ptr<OSSL_PARAM, ParamDeleter> params(OSSL_PARAM_BLD_to_param(build.get()));
    EVP_PKEY* key = params ? fromParams("EC", params.get()) : nullptr;
    if (!key) {
        jwk->problem = QStringLiteral("the point is not on %1").arg(jwk->crv);
        return;
    }
    jwk->key = adopt(key);
    jwk->bits = EVP_PKEY_get_bits(key);
}

void loadOkp(const QJsonObject& json, Jwk* jwk)
{
    if (jwk->crv != u"Ed25519") {
        jwk->problem = QStringLiteral("an OKP curve this debugger does not verify (\"%1\")").arg(jwk->crv);
        return;
    }
    QByteArray x;
    if (!member(json, "x", &x, &jwk->problem))
        return;
    EVP_PKEY* key = x.size() == 32
                        ? EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                                      reinterpret_cast<const unsigned char*>(x.constData()),
                                                      size_t(x.size()))
                        : nullptr;
    if (!key) {
        jwk->problem = QStringLiteral("\"x\" is not an Ed25519 public key (32 bytes)");
        return;
    }
    jwk->key = adopt(key);
    jwk->bits = 256;
}

QString stringMember(const QJsonObject& json, const char* name, QString* problem)
{
    const QJsonValue value = json.value(QLatin1StringView(name));
    if (value.isUndefined())
        return {};
    if (!value.isString() && problem->isEmpty())
        *problem = QStringLiteral("\"%1\" is not a string").arg(QLatin1StringView(name));
    return value.toString();
}
} // namespace

QString Jwk::describe() const
{
    QString text = kty;
    if (kty == u"RSA")
        text += u' ' % QString::number(bits);
    else if (!crv.isEmpty())
        text += u' ' % crv;
    if (!kid.isEmpty())
        text += QStringLiteral(" kid \"%1\"").arg(kid);
    return text;
}

Jwk Jwk::fromJson(const QJsonObject& json)
{
    const OpenSslErrorScope clearErrors;
    Jwk jwk;
    jwk.kty = stringMember(json, "kty", &jwk.problem);
    jwk.kid = stringMember(json, "kid", &jwk.problem);
    jwk.alg = stringMember(json, "alg", &jwk.problem);
    jwk.use = stringMember(json, "use", &jwk.problem);
    jwk.crv = stringMember(json, "crv", &jwk.problem);
    if (const QJsonValue ops = json.value(u"key_ops"); !ops.isUndefined()) {
        if (!ops.isArray())
            jwk.problem = QStringLiteral("\"key_ops\" is not an array");
        for (const QJsonValue& op : ops.toArray())
            jwk.keyOps << op.toString();
    }
    if (!jwk.problem.isEmpty())
        return jwk;
    if (json.contains(u"d") || json.contains(u"p"))
        jwk.warning = QStringLiteral("this key set publishes private key material");
    if (jwk.kty == u"RSA")
        loadRsa(json, &jwk);
    else if (jwk.kty == u"EC")
        loadEc(json, &jwk);
    else if (jwk.kty == u"OKP")
        loadOkp(json, &jwk);
    else if (jwk.kty == u"oct")
        jwk.problem = QStringLiteral("a symmetric key has no place in a published key set; it is not used");
    else if (jwk.kty.isEmpty())
        jwk.problem = QStringLiteral("\"kty\" is missing");
    else
        jwk.problem = QStringLiteral("a key type this debugger does not verify (\"%1\")").arg(jwk.kty);
    return jwk;
}

JwkSet JwkSet::parse(const QByteArray& json)
{
    JwkSet set;
    const StrictJson parsed = parseStrictObject(json, QStringLiteral("key set"));
    if (!parsed.ok()) {
        set.error = parsed.error;
        return set;
    }
    const QJsonValue keys = parsed.object.value(u"keys");
    if (!keys.isArray()) {
        set.error = QStringLiteral("The key set has no \"keys\" array (RFC 7517 §5).");
        return set;
    }
    for (const QJsonValue& key : keys.toArray()) {
        if (!key.isObject()) {
            Jwk bad;
            bad.problem = QStringLiteral("an entry of \"keys\" is not an object");
            set.keys << bad;
            continue;
        }
        set.keys << Jwk::fromJson(key.toObject());
    }
    return set;
}

} // namespace oauth2dbg
