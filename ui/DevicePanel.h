#pragma once

#include "LazyWidget.h"
#include "oauth/DeviceAuthorization.h"
#include "session/FlowGoal.h"

class QLabel;
class QPushButton;
class QTimer;

namespace oauth2dbg {

class Banner;
class BrowserLauncher;
class FlowSession;

// The device grant's step (RFC 8628): the user code large and easy to read and copy, where to enter it, a QR
// code of the complete URI for a phone, "Open in browser" for signing in on this machine, and a countdown to
// the code's expiry with the polls' pace; Cancel stops the polls. The session does the grant; this shows it.
class DevicePanel final : public LazyWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DevicePanel)

public:
    DevicePanel(FlowSession* session, BrowserLauncher* launcher, QWidget* parent = nullptr);
    ~DevicePanel() override;

    // Asks the server for a code (the session discovers first when it must).
    void start();

    [[nodiscard]] QLabel* userCodeLabel() const { return build(), m_code; }
    [[nodiscard]] QLabel* uriLabel() const { return build(), m_uri; }
    [[nodiscard]] QLabel* qrLabel() const { return build(), m_qr; }
    [[nodiscard]] QLabel* countdownLabel() const { return build(), m_countdown; }
    [[nodiscard]] QPushButton* startButton() const { return build(), m_start; }
    [[nodiscard]] QPushButton* openButton() const { return build(), m_open; }
    [[nodiscard]] QPushButton* copyButton() const { return build(), m_copy; }
    [[nodiscard]] QPushButton* cancelButton() const { return build(), m_cancel; }
    [[nodiscard]] Banner* banner() const { return build(), m_banner; }
    [[nodiscard]] const DeviceAuthorization& device() const { return m_device; }

private:
    void buildWidgets() override;
    void afterBuild() override;
    void onIssued(const DeviceAuthorization& device);
    void onGoal(const FlowOutcome& outcome);
    void tick();
    void showDevice();

    FlowSession* m_session;
    BrowserLauncher* m_launcher;
    QTimer* m_clock;
    DeviceAuthorization m_device; // the code shown (its device_code dropped: the session keeps it)
    int m_polls = 0;
    int m_interval = 0;
    bool m_waiting = false;
    QString m_said; // the banner's text, kept while the widgets are not built
    int m_saidLevel = 0;

    QLabel* m_code = nullptr;
    QLabel* m_uri = nullptr;
    QLabel* m_qr = nullptr;
    QLabel* m_countdown = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_copy = nullptr;
    QPushButton* m_cancel = nullptr;
    Banner* m_banner = nullptr;
};

} // namespace oauth2dbg
