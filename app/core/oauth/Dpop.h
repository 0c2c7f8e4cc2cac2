#pragma once

#include "common/Finding.h"
#include "common/Secret.h"
#include "jose/ClientAssertion.h"
#include "net/HttpExchange.h"

#include <QDateTime>
#include <QHash>
#include <QUrl>

#include <memory>

namespace oauth2dbg {

// How a run's proofs go wrong on purpose, to see what a server does with a broken client (RFC 9449 §4.3,
// §11.1): a proof for another URL, a proof whose jti was sent before, or no proof at all (the access token
// then goes as a bearer token).
enum class DpopFault { None, WrongHtu, ReusedJti, NoProof };

// DPoP proofs (RFC 9449 §4): a JWT of type dpop+jwt, signed with the client's DPoP key, whose header carries
// the public key and whose claims name the one request it is for.
namespace DpopProofs {

// The request's URI as htu: scheme, host, port and path; no query, no fragment (§4.2).
[[nodiscard]] QString htuOf(const QUrl& url);
// ath: base64url SHA-256 of the access token's ASCII (§4.2).
[[nodiscard]] QString athOf(const QByteArray& accessToken);
// A fresh proof for `method` `url`: jti (the given one, else fresh), htm, htu, iat now; nonce and ath when
// given. ES256 for an EC key, EdDSA for Ed25519, PS256 for RSA.
[[nodiscard]] ClientAssertion make(const SigningKey& key, const QByteArray& method, const QString& htu,
                                   const QString& nonce, const QByteArray& accessToken, const QDateTime& now,
                                   const QString& jti = {});
[[nodiscard]] QString algorithmFor(const SigningKey& key);

} // namespace DpopProofs

// One run's DPoP: its key, the nonce each server last gave (per origin, §8 and §9), and the last proof.
// Shared by every request of the run (token endpoint, userinfo, an API call).
class DpopContext final {
public:
    explicit DpopContext(SigningKey key, DpopFault fault = DpopFault::None);

    [[nodiscard]] bool usable() const { return m_key.usable(); }
    [[nodiscard]] const SigningKey& key() const { return m_key; }
    [[nodiscard]] QString thumbprint() const { return m_thumbprint; }
    [[nodiscard]] DpopFault fault() const { return m_fault; }
    void setFault(DpopFault fault) { m_fault = fault; }

    // The DPoP header's value for one request; empty with `error` set when none can be made, empty without
    // one under DpopFault::NoProof.
    [[nodiscard]] QByteArray proofFor(const QByteArray& method, const QUrl& url, const Secret& accessToken,
                                      QString* error);
    [[nodiscard]] const ClientAssertion& lastProof() const { return m_last; }
    // Keeps the DPoP-Nonce a response carries for its origin; true when there was one.
    bool noteResponse(const HttpExchange& exchange);
    [[nodiscard]] QString nonceFor(const QUrl& url) const;

    // The server asked for a nonce: 400 {"error":"use_dpop_nonce"} from an authorization server (§8), 401
    // with WWW-Authenticate DPoP error="use_dpop_nonce" from a resource server (§9).
    [[nodiscard]] static bool asksForNonce(const HttpExchange& exchange);

private:
    SigningKey m_key;
    QString m_thumbprint;
    DpopFault m_fault;
    QHash<QString, QString> m_nonces; // origin → nonce
    ClientAssertion m_last;
    QString m_firstJti; // ReusedJti: the jti of the run's first proof, sent again
};

using DpopShared = std::shared_ptr<DpopContext>;

// The rules a DPoP request and its answer are held to (DP-01 … DP-07), each a finding.
namespace DpopChecks {

// DP-01, DP-02: what a proof says of itself, before the answer.
[[nodiscard]] Findings proof(const ClientAssertion& proof, const QString& htu, const QString& thumbprint,
                             bool withToken);
// DP-03: the server asked for a nonce; the request went once more with it (`again`: it asked once more,
// and the request was not sent a third time).
[[nodiscard]] Finding nonceRetry(const QString& where, bool again);
// DP-04: a token response to a DPoP request says token_type DPoP; Bearer means the token is not bound.
[[nodiscard]] Findings tokenType(const QString& tokenType);
// DP-05: cnf.jkt (a JWT access token's claims, an introspection answer) against the key's thumbprint.
[[nodiscard]] Findings binding(const QJsonObject& claims, const QString& thumbprint);
// DP-02, DP-03, DP-06, DP-07: a refusal named from what the server said (error, error_description,
// WWW-Authenticate); empty when it says nothing of DPoP.
[[nodiscard]] Findings refusal(const HttpExchange& exchange, bool proofSent, DpopFault fault);

} // namespace DpopChecks

[[nodiscard]] QString dpopFaultName(DpopFault fault);
// "wrong-htu", "reused-jti", "no-proof" (and "none"); nullopt-like DpopFault::None with ok false otherwise.
[[nodiscard]] DpopFault dpopFaultOf(const QString& name, bool* ok);

} // namespace oauth2dbg
