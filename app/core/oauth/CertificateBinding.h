#pragma once

#include "common/Finding.h"

#include <QJsonObject>
#include <QString>

namespace oauth2dbg::CertificateBinding {

// RFC 8705 §3: a certificate-bound access token carries cnf.x5t#S256, the base64url SHA-256 of the client
// certificate it is bound to. `claims` holds cnf (an introspection answer, a JWT access token's payload);
// `thumbprint` is the certificate this client sent (empty: none). Pass when they agree, fail when they do not
// or cnf is malformed, a warning when only one side has a certificate; nothing when neither has one.
[[nodiscard]] Findings check(const QJsonObject& claims, const QString& thumbprint);

} // namespace oauth2dbg::CertificateBinding
