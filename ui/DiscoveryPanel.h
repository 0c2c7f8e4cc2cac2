#pragma once

#include "oauth/DiscoveryClient.h"
#include "profiles/Profile.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace oauth2dbg {

class Banner;
class FindingsView;

// The discovery step: the profile's issuer, the Discover action, and what came back — an inline verdict, each
// rule checked, and the document itself (or the raw body when it was not usable).
class DiscoveryPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryPanel)

public:
    explicit DiscoveryPanel(DiscoveryClient* client, QWidget* parent = nullptr);
    ~DiscoveryPanel() override;

    void setProfile(const Profile& profile);
    void discover();

    [[nodiscard]] QPushButton* discoverButton() const { return m_discover; }
    [[nodiscard]] QLineEdit* issuerEdit() const { return m_issuer; }
    [[nodiscard]] Banner* banner() const { return m_banner; }
    [[nodiscard]] FindingsView* findingsView() const { return m_findings; }
    [[nodiscard]] const DiscoveryResult& lastResult() const { return m_lastResult; }
    [[nodiscard]] QCheckBox* localServerBox() const { return m_localServer; }
    [[nodiscard]] QCheckBox* selfSignedBox() const { return m_selfSigned; }
    [[nodiscard]] QLineEdit* caFileEdit() const { return m_caFile; }
    [[nodiscard]] QPlainTextEdit* documentView() const { return m_document; }

Q_SIGNALS:
    void started(const QString& issuer);
    void showExchange(quint64 id);
    void finished(const oauth2dbg::DiscoveryResult& result);
    // The connection settings (local test server, TLS) of the profile were changed here, for this session.
    void profileEdited(const oauth2dbg::Profile& profile);

private:
    void onFinished(const DiscoveryResult& discovered);
    void setBanner(const QString& text, Severity severity);
    void setRunning(bool running);
    void readConnectionSettings();

    DiscoveryClient* m_client;
    Profile m_profile;
    QLabel* m_title;
    QLineEdit* m_issuer;
    QPushButton* m_discover;
    QPushButton* m_cancel;
    QCheckBox* m_localServer;
    QCheckBox* m_selfSigned;
    QLineEdit* m_caFile;
    QPushButton* m_browseCa;
    Banner* m_banner;
    QPushButton* m_showTraffic;
    QTabWidget* m_tabs;
    FindingsView* m_findings;
    DiscoveryResult m_lastResult;
    QPlainTextEdit* m_document;
    quint64 m_lastExchange = 0;
};

} // namespace oauth2dbg
