#include "Jws.h"

#include "Base64Url.h"
#include "OpenSslErrors.h"
#include "StrictJson.h"

#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

namespace oauth2dbg {

namespace {
enum class Family { Hmac, Rsa, RsaPss, Ecdsa, EdDsa };

struct Algorithm {
    const char* name;
    Family family;
    const char* digest;  // nullptr for EdDSA
    const char* curve;   // JWK "crv" for ECDSA and EdDSA
    int componentLength; // ECDSA: bytes of R and of S
};

constexpr Algorithm kAlgorithms[] = {
    {"RS256", Family::Rsa, "SHA256", nullptr, 0},      {"RS384", Family::Rsa, "SHA384", nullptr, 0},
    {"RS512", Family::Rsa, "SHA512", nullptr, 0},      {"PS256", Family::RsaPss, "SHA256", nullptr, 0},
    {"PS384", Family::RsaPss, "SHA384", nullptr, 0},   {"PS512", Family::RsaPss, "SHA512", nullptr, 0},
    {"ES256", Family::Ecdsa, "SHA256", "P-256", 32},   {"ES384", Family::Ecdsa, "SHA384", "P-384", 48},
    {"ES512", Family::Ecdsa, "SHA512", "P-521", 66},   {"EdDSA", Family::EdDsa, nullptr, "Ed25519", 0},
    {"Ed25519", Family::EdDsa, nullptr, "Ed25519", 0}, {"HS256", Family::Hmac, "SHA256", nullptr, 0},
    {"HS384", Family::Hmac, "SHA384", nullptr, 0},     {"HS512", Family::Hmac, "SHA512", nullptr, 0},
};

const Algorithm* findAlgorithm(const QString& name)
{
    for (const Algorithm& a : kAlgorithms) {
        if (name == QLatin1StringView(a.name)) // case-sensitive: "none" is not "None" (RFC 7515 §4.1.1)
            return &a;
    }
    return nullptr;
}

const char* ktyFor(Family family)
{
    switch (family) {
    case Family::Rsa:
    case Family::RsaPss:
        return "RSA";
    case Family::Ecdsa:
        return "EC";
    case Family::EdDsa:
        return "OKP";
    case Family::Hmac:
        return "oct";
    }
    return "";
}

Finding pass(const QString& rule, const QString& field, const QString& message)
{
    return {.severity = Severity::Info, .rule = rule, .field = field, .message = message};
}

Finding fail(const QString& rule, const QString& field, const QString& message)
{
    return {.severity = Severity::Error, .rule = rule, .field = field, .message = message};
}

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};

// RFC 7518 §3.4: JOSE carries R || S, OpenSSL wants DER.
QByteArray ecdsaToDer(const QByteArray& rs, int componentLength)
{
    if (rs.size() != 2 * componentLength)
        return {};
    const auto* bytes = reinterpret_cast<const unsigned char*>(rs.constData());
    ECDSA_SIG* sig = ECDSA_SIG_new();
    BIGNUM* r = BN_bin2bn(bytes, componentLength, nullptr);
    BIGNUM* s = BN_bin2bn(bytes + componentLength, componentLength, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig, r, s) != 1) {
        BN_free(r);
        BN_free(s);
        ECDSA_SIG_free(sig);
        return {};
    }
    QByteArray der;
    unsigned char* out = nullptr;
    const int length = i2d_ECDSA_SIG(sig, &out);
    if (length > 0)
        der = QByteArray(reinterpret_cast<const char*>(out), length);
    OPENSSL_free(out);
    ECDSA_SIG_free(sig);
    return der;
}

bool keyFits(const Algorithm& a, const Jwk& key)
{
    if (key.kty != QLatin1StringView(ktyFor(a.family)))
        return false;
    return !a.curve || key.crv == QLatin1StringView(a.curve);
}
} // namespace

QStringList supportedJwsAlgorithms()
{
    QStringList names;
    for (const Algorithm& a : kAlgorithms)
        names << QLatin1StringView(a.name);
    return names;
}

