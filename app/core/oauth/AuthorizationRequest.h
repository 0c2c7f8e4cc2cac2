#pragma once

#include "FormEncoding.h"
#include "Pkce.h"
#include "common/Finding.h"

#include <QStringList>
#include <QUrl>

namespace oauth2dbg {

// What the user asked for; AuthorizationRequest::build() turns it into the URL the browser opens.
struct AuthorizationParameters {
    QUrl authorizationEndpoint;
    QString clientId;
    QString
        redirectUri; // sent exactly as written, and again, identical, at the token endpoint (RFC 6749 §4.1.3)
    QString scope;
    QString responseType = QStringLiteral("code");
    QString responseMode; // empty (the server's default), "query" or "form_post"
    QString prompt;
    QString loginHint;
    int maxAge = -1; // seconds; negative: not sent
    QString acrValues;
    QStringList resources; // RFC 8707, one parameter each
    QString audience;
    FormPairs extra; // anything else; a name that is already generated replaces it
    Pkce::Method pkce = Pkce::Method::S256;
};

// One authorization request with its one-time values. Keep it for the whole flow: the callback is checked
// against its state, nonce and issuer, and the token request needs its verifier and redirect URI.
struct AuthorizationRequest {
    QString url;          // exactly what the browser gets
    FormPairs parameters; // in the order they appear in the URL
    QByteArray state;
    QByteArray nonce; // empty unless the scope has "openid"
    QByteArray codeVerifier;
    QByteArray codeChallenge;
    Pkce::Method pkce = Pkce::Method::S256;
    QString redirectUri;
    Findings warnings;

    [[nodiscard]] static AuthorizationRequest build(const AuthorizationParameters& parameters);
    [[nodiscard]] static bool scopeHasOpenId(const QString& scope);
};

} // namespace oauth2dbg
