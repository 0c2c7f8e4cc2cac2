#pragma once

#include "FlowStep.h"
#include "common/EngineError.h"
#include "common/Secret.h"

#include <QMetaType>
#include <QStringList>

namespace oauth2dbg {

// What a user or a command asks a run for.
enum class FlowGoal {
    Discover,
    Authorize,
    ExchangeCode,
    ClientCredentials,
    Refresh,
    UserInfo,
    Introspect,
    Revoke,
    VerifyToken,  // a token from elsewhere, against this profile's issuer's keys (or, HS256, its secret)
    CheckRequest, // the authorization request (prepared now, or the last one) fetched once before any sign-in
    DeviceCode,   // RFC 8628: a user code shown, the user signs in elsewhere, the token endpoint polled
};

// What a goal takes besides the profile.
struct FlowInput {
    bool openBrowser =
        true;              // Authorize: false prepares the request and the listener only; DeviceCode: whether
                           // the browser command opens verification_uri_complete (only when one is set)
    QStringList resources; // ClientCredentials: RFC 8707 resource indicators
    QString audience;      // ClientCredentials
    Secret token;          // UserInfo, Introspect, Revoke: empty means the session's own; VerifyToken
    QString hint;          // Introspect, Revoke: "access_token" or "refresh_token"
};

// How a goal ended, once everything it set off (verification, keeping the refresh token) is done.
struct FlowOutcome {
    FlowGoal goal = FlowGoal::Discover;
    FlowStep::Kind step = FlowStep::Kind::Profile; // where it stopped, when it failed
    EngineError error;
    [[nodiscard]] bool ok() const { return !error.isError(); }
};

// The step a goal starts with: where it stands when it is refused before anything was sent.
[[nodiscard]] FlowStep::Kind firstStepOf(FlowGoal goal);

} // namespace oauth2dbg

Q_DECLARE_METATYPE(oauth2dbg::FlowOutcome)
