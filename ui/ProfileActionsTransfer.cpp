#include "ImportDialog.h"
#include "ProfileActions.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "common/SafeFile.h"
#include "profiles/ProfileTransfer.h"

#include <QDir>
#include <QFileDialog>

// Profiles to and from files: export without secrets, import with a say on every name that clashes. What a
// file may not carry (a program to run, a file to trust, weaker TLS) is withheld by ProfileTransfer.

namespace oauth2dbg {

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
        for (const Profile& p : m_library.profiles())
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
    for (const Profile& p : m_library.profiles()) {
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
    const ProfileTransfer::Imported imported =
        ProfileTransfer::importProfiles(file.data, m_library.profiles());
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
            const qsizetype count = m_library.profiles().size();
            ProfileTransfer::resolve(m_library.edit(), dialog->imported().conflicts.at(i), resolution);
            if (resolution == ProfileTransfer::Resolution::Replace)
                ++replaced;
            else if (m_library.profiles().size() > count)
                added << m_library.edit().takeLast();
        }
        finishImport(added, replaced, path, dialog->imported().withheldNotes());
    });
    dialog->open();
}

void ProfileActions::finishImport(const QList<Profile>& added, int conflictsReplaced, const QString& path,
                                  const QStringList& withheld)
{
    m_library.edit().append(added);
    if (!saveProfiles(added.isEmpty() ? m_currentId : added.first().id))
        return;
    if (conflictsReplaced > 0 && m_library.indexOf(m_currentId) >= 0)
        m_editor->updateSaved(m_library.profiles().at(m_library.indexOf(m_currentId)));
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
