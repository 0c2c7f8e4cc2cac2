#pragma once

#include "common/Secret.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

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

// The OS keychain itself (QtKeychain), kept apart from the engine so that a command that needs no secret
// never loads it: both faces load it from a module the first time a secret is asked for (a one-bundle build
// and the tests link it in).
class KeychainBackend {
public:
    using Callback = std::function<void(const SecretStoreResult&)>;

    virtual ~KeychainBackend() = default;
    // Each answers once, later, through `done` (only while `context` is alive). `read` tells a locked
    // keychain from an empty one where the platform lets it.
    virtual void write(const QString& service, const QString& key, const Secret& secret, QObject* context,
                       Callback done) = 0;
    virtual void read(const QString& service, const QString& key, QObject* context, Callback done) = 0;
    virtual void remove(const QString& service, const QString& key, QObject* context, Callback done) = 0;
};

using KeychainFactory = std::unique_ptr<KeychainBackend> (*)();

// A backend linked into this program (the window, the tests) instead of the module.
void registerKeychainBackend(KeychainFactory factory);

} // namespace oauth2dbg
