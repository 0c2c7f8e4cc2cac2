// The command line's usage text (--help, and a usage error's lines for its command).
#include "CliOptions.h"

namespace oauth2dbg {

QString CliOptions::usageFor(const QString& command)
{
    QStringList lines;
    const QStringList all = usage().split(u'\n');
    bool within = false; // a command's usage may go on over indented lines
    for (const QString& line : all) {
        if (line.startsWith(u"  oauth2-debugger "))
            within = !command.isEmpty() && line.startsWith(u"  oauth2-debugger " % command);
        else if (!line.startsWith(QStringLiteral("                 ")))
            within = false;
        if (within)
            lines << line;
    }
    lines << QStringLiteral("(oauth2-debugger --help shows every command and option)");
    return lines.join(u'\n') + u'\n';
}

QString CliOptions::usage()
{
    return QStringLiteral(
        "Usage:\n"
        "  oauth2-debugger                                   open the window\n"
        "  oauth2-debugger flow                     PROFILE [the chosen grant's options]  the profile's "
        "grant\n"
        "  oauth2-debugger flow authorization_code  PROFILE [--browser 'CMD %u'] [--timeout SECONDS] [--par] "
        "[--jar [--jar-audience AUD]] [--dpop [--dpop-fault F]] [--json] [--reveal]\n"
        "  oauth2-debugger flow authorization_code  PROFILE --check-request [--json]\n"
        "  oauth2-debugger flow client_credentials  PROFILE [--audience AUD] [--resource URI] [--json] "
        "[--reveal]\n"
        "  oauth2-debugger flow device_code         PROFILE [--browser 'CMD %u'] [--json] [--reveal]\n"
        "  oauth2-debugger flow token_exchange      PROFILE --subject-token-env NAME [--subject-token-type "
        "TYPE]\n"
        "                 [--actor-token-env NAME --actor-token-type TYPE] [--requested-token-type TYPE]\n"
        "                 [--audience AUD] [--resource URI] [--json] [--reveal]\n"
        "  oauth2-debugger flow jwt_bearer          PROFILE --subject SUB [--assertion-key-file FILE]\n"
        "                 [--assertion-issuer ISS] [--assertion-audience AUD|issuer] [--json] [--reveal]\n"
        "  oauth2-debugger flow password            PROFILE --username NAME --password-env NAME [--json] "
        "[--reveal]\n"
        "  oauth2-debugger flow implicit            PROFILE [--response-type 'id_token token'|id_token] "
        "[--browser 'CMD %u'] [--json]\n"
        "  oauth2-debugger flow hybrid              PROFILE [--response-type 'code id_token'|'code token'|\n"
        "                 'code id_token token'] [--browser 'CMD %u'] [--json]\n"
        "  oauth2-debugger refresh                  PROFILE [--refresh-token-env NAME] [--json] [--reveal]\n"
        "  oauth2-debugger decode TOKEN|-                    [--jwks URL|FILE | PROFILE] "
        "[--client-secret-env NAME] [--json]\n"
        "  oauth2-debugger decode - --each-line             [--jwks URL|FILE] [--client-secret-env NAME]\n"
        "  oauth2-debugger userinfo    PROFILE TOKEN-SOURCE [--json]\n"
        "  oauth2-debugger introspect  PROFILE TOKEN-SOURCE [--hint access_token|refresh_token] [--json]\n"
        "  oauth2-debugger revoke      PROFILE TOKEN-SOURCE [--hint access_token|refresh_token] [--json]\n"
        "  oauth2-debugger call        PROFILE TOKEN-SOURCE --url URL [--method M] [--header 'Name: "
        "value']... "
        "[--data BODY] [--dpop] [--json]\n"
        "  oauth2-debugger logout      PROFILE [--id-token-env NAME] [--browser 'CMD %u'] [--timeout "
        "SECONDS] "
        "[--json]\n"
        "  oauth2-debugger checks [ID] [--markdown]         what a check identifier (AZ-05, MD-02, …) means\n"
        "  oauth2-debugger --version | --help\n"
        "\n"
        "PROFILE is --profile NAME, a profile saved in the window (\"Local demo\" is always there), or\n"
        "--profile-file FILE: the JSON the window exports (resources/profiles.schema.json), with --profile "
        "NAME\n"
        "to pick one when the file holds several. --env NAME runs the profile in one of its environments\n"
        "(dev, staging, prod …): that environment's issuer, client and parameters, and its own secret.\n"
        "A client secret comes from the OS keychain, where the window stores it, or from the environment\n"
        "variable that --client-secret-env NAME names; never from an argument. refresh uses the refresh "
        "token\n"
        "the profile keeps in the keychain (if it keeps one), or the variable --refresh-token-env NAME "
        "names.\n"
        "--timeout overrides the profile's wait for the browser. Tokens are masked unless --reveal.\n"
        "flow without a grant runs the one the profile chose (its \"grant\"; authorization_code unless "
        "set).\n"
        "flow device_code (RFC 8628) prints the user code, where to enter it and a QR code of it on stderr\n"
        "at once, then polls until the sign-in is done (exit 0), denied (1) or the code expires (4); with\n"
        "--browser 'CMD %u' it also opens verification_uri_complete with that command.\n"
        "flow token_exchange (RFC 8693) trades the token in the variable --subject-token-env names for a "
        "new\n"
        "one; TYPE is access_token (the default), refresh_token, id_token, jwt, saml1, saml2 or a full URI.\n"
        "flow jwt_bearer (RFC 7523) signs an assertion (iss the client_id, aud the token endpoint, exp in 5\n"
        "minutes, unless told otherwise) with --assertion-key-file's key, else the client's, and shows it\n"
        "decoded. flow password (RFC 6749 §4.3) is for old servers only: RFC 9700 §2.4 forbids it, and the\n"
        "report says why; the password comes from the variable --password-env names.\n"
        "flow implicit and flow hybrid (OIDC Core §3.2, §3.3) take the response from the URL fragment (the\n"
        "listener's page posts it back) and verify the front channel's ID token (nonce, at_hash, c_hash)\n"
        "before a hybrid code is exchanged; an access token in the front channel is warned about (LG-02).\n"
        "logout (OpenID Connect RP-Initiated Logout) sends the browser to end_session_endpoint with the ID\n"
        "token in the variable --id-token-env names as id_token_hint, and waits for it on\n"
        "post_logout_redirect_uri (the redirect URI's host and port, path /logout) with its state checked.\n"
        "--jar signs the authorization parameters as a request object (RFC 9101: iss the client, aud the\n"
        "issuer, or --jar-audience AUD) with the client's key, shown decoded; with --par it is pushed.\n"
        "--dpop sender-constrains the tokens (RFC 9449): every token request and userinfo sends a proof\n"
        "signed with the profile's DPoP key (made at its first use and kept in the keychain;\n"
        "a profile file's run makes its own), dpop_jkt goes in the authorization request, and a server's\n"
        "use_dpop_nonce is answered once with its nonce. --dpop-fault wrong-htu|reused-jti|no-proof sends\n"
        "proofs as a broken client would, to see what the server says (DP-02, DP-06, DP-07).\n"
        "call sends any request to an API with the access token (Bearer, or DPoP with a proof carrying\n"
        "its ath when the profile or --dpop says so), shows the answer, and explains each challenge of a\n"
        "refusal's WWW-Authenticate (AP-01). The URL is the consent to send the token there: https only\n"
        "(http for a local test server).\n"
        "--par pushes the authorization request first (RFC 9126) with the client's authentication; the\n"
        "browser then gets only client_id and request_uri. A server whose metadata says\n"
        "require_pushed_authorization_requests gets pushed requests without it.\n"
        "--check-request fetches the authorization URL once, without cookies and without a browser, and "
        "says\n"
        "what the server answers before any sign-in (a bad client_id or redirect_uri is often refused "
        "there).\n"
        "--client-key-file FILE gives private_key_jwt's private key (PEM or JWK: RSA, EC P-256, Ed25519); "
        "the\n"
        "assertion is signed anew for each request and shown decoded.\n"
        "--client-cert-file FILE gives tls_client_auth's or self_signed_tls_client_auth's certificate "
        "(PEM),\n"
        "its key from --client-key-file (or the same file); the endpoints of mtls_endpoint_aliases are "
        "used.\n"
        "--basic-form form-encoded|raw overrides how client_secret_basic builds its header: form-encoded is\n"
        "RFC 6749 §2.3.1 (the default), raw is base64(id:secret) for servers that do not form-decode it.\n"
        "A profile file is data: it never runs a program, picks a file or weakens TLS, so its\n"
        "browserCommand, caFile and allowSelfSigned are refused unless you give --browser 'CMD %u',\n"
        "--ca-file FILE or --allow-self-signed yourself; it never uses the keychain (--client-secret-env).\n"
        "Credentials go to an endpoint on another host than the issuer's only after --allow-endpoint-host\n"
        "HOST (or the window's approval, for a saved profile).\n"
        "--json prints one JSON document on stdout (schemaVersion 1: members are only ever added).\n"
        "decode - --each-line reads one token a line and prints one JSON line each (JSON Lines), in order;\n"
        "exit 1 when any line is not a token or does not verify.\n"
        "The flows verify the ID token (and a JWT access token) against the issuer's keys and print the "
        "checks.\n"
        "\n"
        "decode reads any token (\"-\": from stdin, which other users cannot see; an argument they can) "
        "and,\n"
        "with --jwks, verifies its signature with that key set (an https URL, or a file), or with a PROFILE\n"
        "with the keys its issuer publishes; HS256 tokens use the secret --client-secret-env names (or the\n"
        "profile's). TOKEN-SOURCE is --token-env NAME (a variable holding the\n"
        "token) or --token-stdin.\n"
        "\n"
        "Exit codes: 0 success, 1 the server or a validation said no, 2 usage error, 3 network or TLS "
        "failure,\n"
        "4 cancelled or timed out.\n");
}

} // namespace oauth2dbg
