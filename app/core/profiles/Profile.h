#pragma once

#include "net/HttpExchange.h"

#include <QJsonObject>
#include <QString>

namespace oauth2dbg {

// A client configuration the user keeps. Secrets are never part of it: they live in the OS keychain.
struct Profile {
    QString id; // stable across renames: keys the profile's keychain entries
    QString name;
    QString issuer;
    QString clientId;
    QString scopes;
    QString authMethod = QStringLiteral("none"); // client_secret_basic, client_secret_post or none
    QString browserCommand;                      // empty: the system browser; %u stands for the URL
    bool localTestServer = false;                // allows http:// to a server on this machine
    QString caFile;                              // extra CA certificates (PEM) to trust for this profile
    bool allowSelfSigned = false;                // accept a self-signed certificate (shown as a warning)
    QString notes;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] TlsOptions tls() const { return {caFile, allowSelfSigned}; }
    [[nodiscard]] static Profile fromJson(const QJsonObject& json);
    friend bool operator==(const Profile&, const Profile&) = default;

    // The profile that points at the demo provider started by the README's first command.
    [[nodiscard]] static Profile localDemo(const QString& issuer = QString());
    static constexpr auto kDemoIssuer = "http://127.0.0.1:9440";
};

} // namespace oauth2dbg
