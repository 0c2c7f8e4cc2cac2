#pragma once

#include "oauth/ClientAuthentication.h"
#include "profiles/Profile.h"

#include <QObject>

namespace oauth2dbg {

class FlowSession;
class ProfileSecrets;

// This run's client authentication as the token step shows it: the method, the client secret (from the
// keychain, or typed for this run only) and where the secret came from. Every change goes to the flow session
// at once, so that a code exchanged on arrival uses what the step shows. It lives while the step's controls
// are not built.
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
    [[nodiscard]] QString stateText() const { return m_stateText; }
    [[nodiscard]] QString stateTip() const { return m_stateTip; }

Q_SIGNALS:
    // The secret or where it came from changed (not by the user's typing).
    void changed();
    // The profile keeps a refresh token from an earlier run, and the session has it now.
    void refreshTokenKept(const oauth2dbg::Secret& token);

private:
    void load();
    void push();
    void setState(const QString& text, const QString& tip = {});

    FlowSession* m_session;
    ProfileSecrets* m_secrets;
    Profile m_profile;
    ClientAuthMethod m_method = ClientAuthMethod::None;
    QString m_secretText;
    QString m_stateText;
    QString m_stateTip;
};

} // namespace oauth2dbg
