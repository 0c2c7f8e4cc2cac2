#pragma once

#include "AuthorizationRequest.h"
#include "common/Finding.h"
#include "net/HttpExchange.h"

#include <QJsonObject>

namespace oauth2dbg {

// What the listener was when a browser step was sent out.
struct ListenerShape {
    QString address;        // 127.0.0.1:53682, or empty for manual capture
    bool fixedPort = false; // loopback-fixed: the port was the profile's, not one chosen for this run
    int waitedSeconds = 0;
};

// Says what became of an authorization request that did not come back, and what the server answers it
// before any sign-in.
namespace AuthorizationProbe {

// AZ-11: a browser step that never returned. The request as sent (its URL, each parameter, the redirect URI,
// the listener), then the likely causes, most likely first: the redirect URI not registered exactly (with the
// fix), the client unknown, the user never finished.
[[nodiscard]] Findings timedOut(const AuthorizationRequest& request, const ListenerShape& listener);

struct Verdict {
    bool refused = false; // the server said no before any sign-in
    QString summary;      // one line for the step
    Findings checks;      // AZ-12: what it answered, and what that most likely means
};

// AZ-12: the authorization URL fetched once, without cookies and without following redirects. A server that
// rejects a bad client_id or redirect_uri often does it right here, with an error page or a redirect back.
[[nodiscard]] Verdict interpret(const HttpExchange& exchange, const AuthorizationRequest& request,
                                const QJsonObject& metadata, bool fixedPort);

// An HTML page (or any body) as a short plain text: tags dropped, entities read, whitespace folded; at most
// `limit` characters.
[[nodiscard]] QString pageText(const QByteArray& body, qsizetype limit = 400);

} // namespace AuthorizationProbe
} // namespace oauth2dbg
