#pragma once

#include <QObject>

namespace oauth2dbg {

class FlowSession;
class LogPanel;

// The run's story in the Log tab: one line for each thing the session did (discovery, the listener, a refused
// callback, new tokens, their verification, a userinfo, introspection or revocation answer). Only what the
// window shows anyway, never a token.
class SessionLog final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionLog)

public:
    SessionLog(FlowSession* session, LogPanel* log, QObject* parent = nullptr);
    ~SessionLog() override;

private:
    void logStage(int stage);

    FlowSession* m_session;
    LogPanel* m_log;
};

} // namespace oauth2dbg
