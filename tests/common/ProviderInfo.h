#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

// The running test provider, as tests/provider/ctl.sh describes it in the file named by
// OAUTH2DBG_PROVIDER_INFO (or the second server, tests/provider/glewlwyd.mjs, in OAUTH2DBG_GLEWLWYD_INFO).
struct ProviderInfo {
    QString issuer;
    QJsonObject basicClient;             // client_secret_basic, id and secret with ':' '%' '+' and spaces
    QJsonObject postClient;              // client_secret_post
    QJsonObject publicClient;            // none + PKCE
    QHash<QString, QJsonObject> clients; // every client by id (also debugger-ps256, -es256, -eddsa, -hs256)
    QString caFile;                      // the https instance's certificate (PEM), when it serves https
    QString server;                      // "glewlwyd" for the second server; empty for oidc-provider
    QStringList redirectUris;            // the exact redirect URIs a server without loopback ports accepts
    QString error;                       // why the file could not be read; empty when all is well
    QJsonObject raw;                     // the whole file (the https instance's untrustedClientCert, …)

    [[nodiscard]] static ProviderInfo load(const char* variable = "OAUTH2DBG_PROVIDER_INFO");
    // The root URL the provider serves under (its issuer may claim a path on top).
    [[nodiscard]] QString origin() const;
    [[nodiscard]] quint16 port() const;
    // A file in `directory` holding the private key of the provider's private_key_jwt client `clientId`: PEM,
    // or its private JWK when `jwk`, as a user would have it.
    [[nodiscard]] QString privateKeyFile(const QString& clientId, const QString& directory,
                                         bool jwk = false) const;
};

// A loopback port with nothing listening on it (bound, read back, closed).
[[nodiscard]] quint16 unusedLoopbackPort();
