#include "ProfileFlow.h"

#include "oauth/ClientAuthentication.h"
#include "oauth/RefusalDiagnosis.h"

#include <QJsonArray>

namespace oauth2dbg::ProfileFlow {

DiscoveryResult withEndpoints(const Profile& profile, DiscoveryResult discovered)
{
    for (auto it = profile.endpoints.cbegin(); it != profile.endpoints.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        const QString before = discovered.metadata.value(it.key()).toString();
        if (before == it.value())
            continue;
        discovered.metadata.insert(it.key(), it.value());
        discovered.findings.append(
            {.severity = Severity::Info,
             .rule = QStringLiteral("Profile"),
             .field = it.key(),
             .message = before.isEmpty() ? QStringLiteral("Given by hand in the profile: %1").arg(it.value())
                                         : QStringLiteral("Given by hand in the profile: %1 (the metadata "
                                                          "says %2)")
                                               .arg(it.value(), before)});
    }
    return discovered;
}

DiscoveryResult endpointsOnly(const Profile& profile)
{
    DiscoveryResult result;
    const bool anyEndpoint = std::any_of(profile.endpoints.cbegin(), profile.endpoints.cend(),
                                         [](const QString& url) { return !url.trimmed().isEmpty(); });
    if (!anyEndpoint) {
        result.error = {.kind = ErrorKind::InvalidInput,
                        .message =
                            QStringLiteral("The profile has neither an issuer nor endpoints: give the "
                                           "issuer (its metadata lists the endpoints), or the endpoints "
                                           "by hand.")};
        return result;
    }
    result.findings.append({.severity = Severity::Info,
                            .rule = QStringLiteral("Profile"),
                            .message = QStringLiteral("No issuer: the profile's endpoints are used as given, "
                                                      "and the response's iss cannot be checked.")});
    return withEndpoints(profile, result);
}

QString pkceName(Pkce::Method method)
{
    return method == Pkce::Method::None ? QStringLiteral("none") : Pkce::methodName(method);
}

Pkce::Method pkceMethod(const QString& name)
{
    if (name == u"plain")
        return Pkce::Method::Plain;
    if (name == u"none")
        return Pkce::Method::None;
    return Pkce::Method::S256;
}

AuthorizationSettings authorizationSettings(const Profile& profile, const DiscoveryResult& discovery,
                                            QString* error)
{
    const auto fail = [error](const QString& message) {
        *error = message;
        return AuthorizationSettings{};
    };
    AuthorizationSettings s;
    s.issuer = discovery.issuer;
    s.issRequired = discovery.metadata.value(u"authorization_response_iss_parameter_supported").toBool();
    s.metadata = discovery.metadata;
    s.allowHttp = profile.localTestServer;
    AuthorizationParameters& p = s.parameters;
    p.authorizationEndpoint =
        QUrl(discovery.metadata.value(u"authorization_endpoint").toString(), QUrl::StrictMode);
    p.clientId = profile.clientId.trimmed();
    p.scope = profile.scopes.simplified();
    p.pkce = pkceMethod(profile.pkceMethod);
    p.extra = profile.authorizationParameters;
    if (!p.authorizationEndpoint.isValid() || p.authorizationEndpoint.isRelative())
        return fail(
            QStringLiteral("There is no usable authorization_endpoint (from discovery or the profile)."));
    if (p.clientId.isEmpty())
        return fail(QStringLiteral("The profile has no client_id."));

    s.listener.timeout = std::chrono::minutes(profile.browserTimeoutMinutes);
    const QString uri = profile.redirectUri.trimmed();
    // The redirect's rules live in the profile's validation; a flow refuses what it refuses.
    for (const FieldProblem& problem : profile.validate()) {
        if (problem.field == u"redirectUri" || problem.field == u"redirectMode")
            return fail(problem.message);
    }
    if (profile.redirectMode == u"loopback-fixed") {
        const QUrl url(uri, QUrl::StrictMode);
        s.listener.port = static_cast<quint16>(url.port());
        s.listener.path = url.path().isEmpty() ? QStringLiteral("/") : url.path();
        s.listener.advertiseLocalhost = url.host() == u"localhost";
        s.listener.preferIpv6 = url.host() == u"::1";
    } else if (profile.redirectMode == u"manual") {
        s.manualCapture = true;
        p.redirectUri = uri;
    }
    if (const QString type = responseTypeOf(profile.grant); type != u"code")
        setResponseType(&s, type);
    // A response type among the profile's own parameters is what the request sends: expect its answer.
    for (const auto& [name, value] : p.extra) {
        if (name == u"response_mode")
            p.responseMode = value;
        if (name == u"response_type")
            setResponseType(&s, value);
    }
    error->clear();
    return s;
}

QString responseTypeOf(const QString& grant)
{
    if (grant == u"implicit")
        return QStringLiteral("id_token token");
    return grant == u"hybrid" ? QStringLiteral("code id_token") : QStringLiteral("code");
}

void setResponseType(AuthorizationSettings* s, const QString& responseType)
{
    AuthorizationParameters& p = s->parameters;
    p.responseType = responseType.simplified();
    const bool front = p.responseType != u"code";
    if (!p.responseType.split(u' ').contains(u"code"))
        p.pkce = Pkce::Method::None; // no code, nothing for a verifier to prove
    s->listener.fragmentRelay = front && (p.responseMode.isEmpty() || p.responseMode == u"fragment");
    s->listener.acceptFormPost = s->listener.acceptFormPost || p.responseMode == u"form_post";
}

namespace {
// Each endpoint's auth methods as the metadata lists them (the token endpoint's with RFC 8414's default).
QMap<QString, QStringList> serverMethods(const DiscoveryResult& discovery)
{
    const QJsonObject& metadata = discovery.metadata;
    const bool fromServer = discovery.ok() && !discovery.documentUrl.isEmpty();
    return {{QStringLiteral("token"), RefusalDiagnosis::tokenEndpointMethods(metadata, fromServer)},
            {QStringLiteral("introspection"),
             RefusalDiagnosis::listedStrings(metadata, u"introspection_endpoint_auth_methods_supported")},
            {QStringLiteral("revocation"),
             RefusalDiagnosis::listedStrings(metadata, u"revocation_endpoint_auth_methods_supported")}};
}
} // namespace

QString endpointFor(const QJsonObject& metadata, const QString& name, bool mutualTls)
{
    const QString alias = metadata.value(u"mtls_endpoint_aliases").toObject().value(name).toString();
    return mutualTls && !alias.isEmpty() ? alias : metadata.value(name).toString();
}

TokenEndpointConfig tokenConfig(const Profile& profile, const DiscoveryResult& discovery,
                                const Secret& clientSecret)
{
    ClientAuthMethod method = ClientAuthMethod::None;
    (void)ClientAuthentication::methodFromName(profile.authMethod, &method);
    BasicForm form = BasicForm::FormEncoded;
    (void)ClientAuthentication::formFromName(profile.basicForm, &form);
    return {.tokenEndpoint = QUrl(endpointFor(discovery.metadata, QStringLiteral("token_endpoint"),
                                              ClientAuthentication::usesCertificate(method)),
                                  QUrl::StrictMode),
            .clientId = profile.clientId.trimmed(),
            .clientSecret = clientSecret,
            .method = method,
            .basicForm = form,
            .serverMethods = serverMethods(discovery),
            .signingAlgorithms = RefusalDiagnosis::listedStrings(
                discovery.metadata, u"token_endpoint_auth_signing_alg_values_supported"),
            .assertionAlgorithm = profile.assertionAlgorithm,
            .assertionAudience = profile.assertionAudience,
            .issuer = discovery.metadata.value(u"issuer").toString(profile.issuer.trimmed()),
            .allowHttp = profile.localTestServer,
            .timeout = std::chrono::seconds(profile.requestTimeoutSeconds),
            .tls = profile.tls(),
            .extraParameters = profile.tokenParameters,
            .issuerHost = issuerHost(profile, discovery),
            .approvedHosts = profile.approvedHosts};
}

QString issuerHost(const Profile& profile, const DiscoveryResult& discovery)
{
    const QString issuer = discovery.metadata.value(u"issuer").toString(profile.issuer.trimmed());
    return QUrl(issuer, QUrl::StrictMode).host().toLower();
}

QList<UnapprovedHost> unapprovedHosts(const Profile& profile, const DiscoveryResult& discovery)
{
    QList<UnapprovedHost> found;
    const QString own = issuerHost(profile, discovery);
    if (own.isEmpty())
        return found;
    for (const char16_t* name :
         {u"token_endpoint", u"introspection_endpoint", u"revocation_endpoint", u"userinfo_endpoint",
          u"pushed_authorization_request_endpoint", u"device_authorization_endpoint"}) {
        const QString host =
            QUrl(discovery.metadata.value(QStringView(name)).toString(), QUrl::StrictMode).host().toLower();
        if (host.isEmpty() || host == own || profile.approvedHosts.contains(host))
            continue;
        const auto same = [&host](const UnapprovedHost& u) {
            return u.host == host;
        };
        if (auto it = std::find_if(found.begin(), found.end(), same); it != found.end())
            it->endpoints << QString::fromUtf16(name);
        else
            found.append({host, {QString::fromUtf16(name)}});
    }
    return found;
}

IdTokenExpectations idTokenExpectations(const Profile& profile, const DiscoveryResult& discovery,
                                        const Secret& clientSecret, int clockSkewSeconds)
{
    IdTokenExpectations expected;
    expected.issuer = discovery.metadata.value(u"issuer").toString(profile.issuer);
    expected.clientId = profile.clientId;
    for (const QJsonValue& alg : discovery.metadata.value(u"id_token_signing_alg_values_supported").toArray())
        expected.supportedAlgs << alg.toString();
    if (profile.needsSecret())
        expected.clientSecret = clientSecret;
    expected.clock = {.now = QDateTime::currentDateTimeUtc(), .skewSeconds = clockSkewSeconds};
    return expected;
}

DiscoveryOptions discoveryOptions(const Profile& profile)
{
    return {.allowHttp = profile.localTestServer,
            .timeout = std::chrono::seconds(profile.requestTimeoutSeconds),
            .tls = profile.tls()};
}

JwksClient::Options jwksOptions(const Profile& profile)
{
    return {.allowHttp = profile.localTestServer,
            .timeout = std::chrono::seconds(profile.requestTimeoutSeconds),
            .tls = profile.tls()};
}

} // namespace oauth2dbg::ProfileFlow
