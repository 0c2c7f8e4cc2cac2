#include "CertificateBinding.h"

namespace oauth2dbg::CertificateBinding {

namespace {
Finding finding(Severity severity, const QString& message)
{
    return {severity, QStringLiteral("RFC 8705 §3"), QStringLiteral("cnf.x5t#S256"), message};
}
} // namespace

Findings check(const QJsonObject& claims, const QString& thumbprint)
{
    const QJsonValue cnf = claims.value(u"cnf");
    const QJsonValue bound = cnf.toObject().value(u"x5t#S256");
    if (cnf.isUndefined() || (cnf.isObject() && bound.isUndefined())) {
        if (thumbprint.isEmpty())
            return {};
        return {
            finding(Severity::Warning, QStringLiteral("The token is not bound to the client certificate (no "
                                                      "cnf.x5t#S256): whoever holds it can use it."))};
    }
    if (!cnf.isObject() || !bound.isString())
        return {
            finding(Severity::Error, QStringLiteral("cnf.x5t#S256 must be a string inside the cnf object."))};
    const QString value = bound.toString();
    if (thumbprint.isEmpty())
        return {
            finding(Severity::Warning,
                    QStringLiteral("The token is bound to a certificate (x5t#S256 %1), but this request sent "
                                   "none: a resource server will refuse it without that certificate.")
                        .arg(value.left(64)))};
    if (value != thumbprint)
        return {
            finding(Severity::Error,
                    QStringLiteral("The token is bound to another certificate: x5t#S256 %1, the certificate "
                                   "sent has %2.")
                        .arg(value.left(64), thumbprint))};
    return {finding(Severity::Info,
                    QStringLiteral("Bound to the client certificate sent (x5t#S256 %1).").arg(value))};
}

} // namespace oauth2dbg::CertificateBinding
