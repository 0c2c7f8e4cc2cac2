#include "MainWindow.h"

#include "AuthorizationPanel.h"
#include "DecodePanel.h"
#include "DiscoveryPanel.h"
#include "FlowTimeline.h"
#include "LogPanel.h"
#include "PlainText.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "SecretClipboard.h"
#include "SessionLog.h"
#include "SettingsDialog.h"
#include "TokenInspector.h"
#include "TokenInspectorTabs.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "common/SettingsFile.h"
#include "net/NetworkAccess.h"
#include "net/RedirectListener.h"
#include "profiles/ProfileSecrets.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "session/FlowSession.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace oauth2dbg {

MainWindow::MainWindow(ProfileStore* store, NetworkAccess* network, SecretStore* secrets,
                       BrowserLauncher* launcher, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_network(network)
    , m_secrets(secrets)
    , m_profileSecrets(new ProfileSecrets(
          secrets, QFileInfo(store->path()).absolutePath() + QStringLiteral("/plaintext-secrets.json"), this))
    , m_session(new FlowSession(network, launcher, m_profileSecrets, this))
    , m_list(new ProfileList(this))
    , m_editor(new ProfileEditor(this))
    , m_discovery(new DiscoveryPanel(m_session, this))
    , m_authorization(new AuthorizationPanel(m_session, launcher, this))
    , m_tokens(new TokenPanel(m_session, m_profileSecrets, new TokenInspectorTabs(this), this))
    , m_timeline(new FlowTimeline(this))
    , m_steps(new QStackedWidget(this))
    , m_notice(new Banner(this))
    , m_bottomTabs(new QTabWidget(this))
    , m_traffic(new TrafficPanel(network->trafficLog(), this))
    , m_decode(new DecodePanel(this))
    , m_logPanel(new LogPanel(this))
    , m_keychainLabel(new QLabel(this))
    , m_listenerLabel(new QLabel(this))
    , m_settingsPath(QFileInfo(store->path()).absolutePath() + QStringLiteral("/settings.ini"))
    , m_settings(AppSettings::load(m_settingsPath))
    , m_profileActions(
          new ProfileActions(store, m_profileSecrets, network, m_list, m_editor, this, &m_settings, this))
{
    setWindowTitle(QApplication::applicationDisplayName());

    m_list->setMinimumWidth(220);
    m_bottomTabs->addTab(m_traffic, tr("&Traffic"));
    m_bottomTabs->setCurrentWidget(m_traffic);
    m_bottomTabs->addTab(m_logPanel, tr("&Log"));
    m_bottomTabs->addTab(m_decode, tr("D&ecode a token"));

    for (QWidget* step : std::initializer_list<QWidget*>{m_editor, m_discovery, m_authorization, m_tokens})
        m_steps->addWidget(step);
    m_bottomTabs->insertTab(0, m_tokens->inspectorTabs(), tr("T&okens"));
    auto* flow = new QSplitter(Qt::Horizontal, this);
    flow->addWidget(m_timeline);
    flow->addWidget(m_steps);
    flow->setStretchFactor(1, 1);
    flow->setSizes({200, 860});
    m_timeline->setMinimumWidth(170);
    auto* center = m_centerSplit = new QSplitter(Qt::Vertical, this);
    center->addWidget(flow);
    center->addWidget(m_bottomTabs);
    center->setStretchFactor(0, 3);
    center->setStretchFactor(1, 2);
    auto* centerBox = new QWidget(this);
    auto* centerLayout = new QVBoxLayout(centerBox);
    centerLayout->setContentsMargins(0, 0, 0, 0);
    centerLayout->addWidget(m_notice);
    centerLayout->addWidget(center, 1);
    auto* main = m_mainSplit = new QSplitter(Qt::Horizontal, this);
    main->addWidget(m_list);
    main->addWidget(centerBox);
    main->setStretchFactor(1, 1);
    main->setSizes({220, 1060});
    setCentralWidget(main);

    m_keychainLabel->setText(tr("Keychain: checking…"));
    m_listenerLabel->setToolTip(tr("The loopback listener that catches the browser's redirect (RFC 8252)"));
    statusBar()->addPermanentWidget(m_listenerLabel);
    statusBar()->addPermanentWidget(m_keychainLabel);
    updateListenerStatus();
    buildMenus();
    connect(&SecretClipboard::instance(), &SecretClipboard::said, this,
            [this](const QString& line) { statusBar()->showMessage(line, 10'000); });
    connect(m_traffic, &TrafficPanel::said, this,
            [this](const QString& line) { statusBar()->showMessage(line, 10'000); });

    connect(m_profileActions, &ProfileActions::selected, this, &MainWindow::showProfile);
    connect(m_profileActions, &ProfileActions::flowProfileChanged, this, &MainWindow::startRun);
    connect(m_profileActions, &ProfileActions::profileUpdated, this, [this](const Profile& saved) {
        m_authorization->updateProfile(saved);
        m_tokens->updateProfile(saved);
    });
    connect(m_profileActions, &ProfileActions::hostsApproved, m_tokens, &TokenPanel::setApprovedHosts);
    connect(m_profileActions, &ProfileActions::titleChanged, this, [this](const QString& name) {
        setWindowTitle(PlainText::line(name) % u" — " % QApplication::applicationDisplayName());
    });
    connect(m_profileActions, &ProfileActions::secretsChanged, m_tokens, &TokenPanel::reloadSecrets);
    connect(m_profileActions, &ProfileActions::editorWanted, this, [this] { showStep(m_editor); });
    connect(m_profileActions, &ProfileActions::notice, this, &MainWindow::notify);
    connect(m_discovery, &DiscoveryPanel::showExchange, this, &MainWindow::showExchange);
    connect(m_discovery, &DiscoveryPanel::finished, this, &MainWindow::discoveryFinished);
    connect(m_session, &FlowSession::discovered, this, [this](const DiscoveryResult& result) {
        statusBar()->showMessage(
            result.ok() ? tr("Discovery finished.") : PlainText::line(result.error.message), 10'000);
        if (!result.exchangeIds.isEmpty())
            m_traffic->selectExchange(result.exchangeIds.constLast());
        if (result.ok())
            m_profileActions->approveCredentialHosts(result); // before anything is sent to another host
    });
    connect(m_session, &FlowSession::goalFinished, this, [this](const FlowOutcome& outcome) {
        if (outcome.goal == FlowGoal::Authorize && outcome.step == FlowStep::Kind::Discovery)
            showStep(m_discovery); // the authorization needed the metadata, and it could not be had
        if (outcome.goal == FlowGoal::VerifyToken && outcome.step != FlowStep::Kind::PastedToken)
            m_decode->inspector()->setVerificationNote(tr("Not verified: %1").arg(outcome.error.message));
        else if (outcome.goal == FlowGoal::VerifyToken && outcome.error.kind == ErrorKind::InvalidInput)
            m_decode->inspector()->setVerificationNote(outcome.error.message);
    });
    connect(m_session, &FlowSession::pastedTokenVerified, this, &MainWindow::pastedTokenVerified);
    connect(m_authorization, &AuthorizationPanel::finished, this, &MainWindow::authorizationFinished);
    connect(m_authorization, &AuthorizationPanel::finished, this,
            [this](const AuthorizationOutcome& outcome) {
                if (outcome.hasCode())
                    showStep(m_tokens); // the session exchanges the code now
            });
    connect(m_tokens, &TokenPanel::showExchange, this, &MainWindow::showExchange);
    connect(m_discovery, &DiscoveryPanel::profileEdited, m_profileActions, &ProfileActions::saveConnection);
    connect(m_tokens, &TokenPanel::requestFinished, m_traffic, &TrafficPanel::selectExchange);
    connect(m_tokens, &TokenPanel::tokensVerified, this,
            [this](const QString& summary) { m_logPanel->append(tr("Verification: %1").arg(summary)); });
    connect(m_decode, &DecodePanel::verifyRequested, this, &MainWindow::verifyPastedToken);

    connect(m_session, &FlowSession::stageChanged, this, &MainWindow::updateListenerStatus);
    new SessionLog(m_session, m_logPanel, this);
    // The timeline is the session's steps, as they happen.
    connect(m_session, &FlowSession::stepChanged, m_timeline, &FlowTimeline::apply);
    connect(m_authorization, &AuthorizationPanel::finished, this,
            [this](const AuthorizationOutcome& outcome) {
                if (!outcome.hasCode() && outcome.error.isError())
                    statusBar()->showMessage(PlainText::line(outcome.error.message),
                                             30'000); // the last error, until the next event
            });

    connect(m_timeline, &FlowTimeline::stepActivated, this,
            [this](FlowTimeline::Step step, quint64 exchangeId) {
                switch (step) {
                case FlowTimeline::Step::Profile:
                    m_steps->setCurrentWidget(m_editor);
                    break;
                case FlowTimeline::Step::Discovery:
                    m_steps->setCurrentWidget(m_discovery);
                    break;
                case FlowTimeline::Step::Request:
                case FlowTimeline::Step::Consent:
                case FlowTimeline::Step::Callback:
                    m_steps->setCurrentWidget(m_authorization);
                    break;
                case FlowTimeline::Step::PastedToken:
                    m_bottomTabs->setCurrentWidget(m_decode);
                    break;
                default: // the token response and everything after it
                    m_steps->setCurrentWidget(m_tokens);
                    break;
                }
                if (exchangeId != 0)
                    showExchange(exchangeId);
            });
    connect(m_editor, &ProfileEditor::dirtyChanged, this, &MainWindow::showProfileStep);

    m_profileActions->load();
    showStep(m_discovery);
    resize(1280, 840);
    restoreLayout();
    applySettings(m_settings);
}

void MainWindow::notify(const QString& text, Banner::Level level)
{
    m_notice->showMessage(text, level);
    m_logPanel->append(text);
}

void MainWindow::applySettings(const AppSettings& settings)
{
    m_settings = settings;
    m_authorization->setDefaultBrowser(settings.defaultBrowserCommand);
    m_tokens->setRevealed(settings.revealByDefault);
    SecretClipboard::instance().setClearAfterSeconds(settings.clearClipboardSeconds);
    m_traffic->revealBox()->setChecked(settings.revealByDefault);
    for (TokenInspector* inspector : findChildren<TokenInspector*>())
        inspector->setClockSkew(settings.clockSkewSeconds);
    m_session->setClockSkew(settings.clockSkewSeconds);
}

void MainWindow::openSettings()
{
    auto* dialog = new SettingsDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const AppSettings chosen = dialog->settings();
        if (const EngineError error = chosen.save(m_settingsPath); error.isError())
            notify(error.message, Banner::Level::Error);
        applySettings(chosen);
    });
    dialog->open();
}

void MainWindow::restoreLayout()
{
    const QSettings s(m_settingsPath, QSettings::IniFormat);
    if (const QByteArray geometry = s.value(QStringLiteral("window/geometry")).toByteArray();
        !geometry.isEmpty())
        restoreGeometry(geometry);
    m_mainSplit->restoreState(s.value(QStringLiteral("window/profilesSplit")).toByteArray());
    m_centerSplit->restoreState(s.value(QStringLiteral("window/stepsSplit")).toByteArray());
}

void MainWindow::saveLayout() const
{
    // Closing: nothing left to tell a failure to; the file stays as it was.
    (void)SettingsFile::update(m_settingsPath,
                               {{QStringLiteral("window/geometry"), saveGeometry()},
                                {QStringLiteral("window/profilesSplit"), m_mainSplit->saveState()},
                                {QStringLiteral("window/stepsSplit"), m_centerSplit->saveState()}});
}

QString MainWindow::listenerStatus() const
{
    return m_listenerLabel->text();
}

void MainWindow::updateListenerStatus()
{
    const AuthorizationFlow* flow = m_session->authorization();
    const RedirectListener* listener = flow->listener();
    const bool waiting = flow->stage() == AuthorizationFlow::Stage::WaitingForBrowser ||
                         flow->stage() == AuthorizationFlow::Stage::Prepared;
    m_listenerLabel->setText(waiting && listener && listener->port() != 0
                                 ? tr("Listener: %1 (waiting)").arg(listener->redirectUri())
                                 : tr("Listener: closed"));
}

bool MainWindow::event(QEvent* event)
{
    if (event->type() == QEvent::Paint && !std::exchange(m_painted, true))
        QTimer::singleShot(0, this, &MainWindow::afterFirstPaint);
    return QMainWindow::event(event);
}

// What can wait until the window is on screen: the keychain (a D-Bus round trip, and libsecret to load), the
// icon (the SVG engine) and the filters' clear buttons.
void MainWindow::afterFirstPaint()
{
    const QIcon icon(QStringLiteral(":/icons/oauth2-debugger.svg"));
    QApplication::setWindowIcon(icon);
    setWindowIcon(icon);
    probeKeychain();
    m_profileActions->setReady();
    // The filters' clear buttons load the style's pixmap (and with it every image plugin): they only show
    // once something is typed, so they need not hold up the first frame either.
    m_list->filterEdit()->setClearButtonEnabled(true);
    m_traffic->filterEdit()->setClearButtonEnabled(true);
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_profileActions->settleUnsavedChanges()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

void MainWindow::showProfile(const Profile* profile)
{
    m_editor->setEnabled(profile);
    m_steps->setEnabled(profile);
    m_timeline->setEnabled(profile);
    m_timeline->restart();
    // Nothing selected: every step shows an empty profile rather than the last one.
    const Profile shown = profile ? *profile : Profile();
    m_editor->setProfile(shown);
    startRun(shown);
    if (!profile) {
        m_timeline->setStep(FlowTimeline::Step::Profile, FlowTimeline::Status::Pending,
                            profiles().isEmpty() ? tr("no profile yet") : tr("none selected"));
        setWindowTitle(QApplication::applicationDisplayName());
        return;
    }
    setWindowTitle(PlainText::line(profile->name) % u" — " % QApplication::applicationDisplayName());
    showProfileStep();
}

// A new run of the profile: the session and every step start over with it.
void MainWindow::startRun(const Profile& profile)
{
    m_session->setProfile(profile);
    m_discovery->setProfile(profile);
    m_authorization->setProfile(profile);
    m_tokens->setProfile(profile);
}

void MainWindow::showStep(QWidget* panel)
{
    m_steps->setCurrentWidget(panel);
    const FlowTimeline::Step step = panel == m_editor          ? FlowTimeline::Step::Profile
                                    : panel == m_discovery     ? FlowTimeline::Step::Discovery
                                    : panel == m_authorization ? FlowTimeline::Step::Request
                                                               : FlowTimeline::Step::Token;
    const QSignalBlocker block(m_timeline);
    for (int row = 0; row < m_timeline->count(); ++row) {
        if (m_timeline->item(row)->data(FlowTimeline::StepRole).toInt() == int(step))
            m_timeline->setCurrentRow(row);
    }
}

void MainWindow::showProfileStep()
{
    const Profile* current = m_profileActions->current();
    if (!current)
        return;
    const Profile shown = m_editor->isDirty() ? m_editor->profile() : *current;
    const qsizetype problems = shown.validate().size();
    const QString where = shown.issuer.isEmpty() ? tr("endpoints by hand") : shown.issuer;
    m_timeline->setStep(FlowTimeline::Step::Profile,
                        problems > 0 ? FlowTimeline::Status::Warning : FlowTimeline::Status::Ok,
                        problems > 0          ? tr("%n field(s) need attention", nullptr, int(problems))
                        : m_editor->isDirty() ? tr("%1 — unsaved changes").arg(shown.clientId)
                                              : shown.clientId % u" at " % where);
}

void MainWindow::showExchange(quint64 id)
{
    m_bottomTabs->setCurrentWidget(m_traffic);
    m_traffic->selectExchange(id);
}

QString MainWindow::keychainStatus() const
{
    return m_keychainLabel->text();
}

void MainWindow::probeKeychain()
{
    m_secrets->probe(this, [this](const SecretStoreResult& result) {
        m_logPanel->append(tr("Keychain: %1").arg(result.message));
        m_keychainLabel->setText(result.ok() ? tr("Keychain: available")
                                 : result.status == SecretStoreResult::Status::Denied
                                     ? tr("Keychain: locked")
                                     : tr("Keychain: unavailable"));
        m_keychainLabel->setToolTip(result.ok() ? result.message : result.message % u"\n\n" % result.detail);
    });
}

void MainWindow::verifyPastedToken(const QByteArray& token)
{
    // The session verifies it against the selected profile's issuer, discovering it first when this run has
    // not; the verdict comes back through pastedTokenVerified (or the goal's end, when it could not be had).
    m_decode->inspector()->setVerificationNote(tr("Verifying against %1 …")
                                                   .arg(m_session->profile().issuer.isEmpty()
                                                            ? tr("the profile's endpoints")
                                                            : PlainText::line(m_session->profile().issuer)));
    m_session->run(FlowGoal::VerifyToken, {.token = Secret(token)});
}

void MainWindow::pastedTokenVerified(const QByteArray& token, const TokenVerification& verification)
{
    if (m_decode->token() == token) // else another token was pasted meanwhile
        m_decode->inspector()->setVerification(verification);
}

} // namespace oauth2dbg
