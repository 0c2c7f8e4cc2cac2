#pragma once

#include "common/Secret.h"
#include "net/ClientCertificate.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;

namespace oauth2dbg {

// The profile editor's row for a mutual-TLS client's certificate (RFC 8705): which certificate the keychain
// holds (subject, issuer, SHA-256 thumbprint), importing one — PEM with its key in the same file or another,
// or PKCS#12 with its passphrase — or making a self-signed one for self_signed_tls_client_auth, and what to
// register at the server. A certificate chosen here leaves as certificateChosen() for the keychain, with its
// key; the row keeps only the public part.
class ClientCertificateField final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientCertificateField)

public:
    // Asks for something the import needs: a key file's path, a PKCS#12 passphrase. nullopt: the user
    // cancelled. Dialogs by default; the tests answer themselves.
    using KeyFileQuestion = std::function<std::optional<QString>(const QString& certificateFile)>;
    using PassphraseQuestion = std::function<std::optional<Secret>(const QString& bundleFile)>;

    explicit ClientCertificateField(QWidget* parent = nullptr);
    ~ClientCertificateField() override;

    void setStored(const ClientCertificate& certificate, const QString& where);
    void setNone(const QString& why, bool warn = false);
    void setStorable(bool storable, const QString& why = {});
    // self_signed_tls_client_auth: a certificate can be made here, for CN=`commonName` (the client_id).
    void setSelfSigned(bool selfSigned, const QString& commonName);
    void setQuestions(KeyFileQuestion keyFile, PassphraseQuestion passphrase);

    // What the buttons do (also the tests' way in): a PEM (key inside, or asked for) or PKCS#12 file.
    void importFile(const QString& path);
    void makeSelfSigned();
    void showCertificate();

    [[nodiscard]] QLabel* stateLabel() const { return m_state; }
    [[nodiscard]] QPushButton* importButton() const { return m_import; }
    [[nodiscard]] QPushButton* makeButton() const { return m_make; }
    [[nodiscard]] QPushButton* certificateButton() const { return m_show; }
    [[nodiscard]] QString thumbprint() const { return m_stored.thumbprint; } // empty: none stored

Q_SIGNALS:
    // The certificates' PEM followed by the key's, to go to the keychain; `what` says where it came from.
    void certificateChosen(const oauth2dbg::Secret& entry, const QString& what, const QString& thumbprint);

private:
    void choose(const QByteArray& certificates, const Secret& key, const QString& what);

    QLabel* m_state;
    QPushButton* m_import;
    QPushButton* m_make;
    QPushButton* m_show;
    ClientCertificate m_stored; // public parts only: its key is dropped
    QString m_commonName;
    KeyFileQuestion m_askKeyFile;
    PassphraseQuestion m_askPassphrase;
};

} // namespace oauth2dbg
