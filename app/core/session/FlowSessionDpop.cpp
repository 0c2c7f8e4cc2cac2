// DPoP in a run (RFC 9449): the profile's key, or one made for the run, in one context that every token and
// resource request of the run shares (its proofs, the servers' nonces). And RFC 9396's authorization_details,
// checked before they are sent.
#include "FlowSession.h"
#include "oauth/AuthorizationDetails.h"

namespace oauth2dbg {

void FlowSession::setDpopKey(const Secret& pem)
{
    m_dpopKey = pem;
    if (m_dpop && !pem.isEmpty() && SigningKey::fromFile(pem).thumbprint() != m_dpop->thumbprint())
        m_dpop.reset(); // another key: the next request makes its context from it
}

void FlowSession::setDpopFault(DpopFault fault)
{
    m_dpopFault = fault;
    if (m_dpop)
        m_dpop->setFault(fault);
}

DpopShared FlowSession::dpopContext()
{
    if (!m_profile.dpop)
        return nullptr;
    if (!m_dpop) {
        SigningKey key = m_dpopKey.isEmpty() ? SigningKey::generate(SigningKey::Type::EcP256)
                                             : SigningKey::fromFile(m_dpopKey);
        m_dpop = std::make_shared<DpopContext>(std::move(key), m_dpopFault);
    }
    return m_dpop;
}

bool FlowSession::askDetails(const QString& json, FlowStep::Kind step)
{
    m_detailsAsked = {};
    m_detailsChecks = {};
    if (json.trimmed().isEmpty())
        return true;
    const Findings checks = AuthorizationDetails::check(json, m_discovery.metadata, &m_detailsAsked);
    m_detailsChecks = checks;
    for (const Finding& f : checks)
        if (f.severity == Severity::Error) {
            emitStep(
                {.kind = step, .status = FlowStep::Status::Failed, .summary = f.message, .checks = checks});
            finish(step,
                   {.kind = ErrorKind::InvalidInput,
                    .message = QStringLiteral("authorization_details was not sent: %1").arg(f.message)});
            return false;
        }
    return true;
}

} // namespace oauth2dbg
