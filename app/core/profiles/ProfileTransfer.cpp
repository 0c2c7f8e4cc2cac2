#include "ProfileTransfer.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace oauth2dbg::ProfileTransfer {

namespace {
QString problemOf(const Profile& p, int index)
{
    // What the file says must make a usable profile (the machine's own settings are withheld before).
    QStringList problems;
    for (const FieldProblem& problem : p.validate())
        problems << QStringLiteral("\"%1\": %2").arg(problem.field, problem.message);
    if (problems.isEmpty())
        return {};
    return QStringLiteral("profile %1%2: ")
               .arg(index + 1)
               .arg(p.name.trimmed().isEmpty() ? QString() : QStringLiteral(" (%1)").arg(p.name)) %
           problems.join(u' ');
}

QString freeName(const QList<Profile>& profiles, const QString& name)
{
    const auto taken = [&profiles](const QString& candidate) {
        return std::any_of(profiles.cbegin(), profiles.cend(), [&candidate](const Profile& p) {
            return p.name.compare(candidate, Qt::CaseInsensitive) == 0;
        });
    };
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(name).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}
} // namespace

const QStringList& machineOnlyFields()
{
    static const QStringList fields{QStringLiteral("browserCommand"), QStringLiteral("caFile"),
                                    QStringLiteral("allowSelfSigned"), QStringLiteral("approvedHosts")};
    return fields;
}

QStringList Imported::withheldNotes() const
{
    QStringList notes;
    for (const Withheld& w : withheld) {
        const QString who = w.profile.isEmpty() ? QString() : QStringLiteral("\"%1\": ").arg(w.profile);
        if (w.field == u"browserCommand")
            notes << who %
                         QStringLiteral("the browser command \"%1\" was not taken: a profile file never runs "
                                        "a program. Choose a browser yourself (Advanced, or --browser).")
                             .arg(w.value);
        else if (w.field == u"caFile")
            notes << who %
                         QStringLiteral("the CA file \"%1\" was not taken: a profile file never picks a file "
                                        "on this machine. Choose it yourself (Advanced, or --ca-file).")
                             .arg(w.value);
        else if (w.field == u"allowSelfSigned")
            notes << who % QStringLiteral("\"allow self-signed certificates\" was not taken: a profile file "
                                          "never weakens TLS. Turn it on yourself (Advanced, or "
                                          "--allow-self-signed).");
        else
            notes << who %
                         QStringLiteral("the hosts approved to receive credentials (%1) were not taken: each "
                                        "user approves them on their own machine.")
                             .arg(w.value);
    }
    return notes;
}

