#pragma once

#include "common/EngineError.h"
#include "common/Finding.h"
#include "common/Secret.h"

#include <QDateTime>
#include <QMetaType>
#include <QUrl>

namespace oauth2dbg {

struct HttpExchange;

// The device authorization response (RFC 8628 §3.2): what the user is shown, and the device_code the client
// polls the token endpoint with (a credential: kept as a secret, masked in the traffic).
struct DeviceAuthorization {
    Secret deviceCode;
    QString userCode;
    QUrl verificationUri;
    QUrl verificationUriComplete; // optional: the URI with the user code in it, for a QR code or a link
    qint64 expiresIn = 0;         // seconds from issuedAt
    int interval = 5;             // seconds between polls; 5 when the server gives none (§3.2)
    bool intervalGiven = false;
    QDateTime issuedAt;
    Findings checks; // DV-01, DV-02
    EngineError error;
    quint64 exchangeId = 0;

    [[nodiscard]] bool ok() const { return !error.isError(); }
    [[nodiscard]] QDateTime expiresAt() const { return issuedAt.addSecs(expiresIn); }
    // What the user opens: the complete URI when there is one.
    [[nodiscard]] QUrl uriToOpen() const
    {
        return verificationUriComplete.isValid() ? verificationUriComplete : verificationUri;
    }
};

namespace DeviceAuthorizationResponse {
// Reads the answer strictly: each required member with its type (DV-01); an error answer as RFC 6749 §5.2.
[[nodiscard]] DeviceAuthorization interpret(const HttpExchange& exchange);
} // namespace DeviceAuthorizationResponse

} // namespace oauth2dbg

Q_DECLARE_METATYPE(oauth2dbg::DeviceAuthorization)
