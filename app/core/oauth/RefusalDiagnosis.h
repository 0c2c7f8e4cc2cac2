#pragma once

#include "ClientAuthentication.h"
#include "FormEncoding.h"
#include "common/EngineError.h"
#include "common/Finding.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace oauth2dbg {

// How a request to the token, introspection or revocation endpoint proved the client, as the diagnosis of a
// refusal needs it. Never the secret itself.
struct ClientCredentialsSent {
    QString endpoint = QStringLiteral("token"); // token, introspection or revocation
    QString grant;                              // the grant_type of a token request
    QString clientId;
    ClientAuthMethod method = ClientAuthMethod::None;
    BasicForm basicForm = BasicForm::FormEncoded;
    bool secretSent = false;
    bool formsDiffer = false; // the two Basic forms differ for this id and secret
    // The methods the server's metadata lists for this endpoint; empty when it names none (or nothing was
    // read). The token endpoint's list defaults to client_secret_basic (RFC 8414 §2) once metadata was read.
    QStringList serverMethods;
    // A client assertion: its alg, kid (private_key_jwt), aud (and whether that is neither the endpoint's
    // URL nor the issuer), iat and exp, and whether it was one sent before, sent again on purpose.
    QString assertionAlg;
    QString assertionKid;
    QString assertionAudience;
    bool assertionAudienceOwn = false;
    qint64 assertionIssuedAt = 0;
    qint64 assertionExpires = 0;
    bool assertionResent = false;
    // tls_client_auth, self_signed_tls_client_auth: the client certificate offered (empty: none).
    QString certificateSubject;
    QString certificateIssuer;
    QString certificateThumbprint; // base64url SHA-256 of its DER, as x5t#S256
    // The refusal's Date header: the server's clock, to hold the assertion's times to.
    QDateTime serverDate;
};

struct HttpExchange;

// Says why a server refused, from what was sent and what came back — not from one server's wording.
namespace RefusalDiagnosis {

// The answer may be the server refusing the client: invalid_client or unauthorized_client at any status, or
// 401 / 403 without an OAuth error code (servers answer a wrong secret with 403 and an empty body, too).
[[nodiscard]] bool isClientRefusal(const EngineError& error);

// TE-13, before anything is sent: the method is not one the server's metadata lists for the endpoint (a
// warning; the server may still take it). Empty when it is listed, or nothing is listed.
[[nodiscard]] Findings methodNotListed(const ClientCredentialsSent& sent);

// `sent` with what the answer adds to it: the server's clock from its Date header.
[[nodiscard]] ClientCredentialsSent answered(ClientCredentialsSent sent, const HttpExchange& exchange);

// TE-12: what was refused and how the client was sent (an error), then the likely causes, most likely first,
// each with what to change (warnings). Nothing is sent again.
[[nodiscard]] Findings clientRefusal(const ClientCredentialsSent& sent, const EngineError& error);
// The causes above as one line, for the error's detail.
[[nodiscard]] QString clientRefusalSummary(const Findings& diagnosis);

// RFC 6749 §5.2: how far a token endpoint's error response keeps to its shape — a JSON object with a string
// "error" from the defined codes (or a registered extension's), HTTP 400 (401 for invalid_client). Warnings
// only: a non-standard code named as such, another status, a body that is not such an object.
[[nodiscard]] Findings errorResponseShape(int status, const QByteArray& body);

// MD-06: grant_types_supported, where the server lists it, leaves out the grant it just answered (or
// refused).
[[nodiscard]] Findings grantListed(const QString& grant, const QJsonObject& metadata);

// The strings of a metadata array member (anything else in it is left out).
[[nodiscard]] QStringList listedStrings(const QJsonObject& metadata, QStringView member);

// The token endpoint's auth methods as the metadata lists them, with RFC 8414's default when metadata read
// from the server names none (`fromServer`; endpoints a profile gives by hand say nothing about methods).
[[nodiscard]] QStringList tokenEndpointMethods(const QJsonObject& metadata, bool fromServer);

// An authorization error (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) explained from the request that was sent
// and the server's metadata: which parameter the server most likely refused. One sentence, no code name.
[[nodiscard]] QString authorizationError(const QString& error, const FormPairs& sent,
                                         const QJsonObject& metadata);

} // namespace RefusalDiagnosis
} // namespace oauth2dbg
