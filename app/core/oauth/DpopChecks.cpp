// What a DPoP request and its answer are held to (RFC 9449), each a rule of the catalogue: DP-01 the proof's
// header, DP-02 its claims, DP-03 the server's nonce, DP-04 the token type, DP-05 the binding (cnf.jkt),
// DP-06 a replayed jti, DP-07 a token presented without its proof.
#include "Dpop.h"
#include "net/WwwAuthenticate.h"

#include <QJsonDocument>

namespace oauth2dbg::DpopChecks {

namespace {
Finding make(Severity severity, const char* rule, const QString& field, const QString& message)
{
    return {severity, QString::fromLatin1(rule), field, message};
}
} // namespace

Findings proof(const ClientAssertion& proof, const QString& htu, const QString& thumbprint, bool withToken)
{
    if (!proof.ok())
        return {make(Severity::Error, "DP-01", QStringLiteral("DPoP"),
                     QStringLiteral("No proof could be made: %1").arg(proof.error))};
    Findings out;
    out << make(Severity::Info, "DP-01", QStringLiteral("DPoP"),
                QStringLiteral("Proof typ dpop+jwt, %1, with the public key (jkt %2).")
                    .arg(proof.header.value(u"alg").toString(), thumbprint));
    const QString sentHtu = proof.claims.value(u"htu").toString();
    QString claims =
        QStringLiteral("htm %1, htu %2, jti %3")
            .arg(proof.claims.value(u"htm").toString(), sentHtu, proof.claims.value(u"jti").toString());
    if (proof.claims.contains(u"nonce"))
        claims += QStringLiteral(", the server's nonce");
    if (withToken)
        claims += QStringLiteral(", ath of the access token");
    out << make(sentHtu == htu ? Severity::Info : Severity::Warning, "DP-02", QStringLiteral("htu"),
                sentHtu == htu
                    ? claims + u'.'
                    : QStringLiteral("%1: not this request's URL (%2), as asked.").arg(claims, htu));
    return out;
}

Finding nonceRetry(const QString& where, bool again)
{
    if (again)
        return make(
            Severity::Error, "DP-03", QStringLiteral("DPoP-Nonce"),
            QStringLiteral("The %1 asked for a nonce again, after the request was sent once more with "
                           "the nonce it gave. Not sent a third time: a server that keeps changing "
                           "its nonce never accepts a proof.")
                .arg(where));
    return make(Severity::Info, "DP-03", QStringLiteral("DPoP-Nonce"),
                QStringLiteral("The %1 asked for a nonce (use_dpop_nonce); the request was sent once more "
                               "with a fresh proof carrying the nonce from its DPoP-Nonce header.")
                    .arg(where));
}

Findings tokenType(const QString& tokenType)
{
    if (tokenType.compare(u"DPoP", Qt::CaseInsensitive) == 0)
        return {make(Severity::Info, "DP-04", QStringLiteral("token_type"),
                     QStringLiteral("token_type DPoP: the access token is bound to this run's DPoP key."))};
    return {
        make(Severity::Warning, "DP-04", QStringLiteral("token_type"),
             QStringLiteral("token_type \"%1\" after a request with a DPoP proof: the server did not bind "
                            "the token to the key, and whoever holds it can use it.")
                 .arg(tokenType.left(40)))};
}

Findings binding(const QJsonObject& claims, const QString& thumbprint)
{
    const QJsonValue cnf = claims.value(u"cnf");
    const QJsonValue jkt = cnf.toObject().value(u"jkt");
    if (thumbprint.isEmpty())
        return {};
    if (cnf.isUndefined() || (cnf.isObject() && jkt.isUndefined()))
        return {
            make(Severity::Warning, "DP-05", QStringLiteral("cnf.jkt"),
                 QStringLiteral("The token is not bound to the DPoP key (no cnf.jkt): whoever holds it can "
                                "use it."))};
    if (!jkt.isString())
        return {make(Severity::Error, "DP-05", QStringLiteral("cnf.jkt"),
                     QStringLiteral("cnf.jkt must be a string inside the cnf object."))};
    if (jkt.toString() != thumbprint)
        return {
            make(Severity::Error, "DP-05", QStringLiteral("cnf.jkt"),
                 QStringLiteral("The token is bound to another key: cnf.jkt %1, this run's DPoP key is %2.")
                     .arg(jkt.toString().left(64), thumbprint))};
    return {make(Severity::Info, "DP-05", QStringLiteral("cnf.jkt"),
                 QStringLiteral("Bound to this run's DPoP key (cnf.jkt %1).").arg(thumbprint))};
}

Findings refusal(const HttpExchange& exchange, bool proofSent, DpopFault fault)
{
    if (exchange.status < 400)
        return {};
    const QJsonObject body = QJsonDocument::fromJson(exchange.responseBody.left(65536)).object();
    QString error = body.value(u"error").toString();
    QString description = body.value(u"error_description").toString();
    const QList<AuthChallenge> challenges =
        WwwAuthenticate::parse(exchange.responseHeader("WWW-Authenticate"));
    const AuthChallenge dpop = WwwAuthenticate::find(challenges, QStringLiteral("DPoP"));
    if (error.isEmpty() && !dpop.scheme.isEmpty()) {
        error = dpop.param(QStringLiteral("error"));
        description = dpop.param(QStringLiteral("error_description"));
    }
    const QString said =
        description.isEmpty() ? error : QStringLiteral("%1 (\"%2\")").arg(error, description.left(300));
    const QString lower = description.toLower();
    const bool asProof = error == u"invalid_dpop_proof" || lower.contains(u"dpop");
    if (lower.contains(u"htu"))
        return {
            make(Severity::Error, "DP-02", QStringLiteral("htu"),
                 QStringLiteral("The server refused the proof's htu: %1. htu must be this request's URL "
                                "without query and fragment (RFC 9449 §4.2)%2.")
                     .arg(said, fault == DpopFault::WrongHtu ? QStringLiteral("; this run sent another on "
                                                                              "purpose")
                                                             : QString()))};
    if (lower.contains(u"htm") || lower.contains(u"ath") || lower.contains(u"iat"))
        return {make(
            Severity::Error, "DP-02", QStringLiteral("DPoP"),
            QStringLiteral("The server refused a claim of the proof: %1 (RFC 9449 §4.2, §4.3).").arg(said))};
    if (lower.contains(u"replay"))
        return {
            make(Severity::Error, "DP-06", QStringLiteral("jti"),
                 QStringLiteral("The server saw this proof's jti before: %1. Every proof needs a fresh jti "
                                "(RFC 9449 §11.1)%2.")
                     .arg(said, fault == DpopFault::ReusedJti ? QStringLiteral("; this run reused one on "
                                                                               "purpose")
                                                              : QString()))};
    if (error == u"use_dpop_nonce" || lower.contains(u"nonce"))
        return {
            make(Severity::Error, "DP-03", QStringLiteral("DPoP-Nonce"),
                 QStringLiteral("The server wants a nonce in the proof: %1 (RFC 9449 §8, §9).").arg(said))};
    // The server does not say why (a resource server may hide it: "invalid token provided"), but this run
    // knows what it broke on purpose.
    if (fault == DpopFault::ReusedJti && (asProof || error == u"invalid_token" || error == u"invalid_grant"))
        return {
            make(Severity::Error, "DP-06", QStringLiteral("jti"),
                 QStringLiteral("Refused: %1. This run sent the jti of an earlier proof again on purpose; a "
                                "server that detects replays refuses it (RFC 9449 §11.1).")
                     .arg(said))};
    if (fault == DpopFault::WrongHtu && (asProof || error == u"invalid_token"))
        return {make(Severity::Error, "DP-02", QStringLiteral("htu"),
                     QStringLiteral("Refused: %1. This run's proof named another URL on purpose; htu must be "
                                    "this request's URL without query and fragment (RFC 9449 §4.2).")
                         .arg(said))};
    if (!proofSent && (asProof || lower.contains(u"jkt") || !dpop.scheme.isEmpty()))
        return {
            make(Severity::Error, "DP-07", QStringLiteral("DPoP"),
                 QStringLiteral("Refused without a proof: %1. A DPoP-bound token goes as \"Authorization: "
                                "DPoP\" with a proof carrying its ath (RFC 9449 §7.1)%2.")
                     .arg(said, fault == DpopFault::NoProof ? QStringLiteral("; this run sent none on "
                                                                             "purpose")
                                                            : QString()))};
    if (lower.contains(u"jkt") || lower.contains(u"sender-constrained"))
        return {make(Severity::Error, "DP-05", QStringLiteral("jkt"),
                     QStringLiteral("The token and the proof's key do not belong together: %1 (RFC 9449 §6, "
                                    "§7.1).")
                         .arg(said))};
    if (asProof)
        return {make(Severity::Error, "DP-01", QStringLiteral("DPoP"),
                     QStringLiteral("The server refused the proof: %1 (RFC 9449 §4.3).").arg(said))};
    return {};
}

} // namespace oauth2dbg::DpopChecks
