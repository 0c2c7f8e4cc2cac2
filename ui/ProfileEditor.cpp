#include "ProfileEditor.h"

#include "Banner.h"
#include "ClientCertificateField.h"
#include "ClientKeyField.h"
#include "EnvironmentsForm.h"
#include "PlainText.h"
#include "Theme.h"
#include "oauth/RefusalDiagnosis.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>

namespace oauth2dbg {

ProfileEditor::ProfileEditor(QWidget* parent)
    : LazyWidget(parent)
{
    // The form (some forty widgets in four groups) is built on first need: at start the window shows the
    // Discovery step, and its first frame should not wait for a tab nobody has opened yet.
}

void ProfileEditor::connectFields()
{
    const auto edited = [this] {
        onEdited();
    };
    for (QLineEdit* edit :
         {m_name, m_issuer, m_clientId, m_scopes, m_redirectUri, m_browser, m_caFile, m_approvedHosts})
        connect(edit, &QLineEdit::textChanged, this, edited);
    for (QLineEdit* edit : std::as_const(m_endpoints))
        connect(edit, &QLineEdit::textChanged, this, edited);
    for (QComboBox* box : {m_clientType, m_authMethod, m_basicForm, m_pkce, m_redirectMode, m_grant})
        connect(box, &QComboBox::currentIndexChanged, this, edited);
    for (QComboBox* box : {m_authMethod, m_basicForm})
        connect(box, &QComboBox::currentIndexChanged, this, &ProfileEditor::updateBasicForm);
    connect(m_authMethod, &QComboBox::currentIndexChanged, this, &ProfileEditor::updateKeyRow);
    connect(m_clientKey, &ClientKeyField::keyChosen, this,
            [this](const Secret& key, const QString& what, const QString& kid) {
                Q_EMIT storeKeyRequested(m_saved, key, what, kid);
            });
    connect(m_clientCert, &ClientCertificateField::certificateChosen, this,
            [this](const Secret& entry, const QString& what, const QString& thumbprint) {
                Q_EMIT storeCertificateRequested(m_saved, entry, what, thumbprint);
            });
    connect(m_clientId, &QLineEdit::textChanged, this, &ProfileEditor::updateKeyRow);
    for (QLineEdit* edit : {m_clientId, m_secret})
        connect(edit, &QLineEdit::textChanged, this, &ProfileEditor::updateBasicForm);
    for (QCheckBox* box : {m_keepRefresh, m_localServer, m_selfSigned, m_plainFile, m_dpop})
        connect(box, &QCheckBox::toggled, this, edited);
    for (QSpinBox* box : {m_requestTimeout, m_browserTimeout})
        connect(box, &QSpinBox::valueChanged, this, edited);
    for (QPlainTextEdit* box : {m_authorizationParameters, m_tokenParameters, m_notes})
        connect(box, &QPlainTextEdit::textChanged, this, edited);
    connect(m_clientType, &QComboBox::currentIndexChanged, this, &ProfileEditor::updateMethods);
    connect(m_environmentsForm, &EnvironmentsForm::edited, this, edited);

    connect(m_save, &QPushButton::clicked, this, [this] {
        if (const qsizetype count = problemCount(); count > 0) {
            showMessage(tr("Not saved: %n field(s) need attention (marked below).", nullptr, int(count)), 2);
            m_problemsBanner = true; // until they are mended
            showFirstProblem();
            return;
        }
        Q_EMIT saveRequested(profile(), typedSecret());
    });
    connect(m_revert, &QPushButton::clicked, this, [this] { setProfile(m_saved); });
    connect(m_fill, &QPushButton::clicked, this, [this] { Q_EMIT fillFromDiscoveryRequested(profile()); });
    connect(m_storeSecret, &QPushButton::clicked, this, [this] {
        if (m_secret->text().isEmpty()) {
            m_secretState->setText(tr("Type the secret first."));
            return;
        }
        Q_EMIT storeSecretRequested(m_saved, Secret::fromString(m_secret->text()));
        m_secret->clear(); // it lives in the keychain (or this run's memory) from now on
    });
    connect(m_removeSecret, &QPushButton::clicked, this, [this] { Q_EMIT removeSecretRequested(m_saved); });
    updateMethods();
}

void ProfileEditor::afterBuild()
{
    loadWidgets(m_saved);
    setEnvironmentName(m_environmentName);
}

ProfileEditor::~ProfileEditor() = default;

qsizetype ProfileEditor::problemCount() const
{
    build();
    return problems().size() + (m_badParameterLine[0].isEmpty() ? 0 : 1) +
           (m_badParameterLine[1].isEmpty() ? 0 : 1) + m_environmentsForm->badLineCount();
}

void ProfileEditor::showFirstProblem()
{
    build();
    QString field;
    const QList<FieldProblem> found = problems();
    if (!found.isEmpty() && found.constFirst().field.startsWith(u"environments")) {
        m_groups->setCurrentWidget(m_environmentsForm);
        m_environmentsForm->focusProblem(found.constFirst().field);
        return;
    }
    if (!found.isEmpty())
        field =
            m_fields.contains(found.constFirst().field) ? found.constFirst().field : QStringLiteral("issuer");
    else if (!m_badParameterLine[0].isEmpty())
        field = QStringLiteral("authorizationParameters");
    else if (!m_badParameterLine[1].isEmpty())
        field = QStringLiteral("tokenParameters");
    else if (m_environmentsForm->badLineCount() > 0) {
        m_groups->setCurrentWidget(m_environmentsForm);
        m_environmentsForm->focusProblem(QString());
        return;
    }
    if (QWidget* control = m_fields.value(field)) {
        m_groups->setCurrentIndex(m_groupOfField.value(field));
        control->setFocus(Qt::OtherFocusReason);
    }
}

void ProfileEditor::setProfile(const Profile& profile)
{
    m_saved = profile;
    if (!isBuilt())
        return;
    loadWidgets(profile);
    m_banner->setVisible(false);
    m_problemsBanner = false;
}

void ProfileEditor::updateSaved(const Profile& saved)
{
    if (!isBuilt()) {
        m_saved = saved; // nothing edited yet
        return;
    }
    // The user's edits stay; every field they did not touch takes the saved value.
    const QJsonObject before = m_saved.toJson();
    const QJsonObject edited = profile().toJson();
    QJsonObject merged = saved.toJson();
    for (auto it = edited.begin(); it != edited.end(); ++it) {
        if (before.value(it.key()) != it.value())
            merged.insert(it.key(), it.value());
    }
    m_saved = saved;
    loadWidgets(Profile::fromJson(merged));
}

void ProfileEditor::loadWidgets(const Profile& profile)
{
    m_loading = true;
    m_name->setText(profile.name);
    m_issuer->setText(profile.issuer);
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it)
        it.value()->setText(profile.endpoints.value(it.key()));
    m_clientId->setText(profile.clientId);
    m_clientType->setCurrentIndex(std::max(0, m_clientType->findData(profile.clientType)));
    updateMethods();
    const int method = m_authMethod->findData(profile.authMethod);
    if (method < 0) // a method that does not fit the type: shown so that validation can say so
        m_authMethod->addItem(profile.authMethod, profile.authMethod);
    m_authMethod->setCurrentIndex(std::max(0, m_authMethod->findData(profile.authMethod)));
    m_basicForm->setCurrentIndex(std::max(0, m_basicForm->findData(profile.basicForm)));
    m_secret->clear();
    m_keepRefresh->setChecked(profile.keepRefreshToken);
    m_scopes->setText(profile.scopes);
    m_pkce->setCurrentIndex(std::max(0, m_pkce->findData(profile.pkceMethod)));
    m_dpop->setChecked(profile.dpop);
    m_grant->setCurrentIndex(std::max(0, m_grant->findData(profile.grant)));
    m_redirectMode->setCurrentIndex(std::max(0, m_redirectMode->findData(profile.redirectMode)));
    m_redirectUri->setText(profile.redirectUri);
    m_authorizationParameters->setPlainText(parameterLines(profile.authorizationParameters));
    m_tokenParameters->setPlainText(parameterLines(profile.tokenParameters));
    m_browser->setText(profile.browserCommand);
    m_localServer->setChecked(profile.localTestServer);
    m_caFile->setText(profile.caFile);
    m_approvedHosts->setText(profile.approvedHosts.join(QStringLiteral(", ")));
    m_selfSigned->setChecked(profile.allowSelfSigned);
    m_requestTimeout->setValue(profile.requestTimeoutSeconds);
    m_browserTimeout->setValue(profile.browserTimeoutMinutes);
    m_plainFile->setChecked(profile.plainFileFallback);
    m_notes->setPlainText(profile.notes);
    m_environmentsForm->setEnvironments(profile.environments);
    m_loading = false;
    onEdited();
}

