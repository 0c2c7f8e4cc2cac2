#include "FlowSession.h"
#include "FlowSteps.h"
#include "ProfileFlow.h"
#include "jose/JwtDecode.h"
#include "net/ClientCertificate.h"
#include "net/NetworkAccess.h"
#include "oauth/AuthorizationDetails.h"
#include "oauth/JwksClient.h"
#include "oauth/RefreshScheduler.h"
#include "oauth/RefusalDiagnosis.h"
#include "profiles/ProfileSecrets.h"

#include <tuple>

// What a token request sends (tokenConfig), and what the session does with tokens once it has them: verifies
// them, keeps a rotated refresh token, uses them at the userinfo, introspection and revocation endpoints, and
// verifies a token pasted from elsewhere. Which goal comes first and what it needs is in FlowSession.cpp.

namespace oauth2dbg {

namespace {
EngineError refusal(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}
} // namespace

void FlowSession::onTokens(const TokenResult& answered)
{
    // The response's own checks, and what it granted against what the grant asked for: both faces show these.
    TokenResult result = answered;
    // The device grant's "not yet": another poll, nothing else (FlowSessionDevice.cpp).
    if (m_grant == u"urn:ietf:params:oauth:grant-type:device_code" && onDevicePoll(&result))
        return;
    if (result.exchangeId != 0) // the server answered: does its metadata list the grant it answered?
        result.checks << RefusalDiagnosis::grantListed(m_grant, m_discovery.metadata);
    // A grant's own rule broken (TX-01) fails the answer as a broken token response would.
    const Findings own = grantChecks(result);
    result.checks << own;
    for (const Finding& f : own)
        if (f.severity == Severity::Error && result.ok())
            result.error = {.kind = ErrorKind::Protocol, .message = f.message};
    if (result.ok())
        if (const std::optional<Finding> scope = FlowSteps::scopeGranted(m_scopeAsked, result.tokens.scope))
            result.checks << *scope;
    if (m_grant == u"client_credentials") // the details went in this request: their checks are its own
        result.checks = m_detailsChecks + result.checks;
    if (result.ok()) // RFC 9396 §7: what was granted of the details asked for
        result.checks << AuthorizationDetails::granted(m_detailsAsked,
                                                       result.tokens.fields.value(u"authorization_details"));
    const FlowStep step = FlowSteps::tokens(m_grant, result, lastExplanation(), *m_network->trafficLog());
    emitStep(step);
    if (!result.ok()) {
        Q_EMIT tokensChanged(result);
        return finish(step.kind, result.error);
    }
    // A rotated refresh token replaces the old one before anything else; no new one keeps the old.
    const Secret previous = m_tokens.refreshToken;
    m_tokens = result.tokens;
    if (m_tokens.refreshToken.isEmpty())
        m_tokens.refreshToken = previous;
    m_idVerification.reset();
    m_accessVerification.reset();
    if (m_autoRefresh && m_tokens.expiresIn && !m_tokens.refreshToken.isEmpty())
        m_scheduler->schedule(m_tokens.receivedAt, *m_tokens.expiresIn);
    Q_EMIT tokensChanged(result);
    const TokenContext context{.profile = m_profile,
                               .metadata = m_discovery.metadata,
                               .clientSecret = m_method == ClientAuthMethod::None ? Secret() : m_clientSecret,
                               .grant = m_grant,
                               .request = m_authorization.request,
                               .code = m_codeSent,
                               .firstIdClaims = m_firstIdClaims,
                               .clockSkewSeconds = m_clockSkewSeconds,
                               .certificateThumbprint =
                                   ClientAuthentication::usesCertificate(m_method)
                                       ? ClientCertificate::thumbprintOfPem(m_clientCertificate)
                                       : QString(),
                               .dpopThumbprint = m_dpop ? m_dpop->thumbprint() : QString()};
    keepRefreshToken(previous, [this, result, context] { verify(result, context); });
}

void FlowSession::verify(const TokenResult& result, const TokenContext& context)
{
    const TokenSet tokens = result.tokens;
    m_verifying = true;
    const quint64 run = m_run;
    TokenVerifier::verify(
        m_jwks, tokens, context, this, [this, run, tokens, context](const TokenVerdicts& v) {
            if (run != m_run)
                return;
            m_verifying = false;
            if (v.keysError.isError())
                emitStep(FlowSteps::keys(v.keysError));
            m_idVerification = v.id;
            m_accessVerification = v.access;
            if (v.id) {
                if (context.grant == u"authorization_code" && !v.id->claims.isEmpty())
                    m_firstIdClaims = v.id->claims; // what a refreshed ID token must match
                emitStep(FlowSteps::idToken(*v.id, CompactJws::parse(tokens.idToken.reveal()).alg));
            }
            if (v.access && v.accessIsJwt)
                emitStep(FlowSteps::accessToken(*v.access));
            Q_EMIT tokensVerified();
            finish(FlowStep::Kind::IdToken, v.error());
        });
}

// A profile that keeps its refresh token gets the new one (a rotating server has just retired the old one).
void FlowSession::keepRefreshToken(const Secret& previous, const std::function<void()>& then)
{
    if (!m_secrets || !m_profile.keepRefreshToken || m_tokens.refreshToken.isEmpty() ||
        m_tokens.refreshToken == previous)
        return then();
    const quint64 run = m_run;
    m_secrets->store(m_profile, ProfileSecrets::Kind::RefreshToken, m_tokens.refreshToken, this,
                     [this, run, then](const SecretState& state) {
                         if (run != m_run)
                             return;
                         Q_EMIT refreshTokenKept(state);
                         then();
                     });
}

void FlowSession::operation(Goal goal)
{
    const std::optional<TokenEndpointConfig> config = tokenConfig(goal);
    if (!config)
        return;
    const bool refreshToken = m_input.hint == u"refresh_token";
    const Secret token = !m_input.token.isEmpty() ? m_input.token
                         : refreshToken           ? m_tokens.refreshToken
                                                  : m_tokens.accessToken;
    const QString tokenType = // a token given with a DPoP profile is taken as bound to its key
        !m_input.token.isEmpty() && m_profile.dpop                 ? QStringLiteral("DPoP")
        : m_tokens.tokenType.isEmpty() || !m_input.token.isEmpty() ? QStringLiteral("Bearer")
                                                                   : m_tokens.tokenType;
    if (goal == Goal::CallApi)
        return m_operations->callApi(m_input.api, *config, token, tokenType);
    const QJsonObject& metadata = m_discovery.metadata;
    const auto [kind, member, name] =
        goal == Goal::UserInfo ? std::tuple(OperationResult::Kind::UserInfo, "userinfo_endpoint", "userinfo")
        : goal == Goal::Introspect
            ? std::tuple(OperationResult::Kind::Introspection, "introspection_endpoint", "introspection")
            : std::tuple(OperationResult::Kind::Revocation, "revocation_endpoint", "revocation");
    if (metadata.value(QLatin1String(member)).toString().isEmpty()) {
        // Why there is none, as this run knows it: the server's metadata, or the profile, or nothing yet.
        const QString why =
            m_discovery.ok() && !m_discovery.documentUrl.isEmpty() // read from the server
                ? QStringLiteral(
                      "The metadata at %1 lists no %2: this server does not announce a %3 endpoint. "
                      "If it has one, give it in the profile (Endpoints); nothing was sent.")
                      .arg(m_discovery.documentUrl.toDisplayString(), QLatin1String(member),
                           QLatin1String(name))
                : m_profile.issuer.trimmed().isEmpty()
                      ? QStringLiteral(
                            "The profile gives no %1 and no issuer to discover one from: give it in the "
                            "profile (Endpoints); nothing was sent.")
                            .arg(QLatin1String(member))
                      : QStringLiteral(
                            "The issuer's metadata has not been read in this run, so there is no %1 yet: "
                            "discover first, or give it in the profile (Endpoints).")
                            .arg(QLatin1String(member));
        OperationResult refused;
        refused.kind = kind;
        refused.summary = why;
        refused.error = refusal(why);
        return onOperation(refused);
    }
    switch (goal) {
    case Goal::UserInfo: {
        // OIDC Core §5.3.2: the userinfo sub must be the ID token's.
        const QString sub = m_input.token.isEmpty()
                                ? decodeToken(m_tokens.idToken.reveal()).payload.value(u"sub").toString()
                                : QString();
        m_operations->userInfo(QUrl(metadata.value(u"userinfo_endpoint").toString()), *config, token,
                               tokenType, sub);
        return;
    }
    case Goal::Introspect:
        m_operations->introspect(
            QUrl(ProfileFlow::endpointFor(metadata, QStringLiteral("introspection_endpoint"),
                                          !config->tls.clientCertificate.isEmpty())),
            *config, token, m_input.hint);
        return;
    default:
        m_operations->revoke(QUrl(ProfileFlow::endpointFor(metadata, QStringLiteral("revocation_endpoint"),
                                                           !config->tls.clientCertificate.isEmpty())),
                             *config, token, m_input.hint);
        return;
    }
}

void FlowSession::onOperation(const OperationResult& result)
{
    const FlowStep step = FlowSteps::operation(result, *m_network->trafficLog());
    emitStep(step);
    Q_EMIT operationFinished(result);
    if (result.error.isError())
        return finish(step.kind, result.error);
    if (!result.ok())
        return finish(step.kind, {.kind = ErrorKind::Protocol, .message = result.summary});
    finish(step.kind);
}

// The token is held to what it says of itself (its signature and times): there is no request of this run it
// answers. An HS256 token is verified with the client secret this run holds.
void FlowSession::verifyPasted()
{
    const QByteArray token = m_input.token.reveal().simplified().replace(' ', "");
    if (token.isEmpty())
        return finish(FlowStep::Kind::PastedToken, refusal(QStringLiteral("There is no token to verify.")));
    const QUrl jwksUri(m_discovery.metadata.value(u"jwks_uri").toString());
    const QString alg = CompactJws::parse(token).alg;
    const bool hmac = alg.startsWith(u"HS");
    const Secret secret = m_clientSecret;
    const int skew = m_clockSkewSeconds;
    const auto conclude = [this, token, alg](const TokenVerification& v, const QString& from,
                                             quint64 exchange) {
        m_verifying = false;
        emitStep(FlowSteps::pastedToken(v, alg, from, exchange));
        Q_EMIT pastedTokenVerified(token, v);
        finish(FlowStep::Kind::PastedToken,
               v.verdict == Verdict::Verified
                   ? EngineError()
                   : EngineError{.kind = ErrorKind::Protocol,
                                 .message = v.verdict == Verdict::Failed
                                                ? v.summary
                                                : QStringLiteral("Not verified: %1").arg(v.summary)});
    };
    m_verifying = true;
    if (jwksUri.isEmpty() || hmac) // nothing to fetch: the secret, or no keys at all (the verdict says so)
        return conclude(TokenVerifier::verifyPasted(token, {}, secret, skew), QString(), 0);
    const quint64 run = m_run;
    m_jwks->verify(
        jwksUri, ProfileFlow::jwksOptions(m_profile), this,
        [token, secret, skew](const JwkSet& keys) {
            return TokenVerifier::verifyPasted(token, keys, secret, skew);
        },
        [this, run, jwksUri, conclude](const TokenVerification& v, const JwksResult& keys) {
            if (run == m_run)
                conclude(v, jwksUri.toDisplayString(), keys.exchangeId);
        });
}

// What a token request of `goal` sends: the profile's endpoint and client, this run's method and credentials;
// refused (and the goal finished) when one is missing.
std::optional<TokenEndpointConfig> FlowSession::tokenConfig(Goal goal)
{
    // Userinfo and an API call are bearer calls: the client does not authenticate there.
    const bool bearerOnly = goal == Goal::UserInfo || goal == Goal::CallApi;
    if (m_discovery.metadata.value(u"token_endpoint").toString().isEmpty() && !bearerOnly) {
        finish(firstStepOf(goal),
               refusal(QStringLiteral("There is no token endpoint (from discovery or the profile).")));
        return std::nullopt;
    }
    if (!bearerOnly && m_method == ClientAuthMethod::PrivateKeyJwt && m_clientKey.isEmpty()) {
        finish(firstStepOf(goal),
               refusal(QStringLiteral("private_key_jwt needs the client's private key, and "
                                      "none is at hand for this run.")));
        return std::nullopt;
    }
    const bool certified = ClientAuthentication::usesCertificate(m_method);
    if (!bearerOnly && certified && (m_clientCertificate.isEmpty() || m_clientKey.isEmpty())) {
        finish(firstStepOf(goal),
               refusal(QStringLiteral("%1 needs the client certificate and its private key, and %2 at hand "
                                      "for this run.")
                           .arg(ClientAuthentication::methodName(m_method),
                                m_clientCertificate.isEmpty() ? QStringLiteral("no certificate is")
                                                              : QStringLiteral("no key is"))));
        return std::nullopt;
    }
    if (!bearerOnly && m_method != ClientAuthMethod::None && !certified &&
        m_method != ClientAuthMethod::PrivateKeyJwt && m_clientSecret.isEmpty()) {
        finish(firstStepOf(goal),
               refusal(QStringLiteral("%1 needs the client secret, and none is at hand for this "
                                      "run.")
                           .arg(ClientAuthentication::methodName(m_method))));
        return std::nullopt;
    }
    TokenEndpointConfig config = ProfileFlow::tokenConfig(
        m_profile, m_discovery, m_method == ClientAuthMethod::None ? Secret() : m_clientSecret);
    config.method = m_method; // this run's choice
    config.tokenEndpoint =
        QUrl(ProfileFlow::endpointFor(m_discovery.metadata, QStringLiteral("token_endpoint"), certified),
             QUrl::StrictMode);
    config.dpop = dpopContext();
    if (config.dpop && !config.dpop->usable()) {
        finish(firstStepOf(goal), refusal(QStringLiteral("The profile's DPoP key cannot sign proofs: %1")
                                              .arg(config.dpop->key().problem)));
        return std::nullopt;
    }
    if (certified) {
        config.tls.clientCertificate = m_clientCertificate;
        config.tls.clientKey = m_clientKey;
    } else {
        config.clientKey = m_clientKey;
    }
    return config;
}

} // namespace oauth2dbg
