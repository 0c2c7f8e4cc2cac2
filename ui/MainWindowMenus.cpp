#include "AuthorizationPanel.h"
#include "DevicePanel.h"
#include "DiscoveryPanel.h"
#include "EnvironmentPicker.h"
#include "FocusRegions.h"
#include "MainWindow.h"
#include "ProfileList.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "profiles/ProfileStore.h"
#include "session/FlowSession.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>

#include <openssl/crypto.h>

// The menu bar: every action is also a button or a key somewhere in the window.

namespace oauth2dbg {

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    ProfileActions* profiles = m_profileActions;
    m_newProfileAction =
        file->addAction(tr("&New profile"), QKeySequence::New, profiles, &ProfileActions::newProfile);
    file->addAction(tr("D&uplicate profile"), this,
                    [profiles] { profiles->duplicateProfile(profiles->currentId()); });
    file->addAction(tr("&Delete profile…"), this,
                    [profiles] { profiles->deleteProfile(profiles->currentId()); });
    file->addSeparator();
    file->addAction(tr("&Import profiles…"), profiles, &ProfileActions::chooseImportFile);
    file->addAction(tr("&Export selected profiles…"), this,
                    [profiles] { profiles->chooseExportFile(false); });
    file->addAction(tr("Export &all profiles…"), this, [profiles] { profiles->chooseExportFile(true); });
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
    QAction* settings = edit->addAction(tr("&Settings…"), this, &MainWindow::openSettings);
    // The platform's Preferences key is empty on Linux: Ctrl+, there (and everywhere, beside the platform's).
    QList<QKeySequence> keys = QKeySequence::keyBindings(QKeySequence::Preferences);
    if (!keys.contains(QKeySequence(tr("Ctrl+,"))))
        keys << QKeySequence(tr("Ctrl+,"));
    settings->setShortcuts(keys);
    QMenu* flow = menuBar()->addMenu(tr("F&low"));
    m_goalActions[int(FlowGoal::Discover)] =
        flow->addAction(tr("&Discover metadata"), QKeySequence(tr("Ctrl+D")), this, [this] {
            showStep(discoveryPanel());
            discoveryPanel()->discover();
        });
    m_goalActions[int(FlowGoal::Authorize)] =
        flow->addAction(tr("&Authorize in browser"), QKeySequence(tr("Ctrl+R")), this, [this] {
            showStep(authorizationPanel());
            authorizationPanel()->authorize();
        });
    m_cancelWait = flow->addAction(tr("&Cancel the wait"), QKeySequence(tr("Ctrl+.")), this, [this] {
        if (authorizationPanel()->cancelButton()->isEnabled())
            authorizationPanel()->cancelButton()->click();
    });
    QAction* newRun = flow->addAction(tr("Start a &new run"), QKeySequence(tr("Ctrl+Shift+N")), this,
                                      &MainWindow::startNewRun);
    flow->addSeparator();
    m_goalActions[int(FlowGoal::ExchangeCode)] =
        flow->addAction(tr("E&xchange the code"), QKeySequence(tr("Ctrl+E")), this, [this] {
            showStep(tokenPanel());
            tokenPanel()->exchangeCode();
        });
    m_goalActions[int(FlowGoal::ClientCredentials)] =
        flow->addAction(tr("C&lient credentials"), QKeySequence(tr("Ctrl+L")), this, [this] {
            showStep(tokenPanel());
            tokenPanel()->clientCredentials();
        });
    m_goalActions[int(FlowGoal::TokenExchange)] =
        flow->addAction(tr("Other &grant (token exchange, JWT bearer, password)…"),
                        QKeySequence(tr("Ctrl+Shift+G")), this, [this] {
                            showStep(tokenPanel());
                            tokenPanel()->otherGrant();
                        });
    m_goalActions[int(FlowGoal::SignOut)] =
        flow->addAction(tr("Sign &out at the server"), QKeySequence(tr("Ctrl+Shift+O")), this, [this] {
            showStep(tokenPanel());
            tokenPanel()->signOut();
        });
    m_goalActions[int(FlowGoal::DeviceCode)] = flow->addAction(
        tr("Sign in on another &device (device code)"), QKeySequence(tr("Ctrl+Shift+D")), this, [this] {
            showStep(devicePanel());
            devicePanel()->start();
        });
    m_goalActions[int(FlowGoal::Refresh)] =
        flow->addAction(tr("&Refresh tokens"), QKeySequence(tr("Ctrl+Shift+R")), this, [this] {
            showStep(tokenPanel());
            tokenPanel()->refresh();
        });
    buildToolBar(newRun);
    QMenu* traffic = menuBar()->addMenu(tr("&Traffic"));
    traffic->addAction(tr("&Filter"), QKeySequence(tr("Ctrl+Shift+F")), this, [this] {
        m_bottomTabs->setCurrentWidget(m_traffic);
        m_traffic->filterEdit()->setFocus();
        m_traffic->filterEdit()->selectAll();
    });
    traffic->addAction(tr("&Copy as curl"), QKeySequence(tr("Ctrl+Shift+C")), m_traffic,
                       &TrafficPanel::copyAsCurl);
    traffic->addAction(tr("C&lear the log"), m_traffic, &TrafficPanel::clearLog);
    traffic->addAction(tr("&Undo clear"), m_traffic, &TrafficPanel::undoClear);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* lower = view->addAction(tr("&Lower pane (tokens, traffic, log, history)"));
    lower->setCheckable(true);
    lower->setChecked(true);
    lower->setShortcut(QKeySequence(tr("Ctrl+J")));
    lower->setToolTip(tr("Hide the lower pane to give the run's steps the whole height"));
    connect(lower, &QAction::toggled, m_bottomTabs, &QWidget::setVisible);
    m_lowerPaneAction = lower;
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About OAuth2 Debugger"), this, &MainWindow::showAbout);
}

