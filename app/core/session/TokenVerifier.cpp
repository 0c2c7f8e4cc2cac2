#include "TokenVerifier.h"

#include "ProfileFlow.h"
#include "jose/Jws.h"
#include "oauth/CertificateBinding.h"
#include "oauth/Dpop.h"
#include "oauth/JwksClient.h"

#include <QTimer>

namespace oauth2dbg {

EngineError TokenVerdicts::error() const
{
    if (!id || id->verdict == Verdict::Verified)
        return {};
    const bool unreachable = keysError.isError() && keysError.kind != ErrorKind::Protocol;
    return {.kind = unreachable ? keysError.kind : ErrorKind::Protocol,
            .message = id->verdict == Verdict::Failed
                           ? QStringLiteral("The ID token failed verification: %1").arg(id->summary)
                           : QStringLiteral("The ID token could not be verified: %1").arg(id->summary)};
}

namespace TokenVerifier {

IdTokenExpectations idExpectations(const TokenContext& c, const TokenSet& tokens)
{
    DiscoveryResult discovery;
    discovery.metadata = c.metadata;
    IdTokenExpectations expected =
        ProfileFlow::idTokenExpectations(c.profile, discovery, c.clientSecret, c.clockSkewSeconds);
    expected.accessToken = tokens.accessToken;
    if (c.grant == u"refresh_token") {
        // OIDC Core §12.2: no nonce, nothing the sign-in asked for; iss, sub and aud as the first one.
        expected.original = c.firstIdClaims;
        return expected;
    }
    // The front channel's ID token (implicit, hybrid): what came with it is what its hashes must bind.
    const bool front = c.grant == u"implicit" || c.grant == u"hybrid";
    if (front) {
        expected.frontChannel = true;
        expected.requireAtHash = !tokens.accessToken.isEmpty();
        expected.requireCHash = !c.code.isEmpty();
    }
    if (c.grant != u"authorization_code" && !front)
        return expected;
    expected.nonce = QString::fromLatin1(c.request.nonce);
    expected.code = c.code;
    for (const auto& [name, value] : c.request.parameters) {
        // What the request asked for is what the ID token is held to (OIDC Core §3.1.3.7 steps 12-13).
        if (name == u"max_age")
            expected.maxAge = value.toLongLong();
        else if (name == u"acr_values")
            expected.acrValues = value.split(u' ', Qt::SkipEmptyParts);
    }
    return expected;
}

AccessTokenExpectations accessExpectations(const IdTokenExpectations& id)
{
    return {.issuer = id.issuer, .clientId = id.clientId, .clock = id.clock};
}

namespace {
// A binding's checks into the token's checklist; one that fails fails the token.
void addBinding(TokenVerification* access, const Findings& binding)
{
    access->checks << binding;
    for (const Finding& f : binding)
        if (f.severity == Severity::Error && access->verdict == Verdict::Verified) {
            access->verdict = Verdict::Failed;
            access->summary = f.message;
        }
}
} // namespace

void bindToCertificate(TokenVerification* access, const QString& thumbprint)
{
    // A JWT access token says which certificate it is bound to (cnf.x5t#S256); a token bound to another one
    // is refused by every resource server that checks.
    addBinding(access, CertificateBinding::check(access->claims, thumbprint));
}

void bindToDpopKey(TokenVerification* access, const QString& thumbprint)
{
    addBinding(access, DpopChecks::binding(access->claims, thumbprint)); // cnf.jkt
}

bool needsKeys(const TokenSet& tokens)
{
    const QByteArray id = tokens.idToken.reveal();
    return (!id.isEmpty() && !CompactJws::parse(id).alg.startsWith(u"HS")) ||
           looksLikeJwt(tokens.accessToken.reveal());
}

TokenVerification verifyPasted(const QByteArray& token, const JwkSet& keys, const Secret& secret,
                               int clockSkewSeconds)
{
    return verifyStandalone(token, keys, secret,
                            {.now = QDateTime::currentDateTimeUtc(), .skewSeconds = clockSkewSeconds});
}

void verify(JwksClient* keys, const TokenSet& tokens, const TokenContext& context, QObject* receiver,
            std::function<void(const TokenVerdicts&)> done)
{
    const IdTokenExpectations expected = idExpectations(context, tokens);
    const QString thumbprint = context.certificateThumbprint;
    const QString jkt = context.dpopThumbprint;
    const auto conclude = [tokens, expected, thumbprint, jkt, done](const TokenVerification& id,
                                                                    const JwksResult& keySet) {
        TokenVerdicts verdicts;
        verdicts.keysError = keySet.error;
        if (!tokens.idToken.isEmpty())
            verdicts.id = id;
        if (!tokens.accessToken.isEmpty()) {
            verdicts.access =
                validateAccessToken(tokens.accessToken.reveal(), keySet.keys, accessExpectations(expected));
            verdicts.accessIsJwt = looksLikeJwt(tokens.accessToken.reveal());
            if (verdicts.accessIsJwt) {
                bindToCertificate(&*verdicts.access, thumbprint);
                bindToDpopKey(&*verdicts.access, jkt);
            }
        }
        done(verdicts);
    };
    const auto check = [idToken = tokens.idToken, expected](const JwkSet& set) {
        return idToken.isEmpty() ? TokenVerification{} : validateIdToken(idToken.reveal(), set, expected);
    };
    const QUrl jwksUri(context.metadata.value(u"jwks_uri").toString());
    if (!needsKeys(tokens) || jwksUri.isEmpty()) {
        JwksResult none;
        if (needsKeys(tokens))
            none.error = {.kind = ErrorKind::Protocol,
                          .message = QStringLiteral("The issuer publishes no key set (jwks_uri): signatures "
                                                    "cannot be checked.")};
        const TokenVerification id = check(none.keys);
        QTimer::singleShot(0, receiver, [conclude, id, none] { conclude(id, none); });
        return;
    }
    keys->verify(jwksUri, ProfileFlow::jwksOptions(context.profile), receiver, check, conclude);
}

} // namespace TokenVerifier
} // namespace oauth2dbg
