#pragma once

#include "jose/ClientAssertion.h"

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;

namespace oauth2dbg {

// The profile editor's row for a private_key_jwt client's key: where it is (which key, its kid, the
// keychain's word), import a PEM or JWK private key, generate one, and the public key to register. A key
// chosen here leaves as keyChosen() for the keychain; the row keeps only the public half.
class ClientKeyField final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientKeyField)

public:
    explicit ClientKeyField(QWidget* parent = nullptr);
    ~ClientKeyField() override;

    // What the keychain holds: `key` read from it (its public half is kept), or none with the keychain's
    // word for why.
    void setStored(const SigningKey& key, const QString& where);
    void setNone(const QString& why, bool warn = false);
    // The key can be stored only once the profile is saved.
    void setStorable(bool storable, const QString& why = {});

    // What the buttons do once a file is chosen or a type picked (also the tests' way in).
    void importFile(const QString& path);
    void generate(SigningKey::Type type);
    void showPublicKey();

    [[nodiscard]] QLabel* stateLabel() const { return m_state; }
    [[nodiscard]] QPushButton* importButton() const { return m_import; }
    [[nodiscard]] QToolButton* generateButton() const { return m_generate; }
    [[nodiscard]] QPushButton* publicKeyButton() const { return m_public; }
    [[nodiscard]] QJsonObject publicJwks() const { return m_publicJwks; }
    [[nodiscard]] QString kid() const { return m_kid; } // the stored key's; empty: none

Q_SIGNALS:
    // A usable private key (PEM, or the private JWK as imported), to go to the keychain; `what` says where it
    // came from. The row shows it once the keychain has it.
    void keyChosen(const oauth2dbg::Secret& key, const QString& what, const QString& kid);

private:
    void choose(const SigningKey& key, const Secret& contents, const QString& what);

    QLabel* m_state;
    QPushButton* m_import;
    QToolButton* m_generate;
    QPushButton* m_public;
    QJsonObject m_publicJwks;
    QString m_kid;
};

} // namespace oauth2dbg
