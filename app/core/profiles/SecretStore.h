#pragma once

#include "KeychainBackend.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace oauth2dbg {

// The OS keychain (Secret Service or KWallet on Linux, Keychain on macOS, Credential Manager on Windows)
// through QtKeychain. The only place a secret is ever stored; there is no file fallback. The keychain itself
// is reached the first time a call needs it, not before.
class SecretStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    using Callback = KeychainBackend::Callback;

    explicit SecretStore(QString service = QStringLiteral("OAuth2 Debugger"), QObject* parent = nullptr);
    ~SecretStore() override;

    // Each call answers once, later, through `done` (called only while `context` is alive).
    void write(const QString& key, const Secret& secret, QObject* context, Callback done);
    void read(const QString& key, QObject* context, Callback done);
    void remove(const QString& key, QObject* context, Callback done);
    // Asks the keychain for an entry that does not exist: "not found" means it works.
    void probe(QObject* context, Callback done);

    [[nodiscard]] QString service() const { return m_service; }

private:
    // The backend, loaded on first use; null (with the reason in m_missing) when it cannot be.
    KeychainBackend* backend();
    void unavailable(QObject* context, Callback done);

    QString m_service;
    std::unique_ptr<KeychainBackend> m_backend;
    bool m_looked = false;
    QString m_missing;
};

} // namespace oauth2dbg
