// The check catalogue's entries for request security beyond PAR and JAR: DPoP (RFC 9449), and what a
// resource server says to a token (an API call).
#include "CheckCatalogue.h"

namespace oauth2dbg::CheckCatalogue {

namespace {
constexpr auto e = &CheckEntry::of;
} // namespace

QList<CheckEntry> securityEntries()
{
    return {
        e("DP-01", "The DPoP proof", "RFC 9449 §4.2, §4.3",
          "Every token and resource request of a DPoP profile carries a DPoP header: a JWT of typ dpop+jwt, "
          "signed (ES256 by default) with the profile's DPoP key, whose header carries the public key (jwk, "
          "never the private part). The key is made at its first use and kept in the OS keychain, so the "
          "tokens bound to it keep working from run to run; its RFC 7638 thumbprint (jkt) is what the server "
          "binds them to.",
          "A refusal that names the proof's signature or key: check that the server accepts the algorithm "
          "(dpop_signing_alg_values_supported)."),
        e("DP-02", "The proof's claims name this one request", "RFC 9449 §4.2, §4.3",
          "htm is the request's method, htu its URL without query and fragment, iat now, jti fresh; a proof "
          "sent with an access token carries ath, the base64url SHA-256 of the token. A server refuses a "
          "proof whose htu names another URL (a proxy that rewrites the path, a port that differs), whose "
          "iat is off, or whose ath is another token's.",
          "Compare the proof's htu (decoded in the traffic view) with the URL the server sees: behind a "
          "proxy they differ. Check this machine's clock for iat."),
        e("DP-03", "The server's nonce, and one retry", "RFC 9449 §8, §9",
          "A server may answer use_dpop_nonce (the authorization server with 400, a resource server with 401 "
          "and WWW-Authenticate: DPoP error=\"use_dpop_nonce\"), giving its nonce in DPoP-Nonce. The request "
          "is then sent once more with a fresh proof carrying that nonce, and only once: a server that asks "
          "again is not asked a third time. Nonces are kept per server origin and follow every DPoP-Nonce "
          "a response carries.",
          "A server that asks for a nonce twice in a row changes it too often, or does not accept the one it "
          "gave: tell its administrator."),
        e("DP-04", "token_type DPoP", "RFC 9449 §5",
          "The token response to a request with a proof says token_type DPoP: the access token is bound to "
          "the key. Bearer means the server ignored the proof, and the token works for whoever holds it.",
          "If the token should be bound, check that the server supports DPoP for this client "
          "(dpop_bound_access_tokens in its registration)."),
        e("DP-05", "The token is bound to this key", "RFC 9449 §6, §10",
          "A bound access token names the key's thumbprint in cnf.jkt (in a JWT access token, or the "
          "introspection answer); it must be this profile's key. dpop_jkt in the authorization request binds "
          "the code to the same key before it is traded.",
          "A token bound to another key was issued to another client instance: start a new authorization."),
        e("DP-06", "Every proof's jti is fresh", "RFC 9449 §11.1",
          "A server keeps the jti values it has seen for a while and refuses a proof that repeats one: a "
          "captured proof cannot be replayed. A client that reuses a jti is refused the same way.",
          "Nothing to do for a proof made here; a client under test that reuses jti values must make a fresh "
          "one per request."),
        e("DP-07", "A bound token goes with its proof", "RFC 9449 §7.1",
          "A DPoP-bound access token is sent as Authorization: DPoP, with a proof whose ath is its hash. "
          "Sent "
          "as a bearer token, or without a proof, a resource server refuses it (invalid_token, with a DPoP "
          "challenge in WWW-Authenticate).",
          "Send the token as DPoP with a proof: the debugger does when the profile uses DPoP."),
        e("JM-01", "A JWT-secured response is one JWT", "JARM §4.1, §4.3",
          "With response_mode jwt, query.jwt, fragment.jwt or form_post.jwt the server answers with one "
          "parameter, response, a JWT whose claims are the response. Anything beside it (a code, a state) is "
          "not covered by the signature and is refused; a response without it means the server ignored the "
          "mode.",
          "Check that the server supports the mode (response_modes_supported) and that nothing between it "
          "and this machine adds parameters."),
        e("JM-02", "The response is signed by the issuer", "JARM §4.4",
          "The response JWT is verified with the issuer's keys (its jwks_uri, fetched before the browser is "
          "sent) and an algorithm it announces (authorization_signing_alg_values_supported; RS256 by "
          "default) before anything in it is read. A response whose signature fails was not made by this "
          "server or was changed on the way: it is refused and the wait goes on (AZ-02).",
          "If every response fails, check that the issuer's jwks_uri serves the key it signs with."),
        e("JM-03", "The response names its issuer and this client", "JARM §4.4",
          "iss must be the issuer this flow was sent to and aud must name this client_id: a response made "
          "for "
          "another client, or by another server, is refused.",
          "A mismatch behind a proxy usually means the issuer URL differs from the one the profile uses."),
        e("JM-04", "The response has not expired", "JARM §4.4",
          "exp is required and must not have passed (with the clock skew allowed); the response is meant to "
          "be used at once.",
          "Check this machine's clock; a browser that waited long before following the redirect sees this."),
        e("RA-01", "authorization_details is an array of typed objects", "RFC 9396 §2, §2.2",
          "Rich authorization requests carry authorization_details: a JSON array of one or more objects, "
          "each "
          "with a non-empty string type; locations, actions, datatypes and privileges, when present, are "
          "arrays "
          "of non-empty strings, identifier a string. Text that is not is never sent.",
          "Fix the JSON where the check says; the server's documentation names each type's own fields."),
        e("RA-02", "Each type is one the server takes", "RFC 9396 §10",
          "A server lists the types it understands in authorization_details_types_supported; a type it does "
          "not list (or not for this client) is refused with invalid_authorization_details. A server that "
          "lists none may not support rich authorization requests at all.",
          "Use a type the server lists, or ask its administrator to allow this client the type."),
        e("RA-03", "What was granted of the details asked for", "RFC 9396 §7, §9.1",
          "The token response (and introspection) carries the authorization_details the user and the server "
          "granted, which may be fewer or narrower than those asked for; a type asked for and not granted is "
          "named.",
          "A detail not granted was refused at consent or by the server's policy: the API will refuse what "
          "it "
          "covers."),
        e("AP-01", "What the resource server's challenge says", "RFC 6750 §3, RFC 9449 §7.1",
          "A resource server that refuses a token answers 401 (or 403) with WWW-Authenticate: one challenge "
          "per scheme it takes (Bearer, DPoP), each with an error — invalid_request, invalid_token, "
          "insufficient_scope, invalid_dpop_proof, use_dpop_nonce — and often the scope it wants or the "
          "algorithms it accepts. Each challenge is read and explained.",
          "invalid_token: get a fresh token (refresh, or sign in again); insufficient_scope: ask for the "
          "scope "
          "it names; a DPoP challenge for a bearer token: turn DPoP on for the profile."),
    };
}

} // namespace oauth2dbg::CheckCatalogue
