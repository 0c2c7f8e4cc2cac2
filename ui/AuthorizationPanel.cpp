#include "AuthorizationPanel.h"

#include "AuthorizationOptionsForm.h"
#include "Banner.h"
#include "FindingsView.h"
#include "PlainText.h"
#include "TabWidget.h"
#include "common/Duration.h"
#include "net/BrowserLauncher.h"
#include "traffic/ExchangeText.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
QString clock(qint64 ms)
{
    return countdownText((ms + 999) / 1000);
}
} // namespace

AuthorizationPanel::AuthorizationPanel(FlowSession* session, BrowserLauncher* launcher, QWidget* parent)
    : LazyWidget(parent)
    , m_session(session)
    , m_launcher(launcher)
{
    // The flow runs from the start; its widgets are built when the step is first shown (or used).
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &AuthorizationPanel::tick);
    connect(m_session, &FlowSession::stageChanged, this, &AuthorizationPanel::onStageChanged);
    connect(m_session, &FlowSession::callbackRejected, this, &AuthorizationPanel::onRejected);
    connect(m_session, &FlowSession::authorized, this, &AuthorizationPanel::onFinished);
    connect(m_session, &FlowSession::goalFinished, this, &AuthorizationPanel::onGoal);
    connect(m_session, &FlowSession::stepChanged, this, &AuthorizationPanel::onStep);
}

void AuthorizationPanel::buildWidgets()
{
    m_options = new AuthorizationOptionsForm(this);
    m_authorize = new QPushButton(tr("&Authorize in browser"), this);
    m_prepare = new QPushButton(tr("&Prepare only"), this);
    m_copy = new QPushButton(tr("Copy &URL"), this);
    m_check = new QPushButton(tr("C&heck this request"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_banner = new Banner(this);
    m_paste = new QLineEdit(this);
    m_usePaste = new QPushButton(tr("Use pasted URL"), this);
    m_tabs = new TabWidget(this);
    m_parameters = new QTableWidget(0, 2, this);
    m_url = new QLineEdit(this);
    m_checks = new FindingsView(this);
    m_captured = new QPlainTextEdit(this);
    m_rejected = new QTreeWidget(this);
    m_authorize->setDefault(true);
    m_authorize->setToolTip(
        tr("Build the request, open the listener and send your browser to sign in (Ctrl+R)"));
    m_prepare->setToolTip(tr("Build the request and open the listener without launching a browser"));
    m_check->setToolTip(
        tr("Ask the server once, without cookies and before any sign-in, what it answers this "
           "request: many reject a wrong client_id or redirect_uri right there"));
    m_copy->setEnabled(false);
    m_cancel->setEnabled(false);
    m_paste->setPlaceholderText(tr("…or paste the URL the browser ended on (or the bare code)"));
    m_paste->setEnabled(false);
    m_usePaste->setEnabled(false);

    m_parameters->setHorizontalHeaderLabels({tr("Parameter"), tr("Value")});
    m_parameters->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_parameters->verticalHeader()->hide();
    m_parameters->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_url->setReadOnly(true);
    m_url->setPlaceholderText(tr("The authorization URL appears here."));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_captured->setReadOnly(true);
    m_captured->setFont(fixed);
    m_captured->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_captured->setPlaceholderText(tr("The request the browser delivered appears here (secrets masked)."));
    m_rejected->setColumnCount(3);
    m_rejected->setHeaderLabels({tr("Time"), tr("Request"), tr("Why it was refused")});
    m_rejected->setRootIsDecorated(false);
    m_rejected->header()->setSectionResizeMode(2, QHeaderView::Stretch);

    auto* requestTab = new QWidget(this);
    auto* requestLayout = new QVBoxLayout(requestTab);
    requestLayout->addWidget(m_parameters, 1);
    requestLayout->addWidget(m_url);
    auto* callbackTab = new QSplitter(Qt::Vertical, this);
    callbackTab->addWidget(m_checks);
    callbackTab->addWidget(m_captured);
    m_tabs->addTab(requestTab, tr("Request"));
    m_tabs->addTab(callbackTab, tr("Callback"));
    m_tabs->addTab(m_rejected, tr("Refused"));

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_authorize);
    buttons->addWidget(m_prepare);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_check);
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    auto* pasteRow = new QHBoxLayout;
    pasteRow->addWidget(m_paste, 1);
    pasteRow->addWidget(m_usePaste);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(m_banner);
    rightLayout->addLayout(pasteRow);
    rightLayout->addWidget(m_tabs, 1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_options);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(scroll);
    split->addWidget(right);
    split->setStretchFactor(1, 1);
    split->setSizes({420, 600});
    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    const int margin = style()->pixelMetric(QStyle::PM_LayoutLeftMargin);
    layout->setContentsMargins(margin, margin, margin, margin);
    layout->addWidget(split);

    connect(m_authorize, &QPushButton::clicked, this, [this] { authorize(true); });
    connect(m_prepare, &QPushButton::clicked, this, [this] { authorize(false); });
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(flow()->request().url); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { flow()->cancel(); });
    connect(m_check, &QPushButton::clicked, this, &AuthorizationPanel::checkRequest);
    connect(m_usePaste, &QPushButton::clicked, this, &AuthorizationPanel::submitPaste);
    connect(m_paste, &QLineEdit::returnPressed, this, &AuthorizationPanel::submitPaste);
}