CompactJws CompactJws::parse(const QByteArray& token)
{
    CompactJws jws;
    const qsizetype dots = token.count('.');
    if (dots == 4) {
        jws.isJwe = true;
        jws.error =
            QStringLiteral("This is an encrypted token (JWE, five parts): its contents and signature are "
                           "sealed for its recipient and cannot be checked here (RFC 7516).");
        return jws;
    }
    if (dots != 2) {
        jws.error =
            QStringLiteral("A signed token has exactly three parts separated by dots; this one has %1 "
                           "(RFC 7515 §7.1).")
                .arg(dots + 1);
        return jws;
    }
    const QList<QByteArray> parts = token.split('.');
    const auto header = base64url::decodeStrict(parts.at(0));
    const auto payload = base64url::decodeStrict(parts.at(1));
    const auto signature = base64url::decodeStrict(parts.at(2));
    const char* bad = !header ? "header" : !payload ? "payload" : !signature ? "signature" : nullptr;
    if (bad) {
        jws.error = QStringLiteral("The %1 is not strict base64url (no padding, no '+' '/', no spaces; "
                                   "RFC 7515 §2).")
                        .arg(QLatin1StringView(bad));
        return jws;
    }
    jws.signingInput = parts.at(0) + '.' + parts.at(1);
    jws.payloadBytes = *payload;
    jws.signature = *signature;

    const StrictJson head = parseStrictObject(*header, QStringLiteral("header"));
    if (!head.ok()) {
        jws.error = head.error;
        return jws;
    }
    jws.header = head.object;
    const QJsonValue alg = jws.header.value(u"alg");
    if (!alg.isString()) {
        jws.error = QStringLiteral("The header has no \"alg\" string (RFC 7515 §4.1.1).");
        return jws;
    }
    jws.alg = alg.toString();
    for (const char* name : {"kid", "typ"}) {
        const QJsonValue value = jws.header.value(QLatin1StringView(name));
        if (!value.isUndefined() && !value.isString()) {
            jws.error = QStringLiteral("The header's \"%1\" is not a string.").arg(QLatin1StringView(name));
            return jws;
        }
    }
    jws.kid = jws.header.value(u"kid").toString();
    jws.typ = jws.header.value(u"typ").toString();
    if (jws.header.contains(u"crit")) {
        jws.error =
            QStringLiteral("The header marks extensions as critical (\"crit\") that this debugger does "
                           "not implement, so it must not accept the token (RFC 7515 §4.1.11).");
        return jws;
    }
    for (const char* name : {"jku", "x5u", "jwk", "x5c"}) {
        if (jws.header.contains(QLatin1StringView(name)))
            jws.notes << Finding{.severity = Severity::Info,
                                 .rule = QStringLiteral("RFC 8725 §3.10"),
                                 .field = QLatin1StringView(name),
                                 .message =
                                     QStringLiteral("The header names its own key (\"%1\"); keys come only "
                                                    "from the issuer's published set, never from the token.")
                                         .arg(QLatin1StringView(name))};
    }
    if (!jws.payloadBytes.trimmed().startsWith('{'))
        return jws; // a JWS may sign anything; only a JWT's payload is a claims object
    const StrictJson body = parseStrictObject(jws.payloadBytes, QStringLiteral("payload"));
    if (!body.ok()) {
        jws.error = body.error;
        return jws;
    }
    jws.payload = body.object;
    jws.payloadIsObject = true;
    return jws;
}

bool verifyHmac(const QString& alg, const QByteArray& key, const QByteArray& signingInput,
                const QByteArray& signature)
{
    const OpenSslErrorScope clearErrors;
    const Algorithm* a = findAlgorithm(alg);
    if (!a || a->family != Family::Hmac || key.isEmpty())
        return false;
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, a->digest, nullptr, key.constData(), size_t(key.size()),
                   reinterpret_cast<const unsigned char*>(signingInput.constData()),
                   size_t(signingInput.size()), mac, sizeof mac, &length))
        return false;
    return size_t(signature.size()) == length && CRYPTO_memcmp(mac, signature.constData(), length) == 0;
}

