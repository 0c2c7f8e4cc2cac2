#pragma once

#include "oauth/ClientAuthentication.h"
#include "profiles/Profile.h"

#include <QObject>

namespace oauth2dbg {

class FlowSession;
class ProfileSecrets;

// This run's client authentication as the token step shows it: the method, the client secret (from the
// keychain, or typed for this run only) or the client's key (private_key_jwt) or certificate (mutual TLS)
// from the keychain, and where it came from. Every change goes to the flow session at once, so that a code
// exchanged on arrival uses what the step shows. It lives while the step's controls are not built.
class ClientCredentials final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientCredentials)

public:
    ClientCredentials(FlowSession* session, ProfileSecrets* secrets, QObject* parent = nullptr);
    ~ClientCredentials() override;

    // The profile's own method; its secret and a kept refresh token are looked up in the keychain.
    void setProfile(const Profile& profile);
    // The keychain changed: the stored secret replaces a typed one.
    void reload();
    void setMethod(ClientAuthMethod method);
    // Typed by the user (for this run only); `edited` when the user typed it, not the keychain.
    void setSecretText(const QString& text, bool edited);

    [[nodiscard]] ClientAuthMethod method() const { return m_method; }
    [[nodiscard]] QString secretText() const { return m_secretText; }
    // Where the secret (or, for private_key_jwt, the key) came from.
    [[nodiscard]] QString stateText() const;
    [[nodiscard]] QString stateTip() const;

Q_SIGNALS:
    // The secret or where it came from changed (not by the user's typing).
    void changed();
    // The profile keeps a refresh token from an earlier run, and the session has it now.
    void refreshTokenKept(const oauth2dbg::Secret& token);

private:
    void load();
    void loadKey();
    void describeKey();
    void loadDpopKey();
    // private_key_jwt and mutual TLS read the profile's client-key entry (a key; a certificate with its key).
    [[nodiscard]] bool usesKeyEntry() const;
    void push();
    void setState(const QString& text, const QString& tip = {});

    FlowSession* m_session;
    ProfileSecrets* m_secrets;
    Profile m_profile;
    ClientAuthMethod m_method = ClientAuthMethod::None;
    QString m_secretText;
    Secret m_key;         // the client-key entry, from the keychain
    QString m_keyMessage; // the keychain's word on it
    QString m_keyText;
    QString m_keyTip;
    QString m_stateText;
    QString m_stateTip;
    QString m_dpopText; // where the DPoP key came from (a DPoP profile)
    QString m_dpopTip;
};

} // namespace oauth2dbg
