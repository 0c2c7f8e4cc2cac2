#pragma once

#include "common/Secret.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of the engine's headers

namespace oauth2dbg {

// A client's private key for private_key_jwt: RSA (2048 bits or more), EC P-256 or Ed25519, read with OpenSSL
// from PEM. Its kid is the RFC 7638 thumbprint of its public half, which is what a user registers.
struct SigningKey {
    std::shared_ptr<evp_pkey_st> key;
    QString kid;
    QString description; // "RSA 2048", "EC P-256", "Ed25519"
    QString problem;     // why it cannot sign; empty when it can

    [[nodiscard]] bool usable() const { return problem.isEmpty() && key != nullptr; }
    // The algorithms this key can sign with, most common first.
    [[nodiscard]] QStringList algorithms() const;
    // The public JWK to register at the server (kty, crv or e/n, x/y, kid, use "sig"); never the private
    // part.
    [[nodiscard]] QJsonObject publicJwk() const;
    // The public key's members alone (kty, crv or e/n, x/y): what a DPoP proof's header carries.
    [[nodiscard]] QJsonObject bareJwk() const;
    // The RFC 7638 thumbprint of the public key, whatever kid a JWK file gave it (DPoP's jkt).
    [[nodiscard]] QString thumbprint() const;

    [[nodiscard]] static SigningKey fromPem(const Secret& pem);
    // A private JWK (SigningKeyJwk.cpp); its own kid, when it has one, is kept.
    [[nodiscard]] static SigningKey fromJwk(const Secret& json);
    // What a key file holds: a JWK when it is a JSON object, else PEM.
    [[nodiscard]] static SigningKey fromFile(const Secret& contents);

    // A key made here (SigningKeyMake.cpp), by OpenSSL's generator: EC P-256 is what most servers take and
    // the smallest to register.
    enum class Type { EcP256, Rsa2048, Rsa3072, Ed25519 };
    [[nodiscard]] static SigningKey generate(Type type);
    [[nodiscard]] static QString typeName(Type type); // "EC P-256 (ES256)" …
    // The private key as unencrypted PKCS#8 PEM, for the keychain; empty when there is none.
    [[nodiscard]] Secret privatePem() const;
    // The public JWK in a JWKS ({"keys": [...]}), as a server's client registration takes it.
    [[nodiscard]] QJsonObject publicJwks() const;
    // Takes `key` over and says whether it can sign.
    [[nodiscard]] static SigningKey fromKey(evp_pkey_st* key);
};

// One signed client assertion (RFC 7523 §2.2 and §3, OIDC Core §9), for one request.
struct ClientAssertion {
    QByteArray jwt;
    QJsonObject header;
    QJsonObject claims;
    QString signedWith; // "RS256 with RSA 2048 kid …" or "HS256 with the client secret"
    QString error;

    [[nodiscard]] bool ok() const { return error.isEmpty() && !jwt.isEmpty(); }
};

namespace ClientAssertions {

inline constexpr char kAssertionType[] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

// The algorithm to sign with: the first of the key's (or HS256/384/512's, for a secret) that the server's
// token_endpoint_auth_signing_alg_values_supported lists; the key's first when it lists none. Empty, with
// `why`, when the server lists only algorithms the key cannot make.
[[nodiscard]] QString chooseAlgorithm(const QStringList& candidates, const QStringList& serverAlgorithms,
                                      QString* why);

// A fresh assertion: iss = sub = clientId, aud = `audience`, a unique jti, iat now, exp a minute later.
[[nodiscard]] ClientAssertion withKey(const SigningKey& key, const QString& alg, const QString& clientId,
                                      const QString& audience, const QDateTime& now);
// `claims` signed as they are with `key` (header alg, typ JWT, kid); `whose` names the key in signedWith
// ("the client's", "the assertion's").
[[nodiscard]] ClientAssertion signClaims(const SigningKey& key, const QString& alg, const QJsonObject& claims,
                                         const QString& whose, const QString& typ = QStringLiteral("JWT"));
// `claims` signed with `key` under `header` (its alg set to `alg`): the header is the caller's, whole.
[[nodiscard]] ClientAssertion signWithHeader(const SigningKey& key, const QString& alg,
                                             const QJsonObject& header, const QJsonObject& claims,
                                             const QString& whose);
// 128 random bits, base64url: a jti; empty when the system's generator failed.
[[nodiscard]] QString freshJti();
[[nodiscard]] ClientAssertion withSecret(const Secret& secret, const QString& alg, const QString& clientId,
                                         const QString& audience, const QDateTime& now);

} // namespace ClientAssertions
} // namespace oauth2dbg
