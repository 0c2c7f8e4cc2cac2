#include "Profile.h"

#include "oauth/DiscoveryUrl.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QUrl>

namespace oauth2dbg {

namespace {
bool oneOf(const QString& value, std::initializer_list<const char16_t*> allowed)
{
    return std::any_of(allowed.begin(), allowed.end(), [&value](const char16_t* a) { return value == a; });
}

// An endpoint or issuer URL: absolute, https, or http to this machine when the profile is a local test
// server. Empty means "not given" and is checked by the caller.
QString urlProblem(const QString& text, bool localTestServer)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return QStringLiteral("Enter an absolute URL, e.g. https://login.example.com/…");
    if (url.scheme() == u"https")
        return {};
    if (url.scheme() != u"http")
        return QStringLiteral("Only https:// (or http:// to this machine) can be used.");
    if (!DiscoveryUrl::isLoopbackHost(url.host()))
        return QStringLiteral("Use https://: plain http is only for a server on this machine.");
    if (!localTestServer)
        return QStringLiteral("http:// to this machine needs \"Local test server\" (Advanced) to be on.");
    return {};
}

QString parametersProblem(const Parameters& parameters)
{
    for (const auto& [name, value] : parameters) {
        if (name.trimmed().isEmpty())
            return QStringLiteral("A parameter has no name.");
        if (name.contains(u"secret", Qt::CaseInsensitive) || name == u"client_assertion")
            return QStringLiteral("\"%1\" is a credential: it belongs in the keychain, not in the profile.")
                .arg(name);
    }
    return {};
}
} // namespace

const QStringList& Profile::grantNames()
{
    static const QStringList names{QStringLiteral("authorization_code"), QStringLiteral("client_credentials"),
                                   QStringLiteral("device_code"),        QStringLiteral("token_exchange"),
                                   QStringLiteral("jwt_bearer"),         QStringLiteral("password"),
                                   QStringLiteral("implicit"),           QStringLiteral("hybrid")};
    return names;
}

QString Profile::grantTypeOf(const QString& grant)
{
    if (grant == u"device_code")
        return QStringLiteral("urn:ietf:params:oauth:grant-type:device_code");
    if (grant == u"token_exchange")
        return QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange");
    if (grant == u"jwt_bearer")
        return QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer");
    if (grant == u"hybrid") // its code goes to the token endpoint; its front channel is implicit's
        return QStringLiteral("authorization_code");
    return grant;
}

const QStringList& Profile::endpointNames()
{
    static const QStringList names{
        QStringLiteral("authorization_endpoint"),
        QStringLiteral("token_endpoint"),
        QStringLiteral("revocation_endpoint"),
        QStringLiteral("introspection_endpoint"),
        QStringLiteral("userinfo_endpoint"),
        QStringLiteral("device_authorization_endpoint"),
        QStringLiteral("pushed_authorization_request_endpoint"),
        QStringLiteral("jwks_uri"),
        QStringLiteral("end_session_endpoint"),
    };
    return names;
}

QJsonArray parametersToJson(const Parameters& parameters)
{
    QJsonArray array;
    for (const auto& [name, value] : parameters)
        array.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    return array;
}

Parameters parametersFromJson(const QJsonValue& value)
{
    Parameters parameters;
    for (const QJsonValue& entry : value.toArray()) {
        const QJsonObject object = entry.toObject();
        parameters.append({object.value(u"name").toString(), object.value(u"value").toString()});
    }
    return parameters;
}

QJsonObject endpointsToJson(const QMap<QString, QString>& endpoints)
{
    QJsonObject json;
    for (auto it = endpoints.cbegin(); it != endpoints.cend(); ++it) {
        if (!it.value().trimmed().isEmpty())
            json.insert(it.key(), it.value().trimmed());
    }
    return json;
}

QMap<QString, QString> endpointsFromJson(const QJsonValue& value)
{
    QMap<QString, QString> endpoints;
    const QJsonObject json = value.toObject();
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (!it.value().toString().trimmed().isEmpty())
            endpoints.insert(it.key(), it.value().toString().trimmed());
    }
    return endpoints;
}

