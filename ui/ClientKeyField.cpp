#include "ClientKeyField.h"

#include "JwksDialog.h"
#include "PlainText.h"
#include "Theme.h"
#include "common/SafeFile.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

namespace oauth2dbg {

namespace {
constexpr qint64 kLargestKeyFile = 64 * 1024;
}

ClientKeyField::ClientKeyField(QWidget* parent)
    : QWidget(parent)
    , m_state(new QLabel(this))
    , m_import(new QPushButton(tr("Import…"), this))
    , m_generate(new QToolButton(this))
    , m_public(new QPushButton(tr("Public key…"), this))
{
    m_state->setTextFormat(Qt::PlainText);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_import->setToolTip(tr("A private key file: PEM (PKCS#8, RSA or EC) or a private JWK. It goes to the "
                            "OS keychain, never to the profile file."));
    m_generate->setText(tr("Generate"));
    m_generate->setPopupMode(QToolButton::InstantPopup);
    m_generate->setToolTip(tr("Make a new key pair here (OpenSSL); the private key goes to the OS keychain, "
                              "and its public JWK is what you register at the server."));
    auto* menu = new QMenu(m_generate);
    for (const SigningKey::Type type : {SigningKey::Type::EcP256, SigningKey::Type::Rsa2048,
                                        SigningKey::Type::Rsa3072, SigningKey::Type::Ed25519})
        menu->addAction(SigningKey::typeName(type), this, [this, type] { generate(type); });
    m_generate->setMenu(menu);
    m_public->setToolTip(tr("The public JWK and JWKS to register at the server: copy or save them"));
    m_public->setEnabled(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_state, 1);
    layout->addWidget(m_import);
    layout->addWidget(m_generate);
    layout->addWidget(m_public);
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Import a private key"), QString(),
                                         tr("Private keys (*.pem *.key *.jwk *.json);;All files (*)"));
        if (!path.isEmpty())
            importFile(path);
    });
    connect(m_public, &QPushButton::clicked, this, &ClientKeyField::showPublicKey);
}

ClientKeyField::~ClientKeyField() = default;

void ClientKeyField::setStored(const SigningKey& key, const QString& where)
{
    m_publicJwks = key.publicJwks();
    m_kid = key.kid;
    m_public->setEnabled(!m_publicJwks.isEmpty());
    if (!key.usable()) {
        setNone(tr("The stored key cannot sign: %1").arg(key.problem), true);
        return;
    }
    m_state->setText(
        tr("%1 key, kid %2 — %3").arg(key.description, PlainText::line(key.kid.left(60)), where));
    m_state->setStyleSheet(QString());
}

void ClientKeyField::setNone(const QString& why, bool warn)
{
    if (!warn) {
        m_publicJwks = {};
        m_kid.clear();
        m_public->setEnabled(false);
    }
    m_state->setText(why);
    m_state->setStyleSheet(warn ? Theme::warningText() : QString());
}

void ClientKeyField::setStorable(bool storable, const QString& why)
{
    m_import->setEnabled(storable);
    m_generate->setEnabled(storable);
    const QString tip = storable ? QString() : why;
    m_import->setToolTip(tip.isEmpty() ? m_import->toolTip() : tip);
}

void ClientKeyField::importFile(const QString& path)
{
    // A regular file only (a FIFO picked in the dialog would hang the window), and no larger than a key.
    SafeFile::Read read = SafeFile::readFile(path, kLargestKeyFile, tr("The key file"));
    if (!read.ok()) {
        setNone(tr("Not imported: %1").arg(PlainText::line(read.error.message)), true);
        return;
    }
    const Secret contents(std::exchange(read.data, {}));
    const SigningKey key = SigningKey::fromFile(contents);
    if (!key.usable()) {
        setNone(tr("Not imported: %1").arg(key.problem), true);
        return;
    }
    choose(key, contents, tr("imported from %1").arg(PlainText::line(QFileInfo(path).fileName())));
}

void ClientKeyField::generate(SigningKey::Type type)
{
    const SigningKey key = SigningKey::generate(type);
    if (!key.usable()) {
        setNone(key.problem, true);
        return;
    }
    choose(key, key.privatePem(), tr("generated here"));
}

void ClientKeyField::choose(const SigningKey& key, const Secret& contents, const QString& what)
{
    Q_EMIT keyChosen(contents, what, key.kid);
}

void ClientKeyField::showPublicKey()
{
    if (m_publicJwks.isEmpty())
        return;
    openJwksDialog(this, QStringLiteral("publicKeyDialog"), tr("Public key to register"),
                   tr("Register this at the server as the client's jwks (or serve it at the client's "
                      "jwks_uri). It is the public half only: the private key stays in the OS keychain. kid "
                      "%1 is the key's RFC 7638 thumbprint unless the key came with its own.")
                       .arg(PlainText::line(m_kid.left(60))),
                   m_publicJwks);
}

} // namespace oauth2dbg