// The next step in view: the environment, one button for what the run's state calls for (with its key) and a
// new run. A row of buttons rather than a QToolBar, whose extension button would load the icon and image
// plugins before the first frame.
void MainWindow::buildToolBar(QAction* newRun)
{
    m_toolBar->setObjectName(QStringLiteral("flowToolBar"));
    m_toolBar->setAccessibleName(tr("Flow"));
    auto* row = new QHBoxLayout(m_toolBar);
    row->setContentsMargins(2, 2, 2, 2);
    row->setSpacing(4);
    const auto separator = [this, row] {
        auto* line = new QFrame(m_toolBar);
        line->setFrameShape(QFrame::VLine);
        line->setFrameShadow(QFrame::Plain);
        line->setForegroundRole(QPalette::Mid); // a thin rule in either palette
        row->addWidget(line);
    };
    const auto button = [this, row](QAction* action) {
        auto* b = new QToolButton(m_toolBar);
        b->setDefaultAction(action);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        row->addWidget(b);
        return b;
    };
    m_environmentPicker = new EnvironmentPicker(m_toolBar);
    row->addWidget(m_environmentPicker);
    connect(m_environmentPicker, &EnvironmentPicker::chosen, m_profileActions,
            &ProfileActions::setEnvironment);
    separator();
    m_next = new QAction(this);
    connect(m_next, &QAction::triggered, this, [this] {
        if (QAction* action = m_nextTarget.data())
            action->trigger();
    });
    QToolButton* next = button(m_next);
    QFont bold = next->font();
    bold.setBold(true);
    next->setFont(bold);
    separator();
    button(newRun);
    row->addStretch(1);
}

void MainWindow::updateNextAction()
{
    if (!m_run || !m_next)
        return;
    const FlowSession* run = session();
    // No profile selected: the next step is to make one.
    const std::optional<FlowGoal> next = m_profileActions->current() ? run->nextGoal() : std::nullopt;
    // The JWT bearer and password grants are the Other grant dialog's, as token exchange is.
    const bool inDialog = next == FlowGoal::JwtBearer || next == FlowGoal::Password;
    QAction* target = !m_profileActions->current() ? m_newProfileAction
                      : next ? m_goalActions.value(int(inDialog ? FlowGoal::TokenExchange : *next))
                      : run->waitingForBrowser() ? m_cancelWait
                                                 : nullptr;
    m_nextTarget = target;
    QString text = target ? QString(target->text()).remove(u'&') : tr("Working…");
    if (target && !target->shortcut().isEmpty())
        text += u"  (" % target->shortcut().toString(QKeySequence::NativeText) % u')';
    m_next->setText(next || target == m_newProfileAction ? tr("Next: %1").arg(text) : text);
    m_next->setEnabled(target);
    m_next->setToolTip(target ? tr("The next step for this run: %1").arg(text)
                              : tr("A request is on the wire; its answer comes first."));
}

bool MainWindow::focusNextPrevChild(bool next)
{
    const QList<QWidget*> regions{m_toolBar, m_list, m_timelines, m_steps, m_bottomTabs};
    return FocusRegions::moveFocus(this, regions, next) || QMainWindow::focusNextPrevChild(next);
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

} // namespace oauth2dbg
