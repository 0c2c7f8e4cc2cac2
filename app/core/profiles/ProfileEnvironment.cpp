// A profile's environments: how one is written, found and laid over the profile, and what keeps one from
// being used.
#include "Profile.h"

#include <QSet>

namespace oauth2dbg {

namespace {
constexpr auto kEnvironmentSeparator = "/env/";

// `base` with `over`'s parameters: one of the same name replaces the profile's, the rest are added.
Parameters overlay(Parameters base, const Parameters& over)
{
    for (const auto& parameter : over) { // (clang 14 cannot capture a structured binding)
        const auto same = std::find_if(base.begin(), base.end(),
                                       [&parameter](const auto& p) { return p.first == parameter.first; });
        if (same != base.end())
            same->second = parameter.second;
        else
            base.append(parameter);
    }
    return base;
}

void insertIfGiven(QJsonObject& json, const QString& key, const QString& value)
{
    if (!value.trimmed().isEmpty())
        json.insert(key, value.trimmed());
}

// The members of the profile an environment's value stands in for, as validate() names their fields.
QStringList fieldsSetBy(const ProfileEnvironment& e)
{
    QStringList fields;
    if (!e.issuer.isEmpty())
        fields << QStringLiteral("issuer");
    for (auto it = e.endpoints.cbegin(); it != e.endpoints.cend(); ++it)
        fields << u"endpoints." % it.key();
    if (!e.clientId.isEmpty())
        fields << QStringLiteral("clientId");
    if (!e.redirectMode.isEmpty())
        fields << QStringLiteral("redirectMode") << QStringLiteral("redirectUri");
    if (!e.authorizationParameters.isEmpty())
        fields << QStringLiteral("authorizationParameters");
    if (!e.tokenParameters.isEmpty())
        fields << QStringLiteral("tokenParameters");
    return fields;
}
} // namespace

QJsonObject ProfileEnvironment::toJson() const
{
    QJsonObject json{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}};
    insertIfGiven(json, QStringLiteral("issuer"), issuer);
    if (const QJsonObject given = endpointsToJson(endpoints); !given.isEmpty())
        json.insert(QStringLiteral("endpoints"), given);
    insertIfGiven(json, QStringLiteral("clientId"), clientId);
    insertIfGiven(json, QStringLiteral("redirectMode"), redirectMode);
    insertIfGiven(json, QStringLiteral("redirectUri"), redirectUri);
    if (!authorizationParameters.isEmpty())
        json.insert(QStringLiteral("authorizationParameters"), parametersToJson(authorizationParameters));
    if (!tokenParameters.isEmpty())
        json.insert(QStringLiteral("tokenParameters"), parametersToJson(tokenParameters));
    return json;
}

ProfileEnvironment ProfileEnvironment::fromJson(const QJsonObject& json)
{
    const auto text = [&json](const char16_t* key) {
        return json.value(QStringView(key)).toString().trimmed();
    };
    ProfileEnvironment e;
    e.id = text(u"id");
    e.name = text(u"name");
    e.issuer = text(u"issuer");
    e.endpoints = endpointsFromJson(json.value(u"endpoints"));
    e.clientId = text(u"clientId");
    e.redirectMode = text(u"redirectMode");
    e.redirectUri = text(u"redirectUri");
    e.authorizationParameters = parametersFromJson(json.value(u"authorizationParameters"));
    e.tokenParameters = parametersFromJson(json.value(u"tokenParameters"));
    return e;
}

QString ProfileEnvironment::idFor(const QString& name, const QStringList& taken)
{
    QString stem;
    for (const QChar c : name.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            stem += c;
        else if (!stem.isEmpty() && !stem.endsWith(u'-'))
            stem += u'-';
    }
    while (stem.endsWith(u'-'))
        stem.chop(1);
    if (stem.isEmpty())
        stem = QStringLiteral("environment");
    QString id = stem;
    for (int n = 2; taken.contains(id); ++n)
        id = stem % u'-' % QString::number(n);
    return id;
}

const ProfileEnvironment* Profile::findEnvironment(const QString& nameOrId) const
{
    const QString wanted = nameOrId.trimmed();
    if (wanted.isEmpty())
        return nullptr;
    for (const ProfileEnvironment& e : environments) {
        if (e.id == wanted || e.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return &e;
    }
    return nullptr;
}

QStringList Profile::environmentNames() const
{
    QStringList names;
    for (const ProfileEnvironment& e : environments)
        names << e.name;
    return names;
}

Profile Profile::inEnvironment(const ProfileEnvironment& e) const
{
    Profile p = *this;
    p.environments.clear();
    p.id = id % QLatin1String(kEnvironmentSeparator) % e.id;
    p.environment = e.name;
    if (!e.issuer.isEmpty()) {
        p.issuer = e.issuer;
        p.endpoints.clear(); // the profile's hand-given endpoints are another server's
    }
    for (auto it = e.endpoints.cbegin(); it != e.endpoints.cend(); ++it)
        p.endpoints.insert(it.key(), it.value());
    if (!e.clientId.isEmpty())
        p.clientId = e.clientId;
    if (!e.redirectMode.isEmpty()) {
        p.redirectMode = e.redirectMode;
        p.redirectUri = e.redirectUri;
    }
    p.authorizationParameters = overlay(p.authorizationParameters, e.authorizationParameters);
    p.tokenParameters = overlay(p.tokenParameters, e.tokenParameters);
    return p;
}

QString Profile::baseId(const QString& id)
{
    const qsizetype at = id.indexOf(QLatin1String(kEnvironmentSeparator));
    return at < 0 ? id : id.left(at);
}

QList<FieldProblem> Profile::environmentProblems() const
{
    QList<FieldProblem> problems;
    if (environments.size() > kMaxEnvironments)
        problems.append({QStringLiteral("environments"),
                         QStringLiteral("A profile has at most %1 environments.").arg(kMaxEnvironments)});
    QSet<QString> names;
    QSet<QString> ids;
    for (qsizetype i = 0; i < environments.size() && i < kMaxEnvironments; ++i) {
        const ProfileEnvironment& e = environments.at(i);
        const QString prefix = u"environments." % QString::number(i) % u'.';
        if (e.name.trimmed().isEmpty())
            problems.append({prefix % u"name", QStringLiteral("Give the environment a name.")});
        else if (names.contains(e.name.trimmed().toLower()))
            problems.append({prefix % u"name",
                             QStringLiteral("Another environment is called \"%1\".").arg(e.name.trimmed())});
        names.insert(e.name.trimmed().toLower());
        const bool plainId = std::all_of(e.id.cbegin(), e.id.cend(), [](QChar c) {
            return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
        });
        if (e.id.isEmpty() || !plainId || ids.contains(e.id))
            problems.append({prefix % u"id", QStringLiteral("Each environment needs an id of its own, of "
                                                            "small letters, digits and \"-\".")});
        ids.insert(e.id);
        // What the environment sets, checked as the profile it makes would be.
        const QStringList own = fieldsSetBy(e);
        for (const FieldProblem& problem : inEnvironment(e).validate()) {
            if (own.contains(problem.field))
                problems.append({prefix % problem.field, problem.message});
        }
    }
    return problems;
}

} // namespace oauth2dbg
