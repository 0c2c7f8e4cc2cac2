#pragma once

#include "FormEncoding.h"
#include "JarmResponse.h"
#include "common/Finding.h"

#include <QJsonObject>
#include <QString>

namespace oauth2dbg {

// What the flow sent and therefore expects back.
struct CallbackExpectations {
    QString state;            // empty: no state was sent, so none may come back
    QString issuer;           // the issuer this flow was sent to (RFC 9207)
    bool issRequired = false; // metadata said authorization_response_iss_parameter_supported
    // The request that was sent and the server's metadata: what an error's explanation is held to.
    FormPairs sent;
    QJsonObject metadata;
    // What the request's response_type asked for: "code", or the implicit ("id_token", "id_token token") and
    // hybrid ("code id_token", "code token", "code id_token token") types whose tokens come in the front
    // channel.
    QString responseType = QStringLiteral("code");
    // RP-Initiated Logout: the way back from the end-session endpoint, which carries state only.
    bool signOut = false;
    // JARM: the response is a JWT to verify with these expectations before anything in it is read.
    bool jarm = false;
    JarmResponse::Expectations jarmExpected;
};

struct CallbackVerdict {
    enum class Outcome {
        Rejected,           // not a response to this flow (or a broken one): the flow keeps waiting
        AuthorizationError, // the server said no, and state and iss prove it was this server, for this flow
        Code,               // an authorization code for this flow (hybrid: with the front-channel tokens)
        Tokens,             // implicit: the front-channel tokens, no code
        SignedOut,          // the way back from the end-session endpoint, for this sign-out
    };
    Outcome outcome = Outcome::Rejected;
    Findings checks; // every rule applied, in order, passed or not
    QString reason;  // the first failed check, for a one-line summary
    QString code;
    // Implicit and hybrid: what came in the front channel (OIDC Core §3.2.2.5, §3.3.2.5).
    QString idToken;
    QString accessToken;
    QString tokenType;
    QString expiresIn;
    QString error; // RFC 6749 §4.1.2.1 error code
    QString errorDescription;
    QString errorUri; // shown, never opened
};

// Checks an authorization response in the order RFC 9700 and RFC 9207 make safe: duplicates, then iss, then
// state, then leftovers of other flows, then error, then what the response type asked for (AZ-04, AZ-09).
// Values are compared exactly. The front-channel ID token itself is the session's to verify.
[[nodiscard]] CallbackVerdict validateCallback(const FormPairs& parameters,
                                               const CallbackExpectations& expected);

// One line explaining an RFC 6749 §4.1.2.1 / OIDC Core §3.1.2.6 error code, whatever was sent (the flow uses
// RefusalDiagnosis::authorizationError, which holds it to the request and the metadata).
[[nodiscard]] QString explainAuthorizationError(const QString& error);

} // namespace oauth2dbg
