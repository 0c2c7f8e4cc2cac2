// The profile editor's choices that follow the server: the authentication methods and the grants offered (the
// server's first), the Basic form and its note, which credential row shows, and endpoints filled from
// discovery.
#include "ClientCertificateField.h"
#include "ClientKeyField.h"
#include "ProfileEditor.h"
#include "oauth/ClientAuthentication.h"
#include "oauth/RefusalDiagnosis.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace oauth2dbg {

void ProfileEditor::updateMethods()
{
    fillMethods();
    onEdited(); // the method may have changed with the type: validate what the form shows now
}

void ProfileEditor::fillMethods()
{
    const bool confidential = m_clientType->currentData().toString() == u"confidential";
    const QString current = m_authMethod->currentData().toString();
    {
        const QSignalBlocker block(m_authMethod);
        m_authMethod->clear();
        if (confidential) {
            const QHash<ClientAuthMethod, QString> words{
                {ClientAuthMethod::ClientSecretBasic, tr("client_secret_basic (HTTP Basic)")},
                {ClientAuthMethod::ClientSecretPost, tr("client_secret_post (in the form body)")},
                {ClientAuthMethod::ClientSecretJwt,
                 tr("client_secret_jwt (an assertion signed with the secret)")},
                {ClientAuthMethod::PrivateKeyJwt,
                 tr("private_key_jwt (an assertion signed with the client's key)")},
                {ClientAuthMethod::TlsClientAuth,
                 tr("tls_client_auth (a certificate from a CA the server trusts)")},
                {ClientAuthMethod::SelfSignedTlsClientAuth,
                 tr("self_signed_tls_client_auth (a certificate registered with the server)")}};
            // The methods the server lists first, once discovery said which (RFC 8414 §2).
            for (const ClientAuthMethod method : ClientAuthentication::serverOrder(
                     {ClientAuthMethod::ClientSecretBasic, ClientAuthMethod::ClientSecretPost,
                      ClientAuthMethod::ClientSecretJwt, ClientAuthMethod::PrivateKeyJwt,
                      ClientAuthMethod::TlsClientAuth, ClientAuthMethod::SelfSignedTlsClientAuth},
                     m_serverMethods)) {
                const QString name = ClientAuthentication::methodName(method);
                m_authMethod->addItem(m_serverMethods.isEmpty() || m_serverMethods.contains(name)
                                          ? words.value(method)
                                          : tr("%1 — not listed by the server").arg(words.value(method)),
                                      name);
            }
        } else {
            m_authMethod->addItem(tr("none (PKCE proves the client)"), QStringLiteral("none"));
        }
        m_authMethod->setCurrentIndex(std::max(0, m_authMethod->findData(current)));
    }
    for (QWidget* w : std::initializer_list<QWidget*>{m_secret, m_storeSecret, m_removeSecret})
        w->setEnabled(confidential);
    updateBasicForm();
    updateKeyRow();
}

void ProfileEditor::updateGrants()
{
    const QHash<QString, QString> words{
        {QStringLiteral("authorization_code"), tr("authorization code (browser sign-in)")},
        {QStringLiteral("client_credentials"), tr("client credentials (the client itself)")},
        {QStringLiteral("device_code"), tr("device code (sign in on another device)")},
        {QStringLiteral("token_exchange"), tr("token exchange (RFC 8693)")},
        {QStringLiteral("jwt_bearer"), tr("JWT bearer (a signed assertion, RFC 7523)")},
        {QStringLiteral("password"), tr("password (legacy: RFC 9700 forbids it)")},
        {QStringLiteral("implicit"), tr("implicit (legacy: tokens in the URL)")},
        {QStringLiteral("hybrid"), tr("hybrid (code and ID token from the browser)")}};
    const QString current = m_grant->currentData().toString();
    QStringList listed;
    QStringList others;
    for (const QString& grant : Profile::grantNames())
        (m_serverGrants.isEmpty() || m_serverGrants.contains(Profile::grantTypeOf(grant)) ? listed : others)
            << grant;
    const QSignalBlocker block(m_grant);
    m_grant->clear();
    for (const QString& grant : std::as_const(listed))
        m_grant->addItem(words.value(grant), grant);
    for (const QString& grant : std::as_const(others))
        m_grant->addItem(tr("%1 — not listed by the server").arg(words.value(grant)), grant);
    m_grant->setCurrentIndex(std::max(0, m_grant->findData(current.isEmpty() ? m_saved.grant : current)));
}