bool verifyWithKey(const QString& alg, const Jwk& key, const QByteArray& signingInput,
                   const QByteArray& signature, QString* why)
{
    const OpenSslErrorScope clearErrors;
    const Algorithm* a = findAlgorithm(alg);
    if (!a || a->family == Family::Hmac) {
        *why = QStringLiteral("%1 is not verified with a public key").arg(alg);
        return false;
    }
    if (!key.usable() || !keyFits(*a, key)) {
        *why =
            QStringLiteral("%1 needs a %2 key%3; this one is %4")
                .arg(alg, QLatin1StringView(ktyFor(a->family)),
                     a->curve ? QString(u" on " % QLatin1StringView(a->curve)) : QString(), key.describe());
        return false;
    }
    QByteArray sig = signature;
    if (a->family == Family::Ecdsa) {
        sig = ecdsaToDer(signature, a->componentLength);
        if (sig.isEmpty()) {
            *why = QStringLiteral(
                       "an %1 signature is R and S of %2 bytes each (%3 in all); this one has %4 bytes "
                       "(RFC 7518 §3.4)")
                       .arg(alg)
                       .arg(a->componentLength)
                       .arg(2 * a->componentLength)
                       .arg(signature.size());
            return false;
        }
    }
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr;
    if (!ctx ||
        EVP_DigestVerifyInit_ex(ctx.get(), &pctx, a->digest, nullptr, nullptr, key.key.get(), nullptr) <= 0) {
        *why = QStringLiteral("OpenSSL could not set up %1 with this key").arg(alg);
        return false;
    }
    if (a->family == Family::RsaPss &&
        (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) <= 0)) { // RFC 7518 §3.5
        *why = QStringLiteral("OpenSSL could not set up RSA-PSS");
        return false;
    }
    const int rc = EVP_DigestVerify(
        ctx.get(), reinterpret_cast<const unsigned char*>(sig.constData()), size_t(sig.size()),
        reinterpret_cast<const unsigned char*>(signingInput.constData()), size_t(signingInput.size()));
    if (rc != 1) {
        *why = QStringLiteral("the signature does not match the signed part under %1").arg(key.describe());
        return false;
    }
    return true;
}

