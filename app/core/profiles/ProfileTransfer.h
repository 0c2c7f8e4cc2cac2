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

// A setting a file may not choose for this machine, left out of the imported profile: a program to run
// (browserCommand), a file to read (caFile), weaker TLS (allowSelfSigned) or hosts approved to receive
// credentials (approvedHosts). Whoever imports sets them again themselves, having seen them.
struct Withheld {
    QString profile; // the profile's name in the file
    QString field;
    QString value; // what the file asked for, to show
    friend bool operator==(const Withheld&, const Withheld&) = default;
};

struct Imported {
    QList<Profile> profiles;   // everything that can be added as it is
    QList<Conflict> conflicts; // the user decides: keep, replace or rename
    QStringList problems;      // why the file, or an entry of it, was refused
    QList<Withheld> withheld;  // settings left out, per profile
    [[nodiscard]] bool ok() const { return problems.isEmpty(); }
    // One sentence per withheld setting, for the user.
    [[nodiscard]] QStringList withheldNotes() const;
};

// The members a file never sets on this machine (see Withheld), in the order they are reported.
[[nodiscard]] const QStringList& machineOnlyFields();

// Reads an export (or a single profile object, as a CLI profile file may be) against the profiles one already
// has. Ids are kept (an id names the same profile on every machine) but never release a secret by
// themselves: keychain entries are bound to the profile's issuer, endpoints and client (ProfileSecrets).
[[nodiscard]] Imported importProfiles(const QByteArray& document, const QList<Profile>& existing);

enum class Resolution { Keep, Replace, Rename };
// Applies one decision to `profiles` (the user's list): keep the existing one, replace it, or add the
// incoming one under a free name ("Name (2)") with a new id.
void resolve(QList<Profile>& profiles, const Conflict& conflict, Resolution resolution);

} // namespace ProfileTransfer
} // namespace oauth2dbg
