// The check catalogue's entries for the grants beyond the code flow, sign-out and pushed requests: the device
// grant, token exchange, the legacy grants, RP-initiated logout and PAR.
#include "CheckCatalogue.h"

namespace oauth2dbg::CheckCatalogue {

namespace {
constexpr auto e = &CheckEntry::of;
} // namespace

QList<CheckEntry> grantEntries()
{
    return {
        e("DV-01", "The device authorization response", "RFC 8628 §3.2",
          "A device authorization answer must carry device_code, user_code and verification_uri as strings "
          "and expires_in as a number of seconds; verification_uri_complete (the URI with the code in it, "
          "for a link or a QR code) is optional. A verification URI that is not https (http only on this "
          "machine) is not shown to the user.",
          "A server that leaves one out does not implement RFC 8628 as written: ask its administrator, or "
          "check that the profile's device authorization endpoint is the right one."),
        e("DV-02", "How often the device grant polls", "RFC 8628 §3.2, §3.5",
          "The client polls the token endpoint no more often than the response's interval, 5 s when it gives "
          "none, and waits one interval before the first poll; every slow_down adds 5 s to this poll and all "
          "later ones. authorization_pending means not yet; access_denied and expired_token end the grant, "
          "and so does expires_in running out.",
          "A server that answers slow_down again and again is asking for a longer interval: nothing to do, "
          "the debugger already waits longer each time."),
        e("TX-01", "The token exchange answer names what it issued", "RFC 8693 §2.2.1",
          "A token exchange answer must carry issued_token_type: the URI of the kind of token it holds (an "
          "access token, a JWT, an ID token …). Without it the client cannot know what it was given, and the "
          "answer is refused.",
          "Ask the server's administrator: a server that implements RFC 8693 always sends it."),
        e("TX-02", "What was issued against what was asked for", "RFC 8693 §2.2.1",
          "A server may issue another kind of token than requested_token_type asked for; the client must "
          "then "
          "treat it as what issued_token_type says. A token that is not an access token should come with "
          "token_type N_A.",
          "Use the token as the kind it is, or ask for a kind the server issues."),
        e("LG-01", "The password grant", "RFC 6749 §4.3, RFC 9700 §2.4",
          "The resource owner password credentials grant gives the user's password to the client. It cannot "
          "do multi-factor sign-in or single sign-on, and the current security best practice says it MUST "
          "NOT "
          "be used. It is offered here only to test old servers.",
          "Move the client to the authorization code grant with PKCE, or the device grant for a device "
          "without a browser."),
        e("LG-02", "The implicit grant", "RFC 6749 §4.2, RFC 9700 §2.1.2",
          "The implicit grant returns the access token in the URL fragment, where browser history, referrers "
          "and scripts on the page can read it, and the token cannot be bound to the client. Clients SHOULD "
          "NOT use it; ID tokens in the fragment (hybrid flows) are checked with nonce, c_hash and at_hash.",
          "Use the authorization code grant with PKCE; a single-page app can do so too."),
        e("LO-01", "The server offers sign-out", "OpenID Connect RP-Initiated Logout 1.0 §2.1",
          "A server that lets a client end the user's session lists end_session_endpoint in its metadata. "
          "Without it there is nowhere to send the browser.",
          "Give the endpoint by hand in the profile if the server has one it does not announce; otherwise "
          "the server cannot be signed out of from the client."),
        e("LO-02", "The way back carries this sign-out's state", "OpenID Connect RP-Initiated Logout 1.0 §3",
          "The server sends the browser back to post_logout_redirect_uri with the state the sign-out sent, "
          "once. A request to the listener without it, or with another, is refused and the wait goes on: "
          "anyone on this machine could make one.",
          "A server that drops state does not implement the specification as written: tell its "
          "administrator."),
        e("LO-03", "id_token_hint says whose session ends", "OpenID Connect RP-Initiated Logout 1.0 §2, §3",
          "The ID token of the sign-in goes as id_token_hint. Without it only client_id says who asks: the "
          "server should ask the user to confirm, and many servers then ignore post_logout_redirect_uri.",
          "Sign in first (the run's ID token is used), or give an ID token of this client."),
        e("LO-04", "The server came back", "OpenID Connect RP-Initiated Logout 1.0 §3",
          "The browser returns to post_logout_redirect_uri only when that URI is registered for the client "
          "(exactly, or with any port on a loopback address for a native client) and the user has confirmed "
          "where the server asks.",
          "Register the URI the step shows (the redirect URI's host and port with the path /logout) as a "
          "post-logout redirect URI of the client, and look at the browser: it may wait for a confirmation."),
        e("PR-01", "The request is pushed with the client's authentication", "RFC 9126 §2.1",
          "Every authorization parameter goes to pushed_authorization_request_endpoint, form-encoded, with "
          "the "
          "client authenticating as at the token endpoint; never a request_uri in the push.",
          "A refusal here is the client's authentication or a parameter: see the checks beside it."),
        e("PR-02", "The push answers 201 with a request_uri", "RFC 9126 §2.2",
          "The answer is 201 Created with request_uri (a string) and expires_in (seconds, a positive "
          "number). "
          "The request_uri stands for the pushed parameters until then, once.",
          "A server that answers otherwise does not implement RFC 9126 as written: tell its administrator."),
        e("PR-03", "The browser gets client_id and request_uri only", "RFC 9126 §4",
          "After a push the authorization URL carries client_id and request_uri and nothing else: the "
          "parameters were pushed, and state, nonce and the PKCE verifier stay the client's to check the "
          "answer against.",
          "Nothing to do; the callback is checked as any other."),
        e("PR-04", "The server requires pushed requests", "RFC 9126 §5, §6",
          "A server whose metadata, or a client whose registration, says "
          "require_pushed_authorization_requests "
          "refuses an authorization request that was not pushed. The debugger pushes by itself when the "
          "metadata says so; a client's registration is seen only in the refusal.",
          "Push the request first: --par on the command line, or the Authorization step's Push the request "
          "first."),
        e("JR-01", "The request object as signed", "RFC 9101 §4, §10.8",
          "The authorization parameters are the claims of a JWT signed with the client's key, typ "
          "oauth-authz-req+jwt: iss and client_id the client, aud the issuer identifier, iat and nbf now, "
          "exp a "
          "few minutes on, a fresh jti. By value the browser carries client_id, the request, and "
          "response_type "
          "and scope (OpenID Connect wants them outside too); pushed, only the request_uri.",
          "Nothing to do unless the server refuses it: then see JR-02."),
        e("JR-02", "The server refused the request object", "RFC 9101 §6.3",
          "invalid_request_object: the object's signature, its aud, iss, lifetime or one of its claims is "
          "not "
          "what the server accepts for this client.",
          "Check that aud is the issuer exactly, that the server holds the client's public key (jwks or "
          "jwks_uri) and the algorithm, and that this machine's clock is right."),
        e("PR-05", "The push was refused", "RFC 9126 §2.3",
          "400 is a malformed request or a parameter refused, 401 the client's authentication, 405 a method "
          "other than POST, 413 a request too large, 429 too many requests.",
          "Read the error and its description; for 401, the client authentication checks beside it."),
    };
}

} // namespace oauth2dbg::CheckCatalogue
