// DPoP (RFC 9449): the proofs a run sends and the nonces servers give it. The checks of what servers answer
// are in DpopChecks.cpp.
#include "Dpop.h"

#include "jose/Base64Url.h"
#include "net/WwwAuthenticate.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace oauth2dbg {

namespace DpopProofs {

QString htuOf(const QUrl& url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString(QUrl::FullyEncoded);
}

QString athOf(const QByteArray& accessToken)
{
    return QString::fromLatin1(
        base64url::encode(QCryptographicHash::hash(accessToken, QCryptographicHash::Sha256)));
}

QString algorithmFor(const SigningKey& key)
{
    const QStringList algs = key.algorithms();
    if (algs.contains(u"ES256"))
        return QStringLiteral("ES256");
    if (algs.contains(u"EdDSA"))
        return QStringLiteral("EdDSA");
    return algs.contains(u"PS256") ? QStringLiteral("PS256") : QString();
}

ClientAssertion make(const SigningKey& key, const QByteArray& method, const QString& htu,
                     const QString& nonce, const QByteArray& accessToken, const QDateTime& now,
                     const QString& jti)
{
    const QString alg = algorithmFor(key);
    if (alg.isEmpty())
        return {.error = QStringLiteral("The DPoP key cannot sign a proof: %1")
                             .arg(key.problem.isEmpty() ? QStringLiteral("no key") : key.problem)};
    // §4.2: typ, an asymmetric alg, and the public key itself (never the private part).
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("dpop+jwt")},
                             {QStringLiteral("jwk"), key.bareJwk()}};
    QJsonObject claims{{QStringLiteral("jti"), jti.isEmpty() ? ClientAssertions::freshJti() : jti},
                       {QStringLiteral("htm"), QString::fromLatin1(method)},
                       {QStringLiteral("htu"), htu},
                       {QStringLiteral("iat"), double(now.toSecsSinceEpoch())}};
    if (!nonce.isEmpty())
        claims.insert(QStringLiteral("nonce"), nonce);
    if (!accessToken.isEmpty())
        claims.insert(QStringLiteral("ath"), athOf(accessToken));
    return ClientAssertions::signWithHeader(key, alg, header, claims, QStringLiteral("the DPoP"));
}

} // namespace DpopProofs

DpopContext::DpopContext(SigningKey key, DpopFault fault)
    : m_key(std::move(key))
    , m_thumbprint(m_key.thumbprint())
    , m_fault(fault)
{}

QByteArray DpopContext::proofFor(const QByteArray& method, const QUrl& url, const Secret& accessToken,
                                 QString* error)
{
    if (m_fault == DpopFault::NoProof)
        return {};
    QString htu = DpopProofs::htuOf(url);
    if (m_fault == DpopFault::WrongHtu) // the same server, another path: what a proxy's rewrite leads to
        htu = DpopProofs::htuOf(url.adjusted(QUrl::RemovePath)) + QStringLiteral("/not-this-endpoint");
    const QString jti = m_fault == DpopFault::ReusedJti ? m_firstJti : QString();
    m_last = DpopProofs::make(m_key, method, htu, nonceFor(url), accessToken.reveal(),
                              QDateTime::currentDateTimeUtc(), jti);
    if (!m_last.ok()) {
        *error = m_last.error;
        return {};
    }
    if (m_firstJti.isEmpty())
        m_firstJti = m_last.claims.value(u"jti").toString();
    return m_last.jwt;
}

bool DpopContext::noteResponse(const HttpExchange& exchange)
{
    const QByteArray nonce = exchange.responseHeader("DPoP-Nonce").trimmed();
    // §8.1: the nonce is an opaque NQCHAR string; anything longer than a page is not one.
    if (nonce.isEmpty() || nonce.size() > 1024)
        return false;
    m_nonces.insert(
        exchange.url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString(),
        QString::fromLatin1(nonce));
    return true;
}

QString DpopContext::nonceFor(const QUrl& url) const
{
    return m_nonces.value(
        url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment).toString());
}

bool DpopContext::asksForNonce(const HttpExchange& exchange)
{
    if (exchange.status == 400) {
        const QJsonObject body = QJsonDocument::fromJson(exchange.responseBody.left(65536)).object();
        return body.value(u"error").toString() == u"use_dpop_nonce";
    }
    if (exchange.status == 401) {
        const AuthChallenge dpop = WwwAuthenticate::find(
            WwwAuthenticate::parse(exchange.responseHeader("WWW-Authenticate")), QStringLiteral("DPoP"));
        return dpop.param(QStringLiteral("error")) == u"use_dpop_nonce";
    }
    return false;
}

QString dpopFaultName(DpopFault fault)
{
    switch (fault) {
    case DpopFault::None:
        return QStringLiteral("none");
    case DpopFault::WrongHtu:
        return QStringLiteral("wrong-htu");
    case DpopFault::ReusedJti:
        return QStringLiteral("reused-jti");
    case DpopFault::NoProof:
        return QStringLiteral("no-proof");
    }
    return {};
}

DpopFault dpopFaultOf(const QString& name, bool* ok)
{
    *ok = true;
    for (const DpopFault f : {DpopFault::None, DpopFault::WrongHtu, DpopFault::ReusedJti, DpopFault::NoProof})
        if (dpopFaultName(f) == name)
            return f;
    *ok = false;
    return DpopFault::None;
}

} // namespace oauth2dbg
