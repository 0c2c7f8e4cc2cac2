#include "ClientCertificateField.h"

#include "JwksDialog.h"
#include "PlainText.h"
#include "Theme.h"
#include "common/SafeFile.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace oauth2dbg {

namespace {
constexpr qint64 kLargestFile = 256 * 1024; // a certificate chain with its key, or a PKCS#12 bundle

// The file's bytes, at most kLargestFile, from a regular file only (a FIFO picked in the dialog would hang
// the window); empty with `problem` set when it cannot be had.
Secret readSmall(const QString& path, const QString& what, QString* problem)
{
    SafeFile::Read read = SafeFile::readFile(path, kLargestFile, what);
    *problem = read.error.message;
    return Secret(std::exchange(read.data, {}));
}
} // namespace

ClientCertificateField::ClientCertificateField(QWidget* parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_import(new QPushButton(tr("Import…"), this))
    , m_make(new QPushButton(tr("Make self-signed"), this))
    , m_show(new QPushButton(tr("Certificate…"), this))
{
    m_state->setTextFormat(Qt::PlainText);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_import->setToolTip(tr("The client certificate: PEM (with its private key in the same file or another) "
                            "or PKCS#12 (.p12, .pfx) with its passphrase. Certificate and key go to the OS "
                            "keychain, never to the profile file."));
    m_make->setToolTip(tr("Make a self-signed certificate with a new EC P-256 key (OpenSSL), then register "
                          "it at the server (Certificate…)."));
    m_make->setVisible(false);
    m_show->setToolTip(
        tr("The certificate's subject, issuer and thumbprint, and the JWKS (x5c) to register"));
    m_show->setEnabled(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state, 1);
    layout->addWidget(m_import);
    layout->addWidget(m_make);
    layout->addWidget(m_show);
    m_askKeyFile = [this](const QString& certificateFile) -> std::optional<QString> {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("The private key of %1").arg(QFileInfo(certificateFile).fileName()),
            QFileInfo(certificateFile).path(), tr("Private keys (*.pem *.key);;All files (*)"));
        return path.isEmpty() ? std::nullopt : std::optional<QString>(path);
    };
    m_askPassphrase = [this](const QString& bundleFile) -> std::optional<Secret> {
        bool ok = false;
        const QString text =
            QInputDialog::getText(this, tr("PKCS#12 passphrase"),
                                  tr("The passphrase of %1 (used once to open it; not stored):")
                                      .arg(QFileInfo(bundleFile).fileName()),
                                  QLineEdit::Password, QString(), &ok);
        return ok ? std::optional<Secret>(Secret::fromString(text)) : std::nullopt;
    };
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import a client certificate"), QString(),
                                         tr("Certificates (*.pem *.crt *.cer *.p12 *.pfx);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_make, &QPushButton::clicked, this, &ClientCertificateField::makeSelfSigned);
    connect(m_show, &QPushButton::clicked, this, &ClientCertificateField::showCertificate);
}

ClientCertificateField::~ClientCertificateField() = default;

void ClientCertificateField::setQuestions(KeyFileQuestion keyFile, PassphraseQuestion passphrase)
{
    m_askKeyFile = std::move(keyFile);
    m_askPassphrase = std::move(passphrase);
}

void ClientCertificateField::setStored(const ClientCertificate& certificate, const QString& where)
{
    m_stored = certificate;
    m_stored.key = {};
    m_show->setEnabled(!certificate.chain.isEmpty());
    if (!certificate.usable()) {
        setNone(tr("The stored certificate cannot be used: %1").arg(certificate.problem), true);
        return;
    }
    m_state->setText(tr("%1, issued by %2 — %3")
                         .arg(PlainText::line(certificate.subject.left(120)),
                              PlainText::line(certificate.issuer.left(120)), where));
    m_state->setToolTip(tr("SHA-256 thumbprint (x5t#S256) %1, valid until %2")
                            .arg(certificate.thumbprint,
                                 certificate.chain.first().expiryDate().toUTC().toString(Qt::ISODate)));
    m_state->setStyleSheet(QString());
}

void ClientCertificateField::setNone(const QString& why, bool warn)
{
    if (!warn) {
        m_stored = {};
        m_show->setEnabled(false);
    }
    // A failed import loses nothing: what the keychain holds is still said.
    m_state->setText(warn && !m_stored.chain.isEmpty()
                         ? tr("%1 The keychain still holds %2.").arg(why, PlainText::line(m_stored.subject))
                         : why);
    m_state->setToolTip(QString());
    m_state->setStyleSheet(warn ? Theme::warningText() : QString());
}

void ClientCertificateField::setStorable(bool storable, const QString& why)
{
    for (QPushButton* button : {m_import, m_make}) {
        button->setEnabled(storable);
        if (!storable)
            button->setToolTip(why);
    }
}

void ClientCertificateField::setSelfSigned(bool selfSigned, const QString& commonName)
{
    m_make->setVisible(selfSigned);
    m_commonName = commonName;
}

void ClientCertificateField::importFile(const QString& path)
{
    QString problem;
    const Secret contents = readSmall(path, tr("The certificate file"), &problem);
    if (contents.isEmpty())
        return setNone(tr("Not imported: %1").arg(problem.isEmpty() ? tr("the file is empty.") : problem),
                       true);
    const QString name = PlainText::line(QFileInfo(path).fileName());
    const QByteArray& bytes = contents.reveal();
    if (!bytes.contains("-----BEGIN ")) { // binary: PKCS#12
        const std::optional<Secret> passphrase = m_askPassphrase(path);
        if (!passphrase)
            return;
        QByteArray certificates;
        Secret key;
        if (!ClientCertificate::pkcs12ToPem(contents, *passphrase, &certificates, &key, &problem))
            return setNone(tr("Not imported: %1").arg(problem), true);
        return choose(certificates, key, tr("imported from %1").arg(name));
    }
    if (!bytes.contains("-----BEGIN CERTIFICATE-----"))
        return setNone(
            tr("Not imported: %1 holds no certificate (\"BEGIN CERTIFICATE\"); a private key alone "
               "belongs to private_key_jwt.")
                .arg(name),
            true);
    if (const qsizetype marker = bytes.indexOf("PRIVATE KEY-----"); marker >= 0) {
        // The key's block, wherever it is in the file; the certificates are the rest.
        const qsizetype begin = bytes.lastIndexOf("-----BEGIN ", marker);
        const qsizetype endLine = bytes.indexOf("-----END ", marker);
        const qsizetype end = endLine < 0 ? bytes.size() : bytes.indexOf("-----", endLine + 9) + 5;
        return choose(bytes.left(begin) + bytes.mid(end), Secret(bytes.mid(begin, end - begin)),
                      tr("imported from %1").arg(name));
    }
    const std::optional<QString> keyFile = m_askKeyFile(path);
    if (!keyFile)
        return;
    const Secret key = readSmall(*keyFile, tr("The key file"), &problem);
    if (key.isEmpty())
        return setNone(tr("Not imported: %1").arg(problem.isEmpty() ? tr("the key file is empty.") : problem),
                       true);
    choose(
        bytes, key,
        tr("imported from %1 with the key in %2").arg(name, PlainText::line(QFileInfo(*keyFile).fileName())));
}

void ClientCertificateField::makeSelfSigned()
{
    QByteArray certificate;
    Secret key;
    QString problem;
    const QString name = m_commonName.isEmpty() ? QStringLiteral("oauth2-debugger client") : m_commonName;
    if (!ClientCertificate::makeSelfSigned(name, 365, &certificate, &key, &problem))
        return setNone(problem, true);
    choose(certificate, key, tr("made here, self-signed"));
}

void ClientCertificateField::choose(const QByteArray& certificates, const Secret& key, const QString& what)
{
    // Checked before anything is stored: a certificate, a key that is its own, not expired.
    const ClientCertificate certificate = ClientCertificate::fromPem(certificates, key);
    if (!certificate.usable())
        return setNone(tr("Not imported: %1").arg(certificate.problem), true);
    Q_EMIT certificateChosen(ClientCertificate::entry(certificates, key), what, certificate.thumbprint);
}

void ClientCertificateField::showCertificate()
{
    if (m_stored.chain.isEmpty())
        return;
    const QSslCertificate& own = m_stored.chain.first();
    openJwksDialog(
        this, QStringLiteral("certificateDialog"), tr("Client certificate to register"),
        tr("Subject %1\nIssued by %2\nValid %3 to %4\nSHA-256 thumbprint (x5t#S256) %5\n\n"
           "tls_client_auth: register the subject (tls_client_auth_subject_dn) and trust its CA at the "
           "server. self_signed_tls_client_auth: register this JWKS (its x5c holds the certificate) as the "
           "client's jwks. Public parts only: the key stays in the OS keychain.")
            .arg(PlainText::line(m_stored.subject), PlainText::line(m_stored.issuer),
                 own.effectiveDate().toUTC().toString(Qt::ISODate),
                 own.expiryDate().toUTC().toString(Qt::ISODate), m_stored.thumbprint),
        m_stored.registrationJwks(),
        {{tr("Copy PEM"), QString::fromLatin1(own.toPem()),
          tr("The certificate (PEM) is on the clipboard.")}});
}

} // namespace oauth2dbg