QByteArray exportProfiles(const QList<Profile>& profiles)
{
    QJsonArray array;
    for (const Profile& profile : profiles) {
        QJsonObject json = profile.toJson(); // a Profile has no secret to leak
        json.insert(QStringLiteral("secretRequired"), profile.needsSecret());
        json.remove(QStringLiteral("plainFileFallback")); // a choice for one machine, not to be shared
        for (const QString& field : machineOnlyFields())  // nor are these: an import would drop them
            json.remove(field);
        array.append(json);
    }
    const QJsonObject root{
        {QStringLiteral("format"), QString::fromLatin1(kFormat)},
        {QStringLiteral("schema"), kSchemaVersion},
        {QStringLiteral("exported"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("profiles"), array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Imported importProfiles(const QByteArray& document, const QList<Profile>& existing)
{
    Imported result;
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(document, &error);
    if (error.error != QJsonParseError::NoError || !json.isObject()) {
        result.problems << (error.error != QJsonParseError::NoError
                                ? QStringLiteral("The file is not valid JSON (%1 at byte %2).")
                                      .arg(error.errorString())
                                      .arg(error.offset)
                                : QStringLiteral("The file is not a JSON object."));
        return result;
    }
    const QJsonObject root = json.object();
    QJsonArray entries;
    if (root.contains(u"format")) {
        if (root.value(u"format").toString() != QLatin1String(kFormat)) {
            result.problems << QStringLiteral("The file is not an OAuth2 Debugger profiles export.");
            return result;
        }
        if (root.value(u"schema").toInt() > kSchemaVersion) {
            result.problems << QStringLiteral(
                                   "The file comes from a newer version (schema %1); update to import it.")
                                   .arg(root.value(u"schema").toInt());
            return result;
        }
        entries = root.value(u"profiles").toArray();
    } else {
        entries.append(root); // a single profile object
    }
    for (int i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        // The profile's members and its environments': none may carry a secret.
        QList<std::pair<QString, QJsonObject>> objects{{QString(), entry}};
        const QJsonArray environments = entry.value(u"environments").toArray();
        for (qsizetype e = 0; e < environments.size(); ++e)
            objects.append({QStringLiteral("environments[%1].").arg(e), environments.at(e).toObject()});
        for (const auto& [prefix, object] : objects) {
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (it.key().contains(u"secret", Qt::CaseInsensitive) && it.key() != u"secretRequired") {
                    result.problems << QStringLiteral("profile %1 carries \"%2\": secrets are never imported "
                                                      "from files; remove it and type the secret into the "
                                                      "keychain instead.")
                                           .arg(i + 1)
                                           .arg(prefix + it.key());
                }
            }
        }
        Profile profile = Profile::fromJson(entry);
        profile.plainFileFallback = false; // each user decides that on their own machine
        const auto withhold = [&result, &profile](const QString& field, const QString& value) {
            result.withheld.append({profile.name, field, value});
        };
        if (!profile.browserCommand.trimmed().isEmpty())
            withhold(QStringLiteral("browserCommand"), std::exchange(profile.browserCommand, {}));
        if (!profile.caFile.isEmpty())
            withhold(QStringLiteral("caFile"), std::exchange(profile.caFile, {}));
        if (std::exchange(profile.allowSelfSigned, false))
            withhold(QStringLiteral("allowSelfSigned"), QStringLiteral("true"));
        if (!profile.approvedHosts.isEmpty())
            withhold(QStringLiteral("approvedHosts"), std::exchange(profile.approvedHosts, {}).join(u", "));
        if (const QString problem = problemOf(profile, i); !problem.isEmpty()) {
            result.problems << problem;
            continue;
        }
        const auto clash = std::find_if(existing.cbegin(), existing.cend(), [&profile](const Profile& p) {
            return (!profile.id.isEmpty() && p.id == profile.id) ||
                   p.name.compare(profile.name, Qt::CaseInsensitive) == 0;
        });
        if (clash != existing.cend())
            result.conflicts.append({profile, *clash});
        else
            result.profiles.append(profile);
    }
    return result;
}

void resolve(QList<Profile>& profiles, const Conflict& conflict, Resolution resolution)
{
    switch (resolution) {
    case Resolution::Keep:
        return;
    case Resolution::Replace:
        for (Profile& p : profiles) {
            if (p.id == conflict.existing.id) {
                const Profile mine = p;
                p = conflict.incoming;
                p.id = mine.id; // its keychain entries stay with it (released only if still bound to it)
                // What this machine's user chose stays theirs; the file could not set it anyway.
                p.browserCommand = mine.browserCommand;
                p.caFile = mine.caFile;
                p.allowSelfSigned = mine.allowSelfSigned;
                p.plainFileFallback = mine.plainFileFallback;
                if (p.issuer == mine.issuer && p.clientId == mine.clientId)
                    p.approvedHosts = mine.approvedHosts;
                return;
            }
        }
        return;
    case Resolution::Rename: {
        Profile renamed = conflict.incoming;
        renamed.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        renamed.name = freeName(profiles, conflict.incoming.name);
        profiles.append(renamed);
        return;
    }
    }
}

} // namespace oauth2dbg::ProfileTransfer
