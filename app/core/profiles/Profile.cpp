#include "Profile.h"

namespace oauth2dbg {

QJsonObject Profile::toJson() const
{
    QJsonObject json{
        {QStringLiteral("name"), name},
        {QStringLiteral("issuer"), issuer},
        {QStringLiteral("clientId"), clientId},
        {QStringLiteral("scopes"), scopes},
        {QStringLiteral("authMethod"), authMethod},
        {QStringLiteral("browserCommand"), browserCommand},
        {QStringLiteral("localTestServer"), localTestServer},
        {QStringLiteral("caFile"), caFile},
        {QStringLiteral("allowSelfSigned"), allowSelfSigned},
        {QStringLiteral("notes"), notes},
    };
    if (!id.isEmpty())
        json.insert(QStringLiteral("id"), id);
    return json;
}

Profile Profile::fromJson(const QJsonObject& json)
{
    Profile p;
    p.id = json.value(QStringLiteral("id")).toString();
    p.name = json.value(QStringLiteral("name")).toString();
    p.issuer = json.value(QStringLiteral("issuer")).toString();
    p.clientId = json.value(QStringLiteral("clientId")).toString();
    p.scopes = json.value(QStringLiteral("scopes")).toString();
    p.authMethod = json.value(QStringLiteral("authMethod")).toString(QStringLiteral("none"));
    p.browserCommand = json.value(QStringLiteral("browserCommand")).toString();
    p.localTestServer = json.value(QStringLiteral("localTestServer")).toBool();
    p.caFile = json.value(QStringLiteral("caFile")).toString();
    p.allowSelfSigned = json.value(QStringLiteral("allowSelfSigned")).toBool();
    p.notes = json.value(QStringLiteral("notes")).toString();
    return p;
}

Profile Profile::localDemo(const QString& issuer)
{
    Profile p;
    p.id = QStringLiteral("local-demo");
    p.name = QStringLiteral("Local demo");
    p.issuer = issuer.isEmpty() ? QString::fromLatin1(kDemoIssuer) : issuer;
    p.clientId = QStringLiteral("debugger-public");
    p.scopes = QStringLiteral("openid profile email");
    p.localTestServer = true;
    p.notes =
        QStringLiteral("The demo provider on this machine (scripts/demo.sh starts it). A public client: "
                       "no secret, PKCE instead.");
    return p;
}

} // namespace oauth2dbg