Profile ProfileEditor::profile() const
{
    if (!isBuilt())
        return m_saved;
    Profile p = m_saved;
    p.name = m_name->text().trimmed();
    p.issuer = m_issuer->text().trimmed();
    p.endpoints.clear();
    for (auto it = m_endpoints.cbegin(); it != m_endpoints.cend(); ++it) {
        if (!it.value()->text().trimmed().isEmpty())
            p.endpoints.insert(it.key(), it.value()->text().trimmed());
    }
    p.clientId = m_clientId->text().trimmed();
    p.clientType = m_clientType->currentData().toString();
    p.authMethod = m_authMethod->currentData().toString();
    p.basicForm = m_basicForm->currentData().toString();
    p.keepRefreshToken = m_keepRefresh->isChecked();
    p.scopes = m_scopes->text().simplified();
    p.pkceMethod = m_pkce->currentData().toString();
    p.dpop = m_dpop->isChecked();
    p.grant = m_grant->currentData().toString();
    p.redirectMode = m_redirectMode->currentData().toString();
    p.redirectUri = p.redirectMode == u"loopback" ? QString() : m_redirectUri->text().trimmed();
    p.authorizationParameters = parseParameterLines(m_authorizationParameters->toPlainText());
    p.tokenParameters = parseParameterLines(m_tokenParameters->toPlainText());
    p.browserCommand = m_browser->text().trimmed();
    p.localTestServer = m_localServer->isChecked();
    p.caFile = m_caFile->text().trimmed();
    p.approvedHosts.clear();
    for (const QString& host : m_approvedHosts->text().split(u',', Qt::SkipEmptyParts))
        if (const QString name = host.trimmed().toLower(); !name.isEmpty() && !p.approvedHosts.contains(name))
            p.approvedHosts << name;
    p.allowSelfSigned = m_selfSigned->isChecked();
    p.requestTimeoutSeconds = m_requestTimeout->value();
    p.browserTimeoutMinutes = m_browserTimeout->value();
    p.plainFileFallback = m_plainFile->isChecked();
    p.notes = m_notes->toPlainText();
    p.environments = m_environmentsForm->environments();
    return p;
}

