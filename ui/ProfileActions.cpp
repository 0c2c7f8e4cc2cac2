#include "ProfileActions.h"

#include "ImportDialog.h"
#include "PlainText.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "common/SafeFile.h"
#include "oauth/DiscoveryClient.h"
#include "profiles/ProfileSecrets.h"
#include "profiles/ProfileStore.h"
#include "profiles/ProfileTransfer.h"
#include "session/ProfileFlow.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QUuid>

namespace oauth2dbg {

ProfileActions::ProfileActions(ProfileStore* store, ProfileSecrets* secrets, NetworkAccess* network,
                               ProfileList* list, ProfileEditor* editor, QWidget* window,
                               const AppSettings* settings, QObject* parent)
    : QObject(parent)
    , m_store(store)
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
                m_secrets->store(profile, ProfileSecrets::Kind::ClientSecret, secret, this,
                                 [this](const SecretState& state) {
                                     m_editor->setSecretState(state);
                                     Q_EMIT secretsChanged();
                                 });
            });
    connect(m_editor, &ProfileEditor::removeSecretRequested, this, [this](const Profile& profile) {
        m_secrets->removeAll(profile, this, [this](const SecretState& state) {
            m_editor->setSecretState(state);
            Q_EMIT secretsChanged();
        });
    });
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
    const int index = indexOf(m_currentId);
    return index < 0 ? nullptr : &m_profiles.at(index);
}

void ProfileActions::select(const QString& id)
{
    m_currentId = id;
    Q_EMIT selected(current());
    refreshSecretState();
}

void ProfileActions::saveConnection(const Profile& edited)
{
    const int index = indexOf(edited.id);
    if (index < 0)
        return;
    Profile saved = m_profiles.at(index);
    saved.localTestServer = edited.localTestServer;
    saved.allowSelfSigned = edited.allowSelfSigned;
    saved.caFile = edited.caFile;
    m_profiles[index] = saved;
    Q_EMIT profileUpdated(saved);
    m_editor->updateSaved(saved);
    saveProfiles(saved.id);
}

// Credentials go to another host than the issuer's only once the user said yes; the answer is kept per
// profile (and never comes from a file someone sent).
void ProfileActions::approveCredentialHosts(const DiscoveryResult& result)
{
    const int index = indexOf(m_currentId);
    if (index < 0)
        return;
    const QList<ProfileFlow::UnapprovedHost> hosts =
        ProfileFlow::unapprovedHosts(m_profiles.at(index), result);
    if (hosts.isEmpty())
        return;
    QStringList lines;
    for (const ProfileFlow::UnapprovedHost& h : hosts)
        lines << tr("• %1 (%2)").arg(h.host, h.endpoints.join(QStringLiteral(", ")));
    const QString issuerHost = ProfileFlow::issuerHost(m_profiles.at(index), result);
    const QMessageBox::StandardButton answer = m_ask(
        tr("The issuer is %1, but these endpoints that receive this client's credentials or tokens are on "
           "other hosts:\n%2\n\nSend credentials and tokens there for the profile \"%3\"?")
            .arg(issuerHost, lines.join(u'\n'), m_profiles.at(index).name),
        QMessageBox::Yes | QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        Q_EMIT notice(tr("Nothing will be sent to %1 until you approve it: discover again, or list it under "
                         "\"Approved hosts\" in the profile's Advanced tab.")
                          .arg(hosts.constFirst().host),
                      Banner::Level::Warning);
        return;
    }
    Profile approved = m_profiles.at(index);
    for (const ProfileFlow::UnapprovedHost& h : hosts)
        approved.approvedHosts << h.host;
    m_profiles[index] = approved;
    if (!saveProfiles(approved.id))
        return;
    const Profile& saved = m_profiles.at(indexOf(approved.id));
    m_editor->updateSaved(saved);
    Q_EMIT hostsApproved(saved.approvedHosts); // tokens already there stay
}

int ProfileActions::indexOf(const QString& id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            return i;
    }
    return -1;
}