QJsonObject Profile::toJson() const
{
    QJsonObject json{
        {QStringLiteral("name"), name},
        {QStringLiteral("issuer"), issuer},
        {QStringLiteral("endpoints"), endpointsToJson(endpoints)},
        {QStringLiteral("clientId"), clientId},
        {QStringLiteral("clientType"), clientType},
        {QStringLiteral("authMethod"), authMethod},
        {QStringLiteral("basicForm"), basicForm},
        {QStringLiteral("assertionAudience"), assertionAudience},
        {QStringLiteral("assertionAlgorithm"), assertionAlgorithm},
        {QStringLiteral("scopes"), scopes},
        {QStringLiteral("redirectMode"), redirectMode},
        {QStringLiteral("redirectUri"), redirectUri},
        {QStringLiteral("pkceMethod"), pkceMethod},
        {QStringLiteral("grant"), grant},
        {QStringLiteral("dpop"), dpop},
        {QStringLiteral("authorizationParameters"), parametersToJson(authorizationParameters)},
        {QStringLiteral("tokenParameters"), parametersToJson(tokenParameters)},
        {QStringLiteral("browserCommand"), browserCommand},
        {QStringLiteral("localTestServer"), localTestServer},
        {QStringLiteral("caFile"), caFile},
        {QStringLiteral("allowSelfSigned"), allowSelfSigned},
        {QStringLiteral("requestTimeoutSeconds"), requestTimeoutSeconds},
        {QStringLiteral("browserTimeoutMinutes"), browserTimeoutMinutes},
        {QStringLiteral("keepRefreshToken"), keepRefreshToken},
        {QStringLiteral("plainFileFallback"), plainFileFallback},
        {QStringLiteral("notes"), notes},
    };
    if (!approvedHosts.isEmpty())
        json.insert(QStringLiteral("approvedHosts"), QJsonArray::fromStringList(approvedHosts));
    if (!id.isEmpty())
        json.insert(QStringLiteral("id"), id);
    if (!environments.isEmpty()) {
        QJsonArray array;
        for (const ProfileEnvironment& e : environments)
            array.append(e.toJson());
        json.insert(QStringLiteral("environments"), array);
    }
    return json;
}

Profile Profile::fromJson(const QJsonObject& json)
{
    const auto text = [&json](const char16_t* key, const QString& fallback = {}) {
        return json.value(QStringView(key)).toString(fallback);
    };
    Profile p;
    p.id = text(u"id");
    p.name = text(u"name");
    p.issuer = text(u"issuer");
    p.endpoints = endpointsFromJson(json.value(u"endpoints"));
    p.clientId = text(u"clientId");
    p.authMethod = text(u"authMethod", QStringLiteral("none"));
    p.basicForm = text(u"basicForm", QStringLiteral("form-encoded"));
    p.assertionAudience = text(u"assertionAudience", QStringLiteral("endpoint"));
    p.assertionAlgorithm = text(u"assertionAlgorithm");
    // Profiles from before client types: the method says which it is.
    p.clientType = text(u"clientType",
                        p.authMethod == u"none" ? QStringLiteral("public") : QStringLiteral("confidential"));
    p.scopes = text(u"scopes");
    p.redirectMode = text(u"redirectMode", QStringLiteral("loopback"));
    p.redirectUri = text(u"redirectUri");
    p.pkceMethod = text(u"pkceMethod", QStringLiteral("S256"));
    p.grant = text(u"grant", QStringLiteral("authorization_code"));
    p.dpop = json.value(u"dpop").toBool();
    p.authorizationParameters = parametersFromJson(json.value(u"authorizationParameters"));
    p.tokenParameters = parametersFromJson(json.value(u"tokenParameters"));
    p.browserCommand = text(u"browserCommand");
    p.localTestServer = json.value(u"localTestServer").toBool();
    p.caFile = text(u"caFile");
    p.allowSelfSigned = json.value(u"allowSelfSigned").toBool();
    p.requestTimeoutSeconds = json.value(u"requestTimeoutSeconds").toInt(30);
    p.browserTimeoutMinutes = json.value(u"browserTimeoutMinutes").toInt(5);
    p.keepRefreshToken = json.value(u"keepRefreshToken").toBool();
    p.plainFileFallback = json.value(u"plainFileFallback").toBool();
    p.notes = text(u"notes");
    for (const QJsonValue& host : json.value(u"approvedHosts").toArray()) {
        if (const QString name = host.toString().trimmed().toLower();
            !name.isEmpty() && !p.approvedHosts.contains(name))
            p.approvedHosts << name;
    }
    QStringList ids;
    for (const QJsonValue& entry : json.value(u"environments").toArray()) {
        ProfileEnvironment e = ProfileEnvironment::fromJson(entry.toObject());
        if (e.id.isEmpty()) // written by hand
            e.id = ProfileEnvironment::idFor(e.name, ids);
        ids << e.id;
        p.environments << e;
    }
    return p;
}

