#pragma once

#include "common/Secret.h"

#include <QObject>
#include <QString>

#include <functional>

namespace oauth2dbg {

struct SecretStoreResult {
    enum class Status {
        Ok,
        NotFound,    // the keychain works, but holds nothing under this key
        Unavailable, // no keychain could be reached (no D-Bus session, no Secret Service)
        Denied,      // the keychain is locked, or the user refused
        Failed,
    };
    Status status = Status::Failed;
    QString message; // one sentence for the user
    QString detail;  // the keychain's own words, with its error number
    Secret secret;   // read() only

    [[nodiscard]] bool ok() const { return status == Status::Ok; }
};

// The OS keychain (Secret Service or KWallet on Linux, Keychain on macOS, Credential Manager on Windows)
// through QtKeychain. The only place a secret is ever stored; there is no file fallback.
class SecretStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    using Callback = std::function<void(const SecretStoreResult&)>;

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
    // Whether the Secret Service's default collection is locked (Linux); false wherever that cannot be told.
    static void checkLocked(QObject* context, std::function<void(bool)> done);

    QString m_service;
};

} // namespace oauth2dbg
