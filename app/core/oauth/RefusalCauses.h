#pragma once

#include "RefusalDiagnosis.h"

#include <QStringList>

namespace oauth2dbg::RefusalDiagnosis {

// Why an assertion (private_key_jwt, client_secret_jwt) may have been refused, most evident first.
[[nodiscard]] QStringList assertionCauses(const ClientCredentialsSent& sent);
// Why a client certificate (tls_client_auth, self_signed_tls_client_auth) may have been refused.
[[nodiscard]] QStringList certificateCauses(const ClientCredentialsSent& sent);

} // namespace oauth2dbg::RefusalDiagnosis
