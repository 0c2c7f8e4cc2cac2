#pragma once

#include "LazyWidget.h"
#include "profiles/Profile.h"
#include "session/FlowSession.h"

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
// rule checked, and the document itself (or the raw body when it was not usable). It renders the flow
// session's discovery, whichever goal started it. Built when first opened.
class DiscoveryPanel final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscoveryPanel)

public:
    explicit DiscoveryPanel(FlowSession* session, QWidget* parent = nullptr);
    ~DiscoveryPanel() override;

    void setProfile(const Profile& profile);
    // The same run with other values (the editor's, not saved yet): the issuer field follows, results stay.
    void updateProfile(const Profile& profile);
    void discover();

    [[nodiscard]] QPushButton* discoverButton() const { return build(), m_discover; }
    [[nodiscard]] QLineEdit* issuerEdit() const { return build(), m_issuer; }
    [[nodiscard]] QLabel* issuerNote() const { return build(), m_issuerNote; }
    [[nodiscard]] Banner* banner() const { return build(), m_banner; }
    [[nodiscard]] FindingsView* findingsView() const { return build(), m_findings; }
    [[nodiscard]] const DiscoveryResult& lastResult() const { return m_lastResult; }
    [[nodiscard]] QCheckBox* localServerBox() const { return build(), m_localServer; }
    [[nodiscard]] QCheckBox* selfSignedBox() const { return build(), m_selfSigned; }
    [[nodiscard]] QLineEdit* caFileEdit() const { return build(), m_caFile; }
    [[nodiscard]] QPlainTextEdit* documentView() const { return build(), m_document; }

Q_SIGNALS:
    void showExchange(quint64 id);
    void finished(const oauth2dbg::DiscoveryResult& result);
    // The connection settings (local test server, TLS) of the profile were changed here, for this session.
    void profileEdited(const oauth2dbg::Profile& profile);

protected:
    void buildWidgets() override;
    void afterBuild() override;

private:
    void showResult();
    void onFinished(const DiscoveryResult& result);
    void onStep(const FlowStep& step);
    void setBanner(const QString& text, Severity severity);
    void setRunning(bool running);
    void readConnectionSettings();
    void showProfile();
    void showIssuerNote();

    FlowSession* m_session;
    Profile m_profile;
    DiscoveryResult m_lastResult;
    quint64 m_lastExchange = 0;
    // What the controls show, kept while they are not built yet.
    QString m_issuerText;
    QString m_bannerText;
    Severity m_bannerSeverity = Severity::Info;
    bool m_bannerShown = false;
    bool m_running = false;
    QLabel* m_title = nullptr;
    QLineEdit* m_issuer = nullptr;
    QLabel* m_issuerNote = nullptr;
    QPushButton* m_discover = nullptr;
    QPushButton* m_cancel = nullptr;
    QCheckBox* m_localServer = nullptr;
    QCheckBox* m_selfSigned = nullptr;
    QLineEdit* m_caFile = nullptr;
    QPushButton* m_browseCa = nullptr;
    Banner* m_banner = nullptr;
    QPushButton* m_showTraffic = nullptr;
    QTabWidget* m_tabs = nullptr;
    FindingsView* m_findings = nullptr;
    QPlainTextEdit* m_document = nullptr;
};

} // namespace oauth2dbg
