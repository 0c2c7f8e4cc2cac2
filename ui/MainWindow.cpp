#include "MainWindow.h"

#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "Banner.h"
#include "DecodePanel.h"
#include "DiscoveryPanel.h"
#include "FlowTimeline.h"
#include "ImportDialog.h"
#include "LogPanel.h"
#include "PlainText.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "SecretClipboard.h"
#include "SettingsDialog.h"
#include "TokenInspector.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "common/SafeFile.h"
#include "common/SettingsFile.h"
#include "net/NetworkAccess.h"
#include "net/RedirectListener.h"
#include "oauth/DiscoveryClient.h"
#include "profiles/ProfileSecrets.h"
#include "profiles/ProfileStore.h"
#include "profiles/ProfileTransfer.h"
#include "profiles/SecretStore.h"
#include "session/FlowSession.h"
#include "session/ProfileFlow.h"
#include "session/TokenVerifier.h"
#include "traffic/TrafficLog.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QUuid>
#include <QVBoxLayout>

#include <openssl/crypto.h>

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
    , m_fillClient(new DiscoveryClient(network, this))
    , m_list(new ProfileList(this))
    , m_editor(new ProfileEditor(this))
    , m_discovery(new DiscoveryPanel(m_session, this))
    , m_authorization(new AuthorizationPanel(m_session, launcher, this))
    , m_tokens(new TokenPanel(m_session, m_profileSecrets, this))
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
    , m_ask([this](const QString& question, QMessageBox::StandardButtons buttons) {
        return QMessageBox::question(this, QApplication::applicationDisplayName(), question, buttons);
    })
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

    connect(m_list, &ProfileList::currentChanged, this, &MainWindow::onCurrentChanged);
    connect(m_list, &ProfileList::newRequested, this, &MainWindow::newProfile);
    connect(m_list, &ProfileList::duplicateRequested, this, &MainWindow::duplicateProfile);
    connect(m_list, &ProfileList::deleteRequested, this, &MainWindow::deleteProfile);
    connect(m_list, &ProfileList::renameRequested, this, &MainWindow::renameProfile);
    connect(m_list, &ProfileList::importRequested, this, &MainWindow::chooseImportFile);
    connect(m_list, &ProfileList::exportRequested, this, [this] { chooseExportFile(false); });
    connect(m_editor, &ProfileEditor::saveRequested, this, &MainWindow::saveEdited);
    connect(m_editor, &ProfileEditor::fillFromDiscoveryRequested, this, &MainWindow::fillFromDiscovery);
    connect(m_editor, &ProfileEditor::storeSecretRequested, this,
            [this](const Profile& profile, const Secret& secret) {
                m_profileSecrets->store(profile, ProfileSecrets::Kind::ClientSecret, secret, this,
                                        [this](const SecretState& state) {
                                            m_editor->setSecretState(state);
                                            m_tokens->reloadSecrets();
                                        });
            });
    connect(m_editor, &ProfileEditor::removeSecretRequested, this, [this](const Profile& profile) {
        m_profileSecrets->removeAll(profile, this, [this](const SecretState& state) {
            m_editor->setSecretState(state);
            m_tokens->reloadSecrets();
        });
    });
    connect(m_fillClient, &DiscoveryClient::finished, this, [this](const DiscoveryResult& result) {
        m_editor->fillButton()->setEnabled(true);
        if (!result.ok())
            m_editor->showMessage(tr("Discovery failed: %1").arg(result.error.message), 2);
        else
            m_editor->fillEndpoints(result.metadata, result.documentUrl.toDisplayString());
    });
    connect(m_discovery, &DiscoveryPanel::showExchange, this, &MainWindow::showExchange);
    connect(m_discovery, &DiscoveryPanel::finished, this, &MainWindow::discoveryFinished);
    connect(m_session, &FlowSession::discovered, this, [this](const DiscoveryResult& result) {
        statusBar()->showMessage(
            result.ok() ? tr("Discovery finished.") : PlainText::line(result.error.message), 10'000);
        m_logPanel->append(result.ok()
                               ? tr("Discovery: %1 passed the checks (%2 findings)")
                                     .arg(result.documentUrl.isEmpty() ? tr("the profile's endpoints")
                                                                       : result.documentUrl.toDisplayString())
                                     .arg(result.findings.size())
                               : tr("Discovery failed: %1").arg(result.error.message));
        if (!result.exchangeIds.isEmpty())
            m_traffic->selectExchange(result.exchangeIds.constLast());
        if (result.ok())
            approveCredentialHosts(result); // before the session sends anything to another host
    });
    connect(m_session, &FlowSession::goalFinished, this, [this](const FlowOutcome& outcome) {
        if (outcome.goal == FlowGoal::Authorize && outcome.step == FlowStep::Kind::Discovery)
            showStep(m_discovery); // the authorization needed the metadata, and it could not be had
    });
    connect(m_authorization, &AuthorizationPanel::finished, this, &MainWindow::authorizationFinished);
    connect(m_authorization, &AuthorizationPanel::finished, this,
            [this](const AuthorizationOutcome& outcome) {
                if (outcome.hasCode())
                    showStep(m_tokens); // the session exchanges the code now
            });
    connect(m_tokens, &TokenPanel::showExchange, this, &MainWindow::showExchange);
    connect(m_discovery, &DiscoveryPanel::profileEdited, this, [this](const Profile& edited) {
        // The connection settings changed on the Discovery step: saved at once, like any setting.
        const int index = indexOf(edited.id);
        if (index < 0)
            return;
        Profile saved = m_profiles.at(index);
        saved.localTestServer = edited.localTestServer;
        saved.allowSelfSigned = edited.allowSelfSigned;
        saved.caFile = edited.caFile;
        m_profiles[index] = saved;
        m_authorization->updateProfile(saved);
        m_tokens->updateProfile(saved);
        m_editor->updateSaved(saved);
        saveProfiles(saved.id);
    });
    connect(m_tokens, &TokenPanel::requestFinished, m_traffic, &TrafficPanel::selectExchange);
    connect(m_tokens, &TokenPanel::tokensVerified, this,
            [this](const QString& summary) { m_logPanel->append(tr("Verification: %1").arg(summary)); });
    connect(m_decode, &DecodePanel::verifyRequested, this, &MainWindow::verifyPastedToken);
    connect(m_tokens, &TokenPanel::operationFinished, this, [this](const OperationResult& result) {
        const QString title = result.kind == OperationResult::Kind::UserInfo        ? tr("Userinfo")
                              : result.kind == OperationResult::Kind::Introspection ? tr("Introspection")
                                                                                    : tr("Revocation");
        m_logPanel->append(title % u": " % result.summary);
    });

    connect(m_session, &FlowSession::stageChanged, this, &MainWindow::updateListenerStatus);
    connect(m_session, &FlowSession::stageChanged, this, &MainWindow::logStage);
    connect(m_session, &FlowSession::callbackRejected, this, [this](const CapturedCallback& callback) {
        m_logPanel->append(tr("Listener: refused a request: %1")
                               .arg(callback.problem.isEmpty() ? callback.verdict.reason : callback.problem));
    });
    connect(m_session, &FlowSession::tokensChanged, this, [this](const TokenResult& result) {
        m_logPanel->append(
            result.ok()
                ? tr("Token endpoint: new tokens (%1)").arg(m_session->lastExplanation().section(u':', 0, 0))
                : tr("Token endpoint: %1").arg(result.error.message));
    });
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
                default: // the token response and everything after it
                    m_steps->setCurrentWidget(m_tokens);
                    break;
                }
                if (exchangeId != 0)
                    showExchange(exchangeId);
            });
    connect(m_editor, &ProfileEditor::dirtyChanged, this, &MainWindow::showProfileStep);

    loadProfiles();
    showStep(m_discovery);
    resize(1280, 840);
    restoreLayout();
    applySettings(m_settings);
}

