// The token endpoint's other grants as goals of the session: token exchange (RFC 8693) with this run's tokens
// or given ones, the JWT bearer grant (RFC 7523 §2.1) with an assertion signed here, and the password grant
// (RFC 6749 §4.3), which is offered for old servers and always warned about (RFC 9700 §2.4). Their answers go
// the way of every token response (FlowSessionTokens.cpp), with the grant's own rules added.
#include "FlowSession.h"
#include "oauth/TokenGrants.h"

#include <QJsonDocument>

namespace oauth2dbg {

namespace {
EngineError refusal(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}
} // namespace

Secret FlowSession::ownToken(const QString& type) const
{
    const QString name = type.trimmed().section(u':', -1); // a full URI ends in its short name
    if (name == u"refresh_token")
        return m_tokens.refreshToken;
    if (name == u"id_token")
        return m_tokens.idToken;
    if (name == u"jwt") // the access token when it is a JWT, else the ID token
        return m_tokens.accessToken.reveal().count('.') == 2 ? m_tokens.accessToken : m_tokens.idToken;
    return name == u"access_token" ? m_tokens.accessToken : Secret();
}

ClientAssertion FlowSession::bearerAssertion(const GrantInput& input) const
{
    const Secret pem = input.assertionKey.isEmpty() ? m_clientKey : input.assertionKey;
    if (pem.isEmpty())
        return {.error = QStringLiteral("The JWT bearer grant needs a private key to sign the assertion: "
                                        "give one, or keep the client's key in the profile.")};
    const SigningKey key = SigningKey::fromFile(pem);
    if (!key.usable())
        return {.error = QStringLiteral("The assertion's key cannot sign: %1").arg(key.problem)};
    const QString tokenEndpoint = m_discovery.metadata.value(u"token_endpoint").toString();
    const QString audience = input.assertionAudience.trimmed();
    const TokenGrants::BearerClaims claims{
        .issuer = input.assertionIssuer.trimmed().isEmpty() ? m_profile.clientId : input.assertionIssuer,
        .subject = input.assertionSubject,
        .audience = audience == u"issuer" ? m_discovery.metadata.value(u"issuer").toString()
                    : audience.isEmpty()  ? tokenEndpoint
                                          : audience,
        .lifetime = input.assertionLifetime};
    return TokenGrants::bearerAssertion(key, {}, claims, QDateTime::currentDateTimeUtc());
}

void FlowSession::tokenGrant()
{
    const Goal goal = *m_goal;
    const GrantInput& in = m_input.grant;
    const FlowStep::Kind kind = firstStepOf(goal);
    FormPairs body;
    m_grantNote.clear();
    m_requestedTokenType.clear();
    m_bearer = {};
    m_scopeAsked = m_profile.scopes.simplified();
    if (goal == Goal::TokenExchange) {
        TokenGrants::Exchange exchange{
            .subjectToken = in.subjectToken.isEmpty() ? ownToken(in.subjectTokenType) : in.subjectToken,
            .subjectTokenType = in.subjectTokenType,
            .actorToken = in.actorToken,
            .actorTokenType = in.actorTokenType,
            .requestedTokenType = in.requestedTokenType,
            .resources = m_input.resources,
            .scope = m_profile.scopes};
        if (!m_input.audience.trimmed().isEmpty())
            exchange.audiences << m_input.audience.trimmed();
        QString problem;
        body = TokenGrants::exchangeBody(exchange, &problem);
        if (!problem.isEmpty())
            return finish(kind, refusal(problem));
        m_requestedTokenType = in.requestedTokenType;
        m_grantNote =
            QStringLiteral("Trades %1 %2%3.")
                .arg(in.subjectToken.isEmpty() ? QStringLiteral("this run's") : QStringLiteral("the given"),
                     TokenGrants::tokenTypeUri(in.subjectTokenType).section(u':', -1).replace(u'_', u' '),
                     in.actorToken.isEmpty() ? QString() : QStringLiteral(", with an actor token"));
    } else if (goal == Goal::JwtBearer) {
        const ClientAssertion assertion = bearerAssertion(in);
        if (!assertion.ok())
            return finish(kind, refusal(assertion.error));
        body = TokenGrants::bearerBody(assertion.jwt, m_profile.scopes);
        m_bearer = assertion;
        m_grantNote = QStringLiteral("Assertion (RFC 7523 §2.1), signed %1.\nHeader: %2\nClaims: %3")
                          .arg(assertion.signedWith, compact(assertion.header), compact(assertion.claims));
    } else {
        if (in.username.trimmed().isEmpty() || in.password.isEmpty())
            return finish(kind, refusal(QStringLiteral("The password grant needs the user's name and "
                                                       "password (RFC 6749 §4.3.2).")));
        body = TokenGrants::passwordBody(in.username.trimmed(), in.password, m_profile.scopes);
        m_grantNote = QStringLiteral("Signs in %1 with their password.").arg(in.username.trimmed().left(80));
    }
    const std::optional<TokenEndpointConfig> config = tokenConfig(goal);
    if (!config)
        return;
    m_grant = body.first().second;
    emitStep({.kind = kind,
              .status = FlowStep::Status::Running,
              .summary = QStringLiteral("asking the token endpoint"),
              .checks = grantChecks({}),
              .interim = true});
    m_client->grant(*config, body);
}

Findings FlowSession::grantChecks(const TokenResult& result) const
{
    Findings checks;
    if (m_grant == QLatin1String(TokenGrants::kPassword) || m_goal == Goal::Password)
        checks << TokenGrants::legacyWarning(QStringLiteral("password"));
    if (m_grant == QLatin1String(TokenGrants::kTokenExchange) && result.exchangeId != 0)
        checks << TokenGrants::exchangeChecks(result, m_requestedTokenType);
    return checks;
}

} // namespace oauth2dbg
