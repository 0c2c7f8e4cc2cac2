#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace oauth2dbg::test {

// Keys and signatures for tests: tokens with exactly the claims a test needs (expired, wrong audience,
// forged), signed the way an issuer would. Test support only; the engine signs nothing but its own client
// assertions (jose/ClientAssertion), which these keys' PEM can feed.
class TestKey final {
public:
    // RS256/384/512 and PS256/384/512: RSA 2048; ES256/384/512: P-256/384/521; EdDSA: Ed25519.
    static TestKey generate(const QString& alg, const QString& kid, int rsaBits = 2048);

    [[nodiscard]] QJsonObject publicJwk() const;
    // The private key as unencrypted PKCS#8 PEM.
    [[nodiscard]] QByteArray privatePem() const;
    [[nodiscard]] QString alg() const { return m_alg; }
    [[nodiscard]] QString kid() const { return m_kid; }
    // A compact JWS over `header` (alg and kid added unless present) and `claims`.
    [[nodiscard]] QByteArray sign(QJsonObject header, const QJsonObject& claims) const;
    // The raw JOSE signature of `input`.
    [[nodiscard]] QByteArray signature(const QByteArray& input) const;

private:
    QString m_alg;
    QString m_kid;
    std::shared_ptr<evp_pkey_st> m_key;
};

// "header.payload" in base64url, the part a signature covers.
[[nodiscard]] QByteArray signingInput(const QJsonObject& header, const QJsonObject& claims);
// A compact JWS signed with HMAC (HS256/384/512) under `key`.
[[nodiscard]] QByteArray signHmac(const QString& alg, const QByteArray& key, QJsonObject header,
                                  const QJsonObject& claims);
// A JWKS document holding the given public keys.
[[nodiscard]] QByteArray jwks(const QList<QJsonObject>& keys);

} // namespace oauth2dbg::test
