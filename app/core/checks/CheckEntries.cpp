// The text of the check catalogue: one entry per rule identifier the product shows. One job: saying, for each
// rule, what it is, where it comes from and what to do.
#include "CheckCatalogue.h"

namespace oauth2dbg::CheckCatalogue {

namespace {
constexpr auto e = &CheckEntry::of;

QString idStep(int n)
{
    return QStringLiteral("OIDC Core §3.1.3.7 (%1)").arg(n);
}

QList<CheckEntry> idTokenSteps()
{
    const char* steps[][4] = {
        {"Encryption as registered",
         "An ID token the client registered to receive encrypted must arrive "
         "encrypted, and a signed one as a signed JWS.",
         "Compare id_token_encrypted_response_alg in the client registration with what the server sends."},
        {"iss is the issuer",
         "The ID token's iss must be exactly the issuer the client discovered; anything "
         "else may be a token from another server (mix-up).",
         "Use the issuer the server names in its metadata, character for character (trailing slash, case)."},
        {"aud names the client",
         "The ID token must be meant for this client: its aud contains the client_id.",
         "Check the client_id in the profile; a token for another client must not be accepted."},
        {"azp with several audiences",
         "With more than one audience the token should say which party it was "
         "issued to (azp).",
         "Ask the server not to add other audiences, or to include azp."},
        {"azp is this client", "When azp is present it must be this client's id.",
         "A token issued to another client was presented: check the client_id."},
        {"The signature verifies",
         "The ID token is signed by the issuer (its key set) or, for HS*, with the "
         "client secret; a wrong signature means it was altered or forged.",
         "Check the key set (jwks_uri) and, for HS256, the client secret; rotate keys on the server if "
         "stale."},
        {"alg as registered or announced",
         "The signing algorithm must be the one registered for the client, one "
         "the issuer announces, or RS256 by default.",
         "Register id_token_signed_response_alg, or make the server sign with an announced algorithm."},
        {"HMAC keyed with the client secret",
         "An HS256/384/512 ID token is keyed with the client secret's "
         "octets.",
         "Give the client secret; a public client cannot check an HS* token and should not receive one."},
        {"exp not passed", "The ID token must not be expired (a small clock skew is allowed).",
         "Check both clocks; the allowed skew is in Settings (the same for the command line)."},
        {"iat recent", "The ID token was issued recently; one issued long ago or in the future is suspect.",
         "Check both clocks, and that the server does not hand out cached tokens."},
        {"nonce is the one sent",
         "The nonce in the ID token must be the one this request sent: it binds the "
         "token to this sign-in and stops replay.",
         "A mismatch means a token from another sign-in; start again and do not reuse authorization URLs."},
        {"acr as requested", "When acr_values were requested, acr says which authentication the user passed.",
         "The server did not satisfy the requested level: check its acr configuration, or request another."},
        {"auth_time within max_age",
         "When max_age was sent, auth_time must be present and no older than max_age "
         "seconds (plus the clock skew).",
         "The server did not reauthenticate the user: check its handling of max_age or prompt=login."},
    };
    QList<CheckEntry> out;
    for (int i = 0; i < 13; ++i)
        out << CheckEntry{idStep(i + 1), QString::fromUtf8(steps[i][0]),
                          QStringLiteral("OpenID Connect Core 1.0 §3.1.3.7 step %1").arg(i + 1),
                          QString::fromUtf8(steps[i][1]), QString::fromUtf8(steps[i][2])};
    return out;
}

QList<CheckEntry> build()
{
    QList<CheckEntry> out{
        e("Profile", "Given by the profile", "this profile",
          "An endpoint or setting comes from the profile itself "
          "rather than from discovery; it is shown so that a hand-given value is never mistaken for the "
          "server's.",
          "Nothing, unless the value is wrong: edit the profile's Endpoints tab."),
        e("AR-03", "PKCE with S256", "RFC 7636 §4.2, RFC 9700 §2.1.1",
          "The code challenge should use S256; plain "
          "sends the verifier's equal in the clear, and a method the server does not list may be refused.",
          "Choose S256 in the profile, or ask the server to support it."),
        e("AR-04", "openid asked of an OpenID provider", "OIDC Core §3.1.2.1",
          "The server publishes OpenID Connect metadata, and the request's scope does not contain "
          "\"openid\": "
          "it is then a plain OAuth request, no ID token comes back, and some servers refuse it with "
          "access_denied or invalid_scope without saying why.",
          "Add openid to the profile's scopes (the window's Request tab, or the run's scope field)."),
        e("AZ-01", "state comes back unchanged", "RFC 6749 §10.12",
          "The callback's state must be the one this "
          "request sent: it ties the response to this browser and stops cross-site request forgery.",
          "Do not reuse authorization URLs; a mismatch means a response to another request reached the "
          "listener."),
        e("AZ-02", "A response that is not this flow's does not end it", "RFC 9700 §4.7",
          "A request to the listener that fails a check (a wrong state, a forged or tampered response) is "
          "answered 400 and recorded, and the wait goes on: someone who guesses the port cannot cancel the "
          "real sign-in by answering first. The callback step names each one refused before the answer.",
          "If a refused request was not yours, something on this machine called the listener: find what."),
        e("AZ-03", "No parameter twice", "RFC 6749 §3.1",
          "A response parameter may appear only once; duplicates are "
          "a sign of injection.",
          "Check proxies and the server's redirect handling."),
        e("AZ-04", "A code arrived", "RFC 6749 §4.1.2",
          "A successful authorization response carries exactly one "
          "non-empty code.",
          "Check the server's response_type handling and the redirect URI."),
        e("AZ-05", "iss is the issuer", "RFC 9207 §2.4",
          "The callback's iss must be the issuer this request went "
          "to: it stops mix-up between servers. A server that announces "
          "authorization_response_iss_parameter_supported must send it.",
          "Check which server answered; make the issuer in the profile match the server's metadata."),
        e("AZ-07", "The server said no", "RFC 6749 §4.1.2.1",
          "The authorization endpoint answered with an error "
          "(access_denied, invalid_scope, …) instead of a code. The state and iss checks beside it say the "
          "answer "
          "is genuine; this one fails, because the sign-in did not happen.",
          "Read error and error_description; fix the request (scope, redirect URI, client) or the user's "
          "consent."),
        e("AZ-08", "No tokens in the front channel", "RFC 9700 §2.1.2",
          "A code-flow response must not carry "
          "tokens in the URL: they leak through history, logs and referrers.",
          "Use response_type=code only; the implicit and hybrid flows are not what this client asked for."),
        e("MD-02", "issuer identical", "OpenID Connect Discovery 1.0 §4.3, RFC 8414 §3.3",
          "The metadata's issuer "
          "must be exactly the URL it was discovered from, or its tokens' iss cannot be trusted.",
          "Give the issuer exactly as the server names it; fix the server's issuer setting behind a proxy."),
        e("MD-03", "Required members, right types", "OpenID Connect Discovery 1.0 §3, RFC 8414 §2",
          "The metadata "
          "must have its required members, each of the type the specification gives it.",
          "Fix the server's metadata; until then give the endpoints by hand in the profile."),
        e("MD-06", "Metadata that says less than it seems", "RFC 8414 §2",
          "Lax spots in a server's metadata: response_types_supported listing grant types "
          "(client_credentials, "
          "refresh_token), or grant_types_supported leaving out a grant the server then answers or refuses. "
          "Not a failure: a client that trusts the lists meets a refusal it cannot explain, or none at all.",
          "Read the lists with care; ask the server's operators to correct its metadata."),
        e("MD-05", "Endpoints on the issuer's origin", "RFC 9700 §4.4",
          "An endpoint on another origin than the "
          "issuer's receives the client's credentials or tokens elsewhere; it may be legitimate (a CDN, a "
          "gateway) or "
          "a sign of a tampered document.",
          "Confirm with the server's operator; approve the host only if expected."),
        e("NA-09", "Usable endpoint URLs", "RFC 6749 §3.1, §3.2",
          "Endpoints must be absolute https URLs (http only "
          "for a local test server); anything else is not used.",
          "Fix the server's metadata, or mark the profile as a local test server for http on this machine."),
        e("TE-05", "A usable token response", "RFC 6749 §5.1",
          "A token response carries access_token and "
          "token_type, and expires_in as a number of seconds when present.",
          "Fix the server's token response; a proxy may also have rewritten it."),
        e("TE-11", "The scope granted is the scope asked for", "RFC 6749 §3.3, §5.1",
          "A server may grant less (or more) than the client asked for, and then must say so in the token "
          "response's scope; a narrowed grant makes later calls fail for a reason the tokens do not show.",
          "Ask only for scopes the client is allowed (the server's client settings, or its consent screen), "
          "or "
          "accept the narrower grant knowingly."),
        e("AZ-11", "The browser never came back", "RFC 8252 §7.3, RFC 6749 §3.1.2",
          "No response reached the listener in time. The report holds the request as sent (its URL, each "
          "parameter, the redirect URI, the listener's address) and the likely causes in order: a redirect "
          "URI "
          "the server does not hold exactly (a port chosen for the run, where the server matches ports too), "
          "an unknown client_id, a user who never finished.",
          "Register a fixed port and path and use loopback-fixed with that URI; check the client_id; use "
          "\"Check this request\" (--check-request) to see what the server answers before any sign-in."),
        e("AZ-12", "What the server answers before any sign-in", "RFC 6749 §4.1.2.1, §3.1.2.4",
          "The authorization URL fetched once, without cookies and without following redirects. A redirect "
          "on "
          "to a sign-in page means the client_id and redirect_uri passed the server's first checks; a "
          "redirect "
          "back with an error, or an error page, says why it refuses — shown as plain text.",
          "Fix what the answer names: the redirect URI as registered, the client_id, or the parameter the "
          "error points at."),
        e("AZ-13", "What the response type asked for", "OIDC Core §3.2.2.5, §3.3.2.5",
          "An implicit or hybrid response carries in the URL fragment everything its response_type named: "
          "id_token, access_token with token_type, code. The fragment never reaches a server: the listener's "
          "page posts it back to the listener, and the same checks run. A part missing (and no error) means "
          "the "
          "response is refused.",
          "Check the response types registered for the client and the server's response_types_supported; "
          "servers that do not offer a type answer unsupported_response_type."),
        e("TE-12", "Why the server refused the client",
          "RFC 6749 §2.3.1, §5.2; RFC 8414 §2; RFC 7523 §3; RFC 8705 §2",
          "The token, introspection or revocation endpoint said no to the client: invalid_client or "
          "unauthorized_client at any status, or 401 / 403 without an error code (some servers answer a "
          "wrong secret with 403 and an empty body). The debugger reasons from what it sent — the method, "
          "the Basic form, whether the id or secret holds characters that form-encoding changes, whether a "
          "secret went, a client assertion's kid, aud, iat and exp — from the server's own clock (the "
          "refusal's Date header: an assertion expired by it, or issued in its future, comes first) and from "
          "the methods the server's metadata lists, and ranks the likely causes. An assertion sent again on "
          "purpose is named as the cause when the server refuses a jti it has seen.",
          "Try the first cause's fix: another authentication method, the other Basic form (servers disagree "
          "on "
          "whether to form-decode the header), the right secret or client_id. Nothing is resent on its own."),
        e("TE-13", "An authentication method the server lists", "RFC 8414 §2; RFC 7662 §2.1; RFC 7009 §2.1",
          "The token, introspection or revocation endpoint's *_auth_methods_supported leaves out the method "
          "this request used (for the token endpoint, client_secret_basic alone when the metadata names "
          "none). "
          "A warning, said before the answer is read: the server may accept the method all the same, or hold "
          "each client to the one it was registered for.",
          "Choose one of the listed methods as the profile's Authentication (the window offers the listed "
          "ones "
          "first), or ask the server's administrator which method the client is registered for."),
        e("RFC 8705 §3", "A token bound to the client certificate", "RFC 8705 §3, §3.1",
          "A client that authenticates with a TLS certificate (tls_client_auth, self_signed_tls_client_auth) "
          "may "
          "get certificate-bound access tokens: cnf.x5t#S256 is the base64url SHA-256 of the certificate, "
          "and a "
          "resource server takes the token only over a connection with that certificate. The debugger "
          "compares "
          "the cnf an introspection answer holds with the certificate it sent: the same passes, another "
          "fails, "
          "a token without cnf (or a bound one used without a certificate) is a warning. A JWT access token "
          "carries cnf itself: its checklist holds it to the certificate the token request sent.",
          "A token bound to another certificate was issued to another connection: send the certificate the "
          "client registered, at the server's mtls_endpoint_aliases. An unbound token works from anywhere: "
          "ask "
          "for tls_client_certificate_bound_access_tokens in the client's registration if that is not "
          "meant."),
        e("TE-10", "http only on this machine", "RFC 6749 §3.2, RFC 8252 §8.3",
          "Credentials go over plain http only "
          "to a local test server on the loopback interface.",
          "Use https, or mark the profile as a local test server."),
        e("OpenID Connect Discovery §3", "Required metadata", "OpenID Connect Discovery 1.0 §3",
          "The members an "
          "OpenID provider's metadata must have.",
          "Fix the server's metadata."),
        e("RFC 8414 §2", "Required metadata", "RFC 8414 §2",
          "The members an OAuth server's metadata must have.", "Fix the server's metadata."),
        e("RFC 8414 §3.2", "Where the metadata lives", "RFC 8414 §3.2",
          "The metadata was found only at another "
          "well-known URL than the one the issuer implies.",
          "Serve the metadata at the URL the issuer implies."),
        e("RFC 9207", "iss in authorization responses", "RFC 9207 §3",
          "Whether the server announces that its "
          "authorization responses carry iss; when it does, the debugger requires it.",
          "Nothing; servers that support it protect clients from mix-up."),
        e("RFC 6749 §3.1", "Parameters sent once", "RFC 6749 §3.1",
          "A request parameter appears more than once or "
          "overrides one the debugger sets.",
          "Remove the duplicate from the profile's extra parameters."),
        e("RFC 6749 §5.1", "No caching of tokens", "RFC 6749 §5.1",
          "A token response must say Cache-Control: "
          "no-store so that no cache keeps the tokens.",
          "Configure the server (or proxy) to send no-store."),
        e("RFC 6749 §5.2", "An error response a client can read", "RFC 6749 §5.2",
          "A refused token request is answered with HTTP 400 (401 for invalid_client) and a JSON object "
          "whose "
          "\"error\" is one of the defined codes (or a registered extension's). Other statuses, bodies or "
          "codes "
          "are shown as warnings: the debugger still reads what it can.",
          "Read error_description and the body; the server's documentation may define its own codes."),
        e("RFC 6749 §7.1", "Token type", "RFC 6749 §7.1",
          "The token_type tells how to use the access token "
          "(Bearer, DPoP); it is compared without regard to case.",
          "Use the access token as its type says."),
        e("RFC 6750 §3", "A bearer refusal says why", "RFC 6750 §3",
          "A resource server that refuses a bearer token answers 401 with a WWW-Authenticate header naming "
          "the scheme and, where it can, error=\"invalid_token\" and a description; without it a client "
          "cannot "
          "tell an expired token from a wrong one.",
          "Read the response body for a reason; ask the server's operators to send WWW-Authenticate."),
        e("RFC 7009 §2.2", "Revocation answered", "RFC 7009 §2.2",
          "A 200 means the server processed the request; it "
          "does not say the token was valid.",
          "Nothing; introspect to see whether a token is still active."),
        e("RFC 7662 §2.2", "Introspection answer", "RFC 7662 §2.2",
          "An introspection answer must have a boolean "
          "active; for an inactive token nothing else means anything.",
          "Fix the server's answer; check the client is allowed to introspect."),
        e("OIDC Core §5.3.2", "userinfo sub is the ID token's", "OpenID Connect Core 1.0 §5.3.2",
          "The userinfo "
          "response must describe the same user as the ID token; a different sub means claims about someone "
          "else.",
          "Do not use the claims; check which access token was sent."),
        e("OIDC Core §2", "Required ID token claims", "OpenID Connect Core 1.0 §2",
          "An ID token has iss, sub, aud, "
          "exp and iat, and is signed (not alg none) unless the client registered otherwise.",
          "Fix the server's ID token."),
        e("OIDC Core §3.1.3.8", "at_hash", "OpenID Connect Core 1.0 §3.1.3.8",
          "When present, at_hash must be the "
          "hash of the access token that came with the ID token: it binds the two.",
          "A mismatch means the access token was swapped; do not use it."),
        e("OIDC Core §3.3.2.11", "c_hash", "OpenID Connect Core 1.0 §3.3.2.11",
          "When present, c_hash must be the "
          "hash of the authorization code the ID token was issued for.",
          "A mismatch means the code and the ID token do not belong together; start again."),
        e("OIDC Core §10.1", "Signature against the issuer's keys", "OpenID Connect Core 1.0 §10.1",
          "The token is "
          "verified with a key from the issuer's key set that matches its alg and kid.",
          "Check jwks_uri and the token's kid; the server may have rotated keys."),
        e("OIDC Core §10.1.1", "Key rotation", "OpenID Connect Core 1.0 §10.1.1",
          "No key matched, so the key set "
          "was fetched again once in case the server rotated its keys.",
          "Nothing, unless it still fails."),
        e("OIDC Core §12.2", "A refreshed ID token matches the first", "OpenID Connect Core 1.0 §12.2",
          "After a "
          "refresh, a new ID token keeps iss, sub and aud of the first, and carries no nonce of a new "
          "sign-in.",
          "A change means another user or client; do not use it."),
        e("RFC 7515 §2", "Token encoding", "RFC 7515 §2",
          "The token is not cleanly base64url encoded or shaped.",
          "Paste the whole token; a copy from a log may carry breaks or quotes."),
        e("RFC 7515 §5.2", "Signature check", "RFC 7515 §5.2",
          "The JWS structure is read and its signature "
          "checked.",
          "A failure means the token was altered, or the wrong key or secret was given."),
        e("RFC 7515 §6", "kid picks the key", "RFC 7515 §6",
          "The header's kid selects one key of the set; none or "
          "several matching keys make the check fail.",
          "Check the key set and the token's kid."),
        e("RFC 7517 §4", "Key parameters", "RFC 7517 §4",
          "A key in the set has parameters that do not fit its use.", "Fix the server's key set."),
        e("RFC 7517 §5", "A usable key set", "RFC 7517 §5",
          "The key set must be a JSON object with a keys array.", "Check jwks_uri and the file given."),
        e("RFC 7518 §3.6", "alg none refused", "RFC 7518 §3.6",
          "An unsigned token proves nothing about who made it.", "Have the server sign its tokens."),
        e("RFC 7519 §4.1", "Claim types", "RFC 7519 §4.1",
          "Registered claims have fixed types: exp, iat, nbf, "
          "auth_time numbers; iss, sub strings; aud a string or strings.",
          "Fix the server's tokens."),
        e("RFC 7519 §4.1.4", "exp not passed", "RFC 7519 §4.1.4",
          "The token must not be expired (a small clock skew "
          "is allowed).",
          "Get a new token; check both clocks."),
        e("RFC 7519 §4.1.5", "nbf reached", "RFC 7519 §4.1.5", "The token is not valid before nbf.",
          "Check both clocks."),
        e("RFC 7519 §7.2", "A readable JWT", "RFC 7519 §7.2",
          "The token must be a compact JWS (or JWE) with a "
          "JSON claims set.",
          "Check what the server returned as id_token."),
        e("RFC 8725 §2.1", "No algorithm confusion", "RFC 8725 §2.1",
          "An HMAC token whose kid names a public key "
          "would let anyone who knows the public key forge tokens.",
          "Refuse it; the server must not do this."),
        e("RFC 8725 §3.1", "An allowed algorithm", "RFC 8725 §3.1",
          "The algorithm must be one the debugger and the "
          "issuer allow for this token.",
          "Configure the server to sign with an announced algorithm."),
        e("RFC 8725 §3.10", "Header parameters", "RFC 8725 §3.10",
          "Header members that would fetch keys from "
          "elsewhere (jku, x5u) are never followed.",
          "Nothing; keys come only from the issuer's jwks_uri."),
        e("RFC 9068 §2.2", "JWT access token claims", "RFC 9068 §2.2",
          "A JWT access token (typ at+jwt) has iss, exp, "
          "aud, sub, client_id, iat and jti, and names this client.",
          "Fix the server's access token format."),
        e("RFC 9068 §4", "JWT access token checks", "RFC 9068 §4",
          "A JWT access token is checked like a resource "
          "server would: issuer, signature, times.",
          "Fix the server's access token or its keys."),
    };
    out << idTokenSteps() << grantEntries() << securityEntries();
    return out;
}
} // namespace

const QList<CheckEntry>& all()
{
    static const QList<CheckEntry> entries = build();
    return entries;
}

} // namespace oauth2dbg::CheckCatalogue
