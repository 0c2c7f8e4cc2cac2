#include "RequestObject.h"

#include <QJsonObject>

namespace oauth2dbg::RequestObjects {

namespace {
const QString kJR01 = QStringLiteral("JR-01");
}

ClientAssertion make(const SigningKey& key, const QString& alg, const FormPairs& parameters,
                     const Claims& claims, const QDateTime& now)
{
    if (claims.audience.trimmed().isEmpty())
        return {.error =
                    QStringLiteral("A request object needs the issuer as its audience; discover it first.")};
    const QString chosen = alg.isEmpty() && !key.algorithms().isEmpty() ? key.algorithms().first() : alg;
    const QString jti = ClientAssertions::freshJti();
    if (jti.isEmpty())
        return {.error = QStringLiteral("The system's random generator failed; no request object was made.")};
    QJsonObject body;
    for (const auto& [name, value] : parameters)
        body.insert(name, value);
    const double iat = double(now.toSecsSinceEpoch());
    body.insert(QStringLiteral("client_id"), claims.clientId);
    body.insert(QStringLiteral("iss"), claims.clientId);
    body.insert(QStringLiteral("aud"), claims.audience.trimmed());
    body.insert(QStringLiteral("iat"), iat);
    body.insert(QStringLiteral("nbf"), iat);
    body.insert(QStringLiteral("exp"), iat + double(claims.lifetime));
    body.insert(QStringLiteral("jti"), jti);
    return ClientAssertions::signClaims(key, chosen, body, QStringLiteral("the client's"),
                                        QStringLiteral("oauth-authz-req+jwt"));
}

FormPairs byValue(const QByteArray& jwt, const FormPairs& parameters)
{
    FormPairs out;
    for (const char16_t* name : {u"client_id", u"response_type", u"scope"})
        for (const auto& pair : parameters)
            if (pair.first == QStringView(name))
                out.append(pair);
    out.append({QStringLiteral("request"), QString::fromLatin1(jwt)});
    return out;
}

Findings checks(const ClientAssertion& object, const Claims& claims)
{
    if (!object.ok())
        return {{Severity::Error, kJR01, QStringLiteral("request"), object.error}};
    const QJsonObject& c = object.claims;
    const qint64 lifetime = qint64(c.value(u"exp").toDouble() - c.value(u"iat").toDouble());
    return {{Severity::Info, kJR01, QStringLiteral("request"),
             QStringLiteral("Signed %1: iss and client_id %2, aud %3, valid %4 s from nbf, jti %5; typ %6.")
                 .arg(object.signedWith, claims.clientId, c.value(u"aud").toString())
                 .arg(lifetime)
                 .arg(c.value(u"jti").toString(), object.header.value(u"typ").toString())}};
}

} // namespace oauth2dbg::RequestObjects
