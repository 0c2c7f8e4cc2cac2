#include "ClientCredentials.h"

#include "jose/ClientAssertion.h"
#include "net/ClientCertificate.h"
#include "profiles/ProfileSecrets.h"
#include "session/FlowSession.h"

namespace oauth2dbg {

ClientCredentials::ClientCredentials(FlowSession* session, ProfileSecrets* secrets, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_secrets(secrets)
{}

ClientCredentials::~ClientCredentials() = default;

void ClientCredentials::setProfile(const Profile& profile)
{
    m_profile = profile;
    // An unknown name in a profile: the safest assumption, visible in the box.
    if (!ClientAuthentication::methodFromName(profile.authMethod, &m_method))
        m_method = ClientAuthMethod::None;
    reload();
}

void ClientCredentials::reload()
{
    m_secretText.clear();
    m_key.clear();
    m_keyText.clear();
    setState({});
    push();
    Q_EMIT changed();
    load();
}

void ClientCredentials::setMethod(ClientAuthMethod method)
{
    m_method = method;
    if (usesKeyEntry() && m_key.isEmpty() && m_keyText.isEmpty())
        loadKey();
    else if (usesKeyEntry())
        describeKey(); // the same entry, read as this method reads it
    push();
    Q_EMIT changed();
}

bool ClientCredentials::usesKeyEntry() const
{
    return m_method == ClientAuthMethod::PrivateKeyJwt || ClientAuthentication::usesCertificate(m_method);
}

QString ClientCredentials::stateText() const
{
    const QString text = usesKeyEntry() ? m_keyText : m_stateText;
    if (m_dpopText.isEmpty())
        return text;
    return text.isEmpty() ? m_dpopText : text % u" · " % m_dpopText;
}

QString ClientCredentials::stateTip() const
{
    const QString tip = usesKeyEntry() ? m_keyTip : m_stateTip;
    return m_dpopTip.isEmpty() ? tip : tip.isEmpty() ? m_dpopTip : tip % u"\n\n" % m_dpopTip;
}

void ClientCredentials::loadDpopKey()
{
    // RFC 9449: the profile's key, made and kept at its first run; the run makes its own while none is at
    // hand.
    const QString id = m_profile.id;
    m_dpopText = tr("DPoP: looking in the keychain…");
    m_secrets->loadOrMakeDpopKey(m_profile, this, [this, id](const SecretState& s) {
        if (m_profile.id != id)
            return;
        const SigningKey key = SigningKey::fromFile(s.secret);
        m_session->setDpopKey(key.usable() ? s.secret : Secret());
        m_dpopText = !key.usable()                             ? tr("DPoP: a key of this run's own")
                     : s.where == SecretState::Where::Keychain ? tr("DPoP key from the keychain")
                                                               : tr("DPoP key for this run only");
        m_dpopTip =
            key.usable()
                ? tr("DPoP key %1, thumbprint (jkt) %2. %3").arg(key.description, key.thumbprint(), s.message)
                : s.message;
        Q_EMIT changed();
    });
}

void ClientCredentials::setSecretText(const QString& text, bool edited)
{
    m_secretText = text;
    if (edited) {
        m_secrets->setForThisRun(m_profile.id, ProfileSecrets::Kind::ClientSecret, Secret::fromString(text));
        setState(text.isEmpty() ? QString() : tr("typed for this run"));
        Q_EMIT changed();
    }
    push();
}

void ClientCredentials::push()
{
    m_session->setClientAuthMethod(m_method);
    m_session->setClientSecret(m_method == ClientAuthMethod::None ? Secret()
                                                                  : Secret::fromString(m_secretText));
    m_session->setClientKey(usesKeyEntry() ? m_key : Secret());
    // Mutual TLS: the entry holds the certificate with its key; the TLS layer reads each from it.
    m_session->setClientCertificate(ClientAuthentication::usesCertificate(m_method) ? m_key.reveal()
                                                                                    : QByteArray());
}

void ClientCredentials::loadKey()
{
    const QString id = m_profile.id;
    m_keyText = tr("looking in the keychain…");
    m_session->setCredentialsPending(true);
    m_secrets->load(m_profile, ProfileSecrets::Kind::ClientKey, this, [this, id](const SecretState& s) {
        if (m_profile.id != id)
            return;
        m_key = s.secret;
        m_keyMessage = s.message;
        describeKey();
        push();
        Q_EMIT changed();
        m_session->setCredentialsPending(false);
    });
}

void ClientCredentials::describeKey()
{
    const bool found = !m_key.isEmpty();
    if (ClientAuthentication::usesCertificate(m_method)) {
        const ClientCertificate certificate = ClientCertificate::fromPem(m_key.reveal(), m_key);
        m_keyText = certificate.usable()
                        ? tr("presents %1 (issued by %2) from the keychain")
                              .arg(certificate.subject.left(120), certificate.issuer.left(120))
                    : found ? tr("the stored certificate cannot be used")
                            : tr("no certificate: import one in the Profile step");
        m_keyTip = certificate.usable() ? tr("SHA-256 thumbprint (x5t#S256) %1").arg(certificate.thumbprint)
                   : found              ? certificate.problem
                                        : m_keyMessage;
        return;
    }
    const SigningKey key = SigningKey::fromFile(m_key);
    m_keyText = found && key.usable() ? tr("signs with the %1 key from the keychain").arg(key.description)
                : found               ? tr("the stored key cannot sign")
                                      : tr("no key: import or generate one in the Profile step");
    m_keyTip = found && key.usable() ? tr("kid %1").arg(key.kid) : found ? key.problem : m_keyMessage;
}

void ClientCredentials::setState(const QString& text, const QString& tip)
{
    m_stateText = text;
    m_stateTip = tip;
}

void ClientCredentials::load()
{
    const QString id = m_profile.id;
    const bool keyed = m_profile.signsWithKey() || m_profile.usesCertificate();
    if (!keyed && !m_profile.needsSecret())
        m_session->setCredentialsPending(false);
    if (keyed)
        loadKey();
    else if (m_profile.needsSecret()) {
        setState(tr("looking in the keychain…"));
        Q_EMIT changed();
        m_session->setCredentialsPending(true);
        m_secrets->load(
            m_profile, ProfileSecrets::Kind::ClientSecret, this, [this, id](const SecretState& s) {
                if (m_profile.id != id)
                    return; // another profile by now: its own load ends the wait
                if (!m_secretText.isEmpty()) {
                    setState(tr("typed for this run")); // typed meanwhile: that one counts
                    Q_EMIT changed();
                    m_session->setCredentialsPending(false);
                    return;
                }
                m_secretText = QString::fromUtf8(s.secret.reveal());
                push();
                m_session->setCredentialsPending(false);
                setState(s.where == SecretState::Where::Keychain      ? tr("from the keychain")
                         : s.where == SecretState::Where::PlainFile   ? tr("from the plain file")
                         : s.where == SecretState::Where::ThisRunOnly ? tr("typed for this run")
                         : s.where == SecretState::Where::Unavailable ? tr("keychain unavailable")
                         : s.where == SecretState::Where::BoundElsewhere
                             ? tr("stored for another issuer or client")
                             : tr("not stored"),
                         s.detail.isEmpty() ? s.message : QString(s.message % u"\n\n" % s.detail));
                Q_EMIT changed();
            });
    }
    m_dpopText.clear();
    m_dpopTip.clear();
    if (m_profile.dpop)
        loadDpopKey();
    if (m_profile.keepRefreshToken) {
        m_secrets->load(
            m_profile, ProfileSecrets::Kind::RefreshToken, this, [this, id](const SecretState& s) {
                if (m_profile.id != id || !s.found() || !m_session->tokens().refreshToken.isEmpty())
                    return;
                m_session->setRefreshToken(s.secret);
                Q_EMIT refreshTokenKept(s.secret);
            });
    }
}

} // namespace oauth2dbg
