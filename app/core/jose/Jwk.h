#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, kept out of the engine's headers

namespace oauth2dbg {

// One public key from a JWK Set (RFC 7517), turned into an OpenSSL key. A key that cannot be used says why in
// `problem` and is never a candidate for verification.
struct Jwk {
    QString kty;
    QString kid;
    QString alg;
    QString use;
    QString crv;
    QStringList keyOps;
    std::shared_ptr<evp_pkey_st> key; // RSA, EC or OKP public key
    int bits = 0;                     // RSA modulus size
    QString problem;
    QString warning; // usable, but worth telling (e.g. a private part published)

    [[nodiscard]] bool usable() const { return problem.isEmpty() && key != nullptr; }
    // "RSA 2048 kid rs256-1", for messages.
    [[nodiscard]] QString describe() const;

    [[nodiscard]] static Jwk fromJson(const QJsonObject& json);
};

struct JwkSet {
    QList<Jwk> keys;
    QString error; // the set as a whole could not be read

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
    [[nodiscard]] static JwkSet parse(const QByteArray& json);
};

} // namespace oauth2dbg
