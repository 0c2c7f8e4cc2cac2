#include "ProfileActions.h"

#include "ProfileEditor.h"
#include "ProfileList.h"
#include "oauth/DiscoveryClient.h"
#include "profiles/ProfileLibrary.h"
#include "profiles/ProfileSecrets.h"
#include "session/ProfileFlow.h"

#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QUuid>

namespace oauth2dbg {

ProfileActions::ProfileActions(ProfileStore* store, ProfileSecrets* secrets, NetworkAccess* network,
                               ProfileList* list, ProfileEditor* editor, QWidget* window,
                               const AppSettings* settings, QObject* parent)
    : QObject(parent)
    , m_library(store)
    , m_secrets(secrets)
    , m_list(list)
    , m_editor(editor)
    , m_window(window)
    , m_settings(settings)
    , m_fillClient(new DiscoveryClient(network, this))
    , m_ask([window](const QString& question, QMessageBox::StandardButtons buttons) {
        return QMessageBox::question(window, QApplication::applicationDisplayName(), question, buttons);
    })
{
    connect(m_list, &ProfileList::currentChanged, this, &ProfileActions::onCurrentChanged);
    connect(m_list, &ProfileList::newRequested, this, &ProfileActions::newProfile);
    connect(m_list, &ProfileList::duplicateRequested, this, &ProfileActions::duplicateProfile);
    connect(m_list, &ProfileList::deleteRequested, this, &ProfileActions::deleteProfile);
    connect(m_list, &ProfileList::renameRequested, this, &ProfileActions::renameProfile);
    connect(m_list, &ProfileList::importRequested, this, &ProfileActions::chooseImportFile);
    connect(m_list, &ProfileList::exportRequested, this, [this] { chooseExportFile(false); });
    connect(m_editor, &ProfileEditor::saveRequested, this, &ProfileActions::saveEdited);
    connect(m_editor, &ProfileEditor::fillFromDiscoveryRequested, this, &ProfileActions::fillFromDiscovery);
    connect(m_editor, &ProfileEditor::storeSecretRequested, this,
            [this](const Profile& profile, const Secret& secret) {
                m_secrets->store(asRun(profile), ProfileSecrets::Kind::ClientSecret, secret, this,
                                 [this](const SecretState& state) {
                                     m_editor->setSecretState(state);
                                     Q_EMIT secretsChanged();
                                 });
            });
    connect(m_editor, &ProfileEditor::removeSecretRequested, this, [this](const Profile& profile) {
        m_secrets->removeAll(asRun(profile), this, [this](const SecretState& state) {
            m_editor->setSecretState(state);
            refreshKeyState();
            Q_EMIT secretsChanged();
        });
    });
    connectKeys();
    connect(m_fillClient, &DiscoveryClient::finished, this, [this](const DiscoveryResult& result) {
        m_editor->fillButton()->setEnabled(true);
        if (!result.ok())
            m_editor->showMessage(tr("Discovery failed: %1").arg(result.error.message), 2);
        else
            m_editor->fillEndpoints(result.metadata, result.documentUrl.toDisplayString());
    });
}

ProfileActions::~ProfileActions() = default;

void ProfileActions::setReady()
{
    m_ready = true;
    refreshSecretState();
}

const Profile* ProfileActions::current() const
{
    return m_library.byId(m_currentId);
}

void ProfileActions::select(const QString& id)
{
    m_currentId = id;
    Q_EMIT selected(current());
    refreshSecretState();
}

void ProfileActions::saveConnection(const Profile& edited)
{
    const int index = m_library.indexOf(edited.id);
    if (index < 0)
        return;
    Profile saved = m_library.profiles().at(index);
    saved.localTestServer = edited.localTestServer;
    saved.allowSelfSigned = edited.allowSelfSigned;
    saved.caFile = edited.caFile;
    m_library.edit()[index] = saved;
    Q_EMIT profileUpdated(saved);
    m_editor->updateSaved(saved);
    saveProfiles(saved.id);
}

// Credentials go to another host than the issuer's only once the user said yes; the answer is kept per
// profile (and never comes from a file someone sent).
void ProfileActions::approveCredentialHosts(const DiscoveryResult& result)
{
    const int index = m_library.indexOf(m_currentId);
    if (index < 0)
        return;
    const Profile running = asRun(m_library.profiles().at(index)); // its environment's issuer, if any
    const QList<ProfileFlow::UnapprovedHost> hosts = ProfileFlow::unapprovedHosts(running, result);
    if (hosts.isEmpty())
        return;
    QStringList lines;
    for (const ProfileFlow::UnapprovedHost& h : hosts)
        lines << tr("• %1 (%2)").arg(h.host, h.endpoints.join(QStringLiteral(", ")));
    const QString issuerHost = ProfileFlow::issuerHost(running, result);
    const QMessageBox::StandardButton answer = m_ask(
        tr("The issuer is %1, but these endpoints that receive this client's credentials or tokens are on "
           "other hosts:\n%2\n\nSend credentials and tokens there for the profile \"%3\"?")
            .arg(issuerHost, lines.join(u'\n'), m_library.profiles().at(index).name),
        QMessageBox::Yes | QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        Q_EMIT notice(tr("Nothing will be sent to %1 until you approve it: discover again, or list it under "
                         "\"Approved hosts\" in the profile's Advanced tab.")
                          .arg(hosts.constFirst().host),
                      Banner::Level::Warning);
        return;
    }
    Profile approved = m_library.profiles().at(index);
    for (const ProfileFlow::UnapprovedHost& h : hosts)
        approved.approvedHosts << h.host;
    m_library.edit()[index] = approved;
    if (!saveProfiles(approved.id))
        return;
    const Profile& saved = m_library.profiles().at(m_library.indexOf(approved.id));
    m_editor->updateSaved(saved);
    Q_EMIT hostsApproved(saved.approvedHosts); // tokens already there stay
}

void ProfileActions::load()
{
    const ProfileLibrary::Loaded loaded = m_library.load(true);
    if (loaded.error.isError())
        Q_EMIT notice(loaded.error.message, Banner::Level::Error);
    if (!loaded.warning.isEmpty())
        Q_EMIT notice(loaded.warning, Banner::Level::Warning);
    const QList<Profile>& profiles = m_library.profiles();
    m_list->setProfiles(profiles, profiles.isEmpty() ? QString() : profiles.first().id);
    if (profiles.isEmpty())
        select({});
}

void ProfileActions::setDemoIssuer(const QString& issuer)
{
    const Profile* demo = m_library.byId(QString::fromLatin1(Profile::kDemoId));
    const bool changed = !issuer.isEmpty() && demo && demo->issuer != issuer;
    m_library.setDemoIssuer(issuer);
    if (changed && m_currentId == QLatin1String(Profile::kDemoId))
        select(m_currentId);
}

bool ProfileActions::saveProfiles(const QString& selectId)
{
    if (const EngineError error = m_library.save(); error.isError()) {
        Q_EMIT notice(error.message, Banner::Level::Error);
        return false;
    }
    m_list->setProfiles(m_library.profiles(), selectId);
    return true;
}

void ProfileActions::onCurrentChanged(const QString& id, const QString& previousId)
{
    if (id == m_currentId)
        return;
    if (!previousId.isEmpty() && previousId == m_currentId && !settleUnsavedChanges()) {
        m_list->select(previousId);
        return;
    }
    m_list->select(id); // saving may have rebuilt the list meanwhile
    select(id);
}

bool ProfileActions::settleUnsavedChanges()
{
    if (!m_editor->isDirty() || m_library.indexOf(m_currentId) < 0)
        return true;
    const QMessageBox::StandardButton answer =
        m_ask(tr("The profile \"%1\" has unsaved changes. Save them?")
                  .arg(m_library.profiles().at(m_library.indexOf(m_currentId)).name),
              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Discard) {
        m_editor->setProfile(m_library.profiles().at(m_library.indexOf(m_currentId)));
        return true;
    }
    if (answer != QMessageBox::Save)
        return false;
    if (!m_editor->problems().isEmpty()) {
        Q_EMIT editorWanted();
        m_editor->showMessage(tr("Not saved: some fields need attention (marked below)."), 2);
        return false;
    }
    saveEdited(m_editor->profile(), m_editor->typedSecret());
    return !m_editor->isDirty();
}

void ProfileActions::saveEdited(const Profile& edited, const Secret& typedSecret)
{
    const int index = m_library.indexOf(edited.id);
    if (index < 0)
        return;
    if (m_library.nameTaken(edited.name, edited.id)) {
        m_editor->showMessage(tr("Not saved: another profile is already called \"%1\".").arg(edited.name), 2);
        return;
    }
    const Profile before = m_library.profiles().at(index);
    m_library.edit()[index] = edited;
    if (!saveProfiles(edited.id)) {
        m_library.edit()[index] = before;
        return;
    }
    const Profile saved = m_library.profiles().at(m_library.indexOf(edited.id));
    m_editor->setProfile(saved);
    m_editor->showMessage(tr("Saved."), 0);
    Q_EMIT titleChanged(saved.name);
    // What a flow uses changed: the steps start over with it. Name and notes alone do not matter to them.
    Profile a = before, b = saved;
    a.name = b.name;
    a.notes = b.notes;
    const bool flowChanged = a != b;
    if (flowChanged)
        Q_EMIT flowProfileChanged(saved);
    const Profile secretFor = asRun(saved); // the selected environment's secret, or the profile's
    if (flowChanged)
        followEnvironments(before, saved, typedSecret.isEmpty() ? QString() : secretFor.id);
    if (flowChanged && ProfileSecrets::bindingOf(before) != ProfileSecrets::bindingOf(saved)) {
        // The user changed where the secrets go: they follow this edit (and no one else's, such as an import
        // that replaced the profile); a secret typed with it is stored once they have moved.
        m_secrets->rebind(before, saved, this, [this, secretFor, typedSecret](const SecretState&) {
            if (!typedSecret.isEmpty())
                return storeTypedSecret(secretFor, typedSecret);
            refreshSecretState();
            Q_EMIT secretsChanged();
        });
    } else if (!typedSecret.isEmpty()) {
        storeTypedSecret(secretFor, typedSecret);
    } else if (flowChanged) {
        refreshSecretState();
    }
}

// Save stores what the secret field holds, or says why it did not: nothing typed is dropped without a word.
void ProfileActions::storeTypedSecret(const Profile& saved, const Secret& secret)
{
    if (!saved.needsSecret()) {
        m_editor->showMessage(tr("Saved. The secret typed was not stored: a %1 client sends none.")
                                  .arg(saved.authMethod == u"none" ? tr("public") : saved.authMethod),
                              1);
        refreshSecretState();
        return;
    }
    m_secrets->store(
        saved, ProfileSecrets::Kind::ClientSecret, secret, this,
        [this, id = Profile::baseId(saved.id)](const SecretState& state) {
            if (id == m_currentId)
                m_editor->setSecretState(state);
            const bool kept = state.where == SecretState::Where::Keychain ||
                              state.where == SecretState::Where::PlainFile ||
                              state.where == SecretState::Where::ThisRunOnly;
            if (id == m_currentId)
                m_editor->showMessage(
                    kept ? tr("Saved, with the client secret: %1").arg(state.message)
                         : tr("Saved, but the client secret was not stored: %1").arg(state.message),
                    kept && state.where != SecretState::Where::ThisRunOnly ? 0 : 1);
            Q_EMIT secretsChanged();
        });
}

void ProfileActions::newProfile()
{
    if (!settleUnsavedChanges())
        return;
    Profile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.name = m_library.freeName(tr("New profile"), [](int n) { return tr("New profile %1").arg(n); });
    // A real value, not a placeholder that looks like one.
    profile.scopes = QStringLiteral("openid profile email");
    profile.requestTimeoutSeconds = m_settings->requestTimeoutSeconds;
    profile.browserTimeoutMinutes = m_settings->browserTimeoutMinutes;
    m_library.edit().append(profile);
    if (saveProfiles(profile.id)) {
        Q_EMIT editorWanted();
        m_editor->showMessage(
            tr("A new profile: give it the server's issuer (or endpoints) and your client_id, "
               "then Save."),
            0);
        m_editor->nameEdit()->setFocus();
        m_editor->nameEdit()->selectAll();
    }
}

void ProfileActions::duplicateProfile(const QString& id)
{
    const int index = m_library.indexOf(id);
    if (index < 0 || !settleUnsavedChanges())
        return;
    Profile copy = m_library.profiles().at(index);
    const Profile original = copy;
    copy.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    copy.name = m_library.freeName(tr("%1 (copy)").arg(original.name), [&original](int n) {
        return tr("%1 (copy %2)").arg(original.name).arg(n);
    });
    m_library.edit().append(copy);
    if (!saveProfiles(copy.id))
        return;
    if (!original.needsSecret())
        return;
    m_secrets->copyClientSecret(original, copy, this, [this](const SecretState&) { refreshSecretState(); });
    copyEnvironmentSecrets(original, copy);
}

void ProfileActions::deleteProfile(const QString& id)
{
    const int index = m_library.indexOf(id);
    if (index < 0)
        return;
    const Profile doomed = m_library.profiles().at(index);
    const QMessageBox::StandardButton answer = m_ask(
        tr("Delete the profile \"%1\"? Its client secret and any kept refresh token are removed from the OS "
           "keychain too. This cannot be undone (an export can bring the settings back, not the secrets).")
            .arg(doomed.name),
        QMessageBox::Yes | QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_library.edit().removeAt(index);
    if (id == m_currentId)
        m_editor->setProfile(doomed); // nothing unsaved to ask about any more
    if (!saveProfiles(
            m_library.profiles().isEmpty()
                ? QString()
                : m_library.profiles().at(std::min<qsizetype>(index, m_library.profiles().size() - 1)).id)) {
        m_library.edit().insert(index, doomed);
        return;
    }
    removeEnvironmentSecrets(doomed);
    m_secrets->removeAll(doomed, this, [this, name = doomed.name](const SecretState& state) {
        if (state.where == SecretState::Where::Nowhere)
            Q_EMIT notice(tr("Deleted \"%1\" and its keychain entries.").arg(name), Banner::Level::Info);
        else
            Q_EMIT notice(tr("Deleted \"%1\", but its keychain entries could not be removed: %2")
                              .arg(name, state.message),
                          Banner::Level::Warning);
    });
}

void ProfileActions::renameProfile(const QString& id, const QString& name)
{
    const int index = m_library.indexOf(id);
    if (index < 0)
        return;
    const QString trimmed = name.trimmed();
    QString problem;
    if (trimmed.isEmpty())
        problem = tr("A profile needs a name.");
    if (m_library.nameTaken(trimmed, id))
        problem = tr("Another profile is already called \"%1\".").arg(trimmed);
    if (!problem.isEmpty()) {
        Q_EMIT notice(problem, Banner::Level::Error);
        m_list->setProfiles(m_library.profiles(), m_currentId);
        return;
    }
    if (m_library.profiles().at(index).name == trimmed) {
        m_list->setProfiles(m_library.profiles(), m_currentId);
        return;
    }
    m_library.edit()[index].name = trimmed; // the id, and with it the keychain entries, stay
    if (saveProfiles(m_currentId) && id == m_currentId) {
        m_editor->updateSaved(m_library.profiles().at(m_library.indexOf(id)));
        Q_EMIT titleChanged(trimmed);
    }
}

void ProfileActions::fillFromDiscovery(const Profile& profile)
{
    if (profile.issuer.isEmpty()) {
        m_editor->showMessage(tr("Enter the issuer first: its discovery document lists the endpoints."), 1);
        return;
    }
    m_editor->fillButton()->setEnabled(false);
    m_editor->showMessage(tr("Fetching the metadata of %1 …").arg(profile.issuer), 0);
    m_fillClient->discover(profile.issuer, {.allowHttp = profile.localTestServer,
                                            .timeout = std::chrono::seconds(profile.requestTimeoutSeconds),
                                            .tls = profile.tls()});
}

} // namespace oauth2dbg