void MainWindow::logStage(AuthorizationFlow::Stage stage)
{
    const RedirectListener* listener = m_session->authorization()->listener();
    switch (stage) {
    case AuthorizationFlow::Stage::Prepared:
        return m_logPanel->append(tr("Authorization: request prepared"));
    case AuthorizationFlow::Stage::WaitingForBrowser:
        return m_logPanel->append(tr("Authorization: browser sent; listening at %1")
                                      .arg(listener && listener->port() != 0
                                               ? listener->redirectUri()
                                               : tr("(nothing: manual capture)")));
    case AuthorizationFlow::Stage::Completed:
        return m_logPanel->append(tr("Authorization: callback accepted"));
    case AuthorizationFlow::Stage::Failed:
        return m_logPanel->append(tr("Authorization: failed"));
    case AuthorizationFlow::Stage::Cancelled:
        return m_logPanel->append(tr("Authorization: cancelled; the listener is closed"));
    case AuthorizationFlow::Stage::TimedOut:
        return m_logPanel->append(tr("Authorization: no callback in time; the listener is closed"));
    case AuthorizationFlow::Stage::Idle:
        return;
    }
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
    refreshSecretState();
    // The filters' clear buttons load the style's pixmap (and with it every image plugin): they only show
    // once something is typed, so they need not hold up the first frame either.
    m_list->filterEdit()->setClearButtonEnabled(true);
    m_traffic->filterEdit()->setClearButtonEnabled(true);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New profile"), QKeySequence::New, this, &MainWindow::newProfile);
    file->addAction(tr("D&uplicate profile"), this, [this] { duplicateProfile(m_currentId); });
    file->addAction(tr("&Delete profile…"), this, [this] { deleteProfile(m_currentId); });
    file->addSeparator();
    file->addAction(tr("&Import profiles…"), this, &MainWindow::chooseImportFile);
    file->addAction(tr("&Export selected profiles…"), this, [this] { chooseExportFile(false); });
    file->addAction(tr("Export &all profiles…"), this, [this] { chooseExportFile(true); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(tr("&Find profile"), QKeySequence::Find, this, [this] {
        m_list->filterEdit()->setFocus();
        m_list->filterEdit()->selectAll();
    });
    edit->addAction(tr("&Rename profile"), QKeySequence(Qt::Key_F2), this, [this] {
        m_list->listWidget()->setFocus();
        if (QListWidgetItem* item = m_list->listWidget()->currentItem())
            m_list->listWidget()->editItem(item);
    });
    edit->addSeparator();
    edit->addAction(tr("&Settings…"), QKeySequence::Preferences, this, &MainWindow::openSettings);
    QMenu* flow = menuBar()->addMenu(tr("F&low"));
    flow->addAction(tr("&Discover metadata"), QKeySequence(tr("Ctrl+D")), this, [this] {
        showStep(m_discovery);
        m_discovery->discover();
    });
    flow->addAction(tr("&Authorize in browser"), QKeySequence(tr("Ctrl+R")), this, [this] {
        showStep(m_authorization);
        m_authorization->authorize();
    });
    flow->addAction(tr("&Cancel the wait"), QKeySequence(tr("Ctrl+.")), this, [this] {
        if (m_authorization->cancelButton()->isEnabled())
            m_authorization->cancelButton()->click();
    });
    flow->addSeparator();
    flow->addAction(tr("E&xchange the code"), QKeySequence(tr("Ctrl+E")), this, [this] {
        showStep(m_tokens);
        m_tokens->exchangeCode();
    });
    flow->addAction(tr("C&lient credentials"), QKeySequence(tr("Ctrl+L")), this, [this] {
        showStep(m_tokens);
        m_tokens->clientCredentials();
    });
    flow->addAction(tr("&Refresh tokens"), QKeySequence(tr("Ctrl+Shift+R")), this, [this] {
        showStep(m_tokens);
        m_tokens->refresh();
    });
    QMenu* traffic = menuBar()->addMenu(tr("&Traffic"));
    traffic->addAction(tr("&Filter"), QKeySequence(tr("Ctrl+Shift+F")), this, [this] {
        m_bottomTabs->setCurrentWidget(m_traffic);
        m_traffic->filterEdit()->setFocus();
        m_traffic->filterEdit()->selectAll();
    });
    traffic->addAction(tr("&Copy as curl"), QKeySequence(tr("Ctrl+Shift+C")), m_traffic,
                       &TrafficPanel::copyAsCurl);
    traffic->addAction(tr("&Clear"), m_traffic->clearButton(), &QPushButton::click);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About OAuth2 Debugger"), this, &MainWindow::showAbout);
}

// Credentials go to another host than the issuer's only once the user said yes; the answer is kept per
// profile (and never comes from a file someone sent).
void MainWindow::approveCredentialHosts(const DiscoveryResult& result)
{
    const int index = indexOf(m_currentId);
    if (index < 0)
        return;
    const QList<ProfileFlow::UnapprovedHost> hosts =
        ProfileFlow::unapprovedHosts(m_profiles.at(index), result);
    if (hosts.isEmpty())
        return;
    QStringList lines;
    for (const ProfileFlow::UnapprovedHost& h : hosts)
        lines << tr("• %1 (%2)").arg(h.host, h.endpoints.join(QStringLiteral(", ")));
    const QString issuerHost = ProfileFlow::issuerHost(m_profiles.at(index), result);
    const QMessageBox::StandardButton answer = m_ask(
        tr("The issuer is %1, but these endpoints that receive this client's credentials or tokens are on "
           "other hosts:\n%2\n\nSend credentials and tokens there for the profile \"%3\"?")
            .arg(issuerHost, lines.join(u'\n'), m_profiles.at(index).name),
        QMessageBox::Yes | QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        notify(tr("Nothing will be sent to %1 until you approve it: discover again, or list it under "
                  "\"Approved hosts\" in the profile's Advanced tab.")
                   .arg(hosts.constFirst().host),
               Banner::Level::Warning);
        return;
    }
    Profile approved = m_profiles.at(index);
    for (const ProfileFlow::UnapprovedHost& h : hosts)
        approved.approvedHosts << h.host;
    m_profiles[index] = approved;
    if (!saveProfiles(approved.id))
        return;
    const Profile& saved = m_profiles.at(indexOf(approved.id));
    m_editor->updateSaved(saved);
    m_tokens->setApprovedHosts(saved.approvedHosts); // tokens already there stay
}

int MainWindow::indexOf(const QString& id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            return i;
    }
    return -1;
}

void MainWindow::loadProfiles()
{
    ProfileStore::Loaded loaded = m_store->load();
    m_profiles = loaded.profiles;
    if (loaded.firstRun) {
        // The first start: the demo provider's profile is there to try everything at once.
        m_profiles = {Profile::localDemo()};
        saveProfiles(m_profiles.first().id);
    }
    if (!loaded.warning.isEmpty())
        notify(loaded.warning, Banner::Level::Warning);
    m_list->setProfiles(m_profiles, m_profiles.isEmpty() ? QString() : m_profiles.first().id);
    if (m_profiles.isEmpty())
        showProfile({});
}

void MainWindow::setDemoIssuer(const QString& issuer)
{
    m_demoIssuer = issuer;
    const int index = indexOf(QString::fromLatin1(Profile::kDemoId));
    if (issuer.isEmpty() || index < 0 || m_profiles.at(index).issuer == issuer)
        return;
    m_profiles[index].issuer = issuer; // for this run; saved only if the user saves the profile
    if (m_currentId == m_profiles.at(index).id)
        showProfile(m_currentId);
}

bool MainWindow::saveProfiles(const QString& selectId)
{
    QList<Profile> merged;
    if (const EngineError error = m_store->save(m_profiles, &merged); error.isError()) {
        notify(error.message, Banner::Level::Error);
        return false;
    }
    // Another instance's changes arrive with the merge; this run's demo issuer stays.
    if (const int demo =
            [&merged] {
                for (int i = 0; i < merged.size(); ++i)
                    if (merged.at(i).id == QString::fromLatin1(Profile::kDemoId))
                        return i;
                return -1;
            }();
        demo >= 0 && !m_demoIssuer.isEmpty()) {
        const int mine = indexOf(merged.at(demo).id);
        if (mine >= 0)
            merged[demo].issuer = m_profiles.at(mine).issuer;
    }
    m_profiles = merged;
    m_list->setProfiles(m_profiles, selectId);
    return true;
}

void MainWindow::onCurrentChanged(const QString& id, const QString& previousId)
{
    if (id == m_currentId)
        return;
    if (!previousId.isEmpty() && previousId == m_currentId && !settleUnsavedChanges()) {
        m_list->select(previousId);
        return;
    }
    m_list->select(id); // saving may have rebuilt the list meanwhile
    showProfile(id);
}

bool MainWindow::settleUnsavedChanges()
{
    if (!m_editor->isDirty() || indexOf(m_currentId) < 0)
        return true;
    const QMessageBox::StandardButton answer =
        m_ask(tr("The profile \"%1\" has unsaved changes. Save them?")
                  .arg(m_profiles.at(indexOf(m_currentId)).name),
              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Discard) {
        m_editor->setProfile(m_profiles.at(indexOf(m_currentId)));
        return true;
    }
    if (answer != QMessageBox::Save)
        return false;
    if (!m_editor->problems().isEmpty()) {
        showStep(m_editor);
        m_editor->showMessage(tr("Not saved: some fields need attention (marked below)."), 2);
        return false;
    }
    saveEdited(m_editor->profile());
    return !m_editor->isDirty();
}

void MainWindow::showProfile(const QString& id)
{
    m_currentId = id;
    const int index = indexOf(id);
    m_editor->setEnabled(index >= 0);
    m_steps->setEnabled(index >= 0);
    m_timeline->setEnabled(index >= 0);
    if (index < 0) {
        // Nothing selected: every step shows an empty profile rather than the last one.
        const Profile none;
        m_timeline->restart();
        m_timeline->setStep(FlowTimeline::Step::Profile, FlowTimeline::Status::Pending,
                            m_profiles.isEmpty() ? tr("no profile yet") : tr("none selected"));
        m_editor->setProfile(none);
        m_session->setProfile(none);
        m_discovery->setProfile(none);
        m_authorization->setProfile(none);
        m_tokens->setProfile(none);
        setWindowTitle(QApplication::applicationDisplayName());
        return;
    }
    const Profile& profile = m_profiles.at(index);
    setWindowTitle(PlainText::line(profile.name) % u" — " % QApplication::applicationDisplayName());
    m_timeline->restart();
    m_editor->setProfile(profile);
    m_session->setProfile(profile);
    m_discovery->setProfile(profile);
    m_authorization->setProfile(profile);
    m_tokens->setProfile(profile);
    showProfileStep();
    refreshSecretState();
}

void MainWindow::refreshSecretState()
{
    const int index = indexOf(m_currentId);
    if (index < 0 || !m_painted)
        return;
    if (!m_profiles.at(index).needsSecret()) {
        m_editor->setSecretState({.where = SecretState::Where::Nowhere}); // a public client: nothing to ask
        return;
    }
    const QString id = m_currentId;
    m_profileSecrets->load(m_profiles.at(index), ProfileSecrets::Kind::ClientSecret, this,
                           [this, id](const SecretState& state) {
                               if (id == m_currentId)
                                   m_editor->setSecretState(state);
                           });
}

void MainWindow::saveEdited(const Profile& edited)
{
    const int index = indexOf(edited.id);
    if (index < 0)
        return;
    for (const Profile& other : std::as_const(m_profiles)) {
        if (other.id != edited.id && other.name.compare(edited.name, Qt::CaseInsensitive) == 0) {
            m_editor->showMessage(tr("Not saved: another profile is already called \"%1\".").arg(edited.name),
                                  2);
            return;
        }
    }
    const Profile before = m_profiles.at(index);
    m_profiles[index] = edited;
    if (!saveProfiles(edited.id)) {
        m_profiles[index] = before;
        return;
    }
    const int now = indexOf(edited.id);
    const Profile& saved = m_profiles.at(now);
    m_editor->setProfile(saved);
    m_editor->showMessage(tr("Saved."), 0);
    setWindowTitle(PlainText::line(saved.name) % u" — " % QApplication::applicationDisplayName());
    // What a flow uses changed: the steps start over with it. Name and notes alone do not matter to them.
    Profile a = before, b = saved;
    a.name = b.name;
    a.notes = b.notes;
    if (a != b) {
        m_session->setProfile(saved);
        m_discovery->setProfile(saved);
        m_authorization->setProfile(saved);
        m_tokens->setProfile(saved);
        if (ProfileSecrets::bindingOf(before) != ProfileSecrets::bindingOf(saved)) {
            // The user changed where the secrets go: they follow this edit (and no one else's, such as an
            // import that replaced the profile).
            m_profileSecrets->rebind(before, saved, this, [this](const SecretState&) {
                refreshSecretState();
                m_tokens->reloadSecrets();
            });
        } else {
            refreshSecretState();
        }
    }
}

void MainWindow::newProfile()
{
    if (!settleUnsavedChanges())
        return;
    Profile profile;
    profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.name = tr("New profile");
    profile.requestTimeoutSeconds = m_settings.requestTimeoutSeconds;
    profile.browserTimeoutMinutes = m_settings.browserTimeoutMinutes;
    for (int n = 2; std::any_of(m_profiles.cbegin(), m_profiles.cend(),
                                [&profile](const Profile& p) { return p.name == profile.name; });
         ++n)
        profile.name = tr("New profile %1").arg(n);
    m_profiles.append(profile);
    if (saveProfiles(profile.id)) {
        showStep(m_editor);
        m_editor->showMessage(
            tr("A new profile: give it the server's issuer (or endpoints) and your client_id, "
               "then Save."),
            0);
        m_editor->nameEdit()->setFocus();
        m_editor->nameEdit()->selectAll();
    }
}

void MainWindow::duplicateProfile(const QString& id)
{
    const int index = indexOf(id);
    if (index < 0 || !settleUnsavedChanges())
        return;
    Profile copy = m_profiles.at(index);
    const Profile original = copy;
    copy.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    copy.name = tr("%1 (copy)").arg(original.name);
    for (int n = 2; std::any_of(m_profiles.cbegin(), m_profiles.cend(),
                                [&copy](const Profile& p) { return p.name == copy.name; });
         ++n)
        copy.name = tr("%1 (copy %2)").arg(original.name).arg(n);
    m_profiles.append(copy);
    if (!saveProfiles(copy.id))
        return;
    if (original.needsSecret())
        m_profileSecrets->copyClientSecret(original, copy, this,
                                           [this](const SecretState&) { refreshSecretState(); });
}

void MainWindow::deleteProfile(const QString& id)
{
    const int index = indexOf(id);
    if (index < 0)
        return;
    const Profile doomed = m_profiles.at(index);
    const QMessageBox::StandardButton answer = m_ask(
        tr("Delete the profile \"%1\"? Its client secret and any kept refresh token are removed from the OS "
           "keychain too. This cannot be undone (an export can bring the settings back, not the secrets).")
            .arg(doomed.name),
        QMessageBox::Yes | QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_profiles.removeAt(index);
    if (id == m_currentId)
        m_editor->setProfile(doomed); // nothing unsaved to ask about any more
    if (!saveProfiles(m_profiles.isEmpty()
                          ? QString()
                          : m_profiles.at(std::min<qsizetype>(index, m_profiles.size() - 1)).id)) {
        m_profiles.insert(index, doomed);
        return;
    }
    m_profileSecrets->removeAll(doomed, this, [this, name = doomed.name](const SecretState& state) {
        if (state.where == SecretState::Where::Nowhere)
            notify(tr("Deleted \"%1\" and its keychain entries.").arg(name), Banner::Level::Info);
        else
            notify(tr("Deleted \"%1\", but its keychain entries could not be removed: %2")
                       .arg(name, state.message),
                   Banner::Level::Warning);
    });
}

void MainWindow::renameProfile(const QString& id, const QString& name)
{
    const int index = indexOf(id);
    if (index < 0)
        return;
    const QString trimmed = name.trimmed();
    QString problem;
    if (trimmed.isEmpty())
        problem = tr("A profile needs a name.");
    for (const Profile& other : std::as_const(m_profiles)) {
        if (other.id != id && other.name.compare(trimmed, Qt::CaseInsensitive) == 0)
            problem = tr("Another profile is already called \"%1\".").arg(trimmed);
    }
    if (!problem.isEmpty()) {
        notify(problem, Banner::Level::Error);
        m_list->setProfiles(m_profiles, m_currentId);
        return;
    }
    if (m_profiles.at(index).name == trimmed) {
        m_list->setProfiles(m_profiles, m_currentId);
        return;
    }
    m_profiles[index].name = trimmed; // the id, and with it the keychain entries, stay
    if (saveProfiles(m_currentId) && id == m_currentId) {
        m_editor->updateSaved(m_profiles.at(indexOf(id)));
        setWindowTitle(PlainText::line(trimmed) % u" — " % QApplication::applicationDisplayName());
    }
}

void MainWindow::fillFromDiscovery(const Profile& profile)
{
    if (profile.issuer.isEmpty()) {
        m_editor->showMessage(tr("Enter the issuer first: its discovery document lists the endpoints."), 1);
        return;
    }
    m_editor->fillButton()->setEnabled(false);
    m_editor->showMessage(tr("Fetching the metadata of %1 …").arg(profile.issuer), 0);
    m_fillClient->discover(profile.issuer, {.allowHttp = profile.localTestServer,
                                            .timeout = std::chrono::seconds(profile.requestTimeoutSeconds),
                                            .tls = profile.tls()});
}

void MainWindow::chooseImportFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import profiles"), QString(),
                                                      tr("Profiles (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void MainWindow::chooseExportFile(bool all)
{
    QStringList ids;
    if (all) {
        for (const Profile& p : std::as_const(m_profiles))
            ids << p.id;
    } else {
        ids = m_list->selectedIds();
        if (ids.isEmpty() && !m_currentId.isEmpty())
            ids << m_currentId;
    }
    if (ids.isEmpty()) {
        notify(tr("There is no profile to export."), Banner::Level::Info);
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export profiles"),
                                                      QStringLiteral("oauth2-debugger-profiles.json"),
                                                      tr("Profiles (*.json)"));
    if (!path.isEmpty())
        exportTo(ids, path);
}

void MainWindow::exportTo(const QStringList& ids, const QString& path)
{
    QList<Profile> chosen;
    for (const Profile& p : std::as_const(m_profiles)) {
        if (ids.contains(p.id))
            chosen << p;
    }
    if (const EngineError error = SafeFile::writeAtomically(path, ProfileTransfer::exportProfiles(chosen));
        error.isError()) {
        notify(tr("Nothing was exported: %1").arg(error.message), Banner::Level::Error);
        return;
    }
    const auto needing =
        std::count_if(chosen.cbegin(), chosen.cend(), [](const Profile& p) { return p.needsSecret(); });
    notify(tr("Exported %n profile(s) to %1, without secrets", nullptr, int(chosen.size()))
                   .arg(QDir::toNativeSeparators(path)) %
               (needing > 0
                    ? tr("; %n need(s) a secret, which whoever imports types in.", nullptr, int(needing))
                    : QStringLiteral(".")),
           Banner::Level::Info);
}

void MainWindow::importFile(const QString& path)
{
    const SafeFile::Read file = SafeFile::readFile(path, SafeFile::kMaxInputFile, tr("The profile file"));
    if (!file.ok()) {
        notify(tr("Nothing was imported: %1").arg(file.error.message), Banner::Level::Error);
        return;
    }
    const ProfileTransfer::Imported imported = ProfileTransfer::importProfiles(file.data, m_profiles);
    if (!imported.ok()) {
        notify(tr("Nothing was imported from %1: %2")
                   .arg(QDir::toNativeSeparators(path), imported.problems.join(QStringLiteral(" "))),
               Banner::Level::Error);
        return;
    }
    if (imported.conflicts.isEmpty()) {
        finishImport(imported.profiles, 0, path, imported.withheldNotes());
        return;
    }
    auto* dialog = new ImportDialog(imported, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, path] {
        int replaced = 0;
        QList<Profile> added = dialog->imported().profiles;
        for (int i = 0; i < dialog->imported().conflicts.size(); ++i) {
            const auto resolution = dialog->resolution(i);
            const qsizetype count = m_profiles.size();
            ProfileTransfer::resolve(m_profiles, dialog->imported().conflicts.at(i), resolution);
            if (resolution == ProfileTransfer::Resolution::Replace)
                ++replaced;
            else if (m_profiles.size() > count)
                added << m_profiles.takeLast();
        }
        finishImport(added, replaced, path, dialog->imported().withheldNotes());
    });
    dialog->open();
}

void MainWindow::finishImport(const QList<Profile>& added, int conflictsReplaced, const QString& path,
                              const QStringList& withheld)
{
    m_profiles.append(added);
    if (!saveProfiles(added.isEmpty() ? m_currentId : added.first().id))
        return;
    if (conflictsReplaced > 0 && indexOf(m_currentId) >= 0)
        m_editor->updateSaved(m_profiles.at(indexOf(m_currentId)));
    const auto needing =
        std::count_if(added.cbegin(), added.cend(), [](const Profile& p) { return p.needsSecret(); });
    QString text =
        tr("Imported %n profile(s) from %1", nullptr, int(added.size())).arg(QDir::toNativeSeparators(path));
    if (conflictsReplaced > 0)
        text += tr("; replaced %n", nullptr, conflictsReplaced);
    text += needing > 0 ? tr(". %n need(s) a client secret: store it in the Profile step (Client).", nullptr,
                             int(needing))
                        : QStringLiteral(".");
    for (const QString& note : withheld)
        text += u' ' % note;
    notify(text, withheld.isEmpty() ? Banner::Level::Info : Banner::Level::Warning);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!settleUnsavedChanges()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
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
    const int index = indexOf(m_currentId);
    if (index < 0)
        return;
    const Profile shown = m_editor->isDirty() ? m_editor->profile() : m_profiles.at(index);
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

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About OAuth2 Debugger"),
        tr("<h3>OAuth2 Debugger %1</h3>"
           "<p>See exactly what happens in an OAuth 2.0 / OpenID Connect login.</p>"
           "<p>Qt %2 (built with %3)<br>%4</p>"
           "<p>Profiles and settings: %5<br>Client secrets and kept refresh tokens: the "
           "system keychain</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped(), QString::fromLatin1(qVersion()),
                 QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)).toHtmlEscaped(),
                 QDir::toNativeSeparators(QFileInfo(m_store->path()).absolutePath()).toHtmlEscaped()));
}

