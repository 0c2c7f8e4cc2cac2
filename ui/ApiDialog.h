#pragma once

#include "session/FlowGoal.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace oauth2dbg {

class FlowSession;
struct OperationResult;

// Call an API with this run's access token: a small request editor (method, URL, headers, body) whose Send
// asks the session for CallApi — the token as Bearer, or as DPoP with a proof when the profile uses DPoP —
// and the answer shown under it: status, each challenge of a refusal explained (AP-01), the body as plain
// text. Nothing typed here is stored.
class ApiDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiDialog)

public:
    explicit ApiDialog(FlowSession* session, QWidget* parent = nullptr);
    ~ApiDialog() override;

    // The request as the form stands; `problem` says what keeps it from being sent.
    [[nodiscard]] HttpRequest request(QString* problem) const;
    void showAnswer(const OperationResult& result);

    [[nodiscard]] QComboBox* methodBox() const { return m_method; }
    [[nodiscard]] QLineEdit* urlEdit() const { return m_url; }
    [[nodiscard]] QPlainTextEdit* headersEdit() const { return m_headers; }
    [[nodiscard]] QPlainTextEdit* bodyEdit() const { return m_body; }
    [[nodiscard]] QPushButton* sendButton() const { return m_send; }
    [[nodiscard]] QLabel* statusLabel() const { return m_status; }
    [[nodiscard]] QPlainTextEdit* answerView() const { return m_answer; }

Q_SIGNALS:
    void sendRequested(oauth2dbg::FlowGoal goal, const oauth2dbg::FlowInput& input);

private:
    void updateSend();

    FlowSession* m_session;
    QComboBox* m_method;
    QLineEdit* m_url;
    QPlainTextEdit* m_headers;
    QPlainTextEdit* m_body;
    QLabel* m_scheme;
    QPushButton* m_send;
    QLabel* m_status;
    QPlainTextEdit* m_answer;
};

} // namespace oauth2dbg