Secret ProfileEditor::typedSecret() const
{
    return isBuilt() ? Secret::fromString(m_secret->text()) : Secret();
}

bool ProfileEditor::isDirty() const
{
    if (!isBuilt())
        return false;
    return profile() != m_saved;
}

QString ProfileEditor::fieldMessage(const QString& field) const
{
    build();
    const QLabel* label = m_messages.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void ProfileEditor::onEdited()
{
    if (m_loading)
        return;
    m_redirectUri->setEnabled(m_redirectMode->currentData().toString() != u"loopback");
    m_redirectUri->setPlaceholderText(m_redirectMode->currentData().toString() == u"manual"
                                          ? tr("https://app.example.com/callback")
                                          : tr("http://127.0.0.1:8080/callback"));
    m_plainBadge->setVisible(m_plainFile->isChecked());

    // Each field's message, and which groups need a look.
    QHash<QString, QStringList> messages;
    const Profile shown = profile();
    const QList<FieldProblem> found = shown.validate();
    m_environmentsForm->setBase(shown);
    m_environmentsForm->setProblems(found);
    for (const FieldProblem& problem : found)
        messages[problem.field.startsWith(u"endpoints.") && !m_messages.contains(problem.field)
                     ? QStringLiteral("issuer")
                     : problem.field]
            << problem.message;
    QString badLine;
    (void)parseParameterLines(m_authorizationParameters->toPlainText(), &badLine);
    m_badParameterLine[0] = badLine;
    if (!badLine.isEmpty())
        messages[QStringLiteral("authorizationParameters")] << tr("\"%1\" is not name=value.").arg(badLine);
    badLine.clear();
    (void)parseParameterLines(m_tokenParameters->toPlainText(), &badLine);
    m_badParameterLine[1] = badLine;
    if (!badLine.isEmpty())
        messages[QStringLiteral("tokenParameters")] << tr("\"%1\" is not name=value.").arg(badLine);
    QList<bool> groupNeedsLook(m_groups->count(), false);
    groupNeedsLook.last() = m_environmentsForm->badLineCount() > 0 ||
                            std::any_of(found.cbegin(), found.cend(), [](const FieldProblem& problem) {
                                return problem.field.startsWith(u"environments");
                            });
    for (auto it = m_messages.cbegin(); it != m_messages.cend(); ++it) {
        const QStringList text = messages.value(it.key());
        it.value()->setText(text.join(u' '));
        it.value()->setVisible(!text.isEmpty());
        if (!text.isEmpty() && m_groupOfField.contains(it.key()))
            groupNeedsLook[m_groupOfField.value(it.key())] = true;
    }
    if (messages.contains(QStringLiteral("name"))) {
        m_name->setToolTip(messages.value(QStringLiteral("name")).join(u' '));
        m_name->setStyleSheet(Theme::errorBorder());
    } else {
        m_name->setToolTip(QString());
        m_name->setStyleSheet(QString());
    }
    for (int i = 0; i < m_groups->count(); ++i)
        m_groups->setTabText(i, groupNeedsLook.at(i) ? m_groupTitles.at(i) + QStringLiteral(" ⚠")
                                                     : m_groupTitles.at(i));

    if (m_problemsBanner && problemCount() == 0) { // mended: the "not saved" message is stale now
        m_problemsBanner = false;
        m_banner->hide();
    }
    applySecretState(); // what the keychain line says depends on the client type shown
    const bool dirty = isDirty();
    m_dirtyLabel->setVisible(dirty);
    m_save->setEnabled(dirty);
    m_revert->setEnabled(dirty);
    if (dirty != m_wasDirty) {
        m_wasDirty = dirty;
        Q_EMIT dirtyChanged(dirty);
    }
    Q_EMIT edited();
}

void ProfileEditor::setEnvironmentName(const QString& name)
{
    m_environmentName = name;
    if (!isBuilt())
        return;
    m_secret->setPlaceholderText(name.isEmpty()
                                     ? tr("type to store or replace; never shown, never written to a file")
                                     : tr("the %1 environment's secret").arg(PlainText::line(name)));
    applySecretState();
}

void ProfileEditor::setSecretState(const SecretState& state)
{
    m_secretStateValue = state;
    m_secretStateValue->secret = Secret(); // only where it is, never the secret itself
    applySecretState();
}

void ProfileEditor::applySecretState()
{
    if (!isBuilt() || !m_secretStateValue)
        return;
    const SecretState& state = *m_secretStateValue;
    QString text;
    switch (state.where) {
    case SecretState::Where::Keychain:
        text = tr("Stored in the OS keychain.");
        break;
    case SecretState::Where::Nowhere:
        text = profile().needsSecret()
                   ? tr("Not stored: store it here, or type it in the Token step for one run.")
                   : tr("Not stored (a public client needs none).");
        break;
    default:
        text = state.message;
        break;
    }
    if (!m_environmentName.isEmpty() && profile().needsSecret())
        text = tr("%1 environment: %2").arg(PlainText::line(m_environmentName), text);
    m_secretState->setText(text);
    m_secretState->setToolTip(state.detail);
    m_secretState->setStyleSheet(state.where == SecretState::Where::Unavailable ||
                                         state.where == SecretState::Where::PlainFile ||
                                         state.where == SecretState::Where::BoundElsewhere
                                     ? Theme::warningText()
                                     : QString());
}

void ProfileEditor::showMessage(const QString& text, int level)
{
    build();
    m_banner->showMessage(text, Banner::Level(level));
}

} // namespace oauth2dbg
