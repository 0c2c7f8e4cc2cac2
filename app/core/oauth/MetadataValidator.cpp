#include "MetadataValidator.h"

#include "DiscoveryUrl.h"

#include <QJsonArray>
#include <QUrl>

namespace oauth2dbg {

namespace {
const QStringList kStringArrayMembers = {
    QStringLiteral("scopes_supported"),
    QStringLiteral("response_types_supported"),
    QStringLiteral("response_modes_supported"),
    QStringLiteral("grant_types_supported"),
    QStringLiteral("token_endpoint_auth_methods_supported"),
    QStringLiteral("token_endpoint_auth_signing_alg_values_supported"),
    QStringLiteral("revocation_endpoint_auth_methods_supported"),
    QStringLiteral("revocation_endpoint_auth_signing_alg_values_supported"),
    QStringLiteral("introspection_endpoint_auth_methods_supported"),
    QStringLiteral("introspection_endpoint_auth_signing_alg_values_supported"),
    QStringLiteral("code_challenge_methods_supported"),
    QStringLiteral("ui_locales_supported"),
    QStringLiteral("claims_supported"),
    QStringLiteral("claim_types_supported"),
    QStringLiteral("claims_locales_supported"),
    QStringLiteral("subject_types_supported"),
    QStringLiteral("acr_values_supported"),
    QStringLiteral("display_values_supported"),
    QStringLiteral("prompt_values_supported"),
    QStringLiteral("id_token_signing_alg_values_supported"),
    QStringLiteral("id_token_encryption_alg_values_supported"),
    QStringLiteral("id_token_encryption_enc_values_supported"),
    QStringLiteral("userinfo_signing_alg_values_supported"),
    QStringLiteral("userinfo_encryption_alg_values_supported"),
    QStringLiteral("userinfo_encryption_enc_values_supported"),
    QStringLiteral("request_object_signing_alg_values_supported"),
    QStringLiteral("request_object_encryption_alg_values_supported"),
    QStringLiteral("request_object_encryption_enc_values_supported"),
    QStringLiteral("authorization_signing_alg_values_supported"),
    QStringLiteral("introspection_signing_alg_values_supported"),
    QStringLiteral("dpop_signing_alg_values_supported"),
};

const QStringList kBooleanMembers = {
    QStringLiteral("authorization_response_iss_parameter_supported"),
    QStringLiteral("require_pushed_authorization_requests"),
    QStringLiteral("claims_parameter_supported"),
    QStringLiteral("request_parameter_supported"),
    QStringLiteral("request_uri_parameter_supported"),
    QStringLiteral("require_request_uri_registration"),
    QStringLiteral("require_signed_request_object"),
    QStringLiteral("frontchannel_logout_supported"),
    QStringLiteral("frontchannel_logout_session_supported"),
    QStringLiteral("backchannel_logout_supported"),
    QStringLiteral("backchannel_logout_session_supported"),
    QStringLiteral("tls_client_certificate_bound_access_tokens"),
};

// Documentation links: shown to people, never fetched or opened by the engine.
const QStringList kStringMembers = {
    QStringLiteral("service_documentation"),
    QStringLiteral("op_policy_uri"),
    QStringLiteral("op_tos_uri"),
};

QString typeName(const QJsonValue& value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

Finding error(const QString& rule, const QString& field, const QString& message)
{
    return {Severity::Error, rule, field, message};
}

QString origin(const QUrl& url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString();
}
} // namespace

MetadataValidator::MetadataValidator(QString expectedIssuer, Kind kind, bool allowHttp)
    : m_expectedIssuer(std::move(expectedIssuer))
    , m_kind(kind)
    , m_allowHttp(allowHttp)
{}

const QStringList& MetadataValidator::endpointMembers()
{
    static const QStringList members = {
        QStringLiteral("authorization_endpoint"),
        QStringLiteral("token_endpoint"),
        QStringLiteral("userinfo_endpoint"),
        QStringLiteral("jwks_uri"),
        QStringLiteral("registration_endpoint"),
        QStringLiteral("revocation_endpoint"),
        QStringLiteral("introspection_endpoint"),
        QStringLiteral("device_authorization_endpoint"),
        QStringLiteral("pushed_authorization_request_endpoint"),
        QStringLiteral("end_session_endpoint"),
        QStringLiteral("check_session_iframe"),
        QStringLiteral("backchannel_authentication_endpoint"),
    };
    return members;
}

Findings MetadataValidator::validate(const QJsonObject& metadata) const
{
    Findings out;
    checkIssuer(metadata, out);

    // Each category says so when it passed, so the list shows what was checked, not only what failed.
    const auto passed = [&out](qsizetype before, const QString& rule, const QString& message) {
        for (qsizetype i = before; i < out.size(); ++i) {
            if (out.at(i).severity == Severity::Error)
                return;
        }
        out.append({Severity::Info, rule, QString(), message});
    };
    qsizetype before = out.size();
    checkRequired(metadata, out);
    passed(before, QStringLiteral("MD-03"), QStringLiteral("Every required member is present."));

    before = out.size();
    checkEndpoints(metadata, out);
    qsizetype endpoints = metadata.value(u"mtls_endpoint_aliases").toObject().size();
    for (const QString& member : endpointMembers())
        endpoints += metadata.contains(member) ? 1 : 0;
    passed(before, QStringLiteral("NA-09"),
           QStringLiteral("All %1 endpoints are absolute URLs the debugger may use.").arg(endpoints));

    before = out.size();
    checkTypes(metadata, out);
    passed(before, QStringLiteral("MD-03"),
           QStringLiteral("Every known member has the type the specs give it."));

    checkAdvice(metadata, out);
    return out;
}

void MetadataValidator::checkIssuer(const QJsonObject& metadata, Findings& out) const
{
    const QString field = QStringLiteral("issuer");
    const QJsonValue issuer = metadata.value(field);
    if (!issuer.isString()) {
        out.append(error(QStringLiteral("MD-02"), field,
                         QStringLiteral("\"issuer\" must be a string, but it is %1.").arg(typeName(issuer))));
        return;
    }
    const QString actual = issuer.toString();
    if (actual == m_expectedIssuer) {
        out.append({Severity::Info, QStringLiteral("MD-02"), field,
                    QStringLiteral("The issuer matches exactly: %1").arg(actual)});
        return;
    }
    QString message = QStringLiteral("The document says its issuer is \"%1\", but it was fetched for \"%2\". "
                                     "They must be identical (RFC 8414 §3.3, OpenID Connect Discovery §4.3).")
                          .arg(actual, m_expectedIssuer);
    if (actual == m_expectedIssuer + u'/' || actual + u'/' == m_expectedIssuer)
        message +=
            QStringLiteral(" They differ only by a trailing slash: use the issuer exactly as the server "
                           "writes it.");
    out.append(error(QStringLiteral("MD-02"), field, message));
}

void MetadataValidator::checkRequired(const QJsonObject& metadata, Findings& out) const
{
    QStringList required = {QStringLiteral("response_types_supported")};
    const QJsonValue grants = metadata.value(QStringLiteral("grant_types_supported"));
    const bool onlyClientCredentials = grants.isArray() && grants.toArray().size() > 0 && [&grants] {
        for (const QJsonValue& g : grants.toArray()) {
            if (g.toString() != u"client_credentials")
                return false;
        }
        return true;
    }();
    if (!onlyClientCredentials)
        required << QStringLiteral("authorization_endpoint");
    required << QStringLiteral("token_endpoint");
    if (m_kind == Kind::OpenIdConfiguration)
        required << QStringLiteral("jwks_uri") << QStringLiteral("subject_types_supported")
                 << QStringLiteral("id_token_signing_alg_values_supported");
    const QString spec = m_kind == Kind::OpenIdConfiguration ? QStringLiteral("OpenID Connect Discovery §3")
                                                             : QStringLiteral("RFC 8414 §2");
    for (const QString& member : std::as_const(required)) {
        if (!metadata.contains(member))
            out.append(error(QStringLiteral("MD-03"), member,
                             QStringLiteral("\"%1\" is required (%2) but missing.").arg(member, spec)));
    }
}

void MetadataValidator::checkEndpoints(const QJsonObject& metadata, Findings& out) const
{
    for (const QString& member : endpointMembers())
        if (const QJsonValue value = metadata.value(member); !value.isUndefined())
            checkEndpoint(member, value, out);
    // RFC 8705 §5: the endpoints a client with a certificate uses instead, held to the same rules.
    const QJsonValue aliases = metadata.value(u"mtls_endpoint_aliases");
    if (aliases.isUndefined())
        return;
    if (!aliases.isObject()) {
        out.append(
            error(QStringLiteral("MD-03"), QStringLiteral("mtls_endpoint_aliases"),
                  QStringLiteral("\"mtls_endpoint_aliases\" must be a JSON object (RFC 8705 §5), but it "
                                 "is %1.")
                      .arg(typeName(aliases))));
        return;
    }
    const QJsonObject object = aliases.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        checkEndpoint(u"mtls_endpoint_aliases." % it.key().left(80), it.value(), out);
}

void MetadataValidator::checkEndpoint(const QString& member, const QJsonValue& value, Findings& out) const
{
    const QUrl issuerUrl(m_expectedIssuer);
    if (!value.isString()) {
        out.append(
            error(QStringLiteral("MD-03"), member,
                  QStringLiteral("\"%1\" must be a URL string, but it is %2.").arg(member, typeName(value))));
        return;
    }
    const QUrl url(value.toString(), QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()) {
        out.append(error(QStringLiteral("MD-03"), member,
                         QStringLiteral("\"%1\" is not an absolute URL: %2").arg(member, value.toString())));
        return;
    }
    const bool https = url.scheme() == u"https";
    const bool localHttp = url.scheme() == u"http" && DiscoveryUrl::isLoopbackHost(url.host());
    if (!https && !(localHttp && m_allowHttp)) {
        const QString why =
            localHttp ? QStringLiteral("http is allowed only when the profile is a \"Local test server\"")
                      : QStringLiteral("the debugger talks only https to a server (RFC 9700 §2.6, TE-10)");
        out.append(error(url.scheme() == u"http" ? QStringLiteral("TE-10") : QStringLiteral("NA-09"), member,
                         QStringLiteral("\"%1\" uses the %2: scheme, and %3. It will not be used.")
                             .arg(member, url.scheme(), why)));
        return;
    }
    if (url.hasFragment()) {
        out.append(error(QStringLiteral("MD-03"), member,
                         QStringLiteral("\"%1\" has a fragment, which an endpoint must not have "
                                        "(RFC 6749 §3.1).")
                             .arg(member)));
        return;
    }
    if (issuerUrl.isValid() && origin(url) != origin(issuerUrl)) {
        out.append({Severity::Warning, QStringLiteral("MD-05"), member,
                    QStringLiteral("\"%1\" is served from %2, not from the issuer's origin %3. Credentials "
                                   "sent there leave the issuer's host.")
                        .arg(member, origin(url), origin(issuerUrl))});
    }
}

void MetadataValidator::checkTypes(const QJsonObject& metadata, Findings& out) const
{
    for (const QString& member : kStringArrayMembers) {
        const QJsonValue value = metadata.value(member);
        if (value.isUndefined())
            continue;
        if (!value.isArray()) {
            out.append(error(QStringLiteral("MD-03"), member,
                             QStringLiteral("\"%1\" must be an array of strings, but it is %2.")
                                 .arg(member, typeName(value))));
            continue;
        }
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString()) {
                out.append(error(QStringLiteral("MD-03"), member,
                                 QStringLiteral("\"%1\" must hold only strings, but item %2 is %3.")
                                     .arg(member)
                                     .arg(i)
                                     .arg(typeName(array.at(i)))));
                break;
            }
        }
    }
    for (const QString& member : kBooleanMembers) {
        const QJsonValue value = metadata.value(member);
        if (!value.isUndefined() && !value.isBool())
            out.append(error(QStringLiteral("MD-03"), member,
                             QStringLiteral("\"%1\" must be a boolean (true or false), but it is %2.")
                                 .arg(member, typeName(value))));
    }
    for (const QString& member : kStringMembers) {
        const QJsonValue value = metadata.value(member);
        if (!value.isUndefined() && !value.isString())
            out.append(
                error(QStringLiteral("MD-03"), member,
                      QStringLiteral("\"%1\" must be a string, but it is %2.").arg(member, typeName(value))));
    }
}

