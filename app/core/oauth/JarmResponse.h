#pragma once

#include "FormEncoding.h"
#include "common/Finding.h"
#include "jose/Jwk.h"

#include <QDateTime>
#include <QStringList>

namespace oauth2dbg {

// JWT-secured authorization responses (JARM, OpenID Financial-grade API JARM §4): with response_mode jwt,
// query.jwt, fragment.jwt or form_post.jwt the server answers with one parameter, `response`, a JWT signed
// with its keys whose claims are the response (code, state, error …) with iss, aud and exp. It is verified
// before anything in it is read.
namespace JarmResponse {

struct Expectations {
    QString issuer;
    QString clientId;
    JwkSet keys;            // the issuer's, fetched before the browser was sent
    QStringList algorithms; // authorization_signing_alg_values_supported; empty: RS256 (JARM §2.1)
    int clockSkewSeconds = 60;
    QDateTime now; // invalid: the current time
};

struct Unwrapped {
    FormPairs parameters; // the claims as response parameters, aud and exp left out; empty when refused
    Findings checks;      // JM-01 … JM-04, in order
    QString error;        // the first failed check; empty when the response may be read

    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

// Whether `responseMode` asks for a JWT-secured response.
[[nodiscard]] bool isJwtMode(const QString& responseMode);
// `parameters` as the callback carried them: one `response` (JM-01), its signature (JM-02), iss and aud
// (JM-03), exp (JM-04); then the claims.
[[nodiscard]] Unwrapped unwrap(const FormPairs& parameters, const Expectations& expected);

} // namespace JarmResponse
} // namespace oauth2dbg
