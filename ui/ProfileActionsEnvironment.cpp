// The environment each profile runs in, the keychain line of the profile as it runs, and the keychain entries
// of a profile's environments, which follow the profile through edits, duplicates and deletion.
#include "ProfileActions.h"
#include "ProfileEditor.h"
#include "profiles/ProfileSecrets.h"

namespace oauth2dbg {

QString ProfileActions::environmentId() const
{
    const Profile* profile = current();
    const QString id = m_environments.value(m_currentId);
    return profile && profile->findEnvironment(id) ? id : QString();
}

void ProfileActions::setEnvironment(const QString& id)
{
    if (id == environmentId() || !current())
        return;
    m_environments.insert(m_currentId, id);
    Q_EMIT environmentChanged();
    refreshSecretState();
}

Profile ProfileActions::asRun(const Profile& profile) const
{
    const QString id = m_environments.value(Profile::baseId(profile.id));
    const ProfileEnvironment* environment = id.isEmpty() ? nullptr : profile.findEnvironment(id);
    return environment && environment->id == id ? profile.inEnvironment(*environment) : profile;
}

void ProfileActions::followEnvironments(const Profile& before, const Profile& saved, const QString& typedFor)
{
    const auto ignore = [](const SecretState&) {
    };
    for (const ProfileEnvironment& old : before.environments) {
        const ProfileEnvironment* now = saved.findEnvironment(old.id);
        const Profile from = before.inEnvironment(old);
        if (!now || now->id != old.id) {
            m_secrets->removeAll(from, this, ignore);
            continue;
        }
        const Profile to = saved.inEnvironment(*now);
        if (to.id != typedFor && ProfileSecrets::bindingOf(from) != ProfileSecrets::bindingOf(to))
            m_secrets->rebind(from, to, this, ignore);
    }
}

void ProfileActions::copyEnvironmentSecrets(const Profile& original, const Profile& copy)
{
    for (const ProfileEnvironment& environment : original.environments)
        m_secrets->copyClientSecret(original.inEnvironment(environment), copy.inEnvironment(environment),
                                    this, [](const SecretState&) {});
}

void ProfileActions::removeEnvironmentSecrets(const Profile& doomed)
{
    for (const ProfileEnvironment& environment : doomed.environments)
        m_secrets->removeAll(doomed.inEnvironment(environment), this, [](const SecretState&) {});
}

void ProfileActions::refreshSecretState()
{
    const int index = m_library.indexOf(m_currentId);
    if (index < 0 || !m_ready)
        return;
    if (!m_library.profiles().at(index).needsSecret()) {
        m_editor->setSecretState({.where = SecretState::Where::Nowhere}); // a public client: nothing to ask
        return;
    }
    refreshKeyState();
    const QString id = m_currentId;
    m_secrets->load(asRun(m_library.profiles().at(index)), ProfileSecrets::Kind::ClientSecret, this,
                    [this, id](const SecretState& state) {
                        if (id == m_currentId)
                            m_editor->setSecretState(state);
                    });
}

} // namespace oauth2dbg
