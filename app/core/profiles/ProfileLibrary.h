#pragma once

#include "Profile.h"
#include "common/EngineError.h"

#include <QList>

#include <functional>
#include <optional>

namespace oauth2dbg {

class ProfileStore;

// The saved profiles as both faces use them: loaded from the store (the window starts a first run with the
// Local demo profile), found by id or by name, named without clashes, and saved with other instances' changes
// merged in. A demo issuer given for this run (--demo-issuer) points the Local demo profile elsewhere without
// being written.
class ProfileLibrary final {
public:
    explicit ProfileLibrary(ProfileStore* store);

    struct Loaded {
        QString warning;   // what the store set aside and why; empty when all was well
        EngineError error; // seeding a first run could not be saved
    };
    // `seedFirstRun`: with no file yet, start with the Local demo profile and save it.
    Loaded load(bool seedFirstRun);
    // Writes the profiles as this instance's view; on success they are the merged result.
    EngineError save();

    void setDemoIssuer(const QString& issuer);
    [[nodiscard]] const QString& demoIssuer() const { return m_demoIssuer; }

    [[nodiscard]] const QList<Profile>& profiles() const { return m_profiles; }
    // For changes made in place (edit, add, remove, an import's resolutions); they are in memory until
    // save().
    [[nodiscard]] QList<Profile>& edit() { return m_profiles; }
    [[nodiscard]] int indexOf(const QString& id) const;
    [[nodiscard]] const Profile* byId(const QString& id) const;
    // Names match without regard to case; "Local demo" is there even before the first start.
    [[nodiscard]] std::optional<Profile> findByName(const QString& name) const;
    [[nodiscard]] bool nameTaken(const QString& name, const QString& exceptId = {}) const;
    // `first` when no profile has that name, else numbered(2), numbered(3), … until one is free.
    [[nodiscard]] QString freeName(const QString& first, const std::function<QString(int)>& numbered) const;

private:
    ProfileStore* m_store;
    QList<Profile> m_profiles;
    QString m_demoIssuer;
    QString m_savedDemoIssuer; // the demo profile's issuer as the file has it
};

} // namespace oauth2dbg
