#pragma once

#include "common/Finding.h"

#include <QList>
#include <QString>

namespace oauth2dbg {

// One step of a run, as both faces show it: the window's timeline row and the command line's report section
// are the same value. A fixed step (Profile … Token) is updated in place; the others happen again and again
// and are appended.
struct FlowStep {
    enum class Kind {
        Profile,
        Discovery,
        Request,  // the authorization request, before it leaves
        Consent,  // the browser, until it comes back
        Callback, // what came back to the listener
        Token,    // the code exchange
        Keys,     // the issuer's key set, when it could not be had
        IdToken,
        AccessToken,
        ClientCredentials,
        Refresh,
        UserInfo,
        Introspection,
        Revocation,
        PastedToken,         // a token from elsewhere, verified against this run's issuer
        RequestCheck,        // the authorization URL fetched once, without cookies: what the server answers
        DeviceAuthorization, // RFC 8628: the user code and where to enter it
        TokenExchange,       // RFC 8693
        JwtBearer,           // RFC 7523 §2.1
        Password,            // RFC 6749 §4.3, flagged (RFC 9700 §2.4)
        SignOut,             // OIDC RP-Initiated Logout: the end-session request and its redirect back
        PushedRequest,       // RFC 9126: the request pushed, its request_uri
        RequestObject,       // RFC 9101: the parameters signed as a JWT
        ApiCall,             // a resource server's answer to a request with the access token
    };
    static constexpr Kind kLastKind = Kind::ApiCall;
    enum class Status { Pending, Running, Ok, Warning, Failed };

    Kind kind = Kind::Profile;
    Status status = Status::Pending;
    QString summary;            // a few words (the timeline row)
    QString detail;             // the whole sentence (the report, the step's panel); empty: the summary
    Findings checks;            // every rule applied in this step
    QList<quint64> exchangeIds; // what it sent and received, in the traffic log
    qint64 durationMs = -1;
    // A state a later update of the same step replaces (running, a refused request while the wait goes on):
    // the timeline shows it, a report leaves it out.
    bool interim = false;

    [[nodiscard]] bool isFixed() const { return kind <= Kind::Token; }
    [[nodiscard]] QString text() const { return detail.isEmpty() ? summary : detail; }
    // The step's name as both faces show it ("Discovery", "ID token", …).
    [[nodiscard]] static QString title(Kind kind);
    // The status as both faces word it: "not yet", "in progress", "done", "done, with warnings", "failed".
    [[nodiscard]] static QString statusWord(Status status);
    // Failed on an error, Warning when a check warned, else Ok.
    [[nodiscard]] static Status statusOf(bool ok, const Findings& checks);
};

} // namespace oauth2dbg
