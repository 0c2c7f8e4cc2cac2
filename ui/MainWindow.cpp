#include "MainWindow.h"

#include "Appearance.h"
#include "AuthorizationPanel.h"
#include "DecodePanel.h"
#include "DiscoveryPanel.h"
#include "EnvironmentPicker.h"
#include "FlowTimeline.h"
#include "HistoryPanel.h"
#include "LogPanel.h"
#include "PlainText.h"
#include "ProfileEditor.h"
#include "ProfileList.h"
#include "RunView.h"
#include "SecretClipboard.h"
#include "SettingsDialog.h"
#include "TabWidget.h"
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
#include <QScreen>
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
    , m_launcher(launcher)
    , m_list(new ProfileList(this))
    , m_editor(new ProfileEditor(this))
    , m_timelines(new QStackedWidget(this))
    , m_steps(new QStackedWidget(this))
    , m_history(QFileInfo(store->path()).absolutePath() + QStringLiteral("/runs.json"))
    , m_historyPanel(new HistoryPanel(&m_history, this))
    , m_notice(new Banner(this))
    , m_bottomTabs(new TabWidget(this))
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
    m_bottomTabs->addTab(m_historyPanel, tr("&History"));

    m_steps->addWidget(m_editor);
    auto* flow = new QSplitter(Qt::Horizontal, this);
    flow->addWidget(m_timelines);
    flow->addWidget(m_steps);
    flow->setStretchFactor(1, 1);
    flow->setSizes({290, 770});
    m_timelines->setMinimumWidth(170);
    auto* center = m_centerSplit = new QSplitter(Qt::Vertical, this);
    center->addWidget(flow);
    center->addWidget(m_bottomTabs);
    center->setStretchFactor(0, 3);
    center->setStretchFactor(1, 2);
    center->setSizes({450, 280}); // the run first: the selected step gets the height
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
    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    m_toolBar = new QWidget(top); // its buttons come with the menus
    topLayout->addWidget(m_toolBar);
    topLayout->addWidget(main, 1);
    setCentralWidget(top);

    m_keychainLabel->setText(tr("Keychain: not asked yet"));
    m_keychainLabel->setToolTip(tr("The OS keychain is asked the first time a profile needs it (a client "
                                   "secret, a kept refresh token): a public client's run never touches it."));
    m_listenerLabel->setToolTip(tr("The loopback listener that catches the browser's redirect (RFC 8252)"));
    statusBar()->addPermanentWidget(m_listenerLabel);
    statusBar()->addPermanentWidget(m_keychainLabel);
    buildMenus();
    const auto say = [this](const QString& line) {
        statusBar()->showMessage(line, 10'000);
    };
    connect(&SecretClipboard::instance(), &SecretClipboard::said, this, say);
    connect(m_traffic, &TrafficPanel::said, this, say);
    connect(m_historyPanel, &HistoryPanel::said, this, say);

    connect(m_profileActions, &ProfileActions::selected, this, &MainWindow::showProfile);
    connect(m_profileActions, &ProfileActions::flowProfileChanged, this, [this](const Profile& saved) {
        const Profile running = m_profileActions->asRun(saved);
        if (RunView* run = m_runs.value(running.id)) {
            run->restart(running);
            showProfileStep();
        }
        showEnvironment(); // its environments may have changed
    });
    connect(m_profileActions, &ProfileActions::profileUpdated, this, [this](const Profile& saved) {
        const Profile running = m_profileActions->asRun(saved);
        if (RunView* run = m_runs.value(running.id))
            run->update(running);
    });
    connect(m_profileActions, &ProfileActions::environmentChanged, this, &MainWindow::showEnvironment);
    connect(m_profileActions, &ProfileActions::hostsApproved, this,
            [this](const QStringList& hosts) { tokenPanel()->setApprovedHosts(hosts); });
    connect(m_profileActions, &ProfileActions::titleChanged, this, [this] { showTitle(); });
    connect(m_profileActions, &ProfileActions::secretsChanged, this, [this] {
        tokenPanel()->reloadSecrets();
        probeKeychainWhenNeeded();
    });
    connect(m_profileActions, &ProfileActions::editorWanted, this, [this] { showStep(m_editor); });
    connect(m_profileActions, &ProfileActions::notice, this, &MainWindow::notify);
    connect(m_decode, &DecodePanel::verifyRequested, this, &MainWindow::verifyPastedToken);
    connect(m_editor, &ProfileEditor::edited, this, &MainWindow::runWhatTheEditorShows);

    if (const EngineError error = m_history.load(); error.isError())
        QTimer::singleShot(0, this, [this, error] { notify(error.message, Banner::Level::Warning); });
    m_historyPanel->refresh();
    m_profileActions->load();
    if (!m_run)
        showProfile(nullptr);
    showStep(discoveryPanel());
    updateListenerStatus();
    // 1280×840, or the screen's room if it has less (a 1280×800 laptop).
    // A first start: 1280×840, or most of a larger screen (never more than the screen has).
    const QSize screenSize = screen() ? screen()->availableSize() : QSize(1280, 840);
    resize(QSize(1280, 840).expandedTo(screenSize * 0.85).boundedTo(screenSize));
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
    Appearance::apply(settings.appearance);
    for (RunView* run : std::as_const(m_runs))
        run->applySettings(settings);
    SecretClipboard::instance().setClearAfterSeconds(settings.clearClipboardSeconds);
    m_traffic->revealBox()->setChecked(settings.revealByDefault);
    for (TokenInspector* inspector : findChildren<TokenInspector*>())
        inspector->setClockSkew(settings.clockSkewSeconds);
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
    const AuthorizationFlow* flow = session()->authorization();
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
    probeKeychainWhenNeeded();
    Appearance::followDesktop(this);
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
    m_timelines->setEnabled(profile);
    // Nothing selected: every step shows an empty profile rather than the last one.
    const Profile shown = profile ? *profile : Profile();
    m_editor->setProfile(shown);
    dropRunsOfDeletedProfiles();
    switchTo(runFor(m_profileActions->asRun(shown)));
    updateNextAction(); // with no profile at all, the next step is to make one
    m_environmentPicker->setProfile(profile, m_profileActions->environmentId());
    m_editor->setEnvironmentName(m_run->session()->profile().environment);
    showTitle();
    probeKeychainWhenNeeded();
    if (!profile) {
        timeline()->setStep(FlowTimeline::Step::Profile, FlowTimeline::Status::Pending,
                            profiles().isEmpty() ? tr("no profile yet") : tr("none selected"));
        return;
    }
    showProfileStep();
}

