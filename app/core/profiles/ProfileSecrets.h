#pragma once

#include "Profile.h"
#include "SecretStore.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <functional>

namespace oauth2dbg {

// Where a profile's secret is, said so that the window and the command line can show it.
struct SecretState {
    enum class Where {
        Nowhere,     // the keychain works and holds none
        Keychain,    // in the OS keychain
        PlainFile,   // in the plain file, because the profile opted in and the keychain could not be used
        ThisRunOnly, // typed for this run, kept in memory only
        Unavailable, // the keychain cannot be used; nothing stored anywhere
        // Stored under this profile's id, but for another issuer, endpoints or client: not released.
        BoundElsewhere,
    };
    Where where = Where::Nowhere;
    QString message; // one sentence for the user
    QString detail;  // the keychain's own words, when it failed
    Secret secret;   // load() only

    [[nodiscard]] bool found() const { return !secret.isEmpty(); }
};

// A profile's secrets, keyed by the profile's id (so a rename keeps them): its client secret, its private key
// (private_key_jwt: the PEM or private JWK as imported, or PEM as generated) and, only when the profile opts
// in, its refresh token. Each entry is bound to what the profile sends it to — its id,
// issuer, client_id and hand-given endpoints — and is released only to a profile that still names the same:
// an id copied into a profile file from an export borrows nothing. The OS keychain is the only place they are
// stored; when it cannot be used, a secret typed by the user stays in memory for this run — unless the
// profile explicitly allows a plain file, which it then shows.
class ProfileSecrets final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProfileSecrets)

public:
    // DpopKey: the profile's DPoP key (RFC 9449), private PKCS#8 PEM, made here at its first use.
    enum class Kind { ClientSecret, RefreshToken, ClientKey, DpopKey };
    using Callback = std::function<void(const SecretState&)>;

    // `plainFilePath` defaults to plaintext-secrets.json next to the profiles.
    explicit ProfileSecrets(SecretStore* store, QString plainFilePath = {}, QObject* parent = nullptr);
    ~ProfileSecrets() override;

    [[nodiscard]] static QString keyFor(const QString& profileId, Kind kind);
    [[nodiscard]] QString plainFilePath() const { return m_plainFile; }

    // This run's typed secret first, then the keychain, then (opted-in profiles only) the plain file.
    void load(const Profile& profile, Kind kind, QObject* context, Callback done);
    // Into the keychain; when it cannot be used, into the plain file if the profile opted in, or else into
    // memory for this run — the state says which, and why.
    void store(const Profile& profile, Kind kind, const Secret& secret, QObject* context, Callback done);
    // The profile's DPoP key: the one stored, or else a new EC P-256 key made now and stored (RFC 9449 §2:
    // one key for the life of the tokens bound to it). The state carries the key either way.
    void loadOrMakeDpopKey(const Profile& profile, QObject* context, Callback done);
    // A secret for this run only: never written anywhere.
    void setForThisRun(const QString& profileId, Kind kind, const Secret& secret);
    // Every secret of the profile, from every place.
    void removeAll(const Profile& profile, QObject* context, Callback done);
    // A duplicate gets the original's client secret and key (not its refresh token: that belongs to one
    // login).
    void copyClientSecret(const Profile& from, const Profile& to, QObject* context, Callback done);
    // The user edited a profile's issuer, endpoints or client: its stored secrets follow the edit (read bound
    // to `before`, stored again bound to `after`). `done` gets the client secret's new state.
    void rebind(const Profile& before, const Profile& after, QObject* context, Callback done);

    // What an entry is bound to, as stored with it; two profiles with equal bindings may share entries.
    [[nodiscard]] static QJsonObject bindingOf(const Profile& profile);

private:
    [[nodiscard]] SecretState unwrap(const Profile& profile, Kind kind, const Secret& stored,
                                     SecretState::Where where, const QString& message);
    void removeEach(QStringList keys, const SecretStoreResult& failed, QObject* context, Callback done);
    void copyOne(const Profile& from, const Profile& to, Kind kind, QObject* context, Callback done);
    [[nodiscard]] Secret readPlain(const QString& key) const;
    bool writePlain(const QString& key, const Secret& secret, QString* error) const;

    SecretStore* m_store;
    QString m_plainFile;
    QHash<QString, Secret> m_thisRun;
};

} // namespace oauth2dbg
