#pragma once

#include "common/Secret.h"

#include <QJsonObject>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace oauth2dbg {

// A client certificate for mutual TLS (RFC 8705) as the TLS layer takes it: the certificate (first of the
// PEM, with any chain after it) and its private key, read by OpenSSL, and what the user is shown of it.
struct ClientCertificate {
    QList<QSslCertificate> chain; // the client's own first
    QSslKey key;
    QString subject;    // "CN=debugger-mtls"
    QString issuer;     // "CN=debugger test client CA"
    QString thumbprint; // base64url SHA-256 of the DER: what cnf.x5t#S256 holds (RFC 8705 §3.1)
    QString problem;    // why it cannot be used; empty when it can

    [[nodiscard]] bool usable() const { return problem.isEmpty() && !chain.isEmpty(); }
    // One line for the exchange: "CN=… issued by CN=…, SHA-256 …".
    [[nodiscard]] QString describe() const;
    // The JWKS a server registers a self-signed certificate with: its public key, the certificate in x5c.
    [[nodiscard]] QJsonObject registrationJwks() const;

    // The certificate (PEM, the client's first) and the private key that goes with it (PEM, unencrypted).
    [[nodiscard]] static ClientCertificate fromPem(const QByteArray& certificates, const Secret& privateKey);
    // A PKCS#12 bundle and its passphrase, as the PEM pair above (for the keychain and the profile).
    [[nodiscard]] static bool pkcs12ToPem(const Secret& bundle, const Secret& passphrase,
                                          QByteArray* certificates, Secret* privateKey, QString* problem);
    // A self-signed certificate for CN=`commonName` with a new EC P-256 key (ClientCertificateMake.cpp).
    [[nodiscard]] static bool makeSelfSigned(const QString& commonName, int days, QByteArray* certificate,
                                             Secret* privateKey, QString* problem);
    // The keychain's form: the certificates' PEM, then the key's.
    [[nodiscard]] static Secret entry(const QByteArray& certificates, const Secret& privateKey);
    // base64url SHA-256 of a DER certificate; of a PEM's first certificate (empty: none in it).
    [[nodiscard]] static QString thumbprintOf(const QByteArray& der);
    [[nodiscard]] static QString thumbprintOfPem(const QByteArray& pem);
};

} // namespace oauth2dbg
