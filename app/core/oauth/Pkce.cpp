#include "Pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace oauth2dbg {

QByteArray randomToken(int octets)
{
    QByteArray bytes(octets, Qt::Uninitialized);
    // QRandomGenerator::system() is the operating system's CSPRNG; global() is not meant for secrets.
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

namespace Pkce {

QByteArray generateVerifier()
{
    return randomToken(32);
}

QByteArray challenge(const QByteArray& verifier, Method method)
{
    switch (method) {
    case Method::S256:
        return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    case Method::Plain:
        return verifier;
    case Method::None:
        break;
    }
    return {};
}

QString verifierProblem(const QByteArray& verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return QStringLiteral("A code_verifier has 43 to 128 characters; this one has %1 (RFC 7636 §4.1).")
            .arg(verifier.size());
    for (const char c : verifier) {
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (!unreserved)
            return QStringLiteral("A code_verifier may hold only A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1).");
    }
    return {};
}

QString methodName(Method method)
{
    switch (method) {
    case Method::S256:
        return QStringLiteral("S256");
    case Method::Plain:
        return QStringLiteral("plain");
    case Method::None:
        break;
    }
    return {};
}

} // namespace Pkce
} // namespace oauth2dbg
