#include "DiscoveryPanel.h"

#include "Banner.h"
#include "FindingsView.h"
#include "PlainText.h"
#include "TabWidget.h"
#include "Theme.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
constexpr qsizetype kMaxRawShown = 256 * 1024;

} // namespace

DiscoveryPanel::DiscoveryPanel(FlowSession* session, QWidget* parent)
    : LazyWidget(parent)
    , m_session(session)
{
    connect(m_session, &FlowSession::discovered, this, &DiscoveryPanel::onFinished);
    connect(m_session, &FlowSession::stepChanged, this, &DiscoveryPanel::onStep);
    connect(m_session, &FlowSession::goalFinished, this, [this](const FlowOutcome& outcome) {
        // Refused before anything was sent (another step still running, no issuer and no endpoints).
        if (outcome.goal == FlowGoal::Discover && !outcome.ok() && m_running)
            setRunning(false);
    });
}

void DiscoveryPanel::buildWidgets()
{
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText); // a profile's name can come from a file someone sent
    m_issuer = new QLineEdit(this);
    m_issuerNote = new QLabel(this);
    m_issuerNote->setWordWrap(true);
    m_issuerNote->setStyleSheet(Theme::warningText());
    m_issuerNote->hide();
    m_discover = new QPushButton(tr("&Discover"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_localServer = new QCheckBox(tr("Local test server (allow http on this machine)"), this);
    m_selfSigned = new QCheckBox(tr("Accept a self-signed certificate"), this);
    m_caFile = new QLineEdit(this);
    m_browseCa = new QPushButton(tr("Browse…"), this);
    m_banner = new Banner(this);
    m_showTraffic = new QPushButton(tr("Show exchange"), this);
    m_tabs = new TabWidget(this);
    m_findings = new FindingsView(this);
    m_document = new QPlainTextEdit(this);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_issuer->setPlaceholderText(tr("https://login.example.com/realms/main"));
    m_issuer->setAccessibleName(tr("Issuer"));
    m_issuer->setToolTip(tr("The issuer: the authorization server's identifier. Its metadata lives at a "
                            "well-known URL derived from it."));
    m_discover->setToolTip(
        tr("Fetch the issuer's metadata (OpenID Connect Discovery, then RFC 8414) and check "
           "it (Ctrl+D)"));
    m_discover->setDefault(true);
    m_cancel->setVisible(false);
    m_showTraffic->setVisible(false);
    m_showTraffic->setToolTip(tr("Open the raw request and response in the Traffic tab"));

    m_document->setReadOnly(true);
    m_document->setLineWrapMode(QPlainTextEdit::NoWrap);
    // The fixed-width face once the Document tab is first opened: not a font to load before the first frame.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_document && !m_document->font().fixedPitch())
            m_document->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    });
    m_document->setPlaceholderText(tr("The metadata document appears here after discovery."));
    m_tabs->addTab(m_findings, tr("Checks"));
    m_tabs->addTab(m_document, tr("Document"));

    auto* issuerRow = new QHBoxLayout;
    issuerRow->addWidget(new QLabel(tr("Issuer:"), this));
    issuerRow->addWidget(m_issuer, 1);
    issuerRow->addWidget(m_discover);
    issuerRow->addWidget(m_cancel);
    m_localServer->setToolTip(
        tr("Allows http:// to a server on 127.0.0.1, [::1] or localhost. Never for other hosts."));
    m_selfSigned->setToolTip(
        tr("For a local server with a self-signed certificate. Every result then carries a "
           "warning that it was accepted."));
    m_caFile->setPlaceholderText(tr("extra CA certificates to trust (PEM file)"));
    m_caFile->setAccessibleName(tr("CA file"));
    m_caFile->setToolTip(
        tr("Trust the certificates in this PEM file for this profile, in addition to the system's."));
    auto* connectionRow = new QHBoxLayout;
    connectionRow->addWidget(m_localServer);
    connectionRow->addWidget(m_selfSigned);
    connectionRow->addWidget(new QLabel(tr("CA file:"), this));
    connectionRow->addWidget(m_caFile, 1);
    connectionRow->addWidget(m_browseCa);
    auto* bannerRow = new QHBoxLayout;
    bannerRow->addWidget(m_banner, 1);
    bannerRow->addWidget(m_showTraffic, 0, Qt::AlignTop);

    auto* layout = static_cast<QVBoxLayout*>(this->layout());
    layout->unsetContentsMargins(); // the style's, like any pane
    layout->addWidget(m_title);
    layout->addLayout(issuerRow);
    layout->addWidget(m_issuerNote);
    layout->addLayout(connectionRow);
    layout->addLayout(bannerRow);
    layout->addWidget(m_tabs, 1);

    connect(m_discover, &QPushButton::clicked, this, &DiscoveryPanel::discover);
    connect(m_issuer, &QLineEdit::returnPressed, this, &DiscoveryPanel::discover);
    connect(m_cancel, &QPushButton::clicked, m_session, &FlowSession::cancel);
    connect(m_showTraffic, &QPushButton::clicked, this, [this] { Q_EMIT showExchange(m_lastExchange); });
    connect(m_issuer, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_issuerText = text;
        showIssuerNote();
    });
    connect(m_localServer, &QCheckBox::toggled, this, &DiscoveryPanel::readConnectionSettings);
    connect(m_selfSigned, &QCheckBox::toggled, this, &DiscoveryPanel::readConnectionSettings);
    connect(m_caFile, &QLineEdit::editingFinished, this, &DiscoveryPanel::readConnectionSettings);
    connect(m_browseCa, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("CA certificates to trust"), m_caFile->text(),
                                         tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty()) {
            m_caFile->setText(file);
            readConnectionSettings();
        }
    });
}

