#include "IdTokenValidator.h"

#include "Base64Url.h"
#include "OpenSslErrors.h"

#include <openssl/evp.h>

namespace oauth2dbg {

using namespace tokenchecks;

namespace {
QString step(int n)
{
    return QStringLiteral("OIDC Core §3.1.3.7 (%1)").arg(n);
}

void checkHash(const QString& name, const QString& alg, const QJsonObject& claims, const QByteArray& value,
               const QString& rule, const QString& absentText, Findings* checks)
{
    const QJsonValue claim = claims.value(name);
    if (claim.isUndefined()) {
        checks->append(skip(rule, name, absentText));
        return;
    }
    if (value.isEmpty()) {
        checks->append(
            skip(rule, name,
                 QStringLiteral("\"%1\" is present, but the value it covers is not at hand.").arg(name)));
        return;
    }
    const QString expected = tokenHash(alg, value);
    if (expected.isEmpty())
        checks->append(skip(rule, name, QStringLiteral("No hash is defined for %1.").arg(alg)));
    else if (claim.toString() != expected)
        checks->append(fail(
            rule, name,
            QStringLiteral("\"%1\" does not match the %2 that came with it.")
                .arg(name, name == u"at_hash" ? QStringLiteral("access token") : QStringLiteral("code"))));
    else
        checks->append(pass(rule, name, QStringLiteral("\"%1\" matches.").arg(name)));
}
} // namespace

QString tokenHash(const QString& alg, const QByteArray& value)
{
    const char* digest = alg.endsWith(u"256")                                           ? "SHA256"
                         : alg.endsWith(u"384")                                         ? "SHA384"
                         : alg.endsWith(u"512") || alg == u"EdDSA" || alg == u"Ed25519" ? "SHA512"
                                                                                        : nullptr;
    if (!digest)
        return {};
    const OpenSslErrorScope clearErrors;
    unsigned char md[EVP_MAX_MD_SIZE];
    size_t length = 0;
    if (!EVP_Q_digest(nullptr, digest, nullptr, value.constData(), size_t(value.size()), md, &length))
        return {};
    return QString::fromLatin1(
        base64url::encode(QByteArrayView(reinterpret_cast<const char*>(md), qsizetype(length / 2))));
}

TokenVerification validateIdToken(const QByteArray& token, const JwkSet& keys,
                                  const IdTokenExpectations& expected)
{
    TokenVerification result;
    Findings& checks = result.checks;
    const CompactJws jws = CompactJws::parse(token);
    if (jws.isJwe) {
        // Step 1: decrypt only when the client registered ID token encryption; this one did not.
        checks << fail(
            step(1), QString(),
            QStringLiteral("The ID token is encrypted (JWE), and this client did not register ID token "
                           "encryption, so it must be rejected."));
        conclude(&result, {});
        return result;
    }
    checks << skip(step(1), QString(), QStringLiteral("Not encrypted (a signed token), as registered."));
    if (!jws.ok() || !jws.payloadIsObject) {
        checks << fail(QStringLiteral("RFC 7519 §7.2"), QString(),
                       jws.ok() ? QStringLiteral("The payload is not a JSON object of claims.") : jws.error);
        conclude(&result, {});
        return result;
    }
    const QJsonObject& claims = jws.payload;
    result.claims = claims;
    checkClaimTypes(claims, QStringLiteral("RFC 7519 §4.1"), &checks);

    // Step 2: the issuer, exactly.
    const QString iss = claims.value(u"iss").toString();
    if (!claims.contains(u"iss"))
        checks << fail(step(2), QStringLiteral("iss"), QStringLiteral("\"iss\" is missing."));
    else if (iss != expected.issuer)
        checks << fail(
            step(2), QStringLiteral("iss"),
            QStringLiteral("Issued by \"%1\", but the issuer is \"%2\".").arg(iss, expected.issuer));
    else
        checks << pass(step(2), QStringLiteral("iss"), QStringLiteral("Issued by %1.").arg(iss));

    // Step 3: for this client. Steps 4-5: azp when there are several audiences, and always equal if present.
    const QStringList aud = audiences(claims);
    if (!claims.contains(u"aud"))
        checks << fail(step(3), QStringLiteral("aud"), QStringLiteral("\"aud\" is missing."));
    else if (!aud.contains(expected.clientId))
        checks << fail(step(3), QStringLiteral("aud"),
                       QStringLiteral("Meant for %1, not for this client (%2).")
                           .arg(aud.join(u", "), expected.clientId));
    else
        checks << pass(step(3), QStringLiteral("aud"),
                       aud.size() == 1
                           ? QStringLiteral("Meant for this client.")
                           : QStringLiteral("Meant for this client among %1 audiences.").arg(aud.size()));
    const QString azp = claims.value(u"azp").toString();
    if (aud.size() > 1 && azp.isEmpty())
        checks << fail(step(4), QStringLiteral("azp"),
                       QStringLiteral("Several audiences and no \"azp\" naming this client."));
    else if (!azp.isEmpty() && azp != expected.clientId)
        checks << fail(step(5), QStringLiteral("azp"),
                       QStringLiteral("\"azp\" is \"%1\", not this client.").arg(azp));
    else if (!azp.isEmpty())
        checks << pass(step(5), QStringLiteral("azp"), QStringLiteral("\"azp\" names this client."));
    else
        checks << skip(step(4), QStringLiteral("azp"),
                       QStringLiteral("One audience: \"azp\" is not needed."));

    // Steps 6-8: the signature, with the algorithm the client registered, else one the issuer announced,
    // else RS256.
    SignaturePolicy policy;
    policy.clientSecret = expected.clientSecret;
    policy.allowNone = expected.noneAllowed;
    QString algRule;
    if (!expected.registeredAlg.isEmpty()) {
        policy.allowedAlgs = {expected.registeredAlg};
        algRule = QStringLiteral("the client registered %1").arg(expected.registeredAlg);
    } else if (!expected.supportedAlgs.isEmpty()) {
        policy.allowedAlgs = expected.supportedAlgs;
        policy.allowedAlgs.removeAll(QStringLiteral("none"));
        algRule = QStringLiteral("the issuer announces %1").arg(expected.supportedAlgs.join(u", "));
    } else {
        policy.allowedAlgs = {QStringLiteral("RS256")};
        algRule = QStringLiteral("neither the client nor the issuer names one, so RS256");
    }
    if (expected.clientSecret.isEmpty() && expected.registeredAlg.isEmpty()) {
        // A client without a secret has nothing an HS* ID token could have been signed with.
        policy.allowedAlgs.removeIf([](const QString& alg) { return alg.startsWith(u"HS"); });
        algRule += QStringLiteral(" (not HS*: this client has no secret)");
    }
    if (jws.alg == u"none" || policy.allowedAlgs.contains(jws.alg))
        checks << pass(step(7), QStringLiteral("alg"), QStringLiteral("%1: %2.").arg(jws.alg, algRule));
    const SignatureResult signature = verifySignature(jws, keys, policy);
    for (Finding check : signature.checks) {
        if (check.field == u"signature" || check.field == u"kid" || check.field == u"alg")
            check.rule = check.rule % u"; " % step(6);
        checks << check;
    }

    // Steps 9-10: times.
    checkTimes(claims, expected.clock, true, true, expected.iatWindowSeconds, step(9), &checks);
    if (!claims.contains(u"sub"))
        checks << fail(QStringLiteral("OIDC Core §2"), QStringLiteral("sub"),
                       QStringLiteral("\"sub\" is missing."));

    // Step 11: the nonce.
    const QJsonValue nonce = claims.value(u"nonce");
    if (expected.nonce.isEmpty() && expected.frontChannel)
        checks << fail(step(11), QStringLiteral("nonce"),
                       QStringLiteral("The request sent no nonce, which an ID token from the authorization "
                                      "endpoint needs against replay (OIDC Core §3.2.2.11)."));
    else if (expected.nonce.isEmpty())
        checks << skip(step(11), QStringLiteral("nonce"), QStringLiteral("The request sent no nonce."));
    else if (nonce.isUndefined())
        checks << fail(step(11), QStringLiteral("nonce"),
                       QStringLiteral("A nonce was sent, and the ID token carries none."));
    else if (nonce.toString() != expected.nonce)
        checks << fail(step(11), QStringLiteral("nonce"),
                       QStringLiteral("The nonce is not the one this request sent."));
    else
        checks << pass(step(11), QStringLiteral("nonce"), QStringLiteral("The nonce is the one sent."));

    // Step 12: acr, when asked for.
    const QString acr = claims.value(u"acr").toString();
    if (expected.acrValues.isEmpty())
        checks << skip(step(12), QStringLiteral("acr"), QStringLiteral("No acr_values were requested."));
    else if (acr.isEmpty())
        checks << warn(step(12), QStringLiteral("acr"),
                       QStringLiteral("acr_values were requested (%1), and no \"acr\" came back.")
                           .arg(expected.acrValues.join(u' ')));
    else if (!expected.acrValues.contains(acr))
        checks << warn(step(12), QStringLiteral("acr"),
                       QStringLiteral("\"acr\" is \"%1\", not one of those requested (%2).")
                           .arg(acr, expected.acrValues.join(u' ')));
    else
        checks << pass(step(12), QStringLiteral("acr"),
                       QStringLiteral("\"acr\" is %1, as requested.").arg(acr));

    // Step 13: auth_time against max_age.
    const QJsonValue authTime = claims.value(u"auth_time");
    if (!expected.maxAge)
        checks << skip(step(13), QStringLiteral("auth_time"), QStringLiteral("No max_age was sent."));
    else if (!authTime.isDouble())
        checks << fail(step(13), QStringLiteral("auth_time"),
                       QStringLiteral("max_age was sent, so \"auth_time\" is required, and it is missing."));
    else if (double(expected.clock.now.toSecsSinceEpoch()) - authTime.toDouble() >
             double(*expected.maxAge + expected.clock.skewSeconds))
        checks << fail(step(13), QStringLiteral("auth_time"),
                       QStringLiteral("The sign-in at %1 is older than max_age (%2 s) allows.")
                           .arg(timeText(authTime.toDouble()))
                           .arg(*expected.maxAge));
    else
        checks << pass(step(13), QStringLiteral("auth_time"),
                       QStringLiteral("Signed in at %1, within max_age (%2 s).")
                           .arg(timeText(authTime.toDouble()))
                           .arg(*expected.maxAge));

    if (authTime.isDouble() && authTime.toDouble() <= 0)
        checks << warn(
            QStringLiteral("OIDC Core §2"), QStringLiteral("auth_time"),
            QStringLiteral("\"auth_time\" is %1 (1970-01-01): a placeholder, not the time the user "
                           "signed in.")
                .arg(authTime.toDouble()));

    // at_hash and c_hash: checked when present, and required where the front channel carried their values.
    if (expected.requireAtHash && !claims.contains(u"at_hash"))
        checks << fail(
            QStringLiteral("OIDC Core §3.3.2.11"), QStringLiteral("at_hash"),
            QStringLiteral("The ID token came with an access token from the authorization endpoint "
                           "and carries no \"at_hash\", which binds the two."));
    else
        checkHash(QStringLiteral("at_hash"), jws.alg, claims, expected.accessToken.reveal(),
                  QStringLiteral("OIDC Core §3.1.3.8"),
                  QStringLiteral("No \"at_hash\" (optional in the code flow)."), &checks);
    if (expected.requireCHash && !claims.contains(u"c_hash"))
        checks << fail(QStringLiteral("OIDC Core §3.3.2.11"), QStringLiteral("c_hash"),
                       QStringLiteral("The ID token came with a code from the authorization endpoint and "
                                      "carries no \"c_hash\", which binds the two."));
    else if (claims.contains(u"c_hash"))
        checkHash(QStringLiteral("c_hash"), jws.alg, claims, expected.code,
                  QStringLiteral("OIDC Core §3.3.2.11"), QString(), &checks);

    // OIDC Core §12.2: a refreshed ID token is about the same user, from the same issuer, for the same
    // client.
    if (expected.original) {
        const QJsonObject& first = *expected.original;
        for (const char* name : {"iss", "sub"}) {
            const QString field = QLatin1StringView(name);
            if (claims.value(field) != first.value(field))
                checks << fail(
                    QStringLiteral("OIDC Core §12.2"), field,
                    QStringLiteral("\"%1\" changed from \"%2\" to \"%3\" after the refresh.")
                        .arg(field, first.value(field).toString(), claims.value(field).toString()));
            else
                checks << pass(QStringLiteral("OIDC Core §12.2"), field,
                               QStringLiteral("\"%1\" is the same as in the first ID token.").arg(field));
        }
        QStringList before = audiences(first);
        QStringList after = aud;
        before.sort();
        after.sort();
        if (before != after)
            checks << fail(QStringLiteral("OIDC Core §12.2"), QStringLiteral("aud"),
                           QStringLiteral("\"aud\" changed after the refresh (%1 → %2).")
                               .arg(before.join(u", "), after.join(u", ")));
        else
            checks << pass(QStringLiteral("OIDC Core §12.2"), QStringLiteral("aud"),
                           QStringLiteral("\"aud\" is the same as in the first ID token."));
    }
    conclude(&result, signature);
    return result;
}

} // namespace oauth2dbg