QList<FieldProblem> Profile::validate() const
{
    QList<FieldProblem> problems;
    const auto add = [&problems](const QString& field, const QString& message) {
        problems.append({field, message});
    };
    if (name.trimmed().isEmpty())
        add(QStringLiteral("name"), QStringLiteral("Give the profile a name."));

    if (!issuer.trimmed().isEmpty()) {
        if (const QString problem = urlProblem(issuer, localTestServer); !problem.isEmpty())
            add(QStringLiteral("issuer"), problem);
    } else if (endpoints.value(QStringLiteral("token_endpoint")).trimmed().isEmpty() &&
               endpoints.value(QStringLiteral("authorization_endpoint")).trimmed().isEmpty()) {
        add(QStringLiteral("issuer"),
            QStringLiteral("Give the issuer, or at least the authorization or token endpoint by hand."));
    }
    for (auto it = endpoints.cbegin(); it != endpoints.cend(); ++it) {
        if (!endpointNames().contains(it.key()))
            add(u"endpoints." % it.key(),
                QStringLiteral("\"%1\" is not an endpoint this version knows.").arg(it.key()));
        else if (!it.value().trimmed().isEmpty())
            if (const QString problem = urlProblem(it.value(), localTestServer); !problem.isEmpty())
                add(u"endpoints." % it.key(), problem);
    }

    if (clientId.trimmed().isEmpty())
        add(QStringLiteral("clientId"), QStringLiteral("The client_id is required."));
    if (!oneOf(clientType, {u"confidential", u"public"}))
        add(QStringLiteral("clientType"), QStringLiteral("The client type is confidential or public."));
    if (!oneOf(authMethod, {u"client_secret_basic", u"client_secret_post", u"none", u"private_key_jwt",
                            u"client_secret_jwt", u"tls_client_auth", u"self_signed_tls_client_auth"}))
        add(QStringLiteral("authMethod"),
            QStringLiteral("The method is client_secret_basic, client_secret_post, private_key_jwt, "
                           "client_secret_jwt, tls_client_auth, self_signed_tls_client_auth or none."));
    else if (clientType == u"public" && authMethod != u"none")
        add(QStringLiteral("authMethod"),
            QStringLiteral("A public client has no secret: its method is \"none\" (it proves itself with "
                           "PKCE)."));
    else if (clientType == u"confidential" && authMethod == u"none")
        add(QStringLiteral("authMethod"),
            QStringLiteral("A confidential client authenticates: choose client_secret_basic, "
                           "client_secret_post, private_key_jwt, client_secret_jwt, tls_client_auth or "
                           "self_signed_tls_client_auth."));

    if (!assertionAlgorithm.isEmpty() &&
        !oneOf(assertionAlgorithm, {u"RS256", u"RS384", u"RS512", u"PS256", u"PS384", u"PS512", u"ES256",
                                    u"EdDSA", u"Ed25519", u"HS256", u"HS384", u"HS512"}))
        add(QStringLiteral("assertionAlgorithm"),
            QStringLiteral(
                "The assertion's algorithm is empty (chosen for you) or one of RS256, PS256, ES256, "
                "EdDSA, HS256 and their 384/512 forms."));
    if (const QUrl aud(assertionAudience, QUrl::StrictMode);
        !oneOf(assertionAudience, {u"endpoint", u"issuer"}) &&
        (!aud.isValid() || aud.isRelative() || aud.host().isEmpty()))
        add(QStringLiteral("assertionAudience"),
            QStringLiteral("The assertion's audience is endpoint, issuer, or an absolute URL the server "
                           "names (such as https://login.example.com)."));
    if (!oneOf(basicForm, {u"form-encoded", u"raw"}))
        add(QStringLiteral("basicForm"),
            QStringLiteral("The Basic form is form-encoded (RFC 6749 §2.3.1) or raw."));

    if (!grantNames().contains(grant))
        add(QStringLiteral("grant"),
            QStringLiteral("The grant is one of: %1.").arg(grantNames().join(u", ")));
    if (!oneOf(pkceMethod, {u"S256", u"plain", u"none"}))
        add(QStringLiteral("pkceMethod"), QStringLiteral("PKCE is S256, plain or none."));
    if (redirectMode == u"loopback-fixed") {
        const QUrl url(redirectUri.trimmed(), QUrl::StrictMode);
        if (url.scheme() != u"http" || !DiscoveryUrl::isLoopbackHost(url.host()) || url.port() <= 0)
            add(QStringLiteral("redirectUri"),
                QStringLiteral("A fixed redirect looks like http://127.0.0.1:8080/callback (loopback, with a "
                               "port)."));
    } else if (redirectMode == u"manual") {
        const QUrl url(redirectUri.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.isRelative() || url.host().isEmpty())
            add(QStringLiteral("redirectUri"),
                QStringLiteral("Enter the redirect URI registered for this client, e.g. "
                               "https://app.example.com/callback."));
    } else if (redirectMode != u"loopback") {
        add(QStringLiteral("redirectMode"),
            QStringLiteral("The redirect is loopback, loopback-fixed or manual."));
    }
    if (const QString problem = parametersProblem(authorizationParameters); !problem.isEmpty())
        add(QStringLiteral("authorizationParameters"), problem);
    if (const QString problem = parametersProblem(tokenParameters); !problem.isEmpty())
        add(QStringLiteral("tokenParameters"), problem);

    if (!caFile.isEmpty() && (!QFileInfo(caFile).isFile() || !QFileInfo(caFile).isReadable()))
        add(QStringLiteral("caFile"), QStringLiteral("No readable file at %1.").arg(caFile));
    if (requestTimeoutSeconds < 1 || requestTimeoutSeconds > 600)
        add(QStringLiteral("requestTimeoutSeconds"),
            QStringLiteral("A request timeout is 1 to 600 seconds."));
    if (browserTimeoutMinutes < 1 || browserTimeoutMinutes > 60)
        add(QStringLiteral("browserTimeoutMinutes"),
            QStringLiteral("The wait for the browser is 1 to 60 minutes."));
    problems << environmentProblems();
    return problems;
}

Parameters parseParameterLines(const QString& text, QString* badLine)
{
    Parameters parameters;
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0) {
            if (badLine)
                *badLine = line.trimmed();
            continue;
        }
        parameters.append({line.left(eq).trimmed(), line.mid(eq + 1).trimmed()});
    }
    return parameters;
}

QString parameterLines(const Parameters& parameters)
{
    QStringList lines;
    for (const auto& [name, value] : parameters)
        lines << name % u'=' % value;
    return lines.join(u'\n');
}

Profile Profile::localDemo(const QString& issuer)
{
    Profile p;
    p.id = QString::fromLatin1(kDemoId);
    p.name = QStringLiteral("Local demo");
    p.issuer = issuer.isEmpty() ? QString::fromLatin1(kDemoIssuer) : issuer;
    p.clientId = QStringLiteral("debugger-public");
    p.scopes = QStringLiteral("openid profile email");
    p.localTestServer = true;
    p.notes =
        QStringLiteral("The demo provider on this machine (scripts/demo.sh starts it). A public client: "
                       "no secret, PKCE instead.");
    return p;
}

} // namespace oauth2dbg