void MainWindow::showStep(QWidget* panel)
{
    m_steps->setCurrentWidget(panel);
    const FlowTimeline::Step step = panel == m_editor               ? FlowTimeline::Step::Profile
                                    : panel == discoveryPanel()     ? FlowTimeline::Step::Discovery
                                    : panel == authorizationPanel() ? FlowTimeline::Step::Request
                                                                    : FlowTimeline::Step::Token;
    FlowTimeline* steps = timeline();
    const QSignalBlocker block(steps);
    for (int row = 0; row < steps->count(); ++row) {
        if (steps->item(row)->data(FlowTimeline::StepRole).toInt() == int(step))
            steps->setCurrentRow(row);
    }
}

void MainWindow::showProfileStep()
{
    const Profile* current = m_profileActions->current();
    if (!current)
        return;
    const Profile shown = m_profileActions->asRun(m_editor->isDirty() ? m_editor->profile() : *current);
    const qsizetype problems = m_editor->isDirty() ? m_editor->problemCount() : shown.validate().size();
    const QString where = shown.issuer.isEmpty() ? tr("endpoints by hand") : shown.issuer;
    const QString text = problems > 0          ? tr("%n field(s) need attention", nullptr, int(problems))
                         : m_editor->isDirty() ? tr("%1 — running unsaved changes").arg(shown.clientId)
                                               : shown.clientId % u" at " % where;
    timeline()->setStep(
        FlowTimeline::Step::Profile, problems > 0 ? FlowTimeline::Status::Warning : FlowTimeline::Status::Ok,
        shown.environment.isEmpty() ? text : PlainText::line(shown.environment) % u" · " % text);
}

// One source of truth: the run uses what the editor shows, saved or not, and the timeline says which.
void MainWindow::runWhatTheEditorShows()
{
    const Profile* saved = m_profileActions->current();
    if (!saved)
        return;
    m_run->runUnsaved(m_profileActions->asRun(m_editor->isDirty() ? m_editor->profile() : *saved));
    showProfileStep();
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

// The keychain (a D-Bus round trip, libsecret and GLib's I/O library to load, and on some desktops an unlock
// prompt) is asked when a profile first needs it, not at every start.
void MainWindow::probeKeychainWhenNeeded()
{
    const Profile* profile = m_profileActions->current();
    if (m_keychainProbed || !m_painted || !profile ||
        !(profile->needsSecret() || profile->keepRefreshToken || profile->plainFileFallback))
        return;
    m_keychainProbed = true;
    m_keychainLabel->setText(tr("Keychain: checking…"));
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
    const QString issuer = session()->profile().issuer;
    m_decode->inspector()->setVerificationNote(
        tr("Verifying against %1 …")
            .arg(issuer.isEmpty() ? tr("the profile's endpoints") : PlainText::line(issuer)));
    session()->run(FlowGoal::VerifyToken, {.token = Secret(token)});
}

void MainWindow::pastedTokenVerified(const QByteArray& token, const TokenVerification& verification)
{
    if (m_decode->token() == token) // else another token was pasted meanwhile
        m_decode->inspector()->setVerification(verification);
}

} // namespace oauth2dbg
