#pragma once

#include "common/EngineError.h"
#include "common/Finding.h"
#include "common/Secret.h"
#include "net/HttpExchange.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace oauth2dbg {

// What a token endpoint issued. Tokens are secrets: shown masked unless revealed.
struct TokenSet {
    Secret accessToken;
    QString tokenType; // as sent; compare case-insensitively (RFC 6749 §5.1)
    std::optional<qint64> expiresIn;
    QDateTime receivedAt;
    QString scope; // empty: as requested (§5.1)
    Secret refreshToken;
    Secret idToken;
    QJsonObject fields; // every member as received (tokens included: never shown unmasked)

    [[nodiscard]] std::optional<QDateTime> expiresAt() const;
};

struct TokenResult {
    TokenSet tokens;
    Findings checks;   // TE-05 and the other response rules
    EngineError error; // the server's no, a transport failure, or a response that breaks the rules
    quint64 exchangeId = 0;
    // The request may have reached the server although no answer came (timeout, connection lost after
    // sending): a rotating server may already have spent the refresh token (TE-07).
    bool ambiguous = false;

    [[nodiscard]] bool ok() const { return !error.isError(); }
};

namespace TokenResponse {
// Reads a token endpoint's answer strictly but reports instead of failing hard where the specs allow it.
[[nodiscard]] TokenResult interpret(const HttpExchange& exchange);
} // namespace TokenResponse

} // namespace oauth2dbg
