// The window's runs: one kept for each profile (and environment) used in this session, the selected one in
// view, and every run that ends a goal written to the history.
#include "AuthorizationPanel.h"
#include "DecodePanel.h"
#include "DevicePanel.h"
#include "DiscoveryPanel.h"
#include "EnvironmentPicker.h"
#include "FlowTimeline.h"
#include "HistoryPanel.h"
#include "LogPanel.h"
#include "MainWindow.h"
#include "PlainText.h"
#include "ProfileEditor.h"
#include "RunView.h"
#include "TokenInspector.h"
#include "TokenInspectorTabs.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "session/FlowSession.h"

#include <QApplication>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>

namespace oauth2dbg {

FlowSession* MainWindow::session() const
{
    return m_run->session();
}

DiscoveryPanel* MainWindow::discoveryPanel() const
{
    return m_run->discovery();
}

AuthorizationPanel* MainWindow::authorizationPanel() const
{
    return m_run->authorization();
}

TokenPanel* MainWindow::tokenPanel() const
{
    return m_run->tokens();
}

DevicePanel* MainWindow::devicePanel() const
{
    return m_run->device();
}

FlowTimeline* MainWindow::timeline() const
{
    return m_run->timeline();
}

RunView* MainWindow::runFor(const Profile& profile)
{
    if (RunView* kept = m_runs.value(profile.id)) {
        if (!kept->startedWith(profile))
            kept->restart(profile); // changed since, elsewhere: its run starts over
        return kept;
    }
    auto* run = new RunView(profile, m_network, m_launcher, m_profileSecrets, m_logPanel, this);
    m_runs.insert(profile.id, run);
    m_timelines->addWidget(run->timeline());
    for (QWidget* step : std::initializer_list<QWidget*>{run->discovery(), run->authorization(),
                                                         run->device(), run->tokens()})
        m_steps->addWidget(step);
    run->applySettings(m_settings);
    connectRun(run);
    return run;
}

void MainWindow::switchTo(RunView* run)
{
    if (run == m_run)
        return;
    QWidget* shownStep = m_steps->currentWidget();
    const bool tokensTabShown = m_run && m_bottomTabs->currentWidget() == m_run->inspectors();
    const int at = m_run ? m_bottomTabs->indexOf(m_run->inspectors()) : -1;
    if (at >= 0)
        m_bottomTabs->removeTab(at);
    const RunView* previous = std::exchange(m_run, run);
    m_bottomTabs->insertTab(0, run->inspectors(), tr("T&okens"));
    if (tokensTabShown)
        m_bottomTabs->setCurrentWidget(run->inspectors());
    m_timelines->setCurrentWidget(run->timeline());
    updateNextAction();
    // The same step of the other run, where one was open.
    if (previous && shownStep == previous->discovery())
        m_steps->setCurrentWidget(run->discovery());
    else if (previous && shownStep == previous->authorization())
        m_steps->setCurrentWidget(run->authorization());
    else if (previous && shownStep == previous->tokens())
        m_steps->setCurrentWidget(run->tokens());
    updateListenerStatus();
}

void MainWindow::startNewRun()
{
    if (const Profile* profile = m_profileActions->current()) {
        m_run->restart(m_profileActions->asRun(*profile));
        showProfileStep();
        statusBar()->showMessage(
            tr("A new run of %1; the last one is in the History tab.").arg(PlainText::line(profile->name)),
            10'000);
    }
}

void MainWindow::dropRunsOfDeletedProfiles()
{
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        const QString profileId = Profile::baseId(it.key());
        const bool gone = !it.key().isEmpty() && it.value() != m_run &&
                          std::none_of(profiles().cbegin(), profiles().cend(),
                                       [&](const Profile& p) { return p.id == profileId; });
        if (gone) {
            delete it.value();
            it = m_runs.erase(it);
        } else {
            ++it;
        }
    }
}

void MainWindow::keepInHistory(const RunRecord& record)
{
    if (const EngineError error = m_history.add(record); error.isError())
        m_logPanel->append(tr("History: %1").arg(error.message));
    m_historyPanel->refresh();
}

// What a run tells the window. The status bar, the traffic selection and the step shown follow the selected
// run only; a run in the background (a browser wait that went on) still writes its log and its history.
void MainWindow::connectRun(RunView* run)
{
    FlowSession* session = run->session();
    const auto current = [this, run] {
        return run == m_run;
    };
    connect(session, &FlowSession::runRecorded, this, &MainWindow::keepInHistory);
    const auto next = [this, current] {
        if (current())
            updateNextAction();
    };
    connect(session, &FlowSession::stepChanged, this, next);
    connect(session, &FlowSession::goalFinished, this, next);
    connect(session, &FlowSession::stageChanged, this, next);
    // Back from the browser: the window comes to the front with what it brought.
    connect(session, &FlowSession::authorized, this, [this, current] {
        if (!current())
            return;
        raise();
        activateWindow();
    });
    connect(session, &FlowSession::stageChanged, this, &MainWindow::updateListenerStatus);
    connect(session, &FlowSession::discovered, this, [this, current](const DiscoveryResult& result) {
        if (!current())
            return;
        statusBar()->showMessage(
            result.ok() ? tr("Discovery finished.") : PlainText::line(result.error.message), 10'000);
        if (!result.exchangeIds.isEmpty())
            m_traffic->selectExchange(result.exchangeIds.constLast());
        if (result.ok()) {
            m_profileActions->approveCredentialHosts(result); // before anything is sent to another host
            m_editor->setServerMetadata(result.metadata);     // its methods and grants first in the editor
        }
    });
    connect(session, &FlowSession::goalFinished, this, [this, run, current](const FlowOutcome& outcome) {
        if (!current())
            return;
        if (outcome.goal == FlowGoal::Authorize && outcome.step == FlowStep::Kind::Discovery)
            showStep(run->discovery()); // the authorization needed the metadata, and it could not be had
        if (outcome.goal == FlowGoal::VerifyToken && outcome.step != FlowStep::Kind::PastedToken)
            m_decode->inspector()->setVerificationNote(tr("Not verified: %1").arg(outcome.error.message));
        else if (outcome.goal == FlowGoal::VerifyToken && outcome.error.kind == ErrorKind::InvalidInput)
            m_decode->inspector()->setVerificationNote(outcome.error.message);
    });
    connect(session, &FlowSession::pastedTokenVerified, this, &MainWindow::pastedTokenVerified);

    connect(run->discovery(), &DiscoveryPanel::showExchange, this, &MainWindow::showExchange);
    connect(run->discovery(), &DiscoveryPanel::finished, this, &MainWindow::discoveryFinished);
    connect(run->discovery(), &DiscoveryPanel::profileEdited, m_profileActions,
            &ProfileActions::saveConnection);
    connect(run->authorization(), &AuthorizationPanel::finished, this, &MainWindow::authorizationFinished);
    connect(run->authorization(), &AuthorizationPanel::finished, this,
            [this, run, current](const AuthorizationOutcome& outcome) {
                if (!current())
                    return;
                if (outcome.hasCode() || (outcome.hasFrontChannelTokens() && !outcome.error.isError()))
                    showStep(run->tokens()); // the session exchanges the code now (or verifies the tokens)
                else if (outcome.error.isError())
                    statusBar()->showMessage(PlainText::line(outcome.error.message),
                                             30'000); // the last error, until the next event
            });
    connect(run->tokens(), &TokenPanel::showExchange, this, &MainWindow::showExchange);
    connect(run->tokens(), &TokenPanel::requestFinished, this, [this, current](quint64 id) {
        if (current())
            m_traffic->selectExchange(id);
    });
    connect(run->tokens(), &TokenPanel::tokensVerified, this,
            [this](const QString& summary) { m_logPanel->append(tr("Verification: %1").arg(summary)); });

    connect(run->timeline(), &FlowTimeline::stepActivated, this,
            [this, run](FlowTimeline::Step step, quint64 exchangeId) {
                switch (step) {
                case FlowTimeline::Step::Profile:
                    m_steps->setCurrentWidget(m_editor);
                    break;
                case FlowTimeline::Step::Discovery:
                    m_steps->setCurrentWidget(run->discovery());
                    break;
                case FlowTimeline::Step::Request:
                case FlowTimeline::Step::RequestCheck:
                case FlowTimeline::Step::Consent:
                case FlowTimeline::Step::Callback:
                    m_steps->setCurrentWidget(run->authorization());
                    break;
                case FlowTimeline::Step::PastedToken:
                    m_bottomTabs->setCurrentWidget(m_decode);
                    break;
                case FlowTimeline::Step::DeviceAuthorization:
                    m_steps->setCurrentWidget(run->device());
                    break;
                default: // the token response and everything after it
                    m_steps->setCurrentWidget(run->tokens());
                    break;
                }
                if (exchangeId != 0)
                    showExchange(exchangeId);
            });
}

// The selected profile's run in the environment chosen for it: each environment keeps its own run.
void MainWindow::showEnvironment()
{
    const Profile* profile = m_profileActions->current();
    m_environmentPicker->setProfile(profile, m_profileActions->environmentId());
    if (!profile)
        return;
    switchTo(runFor(m_profileActions->asRun(*profile)));
    m_editor->setEnvironmentName(session()->profile().environment);
    probeKeychainWhenNeeded();
    if (m_editor->isDirty())
        m_run->runUnsaved(m_profileActions->asRun(m_editor->profile()));
    showTitle();
    showProfileStep();
}

void MainWindow::showTitle()
{
    const Profile* profile = m_profileActions->current();
    if (!profile) {
        setWindowTitle(QApplication::applicationDisplayName());
        return;
    }
    const Profile running = m_profileActions->asRun(*profile);
    const QString environment =
        running.environment.isEmpty() ? QString() : QString(u" · " % PlainText::line(running.environment));
    setWindowTitle(PlainText::line(profile->name) % environment % u" — " %
                   QApplication::applicationDisplayName());
}

} // namespace oauth2dbg
