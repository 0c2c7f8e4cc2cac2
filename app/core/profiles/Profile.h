#pragma once

#include "net/HttpExchange.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <utility>

namespace oauth2dbg {

using Parameters = QList<std::pair<QString, QString>>;

// One thing wrong with a profile, tied to the field that has it (a member name of the JSON form, or
// "endpoints.<metadata name>").
struct FieldProblem {
    QString field;
    QString message;
    friend bool operator==(const FieldProblem&, const FieldProblem&) = default;
};

// One stage the same client runs against (dev, staging, prod): what it sets differently from its profile.
// Empty members take the profile's value. An environment that names its own issuer takes none of the
// profile's hand-given endpoints (they belong to the other server); its parameters replace the profile's of
// the same name and add the rest. Its client secret is its own keychain entry.
struct ProfileEnvironment {
    QString id; // stable across renames: keys the environment's keychain entries
    QString name;
    QString issuer;
    QMap<QString, QString> endpoints;
    QString clientId;
    QString redirectMode; // with redirectUri, as the profile's; empty: the profile's redirect
    QString redirectUri;
    Parameters authorizationParameters;
    Parameters tokenParameters;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static ProfileEnvironment fromJson(const QJsonObject& json);
    // An id for a new environment: its name's letters and digits, made unique among `taken`.
    [[nodiscard]] static QString idFor(const QString& name, const QStringList& taken);
    friend bool operator==(const ProfileEnvironment&, const ProfileEnvironment&) = default;
};

// A client configuration the user keeps. Secrets are never part of it: they live in the OS keychain.
struct Profile {
    QString id; // stable across renames: keys the profile's keychain entries
    QString name;
    QString issuer; // empty when every endpoint is given by hand
    // Endpoints given by hand, by their metadata name (token_endpoint, jwks_uri, ...): they win over
    // discovery, or stand in for it when there is no issuer.
    QMap<QString, QString> endpoints;
    QString clientId;
    QString clientType = QStringLiteral("public");      // confidential or public
    QString authMethod = QStringLiteral("none");        // client_secret_basic, client_secret_post or none
    QString basicForm = QStringLiteral("form-encoded"); // client_secret_basic's header: form-encoded or raw
    // private_key_jwt / client_secret_jwt: whom the assertion names as its audience: the URL of the endpoint
    // it goes to (endpoint) or the issuer identifier (issuer)
    QString assertionAudience = QStringLiteral("endpoint");
    QString
        assertionAlgorithm; // empty: chosen from the key and the server's list; else RS256, PS256, ES256 …
    QString scopes;
    QString redirectMode = QStringLiteral("loopback"); // loopback (any port), loopback-fixed, manual
    QString redirectUri;                               // for loopback-fixed and manual
    QString pkceMethod = QStringLiteral("S256");       // S256, plain or none
    // What the client does to get tokens: one of grantNames() (the command line's flow names).
    QString grant = QStringLiteral("authorization_code");
    // RFC 9449: sender-constrained tokens. Every token and resource request carries a proof signed with the
    // profile's DPoP key (kept in the keychain, made at its first use).
    bool dpop = false;
    Parameters authorizationParameters; // extra parameters of the authorization request
    Parameters tokenParameters;         // extra parameters of every token request
    QString browserCommand;             // empty: the system browser; %u stands for the URL
    bool localTestServer = false;       // allows http:// to a server on this machine
    QString caFile;                     // extra CA certificates (PEM) to trust for this profile
    bool allowSelfSigned = false;       // accept a self-signed certificate (shown as a warning)
    int requestTimeoutSeconds = 30;     // each HTTP request
    int browserTimeoutMinutes = 5;      // how long the listener waits for the browser
    bool keepRefreshToken = false;      // keep the refresh token in the keychain (opt-in)
    bool plainFileFallback = false;     // no keychain: keep this profile's secrets in a plain file (opt-in)
    // Hosts other than the issuer's that the user approved to receive this client's credentials (a discovered
    // token endpoint elsewhere, say). Never taken from a file someone sent.
    QStringList approvedHosts;
    QString notes;
    QList<ProfileEnvironment> environments;
    // Set on the profile as one environment has it (inEnvironment()): that environment's name. Not saved.
    QString environment;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] TlsOptions tls() const { return {caFile, allowSelfSigned}; }
    // A credential from the keychain: a client secret, or (signsWithKey) the client's private key.
    [[nodiscard]] bool needsSecret() const { return authMethod != u"none"; }
    [[nodiscard]] bool signsWithKey() const { return authMethod == u"private_key_jwt"; }
    // tls_client_auth, self_signed_tls_client_auth: a client certificate, kept with its key in the keychain.
    [[nodiscard]] bool usesCertificate() const
    {
        return authMethod == u"tls_client_auth" || authMethod == u"self_signed_tls_client_auth";
    }
    [[nodiscard]] static Profile fromJson(const QJsonObject& json);
    friend bool operator==(const Profile&, const Profile&) = default;

    // Everything that keeps the profile from being used, field by field; empty when it is fine.
    [[nodiscard]] QList<FieldProblem> validate() const;
    // Those of the environments: fields "environments.<index>.<member>".
    [[nodiscard]] QList<FieldProblem> environmentProblems() const;

    // The environment of that name (case does not matter) or id; null when there is none.
    [[nodiscard]] const ProfileEnvironment* findEnvironment(const QString& nameOrId) const;
    // The profile as it runs in `environment`: its values with the environment's over them, its own id
    // (baseId() gives the profile's back) and no environments of its own.
    [[nodiscard]] Profile inEnvironment(const ProfileEnvironment& environment) const;
    // The id of the profile an environment's id belongs to (the id itself when it is a profile's).
    [[nodiscard]] static QString baseId(const QString& id);
    [[nodiscard]] QStringList environmentNames() const;
    static constexpr qsizetype kMaxEnvironments = 50;

    // The grants a profile may choose, as `flow` names them; and each one's grant_types_supported value.
    [[nodiscard]] static const QStringList& grantNames();
    [[nodiscard]] static QString grantTypeOf(const QString& grant);
    // The endpoint names a profile may give by hand, in the order a form shows them.
    [[nodiscard]] static const QStringList& endpointNames();

    // The profile that points at the demo provider started by the README's first command.
    [[nodiscard]] static Profile localDemo(const QString& issuer = QString());
    static constexpr auto kDemoIssuer = "http://127.0.0.1:9440";
    static constexpr auto kDemoId = "local-demo";
};

// "name=value" lines (the form's text) to parameters and back; a line without "=" is reported.
[[nodiscard]] Parameters parseParameterLines(const QString& text, QString* badLine = nullptr);
[[nodiscard]] QString parameterLines(const Parameters& parameters);
// Parameters as a profile file has them: [{"name": …, "value": …}, …].
[[nodiscard]] QJsonArray parametersToJson(const Parameters& parameters);
[[nodiscard]] Parameters parametersFromJson(const QJsonValue& value);
// Hand-given endpoints: the non-empty ones, trimmed.
[[nodiscard]] QJsonObject endpointsToJson(const QMap<QString, QString>& endpoints);
[[nodiscard]] QMap<QString, QString> endpointsFromJson(const QJsonValue& value);

} // namespace oauth2dbg
