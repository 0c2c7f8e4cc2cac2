#include "AuthorizationRequest.h"

namespace oauth2dbg {

namespace {
void put(FormPairs& pairs, const QString& name, const QString& value)
{
    if (!value.isEmpty())
        pairs.append({name, value});
}
} // namespace

bool AuthorizationRequest::scopeHasOpenId(const QString& scope)
{
    return scope.split(u' ', Qt::SkipEmptyParts).contains(QStringLiteral("openid"));
}

AuthorizationRequest AuthorizationRequest::build(const AuthorizationParameters& p)
{
    AuthorizationRequest request;
    request.redirectUri = p.redirectUri;
    request.pkce = p.pkce;
    request.state = randomToken(32);
    if (scopeHasOpenId(p.scope))
        request.nonce = randomToken(32); // OIDC Core §3.1.2.1
    if (p.pkce != Pkce::Method::None) {
        request.codeVerifier = Pkce::generateVerifier();
        request.codeChallenge = Pkce::challenge(request.codeVerifier, p.pkce);
    }

    FormPairs& q = request.parameters;
    put(q, QStringLiteral("response_type"), p.responseType);
    put(q, QStringLiteral("client_id"), p.clientId);
    put(q, QStringLiteral("redirect_uri"), p.redirectUri);
    put(q, QStringLiteral("scope"), p.scope);
    put(q, QStringLiteral("state"), QString::fromLatin1(request.state));
    put(q, QStringLiteral("nonce"), QString::fromLatin1(request.nonce));
    if (p.pkce != Pkce::Method::None) {
        put(q, QStringLiteral("code_challenge"), QString::fromLatin1(request.codeChallenge));
        // RFC 7636 §4.3: an absent method means "plain", so always say which.
        put(q, QStringLiteral("code_challenge_method"), Pkce::methodName(p.pkce));
    }
    put(q, QStringLiteral("response_mode"), p.responseMode);
    put(q, QStringLiteral("prompt"), p.prompt);
    put(q, QStringLiteral("login_hint"), p.loginHint);
    if (p.maxAge >= 0)
        put(q, QStringLiteral("max_age"), QString::number(p.maxAge));
    put(q, QStringLiteral("acr_values"), p.acrValues);
    for (const QString& resource : p.resources)
        put(q, QStringLiteral("resource"), resource);
    put(q, QStringLiteral("audience"), p.audience);

    for (const auto& extra : p.extra) {
        const QString& name = extra.first;
        const auto same = [&name](const QPair<QString, QString>& pair) {
            return pair.first == name;
        };
        if (name != u"resource" && std::any_of(q.cbegin(), q.cend(), same)) {
            request.warnings.append(
                {Severity::Warning, QStringLiteral("RFC 6749 §3.1"), name,
                 QStringLiteral("The extra parameter \"%1\" replaces the generated one.").arg(name)});
            q.removeIf(same);
        }
        q.append(extra);
    }

    switch (p.pkce) {
    case Pkce::Method::S256:
        break;
    case Pkce::Method::Plain:
        request.warnings.append(
            {Severity::Warning, QStringLiteral("AR-03"), QStringLiteral("code_challenge_method"),
             QStringLiteral("PKCE \"plain\" sends the verifier itself; use S256 unless the server "
                            "cannot (RFC 7636 §4.2).")});
        break;
    case Pkce::Method::None:
        if (!p.responseType.split(u' ').contains(u"code"))
            break; // implicit: no code for PKCE to protect
        request.warnings.append(
            {Severity::Warning, QStringLiteral("AR-03"), QStringLiteral("code_challenge"),
             QStringLiteral("No PKCE: a stolen authorization code could be redeemed by anyone. "
                            "Public clients must use PKCE (RFC 9700 §2.1.1); use this only to "
                            "test a server.")});
        break;
    }

    QString url = p.authorizationEndpoint.toString(QUrl::FullyEncoded);
    // RFC 6749 §3.1: a query already in the endpoint URL is kept.
    url += (p.authorizationEndpoint.hasQuery() ? u'&' : u'?') % QString::fromLatin1(FormEncoding::encode(q));
    request.url = url;
    return request;
}

} // namespace oauth2dbg