void MetadataValidator::checkAdvice(const QJsonObject& metadata, Findings& out) const
{
    const QJsonValue pkce = metadata.value(QStringLiteral("code_challenge_methods_supported"));
    if (pkce.isUndefined()) {
        out.append(
            {Severity::Info, QStringLiteral("AR-03"), QStringLiteral("code_challenge_methods_supported"),
             QStringLiteral("The server does not advertise PKCE methods; the debugger still sends S256, "
                            "which most servers accept.")});
    } else if (pkce.isArray() && !pkce.toArray().contains(QJsonValue(QStringLiteral("S256")))) {
        out.append({Severity::Warning, QStringLiteral("AR-03"),
                    QStringLiteral("code_challenge_methods_supported"),
                    QStringLiteral("The server does not list S256, the only PKCE method RFC 9700 §2.1.1 "
                                   "recommends.")});
    }
    // MD-06: lax spots a client meets later as a refusal it cannot explain.
    QStringList grants;
    static const QStringList kGrantNames{
        QStringLiteral("authorization_code"), QStringLiteral("client_credentials"),
        QStringLiteral("refresh_token"), QStringLiteral("password"), QStringLiteral("implicit")};
    for (const QJsonValue& value : metadata.value(u"response_types_supported").toArray()) {
        const QString type = value.toString();
        if (kGrantNames.contains(type) || type.startsWith(u"urn:ietf:params:oauth:grant-type:"))
            grants << type;
    }
    if (!grants.isEmpty())
        out.append({Severity::Warning, QStringLiteral("MD-06"), QStringLiteral("response_types_supported"),
                    QStringLiteral("response_types_supported lists %1, which are grant types (they belong in "
                                   "grant_types_supported), not response types (RFC 8414 §2).")
                        .arg(grants.join(QStringLiteral(", ")).left(200))});
    const QJsonValue iss = metadata.value(QStringLiteral("authorization_response_iss_parameter_supported"));
    if (iss.isBool() && iss.toBool()) {
        out.append({Severity::Info, QStringLiteral("RFC 9207"),
                    QStringLiteral("authorization_response_iss_parameter_supported"),
                    QStringLiteral("Authorization responses carry \"iss\"; the debugger will require it to "
                                   "match the issuer.")});
    }
}

} // namespace oauth2dbg
