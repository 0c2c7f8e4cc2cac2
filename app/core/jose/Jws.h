#pragma once

#include "Jwk.h"
#include "common/Finding.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace oauth2dbg {

// A compact JWS read strictly, for verification (RFC 7515 §7.1, RFC 8725): exactly three segments of
// canonical base64url, a header that is a JSON object with no member twice, an "alg", no "crit" this debugger
// does not understand. A JWE (five segments) is recognised and reported, not opened.
struct CompactJws {
    QByteArray signingInput; // "header.payload" exactly as received: what the signature covers
    QByteArray payloadBytes;
    QByteArray signature;
    QJsonObject header;
    QJsonObject payload; // when the payload is a JSON object (a JWT's claims)
    bool payloadIsObject = false;
    QString alg;
    QString kid;
    QString typ;
    bool isJwe = false;
    QString error;  // with the rule: why this cannot be verified as it stands
    Findings notes; // header members that were read and deliberately not followed (jku, x5u, jwk, x5c)

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    [[nodiscard]] static CompactJws parse(const QByteArray& token);
};

enum class Verdict { Verified, Failed, NotVerifiable };

// What to accept. RFC 8725 §3.1: the caller names the algorithms; nothing else is used.
struct SignaturePolicy {
    QStringList allowedAlgs; // empty: every algorithm below except "none"
    bool allowNone =
        false;           // OIDC Core §2: a client registered for "none", code flow, from the token endpoint
    Secret clientSecret; // HS256/384/512: the key is the secret's UTF-8 octets (OIDC Core §10.1)
};

struct SignatureResult {
    Verdict verdict = Verdict::NotVerifiable;
    QString message;            // one line: what was verified with which key, or why not
    Findings checks;            // every rule applied, in order, passed or not
    bool noMatchingKey = false; // no key in the set matched: a newer key set may have it (kid rotation)

    [[nodiscard]] bool verified() const { return verdict == Verdict::Verified; }
};

// The algorithms this debugger verifies, in the order it names them.
[[nodiscard]] QStringList supportedJwsAlgorithms();

[[nodiscard]] SignatureResult verifySignature(const CompactJws& jws, const JwkSet& keys,
                                              const SignaturePolicy& policy);

// The signature check alone, with one key; `why` says what failed. Exposed for the RFC vectors.
[[nodiscard]] bool verifyWithKey(const QString& alg, const Jwk& key, const QByteArray& signingInput,
                                 const QByteArray& signature, QString* why);
[[nodiscard]] bool verifyHmac(const QString& alg, const QByteArray& key, const QByteArray& signingInput,
                              const QByteArray& signature);

} // namespace oauth2dbg
