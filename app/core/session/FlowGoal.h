#pragma once

#include "FlowStep.h"
#include "common/EngineError.h"
#include "common/Secret.h"
#include "net/HttpExchange.h"

#include <QMetaType>
#include <QStringList>

#include <optional>

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
    TokenExchange, // RFC 8693: a token of this run (or given) traded for another
    JwtBearer,     // RFC 7523 §2.1: a signed assertion for a token
    Password,      // RFC 6749 §4.3: the user's name and password, flagged (RFC 9700 §2.4)
    SignOut,       // OIDC RP-Initiated Logout: the browser to end_session_endpoint, and back to the listener
    CallApi,       // any request to a resource server with the access token (as Bearer, or DPoP with a proof)
};

// What the token endpoint's other grants take (FlowSessionGrants.cpp). Tokens and passwords are secrets.
struct GrantInput {
    // TokenExchange: an empty subject token is this run's own token of subjectTokenType (access, refresh,
    // ID).
    Secret subjectToken;
    QString subjectTokenType = QStringLiteral("access_token");
    Secret actorToken;
    QString actorTokenType;
    QString requestedTokenType;
    // JwtBearer: the key that signs (PEM or JWK; empty: the client's key of this run) and the claims; an
    // empty issuer is the client_id, an empty audience the token endpoint.
    Secret assertionKey;
    QString assertionIssuer;
    QString assertionSubject;
    QString assertionAudience;
    qint64 assertionLifetime = 300;
    // Password
    QString username;
    Secret password;
};

// What a goal takes besides the profile.
struct FlowInput {
    bool openBrowser =
        true;              // Authorize: false prepares the request and the listener only; DeviceCode: whether
                           // the browser command opens verification_uri_complete (only when one is set)
    QStringList resources; // ClientCredentials, TokenExchange: RFC 8707 resource indicators
    QString audience;      // ClientCredentials, TokenExchange
    Secret token; // UserInfo, Introspect, Revoke: empty means the session's own; VerifyToken; SignOut: the
                  // id_token_hint (empty: this run's ID token)
    QString hint; // Introspect, Revoke: "access_token" or "refresh_token"
    GrantInput grant;     // TokenExchange, JwtBearer, Password
    QString responseType; // Authorize: implicit or hybrid ("id_token token", "code id_token" …); empty: the
                          // profile's (code)
    HttpRequest api;      // CallApi: method, URL, headers and body as the user wrote them (token: `token`)
    QString authorizationDetails; // ClientCredentials: RFC 9396's JSON array (Authorize: the settings' own)
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
// The goal a profile's grant (Profile::grant) starts with; none for authorization_code, whose goal depends on
// what the server offers (a client that cannot authorize asks for client credentials).
[[nodiscard]] std::optional<FlowGoal> goalOfGrant(const QString& grant);

} // namespace oauth2dbg

Q_DECLARE_METATYPE(oauth2dbg::FlowOutcome)
