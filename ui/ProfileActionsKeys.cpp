// The profile editor's private_key_jwt key: stored in the keychain when imported or generated, and read back
// for the row that shows which key it is and its public half.
#include "ClientKeyField.h"
#include "ProfileActions.h"
#include "ProfileEditor.h"
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
                m_secrets->store(
                    asRun(profile), ProfileSecrets::Kind::ClientKey, key, this,
                    [this, what](const SecretState& state) {
                        if (state.where == SecretState::Where::Keychain)
                            m_editor->showMessage(
                                tr("The client's key (%1) is in the OS keychain. Register its "
                                   "public key at the server (Public key…).")
                                    .arg(what),
                                0);
                        else
                            m_editor->showMessage(
                                tr("The key was not stored in the keychain: %1").arg(state.message), 1);
                        refreshKeyState();
                        Q_EMIT secretsChanged();
                    });
            });
}

void ProfileActions::refreshKeyState()
{
    const int index = m_library.indexOf(m_currentId);
    if (index < 0 || !m_ready)
        return;
    const Profile profile = asRun(m_library.profiles().at(index));
    ClientKeyField* field = m_editor->clientKeyField();
    if (!profile.signsWithKey()) {
        field->setNone(tr("Used by private_key_jwt only."));
        return;
    }
    const QString id = m_currentId;
    m_secrets->load(profile, ProfileSecrets::Kind::ClientKey, this, [this, id, field](const SecretState& s) {
        if (id != m_currentId)
            return;
        if (!s.found()) {
            field->setNone(
                s.where == SecretState::Where::Nowhere
                    ? tr("No key yet: import the client's private key, or generate one and register "
                         "its public key at the server.")
                    : s.message,
                s.where != SecretState::Where::Nowhere);
            return;
        }
        field->setStored(SigningKey::fromFile(s.secret),
                         s.where == SecretState::Where::Keychain ? tr("in the OS keychain") : s.message);
    });
}

} // namespace oauth2dbg