void ProfileActions::load()
{
    ProfileStore::Loaded loaded = m_store->load();
    m_profiles = loaded.profiles;
    if (loaded.firstRun) {
        // The first start: the demo provider's profile is there to try everything at once.
        m_profiles = {Profile::localDemo()};
        saveProfiles(m_profiles.first().id);
    }
    if (!loaded.warning.isEmpty())
        Q_EMIT notice(loaded.warning, Banner::Level::Warning);
    m_list->setProfiles(m_profiles, m_profiles.isEmpty() ? QString() : m_profiles.first().id);
    if (m_profiles.isEmpty())
        select({});
}

void ProfileActions::setDemoIssuer(const QString& issuer)
{
    m_demoIssuer = issuer;
    const int index = indexOf(QString::fromLatin1(Profile::kDemoId));
    if (issuer.isEmpty() || index < 0 || m_profiles.at(index).issuer == issuer)
        return;
    m_profiles[index].issuer = issuer; // for this run; saved only if the user saves the profile
    if (m_currentId == m_profiles.at(index).id)
        select(m_currentId);
}

bool ProfileActions::saveProfiles(const QString& selectId)
{
    QList<Profile> merged;
    if (const EngineError error = m_store->save(m_profiles, &merged); error.isError()) {
        Q_EMIT notice(error.message, Banner::Level::Error);
        return false;
    }
    // Another instance's changes arrive with the merge; this run's demo issuer stays.
    if (const int demo =
            [&merged] {
                for (int i = 0; i < merged.size(); ++i)
                    if (merged.at(i).id == QString::fromLatin1(Profile::kDemoId))
                        return i;
                return -1;
            }();
        demo >= 0 && !m_demoIssuer.isEmpty()) {
        const int mine = indexOf(merged.at(demo).id);
        if (mine >= 0)
            merged[demo].issuer = m_profiles.at(mine).issuer;
    }
    m_profiles = merged;
    m_list->setProfiles(m_profiles, selectId);
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
    if (!m_editor->isDirty() || indexOf(m_currentId) < 0)
        return true;
    const QMessageBox::StandardButton answer =
        m_ask(tr("The profile \"%1\" has unsaved changes. Save them?")
                  .arg(m_profiles.at(indexOf(m_currentId)).name),
              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Discard) {
        m_editor->setProfile(m_profiles.at(indexOf(m_currentId)));
        return true;
    }
    if (answer != QMessageBox::Save)
        return false;
    if (!m_editor->problems().isEmpty()) {
        Q_EMIT editorWanted();
        m_editor->showMessage(tr("Not saved: some fields need attention (marked below)."), 2);
        return false;
    }
    saveEdited(m_editor->profile());
    return !m_editor->isDirty();
}

void ProfileActions::refreshSecretState()
{
    const int index = indexOf(m_currentId);
    if (index < 0 || !m_ready)
        return;
    if (!m_profiles.at(index).needsSecret()) {
        m_editor->setSecretState({.where = SecretState::Where::Nowhere}); // a public client: nothing to ask
        return;
    }
    const QString id = m_currentId;
    m_secrets->load(m_profiles.at(index), ProfileSecrets::Kind::ClientSecret, this,
                    [this, id](const SecretState& state) {
                        if (id == m_currentId)
                            m_editor->setSecretState(state);
                    });
}

void ProfileActions::saveEdited(const Profile& edited)
{
    const int index = indexOf(edited.id);
    if (index < 0)
        return;
    for (const Profile& other : std::as_const(m_profiles)) {
        if (other.id != edited.id && other.name.compare(edited.name, Qt::CaseInsensitive) == 0) {
            m_editor->showMessage(tr("Not saved: another profile is already called \"%1\".").arg(edited.name),
                                  2);
            return;
        }
    }
    const Profile before = m_profiles.at(index);
    m_profiles[index] = edited;
    if (!saveProfiles(edited.id)) {
        m_profiles[index] = before;
        return;
    }
    const int now = indexOf(edited.id);
    const Profile& saved = m_profiles.at(now);
    m_editor->setProfile(saved);
    m_editor->showMessage(tr("Saved."), 0);
    Q_EMIT titleChanged(saved.name);
    // What a flow uses changed: the steps start over with it. Name and notes alone do not matter to them.
    Profile a = before, b = saved;
    a.name = b.name;
    a.notes = b.notes;
    if (a != b) {
        Q_EMIT flowProfileChanged(saved);
        if (ProfileSecrets::bindingOf(before) != ProfileSecrets::bindingOf(saved)) {
            // The user changed where the secrets go: they follow this edit (and no one else's, such as an
            // import that replaced the profile).
            m_secrets->rebind(before, saved, this, [this](const SecretState&) {
                refreshSecretState();
                Q_EMIT secretsChanged();
            });
        } else {
            refreshSecretState();
        }
    }
}

