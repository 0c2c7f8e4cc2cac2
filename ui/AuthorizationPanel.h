#pragma once

#include "oauth/AuthorizationFlow.h"
#include "oauth/DiscoveryClient.h"
#include "profiles/Profile.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTreeWidget;

namespace oauth2dbg {

class Banner;
class AuthorizationOptionsForm;
class BrowserLauncher;
class FindingsView;

// The authorization step: the request before it leaves (every parameter, the full URL), the wait for the
// browser (listener address, time left, Cancel, or paste the final URL), and what came back with each check
// applied.
class AuthorizationPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationPanel)

public:
    AuthorizationPanel(BrowserLauncher* launcher, QWidget* parent = nullptr);
    ~AuthorizationPanel() override;

    void setProfile(const Profile& profile);
    void updateProfile(const Profile& profile);
    void setDiscovery(const DiscoveryResult& discovery) { m_discovery = discovery; }
    // Prepares the request and, unless `openBrowser` is false, sends the browser to it.
    void authorize(bool openBrowser = true);

    [[nodiscard]] AuthorizationFlow* flow() const { return m_flow; }
    [[nodiscard]] AuthorizationOptionsForm* options() const { return m_options; }
    [[nodiscard]] Banner* banner() const { return m_banner; }
    [[nodiscard]] QPushButton* authorizeButton() const { return m_authorize; }
    [[nodiscard]] QPushButton* cancelButton() const { return m_cancel; }
    [[nodiscard]] QTableWidget* parameterTable() const { return m_parameters; }
    [[nodiscard]] FindingsView* checklist() const { return m_checks; }
    [[nodiscard]] QTreeWidget* rejectedList() const { return m_rejected; }
    [[nodiscard]] QLineEdit* pasteEdit() const { return m_paste; }
    [[nodiscard]] QPlainTextEdit* capturedView() const { return m_captured; }

Q_SIGNALS:
    void needsDiscovery(); // Authorize was pressed before the issuer's metadata was known
    void finished(const oauth2dbg::AuthorizationOutcome& outcome);

private:
    void onStageChanged(AuthorizationFlow::Stage stage);
    void onRejected(const CapturedCallback& callback);
    void onFinished(const AuthorizationOutcome& outcome);
    void showRequest();
    void showCaptured(const CapturedCallback& callback);
    void submitPaste();
    void setBanner(const QString& text, int level); // 0 info, 1 warning, 2 error
    void tick();

    BrowserLauncher* m_launcher;
    AuthorizationFlow* m_flow;
    DiscoveryResult m_discovery;
    AuthorizationOptionsForm* m_options;
    QPushButton* m_authorize;
    QPushButton* m_prepare;
    QPushButton* m_copy;
    QPushButton* m_cancel;
    Banner* m_banner;
    QLineEdit* m_paste;
    QPushButton* m_usePaste;
    QTabWidget* m_tabs;
    QTableWidget* m_parameters;
    QLineEdit* m_url;
    FindingsView* m_checks;
    QPlainTextEdit* m_captured;
    QTreeWidget* m_rejected;
    QTimer m_countdown;
};

} // namespace oauth2dbg
