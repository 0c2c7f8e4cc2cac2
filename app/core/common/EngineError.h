#pragma once

#include <QByteArray>
#include <QString>

namespace oauth2dbg {

enum class ErrorKind {
    None,
    InvalidInput, // the user's own input cannot be used (a malformed issuer URL, ...)
    Network,      // refused, unreachable, reset
    Timeout,
    Tls,
    Http,      // a response came, with a status that means no
    Protocol,  // a response came, but its content breaks a rule
    Cancelled, // the user stopped it
};

// An engine call's failure: one sentence for the user, and the raw detail behind it.
struct EngineError {
    ErrorKind kind = ErrorKind::None;
    QString message;
    QString detail;
    int httpStatus = 0;
    QByteArray body;
    QString oauthError;
    QString oauthErrorDescription;
    QString oauthErrorUri;

    [[nodiscard]] bool isError() const { return kind != ErrorKind::None; }
};

} // namespace oauth2dbg
