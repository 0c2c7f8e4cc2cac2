#include "AccessTokenValidator.h"

namespace oauth2dbg {

using namespace tokenchecks;

bool looksLikeJwt(const QByteArray& token)
{
    const CompactJws jws = CompactJws::parse(token);
    return jws.isJwe || (jws.ok() && jws.payloadIsObject) || token.count('.') == 2;
}

TokenVerification validateAccessToken(const QByteArray& token, const JwkSet& keys,
                                      const AccessTokenExpectations& expected)
{
    TokenVerification result;
    Findings& checks = result.checks;
    const QString rule = QStringLiteral("RFC 9068 §4");
    if (token.count('.') != 2 && token.count('.') != 4) {
        result.verdict = Verdict::NotVerifiable;
        result.summary = QStringLiteral("Opaque: only the server can say what this access token means "
                                        "(introspection, RFC 7662).");
        checks << skip(rule, QString(),
                       QStringLiteral("Not a JWT: the client cannot read or verify it, and need not."));
        return result;
    }
    const CompactJws jws = CompactJws::parse(token);
    if (!jws.ok() || !jws.payloadIsObject) {
        const SignatureResult signature = verifySignature(jws, keys, {});
        checks << signature.checks;
        if (jws.ok())
            checks << fail(QStringLiteral("RFC 9068 §2.2"), QString(),
                           QStringLiteral("The payload is not a JSON object of claims."));
        conclude(&result, signature);
        return result;
    }
    const QJsonObject& claims = jws.payload;
    result.claims = claims;
    // RFC 9068 §2.1 / §4: typed "at+jwt", so that an ID token cannot pass for an access token.
    if (jws.typ == u"at+jwt" || jws.typ == u"application/at+jwt")
        checks << pass(rule, QStringLiteral("typ"),
                       QStringLiteral("Typed \"%1\" (a JWT access token).").arg(jws.typ));
    else
        checks << warn(
            rule, QStringLiteral("typ"),
            QStringLiteral("A JWT, but not typed \"at+jwt\" (typ is \"%1\"): a resource server following "
                           "RFC 9068 refuses it; checked below as far as it goes.")
                .arg(jws.typ.isEmpty() ? QStringLiteral("absent") : jws.typ));
    checkClaimTypes(claims, QStringLiteral("RFC 9068 §2.2"), &checks);
    SignaturePolicy policy; // an access token is signed for resource servers: never with the client's secret
    policy.allowedAlgs = expected.supportedAlgs.isEmpty() ? supportedJwsAlgorithms() : expected.supportedAlgs;
    policy.allowedAlgs.removeIf([](const QString& alg) { return alg.startsWith(u"HS") || alg == u"none"; });
    const SignatureResult signature = verifySignature(jws, keys, policy);
    checks << signature.checks;
    const QString iss = claims.value(u"iss").toString();
    if (iss != expected.issuer)
        checks << fail(
            rule, QStringLiteral("iss"),
            QStringLiteral("Issued by \"%1\", but the issuer is \"%2\".").arg(iss, expected.issuer));
    else
        checks << pass(rule, QStringLiteral("iss"), QStringLiteral("Issued by %1.").arg(iss));
    checkTimes(claims, expected.clock, true, true, 86'400, rule, &checks);
    const QStringList aud = audiences(claims);
    if (aud.isEmpty())
        checks << fail(QStringLiteral("RFC 9068 §2.2"), QStringLiteral("aud"),
                       QStringLiteral("\"aud\" is missing."));
    else
        checks << pass(QStringLiteral("RFC 9068 §2.2"), QStringLiteral("aud"),
                       QStringLiteral("For %1 (the resource server checks that it is one of them).")
                           .arg(aud.join(u", ")));
    const QJsonValue clientId = claims.value(u"client_id");
    if (!clientId.isString())
        checks << fail(QStringLiteral("RFC 9068 §2.2"), QStringLiteral("client_id"),
                       QStringLiteral("\"client_id\" is missing."));
    else if (!expected.clientId.isEmpty() && clientId.toString() != expected.clientId)
        checks << fail(QStringLiteral("RFC 9068 §2.2"), QStringLiteral("client_id"),
                       QStringLiteral("Issued to \"%1\", not to this client.").arg(clientId.toString()));
    else
        checks << pass(QStringLiteral("RFC 9068 §2.2"), QStringLiteral("client_id"),
                       QStringLiteral("Issued to %1.").arg(clientId.toString()));
    conclude(&result, signature);
    return result;
}

} // namespace oauth2dbg