void ProfileActions::newProfile()
{
    if (!settleUnsavedChanges())
        return;
    Profile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.name = tr("New profile");
    profile.requestTimeoutSeconds = m_settings->requestTimeoutSeconds;
    profile.browserTimeoutMinutes = m_settings->browserTimeoutMinutes;
    for (int n = 2; std::any_of(m_profiles.cbegin(), m_profiles.cend(),
                                [&profile](const Profile& p) { return p.name == profile.name; });
         ++n)
        profile.name = tr("New profile %1").arg(n);
    m_profiles.append(profile);
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
    const int index = indexOf(id);
    if (index < 0 || !settleUnsavedChanges())
        return;
    Profile copy = m_profiles.at(index);
    const Profile original = copy;
    copy.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    copy.name = tr("%1 (copy)").arg(original.name);
    for (int n = 2; std::any_of(m_profiles.cbegin(), m_profiles.cend(),
                                [&copy](const Profile& p) { return p.name == copy.name; });
         ++n)
        copy.name = tr("%1 (copy %2)").arg(original.name).arg(n);
    m_profiles.append(copy);
    if (!saveProfiles(copy.id))
        return;
    if (original.needsSecret())
        m_secrets->copyClientSecret(original, copy, this,
                                    [this](const SecretState&) { refreshSecretState(); });
}

