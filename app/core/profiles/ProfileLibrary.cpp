#include "ProfileLibrary.h"

#include "ProfileStore.h"

namespace oauth2dbg {

ProfileLibrary::ProfileLibrary(ProfileStore* store)
    : m_store(store)
{}

ProfileLibrary::Loaded ProfileLibrary::load(bool seedFirstRun)
{
    ProfileStore::Loaded loaded = m_store->load();
    m_profiles = loaded.profiles;
    Loaded result{.warning = loaded.warning, .error = {}};
    if (loaded.firstRun && seedFirstRun) {
        // The first start: the demo provider's profile is there to try everything at once.
        m_profiles = {Profile::localDemo()};
        result.error = save();
    }
    const Profile* demo = byId(QString::fromLatin1(Profile::kDemoId));
    m_savedDemoIssuer = demo ? demo->issuer : QString();
    setDemoIssuer(m_demoIssuer);
    return result;
}

EngineError ProfileLibrary::save()
{
    // This run's demo issuer is not written: the file keeps the one it had, unless the user chose another.
    QList<Profile> toWrite = m_profiles;
    const int demo = indexOf(QString::fromLatin1(Profile::kDemoId));
    const bool overridden =
        demo >= 0 && !m_demoIssuer.isEmpty() && m_profiles.at(demo).issuer == m_demoIssuer;
    if (overridden)
        toWrite[demo].issuer = m_savedDemoIssuer;
    QList<Profile> merged;
    if (EngineError error = m_store->save(toWrite, &merged); error.isError())
        return error;
    // Another instance's changes arrive with the merge.
    m_profiles = merged;
    if (const int saved = indexOf(QString::fromLatin1(Profile::kDemoId)); saved >= 0) {
        m_savedDemoIssuer = m_profiles.at(saved).issuer;
        if (overridden)
            m_profiles[saved].issuer = m_demoIssuer;
    }
    return {};
}

void ProfileLibrary::setDemoIssuer(const QString& issuer)
{
    m_demoIssuer = issuer;
    const int demo = indexOf(QString::fromLatin1(Profile::kDemoId));
    if (!issuer.isEmpty() && demo >= 0)
        m_profiles[demo].issuer = issuer; // for this run; saved only if the user saves the profile
}

int ProfileLibrary::indexOf(const QString& id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            return i;
    }
    return -1;
}

const Profile* ProfileLibrary::byId(const QString& id) const
{
    const int index = indexOf(id);
    return index < 0 ? nullptr : &m_profiles.at(index);
}

std::optional<Profile> ProfileLibrary::findByName(const QString& name) const
{
    for (const Profile& p : m_profiles) {
        if (p.name.compare(name, Qt::CaseInsensitive) == 0)
            return p;
    }
    if (name.compare(Profile::localDemo().name, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    Profile demo = Profile::localDemo();
    if (!m_demoIssuer.isEmpty())
        demo.issuer = m_demoIssuer;
    return demo;
}

bool ProfileLibrary::nameTaken(const QString& name, const QString& exceptId) const
{
    return std::any_of(m_profiles.cbegin(), m_profiles.cend(), [&](const Profile& p) {
        return p.id != exceptId && p.name.compare(name, Qt::CaseInsensitive) == 0;
    });
}

QString ProfileLibrary::freeName(const QString& first, const std::function<QString(int)>& numbered) const
{
    QString name = first;
    for (int n = 2; nameTaken(name); ++n)
        name = numbered(n);
    return name;
}

} // namespace oauth2dbg