void MainWindow::verifyPastedToken(const QByteArray& token)
{
    TokenInspector* inspector = m_decode->inspector();
    const int index = indexOf(m_currentId);
    const DiscoveryResult& discovery = m_session->discovery();
    const QUrl jwksUri(discovery.metadata.value(u"jwks_uri").toString());
    if (index < 0 || !discovery.ok() || jwksUri.isEmpty()) {
        inspector->setVerificationNote(tr("Not verified: discover the selected profile's issuer first "
                                          "(Ctrl+D); its published keys are what "
                                          "a token is verified against."));
        return;
    }
    const Profile profile = m_profiles.at(index);
    inspector->setVerificationNote(tr("Verifying with %1 …").arg(jwksUri.toDisplayString()));
    // HS256 tokens are signed with a client secret: the one the token step holds for this profile, if any.
    const Secret secret = m_tokens->clientSecret();
    const int skew = m_settings.clockSkewSeconds;
    m_session->keys()->verify(
        jwksUri, ProfileFlow::jwksOptions(profile), inspector,
        [token, secret, skew](const JwkSet& keys) {
            return TokenVerifier::verifyPasted(token, keys, secret, skew);
        },
        [this, inspector, token](const TokenVerification& verification, const JwksResult& keys) {
            if (m_decode->token() != token)
                return; // another token was pasted meanwhile
            inspector->setVerification(verification);
            if (keys.exchangeId != 0)
                m_traffic->selectExchange(keys.exchangeId);
        });
}

} // namespace oauth2dbg