void ProfileActions::deleteProfile(const QString& id)
{
    const int index = indexOf(id);
    if (index < 0)
        return;
    const Profile doomed = m_profiles.at(index);
    const QMessageBox::StandardButton answer = m_ask(
        tr("Delete the profile \"%1\"? Its client secret and any kept refresh token are removed from the OS "
           "keychain too. This cannot be undone (an export can bring the settings back, not the secrets).")
            .arg(doomed.name),
        QMessageBox::Yes | QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_profiles.removeAt(index);
    if (id == m_currentId)
        m_editor->setProfile(doomed); // nothing unsaved to ask about any more
    if (!saveProfiles(m_profiles.isEmpty()
                          ? QString()
                          : m_profiles.at(std::min<qsizetype>(index, m_profiles.size() - 1)).id)) {
        m_profiles.insert(index, doomed);
        return;
    }
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
    const int index = indexOf(id);
    if (index < 0)
        return;
    const QString trimmed = name.trimmed();
    QString problem;
    if (trimmed.isEmpty())
        problem = tr("A profile needs a name.");
    for (const Profile& other : std::as_const(m_profiles)) {
        if (other.id != id && other.name.compare(trimmed, Qt::CaseInsensitive) == 0)
            problem = tr("Another profile is already called \"%1\".").arg(trimmed);
    }
    if (!problem.isEmpty()) {
        Q_EMIT notice(problem, Banner::Level::Error);
        m_list->setProfiles(m_profiles, m_currentId);
        return;
    }
    if (m_profiles.at(index).name == trimmed) {
        m_list->setProfiles(m_profiles, m_currentId);
        return;
    }
    m_profiles[index].name = trimmed; // the id, and with it the keychain entries, stay
    if (saveProfiles(m_currentId) && id == m_currentId) {
        m_editor->updateSaved(m_profiles.at(indexOf(id)));
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

void ProfileActions::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import profiles"), QString(),
                                                      tr("Profiles (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void ProfileActions::chooseExportFile(bool all)
{
    QStringList ids;
    if (all) {
        for (const Profile& p : std::as_const(m_profiles))
            ids << p.id;
    } else {
        ids = m_list->selectedIds();
        if (ids.isEmpty() && !m_currentId.isEmpty())
            ids << m_currentId;
    }
    if (ids.isEmpty()) {
        Q_EMIT notice(tr("There is no profile to export."), Banner::Level::Info);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export profiles"),
                                                      QStringLiteral("oauth2-debugger-profiles.json"),
                                                      tr("Profiles (*.json)"));
    if (!path.isEmpty())
        exportTo(ids, path);
}

void ProfileActions::exportTo(const QStringList& ids, const QString& path)
{
    QList<Profile> chosen;
    for (const Profile& p : std::as_const(m_profiles)) {
        if (ids.contains(p.id))
            chosen << p;
    }
    if (const EngineError error = SafeFile::writeAtomically(path, ProfileTransfer::exportProfiles(chosen));
        error.isError()) {
        Q_EMIT notice(tr("Nothing was exported: %1").arg(error.message), Banner::Level::Error);
        return;
    }
    const auto needing =
        std::count_if(chosen.cbegin(), chosen.cend(), [](const Profile& p) { return p.needsSecret(); });
    Q_EMIT notice(
        tr("Exported %n profile(s) to %1, without secrets", nullptr, int(chosen.size()))
                .arg(QDir::toNativeSeparators(path)) %
            (needing > 0 ? tr("; %n need(s) a secret, which whoever imports types in.", nullptr, int(needing))
                         : QStringLiteral(".")),
        Banner::Level::Info);
}

void ProfileActions::importFile(const QString& path)
{
    const SafeFile::Read file = SafeFile::readFile(path, SafeFile::kMaxInputFile, tr("The profile file"));
    if (!file.ok()) {
        Q_EMIT notice(tr("Nothing was imported: %1").arg(file.error.message), Banner::Level::Error);
        return;
    }
    const ProfileTransfer::Imported imported = ProfileTransfer::importProfiles(file.data, m_profiles);
    if (!imported.ok()) {
        Q_EMIT notice(tr("Nothing was imported from %1: %2")
                          .arg(QDir::toNativeSeparators(path), imported.problems.join(QStringLiteral(" "))),
                      Banner::Level::Error);
        return;
    }
    if (imported.conflicts.isEmpty()) {
        finishImport(imported.profiles, 0, path, imported.withheldNotes());
        return;
    }
    auto* dialog = new ImportDialog(imported, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, path] {
        int replaced = 0;
        QList<Profile> added = dialog->imported().profiles;
        for (int i = 0; i < dialog->imported().conflicts.size(); ++i) {
            const auto resolution = dialog->resolution(i);
            const qsizetype count = m_profiles.size();
            ProfileTransfer::resolve(m_profiles, dialog->imported().conflicts.at(i), resolution);
            if (resolution == ProfileTransfer::Resolution::Replace)
                ++replaced;
            else if (m_profiles.size() > count)
                added << m_profiles.takeLast();
        }
        finishImport(added, replaced, path, dialog->imported().withheldNotes());
    });
    dialog->open();
}

void ProfileActions::finishImport(const QList<Profile>& added, int conflictsReplaced, const QString& path,
                                  const QStringList& withheld)
{
    m_profiles.append(added);
    if (!saveProfiles(added.isEmpty() ? m_currentId : added.first().id))
        return;
    if (conflictsReplaced > 0 && indexOf(m_currentId) >= 0)
        m_editor->updateSaved(m_profiles.at(indexOf(m_currentId)));
    const auto needing =
        std::count_if(added.cbegin(), added.cend(), [](const Profile& p) { return p.needsSecret(); });
    QString text =
        tr("Imported %n profile(s) from %1", nullptr, int(added.size())).arg(QDir::toNativeSeparators(path));
    if (conflictsReplaced > 0)
        text += tr("; replaced %n", nullptr, conflictsReplaced);
    text += needing > 0 ? tr(". %n need(s) a client secret: store it in the Profile step (Client).", nullptr,
                             int(needing))
                        : QStringLiteral(".");
    for (const QString& note : withheld)
        text += u' ' % note;
    Q_EMIT notice(text, withheld.isEmpty() ? Banner::Level::Info : Banner::Level::Warning);
}

} // namespace oauth2dbg
