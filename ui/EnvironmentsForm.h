#pragma once

#include "profiles/Profile.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace oauth2dbg {

// The editor's Environments tab: a profile's environments (dev, staging, prod …) in a list, and the one
// selected in a form of what it sets differently. An empty field shows the profile's value in grey and takes
// it. Edits go to the editor, which saves them with the profile.
class EnvironmentsForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnvironmentsForm)

public:
    explicit EnvironmentsForm(QWidget* parent = nullptr);
    ~EnvironmentsForm() override;

    void setEnvironments(const QList<ProfileEnvironment>& environments);
    // The profile the environments lay over, as the form shows it: its values are the grey hints.
    void setBase(const Profile& base);
    [[nodiscard]] QList<ProfileEnvironment> environments() const;
    // The profile's problems; those of an environment ("environments.<i>.<member>") are shown here.
    void setProblems(const QList<FieldProblem>& problems);
    // Lines of an environment's boxes that are not name=value, counted once per box.
    [[nodiscard]] qsizetype badLineCount() const;
    // Selects the environment of `field` (as setProblems names it, or "" for the first bad line) and puts
    // the cursor in its control.
    void focusProblem(const QString& field);
    // A new environment, named and selected (the editor's "Add").
    void addEnvironment();

    [[nodiscard]] QListWidget* list() const { return m_list; }
    [[nodiscard]] QLineEdit* nameEdit() const { return m_name; }
    [[nodiscard]] QLineEdit* issuerEdit() const { return m_issuer; }
    [[nodiscard]] QLineEdit* clientIdEdit() const { return m_clientId; }
    [[nodiscard]] QComboBox* redirectModeBox() const { return m_redirectMode; }
    [[nodiscard]] QLineEdit* redirectUriEdit() const { return m_redirectUri; }
    [[nodiscard]] QPlainTextEdit* endpointsEdit() const { return m_endpoints; }
    [[nodiscard]] QPlainTextEdit* authorizationParametersEdit() const { return m_authorizationParameters; }
    [[nodiscard]] QPlainTextEdit* tokenParametersEdit() const { return m_tokenParameters; }
    [[nodiscard]] QPushButton* addButton() const { return m_add; }
    [[nodiscard]] QPushButton* removeButton() const { return m_remove; }
    [[nodiscard]] QLabel* messageLabel() const { return m_message; }

Q_SIGNALS:
    void edited();

private:
    // One environment as the form holds it: the boxes' text too, so a line that is not name=value stays
    // where the user typed it.
    struct Row {
        ProfileEnvironment environment;
        QString endpoints;
        QString authorizationParameters;
        QString tokenParameters;
    };
    [[nodiscard]] static Row rowOf(const ProfileEnvironment& environment);
    [[nodiscard]] static QStringList badLines(const Row& row);
    void showRow(int index);
    void takeEdits();
    void refreshList();
    void showMessages();

    QList<Row> m_rows;
    int m_current = -1;
    bool m_loading = false;
    QHash<int, QStringList> m_problems; // environment index -> its problems, in words
    QListWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_remove;
    QWidget* m_form;
    QLineEdit* m_name;
    QLineEdit* m_issuer;
    QLineEdit* m_clientId;
    QComboBox* m_redirectMode;
    QLineEdit* m_redirectUri;
    QPlainTextEdit* m_endpoints;
    QPlainTextEdit* m_authorizationParameters;
    QPlainTextEdit* m_tokenParameters;
    QLabel* m_message;
};

} // namespace oauth2dbg