void AuthorizationPanel::afterBuild()
{
    m_options->setMetadataSource([this] { return m_session->discovery().metadata; });
    m_options->setDefaultBrowser(m_defaultBrowser);
    m_options->setProfile(m_profile);
}

AuthorizationPanel::~AuthorizationPanel() = default;

void AuthorizationPanel::setProfile(const Profile& profile)
{
    m_profile = profile;
    if (isBuilt())
        m_options->setProfile(profile);
}

void AuthorizationPanel::updateProfile(const Profile& profile)
{
    m_profile = profile;
    if (isBuilt())
        m_options->setProfile(profile, false);
}

void AuthorizationPanel::setDefaultBrowser(const QString& command)
{
    m_defaultBrowser = command;
    if (isBuilt())
        m_options->setDefaultBrowser(command);
}

void AuthorizationPanel::setBanner(const QString& text, int level)
{
    build();
    m_banner->showMessage(text, Banner::Level(level));
}

void AuthorizationPanel::checkRequest()
{
    build();
    // The form's choices, as for a sign-in: the request checked is the one a sign-in would send.
    m_session->setAuthorizationSource(
        [this](const Profile&, const DiscoveryResult& discovery, QString* error) {
            return m_options->settings(discovery, error);
        });
    setBanner(tr("Asking the server what it answers this request, before any sign-in…"), 0);
    m_session->run(FlowGoal::CheckRequest);
}

void AuthorizationPanel::onStep(const FlowStep& step)
{
    if (step.interim)
        return;
    const bool timedOut = step.kind == FlowStep::Kind::Callback && !step.checks.isEmpty() &&
                          step.checks.first().rule == u"AZ-11";
    if (!timedOut && step.kind != FlowStep::Kind::RequestCheck)
        return;
    build();
    m_checks->setFindings(step.checks);
    m_captured->setPlainText(PlainText::shown(step.summary));
    m_tabs->setCurrentIndex(1);
    if (timedOut) {
        m_timedOut = step.checks; // the banner says it when the flow reports the timeout
        return;
    }
    QString text = tr("Request check: %1").arg(step.summary);
    for (const Finding& f : step.checks)
        if (f.severity != Severity::Info) {
            text += u'\n' % f.message;
            if (f.message.startsWith(u"Likely cause 1"))
                break;
        }
    setBanner(text, step.status == FlowStep::Status::Failed    ? 2
                    : step.status == FlowStep::Status::Warning ? 1
                                                               : 0);
}

void AuthorizationPanel::authorize(bool openBrowser)
{
    build();
    if (!m_session->discovery().ok() || m_session->discovery().metadata.isEmpty())
        setBanner(tr("Fetching the issuer's metadata first…"), 0);
    // The form's choices for this run, read when the session has the metadata.
    m_session->setAuthorizationSource(
        [this](const Profile&, const DiscoveryResult& discovery, QString* error) {
            m_launcher->setCommand(m_options->browserCommand());
            return m_options->settings(discovery, error);
        });
    m_checks->clear();
    m_captured->clear();
    m_rejected->clear();
    m_tabs->setTabText(2, tr("Refused"));
    m_session->run(FlowGoal::Authorize, {.openBrowser = openBrowser});
}

