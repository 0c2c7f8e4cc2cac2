#pragma once

#include "LazyWidget.h"
#include "profiles/Profile.h"
#include "session/FlowSession.h"

#include <QTimer>

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
// applied. The flow is the session's; this panel gives it the form's choices and shows what it does.
class AuthorizationPanel final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthorizationPanel)

public:
    AuthorizationPanel(FlowSession* session, BrowserLauncher* launcher, QWidget* parent = nullptr);
    ~AuthorizationPanel() override;

    void setProfile(const Profile& profile);
    void updateProfile(const Profile& profile);
    // The settings' browser, for profiles without their own.
    void setDefaultBrowser(const QString& command);
    // Prepares the request and, unless `openBrowser` is false, sends the browser to it (after discovery, when
    // the issuer's metadata is not known yet).
    void authorize(bool openBrowser = true);

    [[nodiscard]] AuthorizationFlow* flow() const { return m_session->authorization(); }
    [[nodiscard]] AuthorizationOptionsForm* options() const { return build(), m_options; }
    [[nodiscard]] Banner* banner() const { return build(), m_banner; }
    [[nodiscard]] FindingsView* checksView() const { return build(), m_checks; }
    [[nodiscard]] QPushButton* checkButton() const { return build(), m_check; }
    [[nodiscard]] QPushButton* authorizeButton() const { return build(), m_authorize; }
    [[nodiscard]] QPushButton* cancelButton() const { return build(), m_cancel; }
    [[nodiscard]] QTableWidget* parameterTable() const { return build(), m_parameters; }
    [[nodiscard]] FindingsView* checklist() const { return build(), m_checks; }
    [[nodiscard]] QTreeWidget* rejectedList() const { return build(), m_rejected; }
    [[nodiscard]] QLineEdit* pasteEdit() const { return build(), m_paste; }
    [[nodiscard]] QPlainTextEdit* capturedView() const { return build(), m_captured; }

Q_SIGNALS:
    void finished(const oauth2dbg::AuthorizationOutcome& outcome);

private:
    void buildWidgets() override;
    void afterBuild() override;
    void onStageChanged(AuthorizationFlow::Stage stage);
    void onRejected(const CapturedCallback& callback);
    void onFinished(const AuthorizationOutcome& outcome);
    void onGoal(const FlowOutcome& outcome);
    // A timed-out browser step's report (what was sent, the likely causes) and the request check's answer.
    void onStep(const FlowStep& step);
    void checkRequest();
    void showRequest();
    void showCaptured(const CapturedCallback& callback);
    void submitPaste();
    void setBanner(const QString& text, int level); // 0 info, 1 warning, 2 error
    void tick();

    FlowSession* m_session;
    BrowserLauncher* m_launcher;
    Profile m_profile;
    QString m_defaultBrowser;
    AuthorizationOptionsForm* m_options = nullptr;
    QPushButton* m_authorize = nullptr;
    QPushButton* m_prepare = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_cancel = nullptr;
    Banner* m_banner = nullptr;
    QLineEdit* m_paste = nullptr;
    QPushButton* m_usePaste = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableWidget* m_parameters = nullptr;
    QLineEdit* m_url = nullptr;
    FindingsView* m_checks = nullptr;
    QPlainTextEdit* m_captured = nullptr;
    QTreeWidget* m_rejected = nullptr;
    QTimer m_countdown;
    Findings m_timedOut; // the last timeout's report, for the banner
};

} // namespace oauth2dbg
