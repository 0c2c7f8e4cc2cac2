// The causes a refused client assertion or client certificate may have, ranked: what this request itself
// shows first, then what only the server knows. RefusalDiagnosis::clientRefusal() puts them in its findings.
#include "RefusalCauses.h"

#include <QDateTime>

namespace oauth2dbg::RefusalDiagnosis {

namespace {
QString utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(u"HH:mm:ss 'UTC'");
}
} // namespace

// Why an assertion may have been refused: what the request itself shows first (sent again, expired or not
// yet valid by the server's own clock, an aud of the profile's own), then what it cannot show.
QStringList assertionCauses(const ClientCredentialsSent& sent)
{
    QStringList evident;
    QStringList possible;
    if (sent.assertionResent)
        evident << QStringLiteral("This assertion was sent before and sent again as it was: the server "
                                  "refuses a jti it has seen (RFC 7523 §3), as it should. Send a fresh one.");
    const qint64 server = sent.serverDate.isValid() ? sent.serverDate.toSecsSinceEpoch() : 0;
    const qint64 offset = server - QDateTime::currentSecsSinceEpoch();
    const QString clocks = qAbs(offset) < 5
                               ? QStringLiteral("this machine's clock agrees with the server's")
                               : QStringLiteral("this machine's clock is %1 s %2 the server's")
                                     .arg(qAbs(offset))
                                     .arg(offset > 0 ? QStringLiteral("behind") : QStringLiteral("ahead of"));
    if (server > 0 && sent.assertionExpires > 0 && server >= sent.assertionExpires)
        evident << QStringLiteral("The assertion had expired by the server's clock: exp %1, the server's "
                                  "Date %2 (%3). Date assertions by a clock that agrees with the server's.")
                       .arg(utc(sent.assertionExpires), utc(server), clocks);
    else if (server > 0 && sent.assertionIssuedAt > server + 60)
        evident << QStringLiteral("The assertion was issued in the future by the server's clock: iat %1, "
                                  "the server's Date %2 (%3).")
                       .arg(utc(sent.assertionIssuedAt), utc(server), clocks);
    const QString aud =
        QStringLiteral("The assertion's aud was %1, neither the endpoint's URL nor the issuer "
                       "identifier: servers take one of those (the profile's Assertion audience).")
            .arg(sent.assertionAudience.left(200));
    if (sent.assertionAudienceOwn)
        evident << aud;
    if (sent.method == ClientAuthMethod::PrivateKeyJwt)
        possible << QStringLiteral("The server does not hold this key: register its public JWK (kid %1, "
                                   "the RFC 7638 thumbprint) in the client's jwks or jwks_uri, or sign with "
                                   "the key it holds.")
                        .arg(sent.assertionKid);
    else
        possible << QStringLiteral("The secret is wrong, expired or rotated, or belongs to another client "
                                   "or environment: client_secret_jwt signs with it.");
    if (!sent.assertionAudienceOwn && !sent.assertionAudience.isEmpty())
        possible << QStringLiteral("The assertion's aud was %1: some servers want the token endpoint's URL, "
                                   "others the issuer identifier (the profile's Assertion audience).")
                        .arg(sent.assertionAudience.left(200));
    if (!sent.assertionResent)
        possible << QStringLiteral("The assertion (%1) was taken as expired or replayed: it is valid for "
                                   "one minute by this machine's clock (%2), and each jti is sent once; or "
                                   "the client is held to another signing algorithm.")
                        .arg(sent.assertionAlg,
                             server > 0 ? clocks : QStringLiteral("the server sent no Date to compare"));
    return evident + possible;
}

// Why a client certificate may have been refused (RFC 8705 §2): none offered first, then what the server
// holds the certificate to.
QStringList certificateCauses(const ClientCredentialsSent& sent)
{
    if (sent.certificateSubject.isEmpty())
        return {
            QStringLiteral("No client certificate was given: %1 needs one (the profile's client certificate, "
                           "or --client-cert-file with --client-key-file).")
                .arg(ClientAuthentication::methodName(sent.method))};
    QStringList causes;
    if (sent.method == ClientAuthMethod::TlsClientAuth) {
        causes << QStringLiteral("The server does not trust the CA that issued the certificate (%1): "
                                 "tls_client_auth needs a certificate from a CA it holds, and a chain it can "
                                 "follow.")
                      .arg(sent.certificateIssuer.left(200));
        causes << QStringLiteral("The certificate's subject (%1) is not the one registered for the client "
                                 "(tls_client_auth_subject_dn, or a SAN entry).")
                      .arg(sent.certificateSubject.left(200));
    } else {
        causes << QStringLiteral(
                      "The server does not hold this certificate: register it in the client's jwks "
                      "(x5c) — its SHA-256 thumbprint is %1.")
                      .arg(sent.certificateThumbprint);
    }
    causes << QStringLiteral("The endpoint did not ask for a certificate, so none went: servers take client "
                             "certificates at the endpoints their mtls_endpoint_aliases name.");
    return causes;
}

} // namespace oauth2dbg::RefusalDiagnosis