void DiscoveryPanel::afterBuild()
{
    showProfile();
    showResult();
    setRunning(m_running);
    if (m_bannerShown)
        setBanner(m_bannerText, m_bannerSeverity);
    else
        m_banner->setVisible(false);
}

DiscoveryPanel::~DiscoveryPanel() = default;

void DiscoveryPanel::setProfile(const Profile& profile)
{
    m_profile = profile;
    m_issuerText = profile.issuer;
    m_lastResult = {};
    m_lastExchange = 0;
    m_bannerShown = false;
    if (!isBuilt())
        return;
    showProfile();
    showResult();
    m_banner->setVisible(false);
}

void DiscoveryPanel::updateProfile(const Profile& profile)
{
    m_profile = profile;
    m_issuerText = profile.issuer;
    if (isBuilt())
        showProfile();
}

// The issuer typed here is this run's: said when it is not the profile's, so the two never disagree unseen.
void DiscoveryPanel::showIssuerNote()
{
    const bool own = m_issuerText.trimmed() != m_profile.issuer.trimmed();
    m_issuerNote->setText(
        own ? tr("This run uses this issuer; the profile has \"%1\" (change it in the Profile "
                 "step to keep it).")
                  .arg(PlainText::line(m_profile.issuer))
            : QString());
    m_issuerNote->setVisible(own);
}

void DiscoveryPanel::showProfile()
{
    m_title->setText(PlainText::line(m_profile.name));
    m_issuer->setText(m_issuerText);
    const QSignalBlocker blockLocal(m_localServer);
    const QSignalBlocker blockSelfSigned(m_selfSigned);
    m_localServer->setChecked(m_profile.localTestServer);
    m_selfSigned->setChecked(m_profile.allowSelfSigned);
    m_caFile->setText(m_profile.caFile);
    showIssuerNote();
}

void DiscoveryPanel::readConnectionSettings()
{
    if (!isBuilt())
        return; // nothing changed here: the profile's settings hold
    if (m_profile.localTestServer == m_localServer->isChecked() &&
        m_profile.allowSelfSigned == m_selfSigned->isChecked() &&
        m_profile.caFile == m_caFile->text().trimmed())
        return;
    m_profile.localTestServer = m_localServer->isChecked();
    m_profile.allowSelfSigned = m_selfSigned->isChecked();
    m_profile.caFile = m_caFile->text().trimmed();
    Q_EMIT profileEdited(m_profile);
}

