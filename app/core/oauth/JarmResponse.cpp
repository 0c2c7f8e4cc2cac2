#include "JarmResponse.h"

#include "jose/Jws.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace oauth2dbg::JarmResponse {

namespace {
struct Checklist {
    Unwrapped& out;
    void pass(const char* rule, const QString& field, const QString& message)
    {
        out.checks.append({Severity::Info, QString::fromLatin1(rule), field, message});
    }
    Unwrapped& refuse(const char* rule, const QString& field, const QString& message)
    {
        out.checks.append({Severity::Error, QString::fromLatin1(rule), field, message});
        out.error = message;
        out.parameters.clear();
        return out;
    }
};

QString claimText(const QJsonValue& v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toInteger(qint64(v.toDouble())));
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::fromUtf8(QJsonDocument::fromVariant(v.toVariant()).toJson(QJsonDocument::Compact));
}
} // namespace

bool isJwtMode(const QString& responseMode)
{
    return responseMode == u"jwt" || responseMode.endsWith(u".jwt");
}

Unwrapped unwrap(const FormPairs& parameters, const Expectations& expected)
{
    Unwrapped out;
    Checklist checks{out};
    // JM-01: the response is the JWT, nothing beside it (a code or state outside it is unauthenticated).
    QStringList names;
    QString response;
    for (const auto& [name, value] : parameters) {
        names << name;
        if (name == u"response")
            response = value;
    }
    if (names != QStringList{QStringLiteral("response")})
        return checks.refuse(
            "JM-01", QStringLiteral("response"),
            names.contains(u"response")
                ? QStringLiteral("The response carries %1 beside the signed response: a JWT-secured "
                                 "response has nothing outside the JWT, and what is there is not trusted.")
                      .arg(names.filter(QStringLiteral("response")).size() > 1 ? QStringLiteral("it twice")
                                                                               : names.join(u", ").left(200))
                : QStringLiteral("A JWT-secured response mode was asked for, but the response has no "
                                 "\"response\" parameter (it carries %1): the server ignored the mode, or "
                                 "this is not its answer.")
                      .arg(names.isEmpty() ? QStringLiteral("nothing") : names.join(u", ").left(200)));
    checks.pass("JM-01", QStringLiteral("response"),
                QStringLiteral("One signed response, nothing beside it."));

    // JM-02: the signature, with the issuer's keys and an algorithm it announced.
    const CompactJws jws = CompactJws::parse(response.toLatin1());
    if (jws.isJwe)
        return checks.refuse("JM-02", QStringLiteral("response"),
                             QStringLiteral("The response is encrypted (JWE): this debugger reads signed "
                                            "responses only."));
    if (!jws.ok() || !jws.payloadIsObject)
        return checks.refuse(
            "JM-02", QStringLiteral("response"),
            QStringLiteral("The response is not a signed JWT: %1")
                .arg(jws.ok() ? QStringLiteral("its payload is not a JSON object") : jws.error));
    const QStringList algs =
        expected.algorithms.isEmpty() ? QStringList{QStringLiteral("RS256")} : expected.algorithms;
    const SignatureResult signature = verifySignature(jws, expected.keys, {.allowedAlgs = algs});
    if (!signature.verified())
        return checks.refuse(
            "JM-02", QStringLiteral("response"),
            QStringLiteral("The response's signature does not verify with the issuer's keys "
                           "(%1): it was not made by this server, or was changed on the way. "
                           "Nothing in it was read.")
                .arg(signature.message));
    checks.pass("JM-02", QStringLiteral("response"), signature.message);

    // JM-03: who made it and for whom.
    const QJsonObject& claims = jws.payload;
    const QString iss = claims.value(u"iss").toString();
    if (iss != expected.issuer)
        return checks.refuse("JM-03", QStringLiteral("iss"),
                             QStringLiteral("The response's iss is \"%1\", not the issuer this flow was sent "
                                            "to (\"%2\").")
                                 .arg(iss.left(200), expected.issuer));
    const QJsonValue aud = claims.value(u"aud");
    const bool forUs = aud.isString() ? aud.toString() == expected.clientId
                                      : aud.toArray().contains(QJsonValue(expected.clientId));
    if (!forUs)
        return checks.refuse("JM-03", QStringLiteral("aud"),
                             QStringLiteral("The response is not for this client: aud is %1, the client is "
                                            "\"%2\".")
                                 .arg(claimText(aud).left(200), expected.clientId));
    checks.pass("JM-03", QStringLiteral("iss"),
                QStringLiteral("Made by %1 for %2.").arg(iss, expected.clientId));

    // JM-04: exp, with the clock skew allowed.
    const QDateTime now = expected.now.isValid() ? expected.now : QDateTime::currentDateTimeUtc();
    const QJsonValue exp = claims.value(u"exp");
    if (!exp.isDouble())
        return checks.refuse("JM-04", QStringLiteral("exp"), QStringLiteral("The response has no exp."));
    if (qint64(exp.toDouble()) + expected.clockSkewSeconds < now.toSecsSinceEpoch())
        return checks.refuse(
            "JM-04", QStringLiteral("exp"),
            QStringLiteral("The response expired at %1.")
                .arg(QDateTime::fromSecsSinceEpoch(qint64(exp.toDouble()), Qt::UTC).toString(Qt::ISODate)));
    checks.pass("JM-04", QStringLiteral("exp"), QStringLiteral("Not expired."));

    for (auto it = claims.constBegin(); it != claims.constEnd(); ++it)
        if (it.key() != u"aud" && it.key() != u"exp")
            out.parameters.append({it.key(), claimText(it.value())});
    return out;
}

} // namespace oauth2dbg::JarmResponse
