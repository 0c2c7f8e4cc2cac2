#pragma once

#include "Profile.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

namespace oauth2dbg {

// Profiles shared as a file (resources/profiles.schema.json documents the format). Never a secret: a profile
// that needs one says so with "secretRequired", and whoever imports it types the secret into their own
// keychain.
namespace ProfileTransfer {

inline constexpr auto kFormat = "oauth2-debugger-profiles";
inline constexpr int kSchemaVersion = 1;

[[nodiscard]] QByteArray exportProfiles(const QList<Profile>& profiles);

struct Conflict {
    Profile incoming;
    Profile existing; // same id, or same name
};

struct Imported {
    QList<Profile> profiles;   // everything that can be added as it is
    QList<Conflict> conflicts; // the user decides: keep, replace or rename
    QStringList problems;      // why the file, or an entry of it, was refused
    [[nodiscard]] bool ok() const { return problems.isEmpty(); }
};

// Reads an export (or a single profile object, as a CLI profile file may be) against the profiles one already
// has.
[[nodiscard]] Imported importProfiles(const QByteArray& document, const QList<Profile>& existing);

enum class Resolution { Keep, Replace, Rename };
// Applies one decision to `profiles` (the user's list): keep the existing one, replace it, or add the
// incoming one under a free name ("Name (2)") with a new id.
void resolve(QList<Profile>& profiles, const Conflict& conflict, Resolution resolution);

} // namespace ProfileTransfer
} // namespace oauth2dbg
