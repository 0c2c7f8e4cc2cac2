// Implicit and hybrid responses (OIDC Core §3.2, §3.3): the tokens that came in the front channel, and the ID
// token among them verified — its signature, nonce, at_hash beside an access token and c_hash beside a code —
// before the code is exchanged (§3.3.2.8-12) or the tokens become the run's. A failed ID token ends the run
// there: a code whose ID token does not bind it is never sent.
#include "FlowSession.h"
#include "FlowSteps.h"
#include "jose/Jws.h"
#include "net/ClientCertificate.h"
#include "oauth/JwksClient.h"

namespace oauth2dbg {

void FlowSession::verifyFrontChannel()
{
    const CallbackVerdict& v = m_authorization.callback.verdict;
    TokenSet front;
    front.idToken = Secret(v.idToken.toUtf8());
    front.accessToken = Secret(v.accessToken.toUtf8());
    front.tokenType = v.tokenType;
    bool number = false;
    if (const qint64 seconds = v.expiresIn.toLongLong(&number); number && seconds >= 0)
        front.expiresIn = seconds;
    front.receivedAt = QDateTime::currentDateTimeUtc();
    for (const auto& [name, value] : m_authorization.callback.parameters)
        if (name != u"state" && name != u"iss" && name != u"code")
            front.fields.insert(name, value);
    const bool hybrid = m_authorization.hasCode();
    const TokenContext context{.profile = m_profile,
                               .metadata = m_discovery.metadata,
                               .clientSecret = m_method == ClientAuthMethod::None ? Secret() : m_clientSecret,
                               .grant = hybrid ? QStringLiteral("hybrid") : QStringLiteral("implicit"),
                               .request = m_authorization.request,
                               .code = v.code.toUtf8(),
                               .clockSkewSeconds = m_clockSkewSeconds};
    m_verifying = true;
    const quint64 run = m_run;
    TokenVerifier::verify(
        m_jwks, front, context, this, [this, run, front, hybrid](const TokenVerdicts& verdicts) {
            if (run != m_run)
                return;
            m_verifying = false;
            if (verdicts.keysError.isError())
                emitStep(FlowSteps::keys(verdicts.keysError));
            if (verdicts.id) {
                FlowStep step =
                    FlowSteps::idToken(*verdicts.id, CompactJws::parse(front.idToken.reveal()).alg);
                step.summary = QStringLiteral("from the authorization endpoint: %1").arg(step.summary);
                emitStep(step);
            }
            const EngineError error = verdicts.error();
            if (error.isError()) // the code stays unspent: nothing proves it belongs to this sign-in
                return finish(FlowStep::Kind::IdToken, error);
            if (hybrid)
                return continueWithCode();
            // Implicit: these are the run's tokens, as a token response's would be.
            m_tokens = front;
            m_idVerification = verdicts.id;
            m_accessVerification = verdicts.access;
            TokenResult result;
            result.tokens = front;
            Q_EMIT tokensChanged(result);
            Q_EMIT tokensVerified();
            finish(FlowStep::Kind::IdToken);
        });
}

} // namespace oauth2dbg
