#pragma once

#include "session/FlowGoal.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace oauth2dbg {

class FlowSession;

// The token endpoint's other grants, asked for from the Token step: token exchange (RFC 8693) with one of
// this run's tokens or a pasted one, the JWT bearer grant (RFC 7523 §2.1) with its assertion's claims edited
// and shown decoded before anything is sent, and the password grant (RFC 6749 §4.3) behind the warning that
// RFC 9700 §2.4 forbids it. The grants the server's metadata lists come first. Nothing typed here is stored:
// a pasted token, a key file's contents and a password live in this dialog for this request only.
class GrantDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GrantDialog)

public:
    explicit GrantDialog(FlowSession* session, QWidget* parent = nullptr);
    ~GrantDialog() override;

    // Shows `goal`'s page (TokenExchange, JwtBearer, Password).
    void choose(FlowGoal goal);
    // What Send asks the session for, as the form stands.
    [[nodiscard]] FlowGoal goal() const;
    [[nodiscard]] FlowInput input() const;
    // JwtBearer: uses this key file's contents (PEM or JWK) for the assertion; false with the reason shown
    // when it cannot be read.
    bool useKeyFile(const QString& path);

    [[nodiscard]] QComboBox* grantBox() const { return m_grant; }
    [[nodiscard]] QComboBox* subjectBox() const { return m_subject; }
    [[nodiscard]] QLineEdit* pastedSubjectEdit() const { return m_pastedSubject; }
    [[nodiscard]] QComboBox* subjectTypeBox() const { return m_subjectType; }
    [[nodiscard]] QLineEdit* audienceEdit() const { return m_audience; }
    [[nodiscard]] QLineEdit* assertionSubjectEdit() const { return m_assertionSubject; }
    [[nodiscard]] QLineEdit* assertionAudienceEdit() const { return m_assertionAudience; }
    [[nodiscard]] QPlainTextEdit* preview() const { return m_preview; }
    [[nodiscard]] QLabel* warningLabel() const { return m_warning; }
    [[nodiscard]] QLineEdit* usernameEdit() const { return m_username; }
    [[nodiscard]] QLineEdit* passwordEdit() const { return m_password; }
    [[nodiscard]] QPushButton* sendButton() const { return m_send; }

Q_SIGNALS:
    void sendRequested(oauth2dbg::FlowGoal goal, const oauth2dbg::FlowInput& input);

private:
    QWidget* exchangePage();
    QWidget* bearerPage();
    QWidget* passwordPage();
    void updatePreview();
    void updateSend();

    FlowSession* m_session;
    Secret m_key; // the key file's contents, for this dialog only
    QString m_keyName;
    QComboBox* m_grant = nullptr;
    QStackedWidget* m_pages = nullptr;
    QComboBox* m_subject = nullptr;
    QLineEdit* m_pastedSubject = nullptr;
    QComboBox* m_subjectType = nullptr;
    QLineEdit* m_actor = nullptr;
    QComboBox* m_actorType = nullptr;
    QComboBox* m_requestedType = nullptr;
    QLineEdit* m_audience = nullptr;
    QLineEdit* m_resource = nullptr;
    QLabel* m_keyLabel = nullptr;
    QLineEdit* m_assertionIssuer = nullptr;
    QLineEdit* m_assertionSubject = nullptr;
    QLineEdit* m_assertionAudience = nullptr;
    QSpinBox* m_lifetime = nullptr;
    QPlainTextEdit* m_preview = nullptr;
    QLabel* m_warning = nullptr;
    QLineEdit* m_username = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_send = nullptr;
};

} // namespace oauth2dbg
