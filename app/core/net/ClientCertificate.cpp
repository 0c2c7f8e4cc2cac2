#include "ClientCertificate.h"

#include "jose/Base64Url.h"
#include "jose/PemKey.h"

#include <QBuffer>
#include <QCryptographicHash>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace oauth2dbg {

namespace {
QString names(const QSslCertificate& certificate, bool issuer)
{
    QStringList parts;
    for (const auto& [attribute, label] :
         {std::pair{QSslCertificate::CommonName, "CN"}, std::pair{QSslCertificate::Organization, "O"},
          std::pair{QSslCertificate::OrganizationalUnitName, "OU"}})
        for (const QString& value :
             issuer ? certificate.issuerInfo(attribute) : certificate.subjectInfo(attribute))
            parts << QLatin1String(label) + u'=' + value;
    return parts.isEmpty() ? QStringLiteral("(no name)") : parts.join(QStringLiteral(", "));
}
} // namespace

QString ClientCertificate::thumbprintOf(const QByteArray& der)
{
    return QString::fromLatin1(base64url::encode(QCryptographicHash::hash(der, QCryptographicHash::Sha256)));
}

QString ClientCertificate::thumbprintOfPem(const QByteArray& pem)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(pem, QSsl::Pem);
    return chain.isEmpty() ? QString() : thumbprintOf(chain.first().toDer());
}

QString ClientCertificate::describe() const
{
    return QStringLiteral("%1, issued by %2, SHA-256 thumbprint %3").arg(subject, issuer, thumbprint);
}

ClientCertificate ClientCertificate::fromPem(const QByteArray& certificates, const Secret& privateKey)
{
    ClientCertificate c;
    c.chain = QSslCertificate::fromData(certificates, QSsl::Pem);
    if (c.chain.isEmpty()) {
        c.problem =
            QStringLiteral("The client certificate is not a PEM certificate (\"BEGIN CERTIFICATE\").");
        return c;
    }
    const QSslCertificate& own = c.chain.first();
    c.subject = names(own, false);
    c.issuer = names(own, true);
    c.thumbprint = thumbprintOf(own.toDer());
    if (privateKey.isEmpty()) {
        c.problem = QStringLiteral("The client certificate's private key is missing.");
        return c;
    }
    // Any key type OpenSSL reads (RSA, EC, Ed25519; PKCS#8 or traditional), handed to the TLS layer as is.
    bool encrypted = false;
    EVP_PKEY* key = readPrivateKeyPem(privateKey.reveal(), &encrypted);
    if (!key && encrypted) {
        c.problem = QStringLiteral("The client certificate's private key is encrypted with a passphrase: "
                                   "export it unencrypted, or import certificate and key as PKCS#12 with "
                                   "its passphrase.");
        return c;
    }
    if (!key) {
        c.problem = QStringLiteral("The client certificate's private key is not an unencrypted PEM key.");
        return c;
    }
    if (auto* x509 = static_cast<X509*>(own.handle()); x509 && X509_check_private_key(x509, key) != 1) {
        EVP_PKEY_free(key);
        ERR_clear_error();
        c.problem =
            QStringLiteral("The private key does not belong to the client certificate %1.").arg(c.subject);
        return c;
    }
    c.key = QSslKey(Qt::HANDLE(key), QSsl::PrivateKey); // takes the key over, null or not
    if (c.key.isNull()) {
        c.problem = QStringLiteral("The TLS layer cannot use the client certificate's key.");
        return c;
    }
    if (own.expiryDate() < QDateTime::currentDateTimeUtc())
        c.problem = QStringLiteral("The client certificate expired on %1.")
                        .arg(own.expiryDate().toUTC().toString(Qt::ISODate));
    return c;
}

bool ClientCertificate::pkcs12ToPem(const Secret& bundle, const Secret& passphrase, QByteArray* certificates,
                                    Secret* privateKey, QString* problem)
{
    QByteArray data = bundle.reveal();
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QSslKey key;
    QSslCertificate certificate;
    QList<QSslCertificate> chain;
    if (!QSslCertificate::importPkcs12(&buffer, &key, &certificate, &chain, passphrase.reveal())) {
        *problem =
            QStringLiteral("The PKCS#12 file could not be opened: a wrong passphrase, or not PKCS#12.");
        return false;
    }
    *certificates = certificate.toPem();
    for (const QSslCertificate& more : std::as_const(chain))
        if (more != certificate)
            *certificates += more.toPem();
    *privateKey = Secret(key.toPem());
    return true;
}

} // namespace oauth2dbg