void AuthorizationPanel::onGoal(const FlowOutcome& outcome)
{
    if (outcome.goal != FlowGoal::Authorize || outcome.ok())
        return;
    if (outcome.step == FlowStep::Kind::Request || outcome.step == FlowStep::Kind::Discovery)
        setBanner(outcome.error.message, 2);
    else if (outcome.step == FlowStep::Kind::Consent) // the browser could not be started
        setBanner(outcome.error.message % tr(" The request is ready: copy the URL into a browser."), 2);
}

void AuthorizationPanel::showRequest()
{
    build();
    const AuthorizationRequest& request = flow()->request();
    m_parameters->setRowCount(0);
    for (const auto& [name, value] : request.parameters) {
        const int row = m_parameters->rowCount();
        m_parameters->insertRow(row);
        m_parameters->setItem(row, 0, new QTableWidgetItem(PlainText::line(name)));
        m_parameters->setItem(row, 1, new QTableWidgetItem(PlainText::line(value)));
    }
    if (!request.codeVerifier.isEmpty()) {
        const int row = m_parameters->rowCount();
        m_parameters->insertRow(row);
        m_parameters->setItem(row, 0, new QTableWidgetItem(tr("(code_verifier)")));
        m_parameters->setItem(
            row, 1, new QTableWidgetItem(tr("kept by the debugger; sent only to the token endpoint")));
    }
    m_parameters->resizeColumnToContents(0);
    m_url->setText(request.url);
    m_url->setCursorPosition(0);
    m_tabs->setCurrentIndex(0);
    m_copy->setEnabled(true);
    QStringList warnings;
    for (const Finding& f : request.warnings)
        warnings << f.message;
    if (!warnings.isEmpty())
        setBanner(warnings.join(u'\n'), 1);
}

void AuthorizationPanel::tick()
{
    build();
    const RedirectListener* listener = flow()->listener();
    if (flow()->settings().manualCapture) {
        setBanner(tr("Waiting for you to paste the URL the browser ends on (the redirect goes to %1).")
                      .arg(flow()->request().redirectUri),
                  0);
        return;
    }
    setBanner(tr("Waiting for the browser at %1 — the listener closes in %2.")
                  .arg(listener->redirectUri(), clock(listener->remainingMs())),
              0);
}

void AuthorizationPanel::onStageChanged(AuthorizationFlow::Stage stage)
{
    build();
    const bool waiting =
        stage == AuthorizationFlow::Stage::Prepared || stage == AuthorizationFlow::Stage::WaitingForBrowser;
    m_cancel->setEnabled(waiting);
    m_paste->setEnabled(waiting);
    m_usePaste->setEnabled(waiting);
    m_authorize->setEnabled(!waiting || stage == AuthorizationFlow::Stage::Prepared);
    m_prepare->setEnabled(!waiting);
    if (waiting) {
        tick();
        m_countdown.start();
    } else {
        m_countdown.stop();
    }
    if (stage == AuthorizationFlow::Stage::Prepared)
        showRequest(); // every parameter before it leaves, and the request's own warnings
}

void AuthorizationPanel::onRejected(const CapturedCallback& callback)
{
    build();
    const QString target = ExchangeText::maskQuery(QString::fromLatin1(callback.request.target));
    const QString why = callback.problem.isEmpty() ? callback.verdict.reason : callback.problem;
    auto* item = new QTreeWidgetItem(
        m_rejected, {callback.received.toString(QStringLiteral("HH:mm:ss")),
                     PlainText::line(QString::fromLatin1(callback.request.method) % u' ' % target),
                     PlainText::line(why)});
    item->setToolTip(2, PlainText::toolTip(why));
    m_tabs->setTabText(2, tr("Refused (%1)").arg(m_rejected->topLevelItemCount()));
    m_rejected->resizeColumnToContents(1);
}

} // namespace oauth2dbg