void DiscoveryPanel::discover()
{
    readConnectionSettings();
    if (m_running)
        return; // one at a time; anything else under way finishes first
    // The issuer typed here is this run's (the profile keeps its own until it is saved).
    Profile run = m_session->profile();
    run.issuer = m_issuerText.trimmed();
    if (run.issuer != m_session->profile().issuer)
        m_session->updateProfile(run);
    m_session->run(FlowGoal::Discover);
    onStep(
        {.kind = FlowStep::Kind::Discovery, .status = FlowStep::Status::Running}); // at once, even if queued
}

void DiscoveryPanel::onStep(const FlowStep& step)
{
    if (step.kind != FlowStep::Kind::Discovery || step.status != FlowStep::Status::Running)
        return;
    setRunning(true);
    const Profile& profile = m_session->profile();
    setBanner(tr("Fetching the metadata of %1 … (gives up after %2 s; Cancel stops it now)")
                  .arg(profile.issuer.trimmed())
                  .arg(profile.requestTimeoutSeconds),
              Severity::Info);
}

void DiscoveryPanel::setRunning(bool running)
{
    m_running = running;
    if (!isBuilt())
        return;
    m_discover->setEnabled(!running);
    m_cancel->setVisible(running);
    m_issuer->setReadOnly(running);
}

void DiscoveryPanel::setBanner(const QString& text, Severity severity)
{
    m_bannerText = text;
    m_bannerSeverity = severity;
    m_bannerShown = true;
    if (!isBuilt())
        return;
    m_banner->showMessage(text, severity == Severity::Error     ? Banner::Level::Error
                                : severity == Severity::Warning ? Banner::Level::Warning
                                                                : Banner::Level::Info);
}

void DiscoveryPanel::onFinished(const DiscoveryResult& result)
{
    m_lastResult = result;
    setRunning(false);
    m_lastExchange = result.exchangeIds.isEmpty() ? 0 : result.exchangeIds.constLast();
    showResult();
    if (result.ok()) {
        const bool warnings = std::any_of(result.findings.cbegin(), result.findings.cend(),
                                          [](const Finding& f) { return f.severity == Severity::Warning; });
        if (result.documentUrl.isEmpty())
            setBanner(tr("No issuer to discover: the endpoints given in the profile are used."),
                      Severity::Info);
        else
            setBanner(
                tr("Metadata from %1 passed the checks%2.")
                    .arg(result.documentUrl.toDisplayString(), warnings ? tr(", with warnings") : QString()),
                warnings ? Severity::Warning : Severity::Info);
    } else {
        setBanner(result.error.message, Severity::Error);
    }
    Q_EMIT finished(result);
}

void DiscoveryPanel::showResult()
{
    if (!isBuilt())
        return;
    const DiscoveryResult& result = m_lastResult;
    m_showTraffic->setVisible(m_lastExchange != 0);
    m_findings->setFindings(result.findings);
    if (!result.metadata.isEmpty()) {
        m_document->setPlainText(PlainText::shown(
            QString::fromUtf8(QJsonDocument(result.metadata).toJson(QJsonDocument::Indented))));
    } else if (!result.error.body.isEmpty()) {
        const QByteArray& body = result.error.body;
        QString raw = QString::fromUtf8(body.left(kMaxRawShown));
        if (body.size() > kMaxRawShown)
            raw += tr("\n… (%1 more bytes in the Traffic tab)").arg(body.size() - kMaxRawShown);
        m_document->setPlainText(PlainText::shown(raw));
    } else {
        m_document->clear();
    }
    const bool documentFirst = result.error.isError() && result.findings.isEmpty();
    m_tabs->setCurrentWidget(documentFirst ? static_cast<QWidget*>(m_document) : m_findings);
}

} // namespace oauth2dbg
