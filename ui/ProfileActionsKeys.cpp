// The profile editor's private_key_jwt key and mutual-TLS certificate: stored in the keychain when imported,
// generated or made, and read back for the rows that show which one it is and what to register. Both live in
// the profile's one client-key entry: a key alone, or a certificate with its key.
#include "ClientCertificateField.h"
#include "ClientKeyField.h"
#include "ProfileActions.h"
#include "ProfileEditor.h"
#include "net/ClientCertificate.h"
#include "profiles/ProfileSecrets.h"

namespace oauth2dbg {

void ProfileActions::connectKeys()
{
    connect(m_editor, &ProfileEditor::storeKeyRequested, this,
            [this](const Profile& profile, const Secret& key, const QString& what, const QString& kid) {
                // A key the server holds is not thrown away without a word: the new one needs registering.
                const QString stored = m_editor->clientKeyField()->kid();
                if (!stored.isEmpty() && stored != kid &&
                    m_ask(tr("Replace the client's key (kid %1)? The server knows only the keys registered "
                             "with it: register the new public key before the next request.")
                              .arg(stored.left(60)),
                          QMessageBox::Yes | QMessageBox::Cancel) != QMessageBox::Yes)
                    return;
                storeClientKey(profile, key,
                               tr("The client's key (%1) is in the OS keychain. Register its public key at "
                                  "the server (Public key…).")
                                   .arg(what));
            });
    connect(
        m_editor, &ProfileEditor::storeCertificateRequested, this,
        [this](const Profile& profile, const Secret& entry, const QString& what, const QString& thumbprint) {
            const QString stored = m_editor->clientCertificateField()->thumbprint();
            if (!stored.isEmpty() && stored != thumbprint &&
                m_ask(tr("Replace the client's certificate (SHA-256 %1)? The server accepts only the "
                         "certificate it knows: register the new one before the next request.")
                          .arg(stored.left(60)),
                      QMessageBox::Yes | QMessageBox::Cancel) != QMessageBox::Yes)
                return;
            storeClientKey(profile, entry,
                           tr("The client certificate (%1) and its key are in the OS keychain.").arg(what));
        });
}

void ProfileActions::storeClientKey(const Profile& profile, const Secret& entry, const QString& stored)
{
    m_secrets->store(asRun(profile), ProfileSecrets::Kind::ClientKey, entry, this,
                     [this, stored](const SecretState& state) {
                         if (state.where == SecretState::Where::Keychain)
                             m_editor->showMessage(stored, 0);
                         else
                             m_editor->showMessage(tr("Not stored in the keychain: %1").arg(state.message),
                                                   1);
                         refreshKeyState();
                         Q_EMIT secretsChanged();
                     });
}

void ProfileActions::refreshKeyState()
{
    const int index = m_library.indexOf(m_currentId);
    if (index < 0 || !m_ready)
        return;
    const Profile profile = asRun(m_library.profiles().at(index));
    ClientKeyField* keyField = m_editor->clientKeyField();
    ClientCertificateField* certificateField = m_editor->clientCertificateField();
    keyField->setNone(tr("Used by private_key_jwt only."));
    certificateField->setNone(tr("Used by tls_client_auth and self_signed_tls_client_auth only."));
    if (!profile.signsWithKey() && !profile.usesCertificate())
        return;
    const QString id = m_currentId;
    m_secrets->load(
        profile, ProfileSecrets::Kind::ClientKey, this,
        [this, id, keyField, certificateField, certified = profile.usesCertificate()](const SecretState& s) {
            if (id != m_currentId)
                return;
            const QString where =
                s.where == SecretState::Where::Keychain ? tr("in the OS keychain") : s.message;
            const bool holdsCertificate = s.secret.reveal().contains("BEGIN CERTIFICATE");
            if (!s.found() || holdsCertificate != certified) {
                const QString none =
                    s.found() ? (certified ? tr("The keychain holds a key without a certificate: "
                                                "import the client certificate.")
                                           : tr("The keychain holds a certificate: import or "
                                                "generate the client's key."))
                    : s.where != SecretState::Where::Nowhere ? s.message
                    : certified ? tr("No certificate yet: import the client certificate with its "
                                     "key (PEM or PKCS#12).")
                                : tr("No key yet: import the client's private key, or generate "
                                     "one and register its public key at the server.");
                const bool warn = s.where != SecretState::Where::Nowhere;
                if (certified)
                    certificateField->setNone(none, warn);
                else
                    keyField->setNone(none, warn);
                return;
            }
            if (certified)
                certificateField->setStored(ClientCertificate::fromPem(s.secret.reveal(), s.secret), where);
            else
                keyField->setStored(SigningKey::fromFile(s.secret), where);
        });
}

} // namespace oauth2dbg
