#include "DevicePanel.h"

#include "Banner.h"
#include "PlainText.h"
#include "common/Duration.h"
#include "common/QrCode.h"
#include "net/BrowserLauncher.h"
#include "session/FlowSession.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace oauth2dbg {

namespace {
// The QR code as a picture: dark modules on white, 6 pixels each (a phone reads it from across a desk), with
// the four-module quiet zone the standard asks for.
QPixmap qrPixmap(const QrCode& qr, int scale)
{
    const int side = (qr.size + 8) * scale;
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < qr.size; ++y)
        for (int x = 0; x < qr.size; ++x)
            if (qr.dark(x, y))
                painter.fillRect((x + 4) * scale, (y + 4) * scale, scale, scale, Qt::black);
    return QPixmap::fromImage(image);
}
} // namespace

DevicePanel::DevicePanel(FlowSession* session, BrowserLauncher* launcher, QWidget* parent)
    : LazyWidget(parent)
    , m_session(session)
    , m_launcher(launcher)
    , m_clock(new QTimer(this))
{
    m_clock->setInterval(1000);
    connect(m_clock, &QTimer::timeout, this, &DevicePanel::tick);
    connect(session, &FlowSession::deviceCodeIssued, this, &DevicePanel::onIssued);
    connect(session, &FlowSession::devicePolling, this, [this](int polls, int interval) {
        m_polls = polls;
        m_interval = interval;
        tick();
    });
    connect(session, &FlowSession::goalFinished, this, &DevicePanel::onGoal);
}

DevicePanel::~DevicePanel() = default;

void DevicePanel::buildWidgets()
{
    m_code = new QLabel(this);
    m_uri = new QLabel(this);
    m_qr = new QLabel(this);
    m_countdown = new QLabel(this);
    m_start = new QPushButton(tr("&Get a device code"), this);
    m_open = new QPushButton(tr("&Open in browser"), this);
    m_copy = new QPushButton(tr("Cop&y code"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_banner = new Banner(this);

    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSize(28);
    big.setBold(true);
    m_code->setFont(big);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_code->setAccessibleName(tr("User code"));
    for (QLabel* label : {m_uri, m_countdown}) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_qr->setAccessibleName(tr("QR code of the verification URI"));
    m_qr->setMinimumSize(240, 240);
    m_qr->setAlignment(Qt::AlignCenter);
    m_start->setToolTip(tr("RFC 8628: ask the server for a user code, then poll its token endpoint until "
                           "someone signs in with it (on a phone, a TV, another computer)."));
    m_open->setToolTip(tr("Open verification_uri_complete in the browser to sign in on this machine"));
    auto* intro = new QLabel(tr("The device grant: the server gives a short code, the user enters it on "
                                "another device, and the debugger polls the token endpoint until the sign-in "
                                "is done."),
                             this);
    intro->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_start, m_open, m_copy, m_cancel})
        buttons->addWidget(b);
    buttons->addStretch(1);
    auto* details = new QVBoxLayout;
    details->addWidget(new QLabel(tr("Enter this code:"), this));
    details->addWidget(m_code);
    details->addWidget(m_uri);
    details->addWidget(m_countdown);
    details->addStretch(1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(details, 1);
    columns->addWidget(m_qr);
    auto* column = static_cast<QVBoxLayout*>(layout());
    column->addWidget(intro);
    column->addLayout(buttons);
    column->addWidget(m_banner);
    column->addLayout(columns, 1);

    connect(m_start, &QPushButton::clicked, this, &DevicePanel::start);
    connect(m_cancel, &QPushButton::clicked, m_session, &FlowSession::cancel);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(m_device.userCode);
        m_banner->showMessage(tr("The user code is on the clipboard."), Banner::Level::Info);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const EngineError opened = m_launcher->launch(m_device.uriToOpen().toString(QUrl::FullyEncoded),
                                                      m_session->profile().localTestServer);
        if (opened.isError())
            m_banner->showMessage(opened.message, Banner::Level::Error);
    });
}

void DevicePanel::afterBuild()
{
    showDevice();
}

void DevicePanel::start()
{
    m_device = {};
    m_polls = 0;
    m_waiting = true;
    m_said = tr("Asking the server for a device code…");
    m_saidLevel = 0;
    showDevice();
    // The window's "Open in browser" is the user's choice: the session opens nothing by itself.
    m_session->run(FlowGoal::DeviceCode, {.openBrowser = false});
}

void DevicePanel::onIssued(const DeviceAuthorization& device)
{
    m_device = device;
    m_device.deviceCode = {}; // the session keeps the credential; the view shows only what the user needs
    m_interval = device.interval;
    m_said = tr("Waiting for the sign-in with this code.");
    m_saidLevel = 0;
    m_clock->start();
    showDevice();
}

void DevicePanel::onGoal(const FlowOutcome& outcome)
{
    if (outcome.goal != FlowGoal::DeviceCode)
        return;
    m_waiting = false;
    m_clock->stop();
    m_said = outcome.ok() ? tr("Signed in: the tokens are in the Token step.") : outcome.error.message;
    m_saidLevel = outcome.ok() ? 0 : 2;
    showDevice();
}

void DevicePanel::tick()
{
    if (!isBuilt() || !m_device.issuedAt.isValid())
        return;
    const qint64 left = std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(m_device.expiresAt()));
    m_countdown->setText(m_waiting ? tr("Expires in %1 · polling every %2 s · %3 poll(s) so far")
                                         .arg(countdownText(left))
                                         .arg(m_interval)
                                         .arg(m_polls)
                                   : tr("%1 poll(s).").arg(m_polls));
}

void DevicePanel::showDevice()
{
    if (!isBuilt())
        return;
    const bool issued = !m_device.userCode.isEmpty();
    m_code->setText(issued ? PlainText::line(m_device.userCode.left(40)) : tr("—"));
    QString where = issued ? tr("at %1").arg(PlainText::line(m_device.verificationUri.toDisplayString()))
                           : tr("No code yet: Get a device code.");
    if (m_device.verificationUriComplete.isValid())
        where += u'\n' + tr("or scan the QR code, or open %1")
                             .arg(PlainText::line(m_device.verificationUriComplete.toDisplayString()));
    m_uri->setText(where);
    const QrCode qr =
        issued ? QrCode::encode(m_device.uriToOpen().toString(QUrl::FullyEncoded).toUtf8()) : QrCode{};
    if (qr.ok())
        m_qr->setPixmap(qrPixmap(qr, 6));
    else
        m_qr->setText(issued ? qr.problem : QString());
    m_start->setEnabled(!m_waiting);
    m_open->setEnabled(issued && m_waiting);
    m_copy->setEnabled(issued);
    m_cancel->setEnabled(m_waiting);
    if (!m_said.isEmpty())
        m_banner->showMessage(m_said, Banner::Level(m_saidLevel));
    tick();
}

} // namespace oauth2dbg