SignatureResult verifySignature(const CompactJws& jws, const JwkSet& keys, const SignaturePolicy& policy)
{
    SignatureResult result;
    const auto finish = [&result](Verdict verdict, const QString& message) {
        result.verdict = verdict;
        result.message = message;
        return result;
    };
    if (!jws.ok()) {
        result.checks << fail(QStringLiteral("RFC 7515 §5.2"), QString(), jws.error);
        return finish(jws.isJwe ? Verdict::NotVerifiable : Verdict::Failed, jws.error);
    }
    result.checks << pass(
        QStringLiteral("RFC 7515 §5.2"), QString(),
        QStringLiteral("Three parts, strict base64url, a JSON header without repeated names."));
    result.checks << jws.notes;

    // RFC 8725 §3.1: only the algorithms the caller allows; "none" only where OIDC Core §2 allows it.
    if (jws.alg == u"none") {
        if (!policy.allowNone) {
            const QString why =
                QStringLiteral("The token is not signed (alg \"none\"), and nothing allows an "
                               "unsigned token here.");
            result.checks << fail(QStringLiteral("RFC 8725 §3.1"), QStringLiteral("alg"), why);
            return finish(Verdict::Failed, why);
        }
        if (!jws.signature.isEmpty()) {
            const QString why = QStringLiteral("alg \"none\" with a non-empty signature part.");
            result.checks << fail(QStringLiteral("RFC 7518 §3.6"), QStringLiteral("alg"), why);
            return finish(Verdict::Failed, why);
        }
        const QString why =
            QStringLiteral("Not signed (alg \"none\"): accepted only because this client registered "
                           "\"none\" and the token came straight from the token endpoint.");
        result.checks << Finding{.severity = Severity::Warning,
                                 .rule = QStringLiteral("OIDC Core §2"),
                                 .field = QStringLiteral("alg"),
                                 .message = why};
        return finish(Verdict::NotVerifiable, why);
    }
    const Algorithm* a = findAlgorithm(jws.alg);
    if (!a) {
        const QString why =
            QStringLiteral("\"%1\" is not an algorithm this debugger accepts (names are case-sensitive).")
                .arg(jws.alg);
        result.checks << fail(QStringLiteral("RFC 8725 §3.1"), QStringLiteral("alg"), why);
        return finish(Verdict::Failed, why);
    }
    if (!policy.allowedAlgs.isEmpty() && !policy.allowedAlgs.contains(jws.alg)) {
        const QString why = QStringLiteral("%1 is not among the algorithms expected here (%2).")
                                .arg(jws.alg, policy.allowedAlgs.join(u", "));
        result.checks << fail(QStringLiteral("RFC 8725 §3.1"), QStringLiteral("alg"), why);
        return finish(Verdict::Failed, why);
    }
    result.checks << pass(QStringLiteral("RFC 8725 §3.1"), QStringLiteral("alg"),
                          QStringLiteral("%1 is an accepted algorithm.").arg(jws.alg));

    if (a->family == Family::Hmac) {
        // RFC 8725 §2.1: an HMAC header whose kid names one of the issuer's public keys is the algorithm
        // confusion forgery (the public key used as the shared secret) — a failure, whatever secret is at
        // hand.
        if (!jws.kid.isEmpty()) {
            for (const Jwk& key : keys.keys) {
                if (key.kid == jws.kid && key.kty != u"oct") {
                    const QString why =
                        QStringLiteral(
                            "The header says %1, but its kid names the %2 key %3: a key of that type "
                            "never makes an HMAC, so this token is forged or broken (algorithm "
                            "confusion).")
                            .arg(jws.alg, key.kty, key.describe());
                    result.checks << fail(QStringLiteral("RFC 8725 §2.1"), QStringLiteral("alg"), why);
                    return finish(Verdict::Failed, why);
                }
            }
        }
        // OIDC Core §10.1: the client secret's octets; never a public key used as a shared secret.
        if (policy.clientSecret.isEmpty()) {
            const QString why =
                QStringLiteral("An %1 token is checked with the client secret, and none is at "
                               "hand.")
                    .arg(jws.alg);
            result.checks << Finding{.severity = Severity::Warning,
                                     .rule = QStringLiteral("OIDC Core §10.1"),
                                     .field = QStringLiteral("alg"),
                                     .message = why};
            return finish(Verdict::NotVerifiable, why);
        }
        if (!verifyHmac(jws.alg, policy.clientSecret.reveal(), jws.signingInput, jws.signature)) {
            const QString why =
                QStringLiteral("The %1 signature does not match the client secret.").arg(jws.alg);
            result.checks << fail(QStringLiteral("OIDC Core §10.1"), QStringLiteral("signature"), why);
            return finish(Verdict::Failed, why);
        }
        const QString ok = QStringLiteral("%1 signature verified with the client secret.").arg(jws.alg);
        result.checks << pass(QStringLiteral("OIDC Core §10.1"), QStringLiteral("signature"), ok);
        return finish(Verdict::Verified, ok);
    }

    if (!keys.ok()) {
        const QString why = QStringLiteral("The issuer's key set could not be used: %1").arg(keys.error);
        result.checks << fail(QStringLiteral("RFC 7517 §5"), QStringLiteral("jwks"), why);
        return finish(Verdict::NotVerifiable, why);
    }
    // RFC 7515 §6, RFC 8725 §3.1: the key is chosen by type, kid, alg, use, key_ops and curve — one, exactly.
    QList<const Jwk*> candidates;
    for (const Jwk& key : keys.keys) {
        if (!key.warning.isEmpty())
            result.checks << Finding{.severity = Severity::Warning,
                                     .rule = QStringLiteral("RFC 7517 §4"),
                                     .field = QStringLiteral("jwks"),
                                     .message = key.describe() % u": " % key.warning};
        if (!key.usable() || !keyFits(*a, key))
            continue;
        if (!jws.kid.isEmpty() && key.kid != jws.kid)
            continue;
        if (!key.alg.isEmpty() && key.alg != jws.alg)
            continue;
        if (!key.use.isEmpty() && key.use != u"sig")
            continue;
        if (!key.keyOps.isEmpty() && !key.keyOps.contains(u"verify"))
            continue;
        candidates << &key;
    }
    if (candidates.isEmpty()) {
        result.noMatchingKey = true;
        const QString why =
            jws.kid.isEmpty()
                ? QStringLiteral("No key in the issuer's set can verify %1.").arg(jws.alg)
                : QStringLiteral("No key in the issuer's set has kid \"%1\" for %2.").arg(jws.kid, jws.alg);
        result.checks << fail(QStringLiteral("RFC 7515 §6"), QStringLiteral("kid"), why);
        return finish(Verdict::Failed, why);
    }
    if (candidates.size() > 1) {
        const QString why =
            QStringLiteral("%1 keys in the issuer's set could have signed this %2 token, and it "
                           "names no kid to choose between them.")
                .arg(candidates.size())
                .arg(jws.alg);
        result.checks << fail(QStringLiteral("RFC 7515 §6"), QStringLiteral("kid"), why);
        return finish(Verdict::Failed, why);
    }
    const Jwk& key = *candidates.first();
    result.checks << pass(QStringLiteral("RFC 7515 §6"), QStringLiteral("kid"),
                          QStringLiteral("One key fits: %1.").arg(key.describe()));
    QString why;
    if (!verifyWithKey(jws.alg, key, jws.signingInput, jws.signature, &why)) {
        why = QStringLiteral("The %1 signature is not valid: %2.").arg(jws.alg, why);
        result.checks << fail(QStringLiteral("RFC 7515 §5.2"), QStringLiteral("signature"), why);
        return finish(Verdict::Failed, why);
    }
    const QString ok = QStringLiteral("%1 signature verified with %2.").arg(jws.alg, key.describe());
    result.checks << pass(QStringLiteral("RFC 7515 §5.2"), QStringLiteral("signature"), ok);
    return finish(Verdict::Verified, ok);
}

} // namespace oauth2dbg
