#pragma once

#include <QString>
#include <QStringList>

namespace oauth2dbg {

// The command line of the headless twin: `oauth2-debugger flow authorization_code --profile-file F ...`.
struct CliOptions {
    enum class Command {
        None,
        Help,
        Version,
        FlowAuthorizationCode,
        FlowClientCredentials,
        FlowDeviceCode,
        FlowTokenExchange,
        FlowJwtBearer,
        FlowPassword,
        FlowImplicit,
        FlowHybrid,
        FlowOfProfile, // `flow` without a grant: the profile's grant, once the profile is read
        Refresh,
        Decode,
        UserInfo,
        Introspect,
        Revoke,
        Logout, // RP-initiated logout: the browser to end_session_endpoint and back
        Call,   // any request to an API with the access token (Bearer, or DPoP with a proof)
        Checks  // the check catalogue: one entry, all of them, or docs/checks.md
    };

    Command command = Command::None;
    QString profileName;
    QString profileFile;
    QString environment; // --env: one of the profile's environments, by name
    QString browser;
    QString clientSecretEnv;
    QString refreshTokenEnv;
    QString demoIssuer;
    QString token;      // decode: the token as given ("-": read it from stdin)
    QString tokenEnv;   // userinfo, introspect, revoke: the variable that holds the token
    QString idTokenEnv; // logout: the variable that holds the ID token sent as id_token_hint
    bool tokenStdin = false;
    QString tokenHint; // introspect, revoke: access_token or refresh_token
    QString jwks;      // decode: a key set URL or file
    QString caFile;    // extra CA certificates to trust (a profile file cannot choose one)
    QString
        clientKeyFile; // --client-key-file: private_key_jwt's key (PEM); never key material in an argument
    QString clientCertFile; // --client-cert-file: mutual TLS's certificate (PEM)
    QString basicForm;      // --basic-form: client_secret_basic's header for this run (form-encoded or raw)
    // flow token_exchange: the tokens from environment variables, their types; audience and resource also
    // go with flow client_credentials.
    QString subjectTokenEnv;
    QString subjectTokenType;
    QString actorTokenEnv;
    QString actorTokenType;
    QString requestedTokenType;
    QString audience;
    QStringList resources;
    // flow jwt_bearer: the assertion's key (else the client's) and claims.
    QString assertionKeyFile;
    QString subject;
    QString assertionIssuer;
    QString assertionAudience;
    // flow implicit, flow hybrid: the response type (their defaults "id_token token" and "code id_token")
    QString responseType;
    // flow password
    QString username;
    QString passwordEnv;
    bool allowSelfSigned = false;
    QStringList allowedHosts; // hosts besides the issuer's that may receive the client's credentials
    int timeoutSeconds = 0;   // 0: the profile's wait for the browser
    bool json = false;
    bool eachLine = false;      // decode -: one token a line, one JSON line each
    bool checkRequest = false;  // flow authorization_code: ask the server about the request, no sign-in
    bool pushed = false;        // --par: push the authorization request first (RFC 9126)
    bool signedRequest = false; // --jar: the parameters as a request object signed with the client's key
    QString requestAudience;    // --jar-audience: another aud than the issuer, to see what the server says
    bool dpop = false;          // --dpop: sender-constrained tokens (RFC 9449), whatever the profile says
    QString dpopFault;    // --dpop-fault: proofs gone wrong on purpose (wrong-htu, reused-jti, no-proof)
    QString responseMode; // --response-mode: query, fragment, form_post, or JARM's jwt, query.jwt …
    QString authorizationDetails; // --authorization-details: RFC 9396's JSON array, as given
    QString callUrl;              // call --url
    QString callMethod;           // call --method (GET, or POST with --data)
    QStringList callHeaders;      // call --header 'Name: value', each
    QString callData;             // call --data: the body, as given
    bool reveal = false;
    QString checkId;       // checks: the identifier to explain (empty: all)
    bool markdown = false; // checks: as docs/checks.md
    QString error;         // a usage error, to print with the usage text (exit code 2)

    [[nodiscard]] static CliOptions parse(const QStringList& arguments);
    // What a grant needs that its command line lacks, or an option given to a command it does not go with
    // (CliOptionsRules.cpp); empty: nothing.
    [[nodiscard]] static QString grantProblem(const CliOptions& o);
    // The flow command of a grant name (Profile::grantNames()); None for a name it does not know.
    [[nodiscard]] static Command flowCommandOf(const QString& grant);
    // True when these arguments are for the command line rather than the window.
    [[nodiscard]] static bool isCommandLine(const QStringList& arguments);
    // The usage lines of one command (all commands' when it is unknown), for a usage error.
    [[nodiscard]] static QString usageFor(const QString& command);
    [[nodiscard]] static QString usage();
    // `; did you mean "flow"?` when one of `known` is at most two edits from `word`, else nothing.
    [[nodiscard]] static QString suggestion(const QString& word, const QStringList& known);
};

} // namespace oauth2dbg
