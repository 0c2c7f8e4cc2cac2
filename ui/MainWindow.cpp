#include "MainWindow.h"

#include "AuthorizationPanel.h"
#include "DiscoveryPanel.h"
#include "TokenPanel.h"
#include "TrafficPanel.h"
#include "net/NetworkAccess.h"
#include "oauth/DiscoveryClient.h"
#include "profiles/SecretStore.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <openssl/crypto.h>

namespace oauth2dbg {

MainWindow::MainWindow(QList<Profile> profiles, NetworkAccess* network, SecretStore* secrets,
                       BrowserLauncher* launcher, QWidget* parent)
    : QMainWindow(parent)
    , m_profiles(std::move(profiles))
    , m_network(network)
    , m_secrets(secrets)
    , m_discoveryClient(new DiscoveryClient(network, this))
    , m_profileList(new QListWidget(this))
    , m_discovery(new DiscoveryPanel(m_discoveryClient, this))
    , m_authorization(new AuthorizationPanel(launcher, this))
    , m_tokens(new TokenPanel(network, this))
    , m_steps(new QTabWidget(this))
    , m_bottomTabs(new QTabWidget(this))
    , m_traffic(new TrafficPanel(network->trafficLog(), this))
    , m_keychainLabel(new QLabel(this))
{
    setWindowTitle(QApplication::applicationName());
    setWindowIcon(QIcon(QStringLiteral(":/icons/oauth2-debugger.svg")));

    for (const Profile& profile : std::as_const(m_profiles)) {
        auto* item = new QListWidgetItem(profile.name, m_profileList);
        item->setToolTip(profile.issuer);
    }
    m_profileList->setMinimumWidth(140);
    m_bottomTabs->addTab(m_traffic, tr("&Traffic"));

    m_steps->addTab(m_discovery, tr("1 · Discovery"));
    m_steps->addTab(m_authorization, tr("2 · Authorization"));
    m_steps->addTab(m_tokens, tr("3 · Tokens"));
    auto* center = new QSplitter(Qt::Vertical, this);
    center->addWidget(m_steps);
    center->addWidget(m_bottomTabs);
    center->setStretchFactor(0, 3);
    center->setStretchFactor(1, 2);
    auto* main = new QSplitter(Qt::Horizontal, this);
    main->addWidget(m_profileList);
    main->addWidget(center);
    main->setStretchFactor(1, 1);
    main->setSizes({160, 1020});
    setCentralWidget(main);

    m_keychainLabel->setText(tr("Keychain: checking…"));
    statusBar()->addPermanentWidget(m_keychainLabel);
    buildMenus();

    connect(m_profileList, &QListWidget::currentRowChanged, this, &MainWindow::selectProfile);
    connect(m_discovery, &DiscoveryPanel::showExchange, this, &MainWindow::showExchange);
    connect(m_discovery, &DiscoveryPanel::finished, this, &MainWindow::discoveryFinished);
    connect(m_discovery, &DiscoveryPanel::finished, this, [this](const DiscoveryResult& result) {
        statusBar()->showMessage(result.ok() ? tr("Discovery finished.") : result.error.message, 10'000);
        if (!result.exchangeIds.isEmpty())
            m_traffic->selectExchange(result.exchangeIds.constLast());
        m_authorization->setDiscovery(result);
        m_tokens->setDiscovery(result);
        if (std::exchange(m_authorizeAfterDiscovery, false)) {
            if (result.ok()) {
                showStep(m_authorization);
                m_authorization->authorize();
            } else {
                showStep(m_discovery);
            }
        }
    });
    connect(m_authorization, &AuthorizationPanel::needsDiscovery, this, [this] {
        m_authorizeAfterDiscovery = true;
        m_discovery->discover();
    });
    connect(m_authorization, &AuthorizationPanel::finished, this, &MainWindow::authorizationFinished);
    connect(m_authorization, &AuthorizationPanel::finished, this,
            [this](const AuthorizationOutcome& outcome) {
                if (!outcome.hasCode())
                    return;
                showStep(m_tokens);
                m_tokens->setAuthorization(outcome);
            });
    connect(m_tokens, &TokenPanel::showExchange, this, &MainWindow::showExchange);
    connect(m_discovery, &DiscoveryPanel::profileEdited, this, [this](const Profile& profile) {
        const int row = m_profileList->currentRow();
        if (row >= 0 && row < m_profiles.size())
            m_profiles[row] = profile; // for this session; saved profiles come with the profile store
        m_authorization->updateProfile(profile);
        m_tokens->updateProfile(profile);
    });
    connect(m_tokens, &TokenPanel::requestFinished, m_traffic, &TrafficPanel::selectExchange);

    if (!m_profiles.isEmpty())
        m_profileList->setCurrentRow(0);
    resize(1180, 780);
    probeKeychain();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* flow = menuBar()->addMenu(tr("F&low"));
    flow->addAction(tr("&Discover metadata"), QKeySequence(tr("Ctrl+D")), m_discovery,
                    &DiscoveryPanel::discover);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About OAuth2 Debugger"), this, &MainWindow::showAbout);
}

void MainWindow::selectProfile(int row)
{
    if (row < 0 || row >= m_profiles.size())
        return;
    m_discovery->setProfile(m_profiles.at(row));
    m_authorization->setProfile(m_profiles.at(row));
    m_tokens->setProfile(m_profiles.at(row));
}

void MainWindow::showStep(QWidget* panel)
{
    m_steps->setCurrentWidget(panel);
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
        m_keychainLabel->setText(result.ok() ? tr("Keychain: available") : tr("Keychain: unavailable"));
        m_keychainLabel->setToolTip(result.ok() ? result.message : result.message % u"\n\n" % result.detail);
    });
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About OAuth2 Debugger"),
                       tr("<h3>OAuth2 Debugger %1</h3>"
                          "<p>See exactly what happens in an OAuth 2.0 / OpenID Connect login.</p>"
                          "<p>Qt %2 (built with %3)<br>%4</p>")
                           .arg(QApplication::applicationVersion().toHtmlEscaped(),
                                QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                                QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)).toHtmlEscaped()));
}

} // namespace oauth2dbg