void ProfileEditor::updateBasicForm()
{
    const bool basic = m_authMethod->currentData().toString() == u"client_secret_basic";
    m_basicForm->setEnabled(basic);
    m_clientForm->setRowVisible(m_basicForm->parentWidget(), basic); // the box addField() put it in
    // Said before anything is sent: the choice matters for this client only when the forms differ.
    const QString id = m_clientId->text().trimmed();
    const bool differ =
        basic && ClientAuthentication::basicFormsDiffer(id, Secret::fromString(m_secret->text()));
    if (differ)
        m_basicFormNote->setText(
            m_basicForm->currentData().toString() == u"raw"
                ? tr("The two forms differ for this client (its id or secret holds : % + a space or "
                     "non-ASCII): "
                     "the raw form suits a server that does not form-decode; one that follows RFC 6749 "
                     "§2.3.1 "
                     "will refuse it.")
                : tr("The two forms differ for this client (its id or secret holds : % + a space or "
                     "non-ASCII): "
                     "a server that does not form-decode the Basic header refuses this form; choose Raw for "
                     "it, or client_secret_post."));
    m_basicFormNote->setVisible(differ);
}

void ProfileEditor::updateKeyRow()
{
    const QString method = m_authMethod->currentData().toString();
    const bool keyed = method == u"private_key_jwt";
    const bool certified = method == u"tls_client_auth" || method == u"self_signed_tls_client_auth";
    m_clientForm->setRowVisible(m_clientKey, keyed);
    m_clientForm->setRowVisible(m_clientCert, certified);
    // The secret's row is the box addField() put its field and message in.
    for (QWidget* row : {m_secret->parentWidget()->parentWidget(), static_cast<QWidget*>(m_secretState)})
        m_clientForm->setRowVisible(row, !keyed && !certified);
    m_clientKey->setStorable(!m_saved.id.isEmpty(), tr("Save the profile first."));
    m_clientCert->setStorable(!m_saved.id.isEmpty(), tr("Save the profile first."));
    m_clientCert->setSelfSigned(method == u"self_signed_tls_client_auth", m_clientId->text().trimmed());
}

void ProfileEditor::fillEndpoints(const QJsonObject& metadata, const QString& from)
{
    build();
    setServerMetadata(metadata);
    int filled = 0;
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it) {
        const QString url = metadata.value(it.key()).toString();
        if (!url.isEmpty() && it.value()->text().trimmed().isEmpty()) {
            it.value()->setText(url);
            ++filled;
        }
    }
    showMessage(filled == 0
                    ? tr("Nothing to fill: %1 gave no endpoint that is not already set.").arg(from)
                    : tr("Filled %n endpoint(s) from %1. Save to keep them.", nullptr, filled).arg(from),
                0);
}

void ProfileEditor::setServerMetadata(const QJsonObject& metadata)
{
    m_serverMethods = RefusalDiagnosis::tokenEndpointMethods(metadata, true);
    // RFC 8414 §2: grant_types_supported left out means authorization_code and implicit.
    m_serverGrants = metadata.contains(u"grant_types_supported")
                         ? RefusalDiagnosis::listedStrings(metadata, u"grant_types_supported")
                         : QStringList{QStringLiteral("authorization_code"), QStringLiteral("implicit")};
    if (!isBuilt())
        return; // the form, when it is built, starts from these
    // The lists change, the choices stay: a discovery is not an edit of the profile.
    fillMethods();
    updateGrants();
}

} // namespace oauth2dbg
