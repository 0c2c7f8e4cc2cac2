#pragma once

#include "common/EngineError.h"
#include "common/Finding.h"
#include "jose/TokenVerification.h"
#include "oauth/TokenResponse.h"

#include <QJsonObject>
#include <QString>

namespace oauth2dbg {

class TrafficLog;

// The exit code an error stands for: 2 bad input, 3 the network, 4 stopped, 1 the server's no or a broken
// rule.
[[nodiscard]] int exitCodeFor(const EngineError& error);

// What a command-line run found, printed as text (people) or one JSON document (--json, for automation).
// Tokens and secrets are masked unless the run was asked to reveal them.
class CliReport final {
public:
    CliReport(QString command, bool reveal);
    // A bare flow's command, once the profile said its grant.
    void setCommand(const QString& command) { m_command = command; }

    // `environment`: the profile's environment the run used (empty: the profile's own settings).
    void setProfile(const QString& name, const QString& issuer, const QString& environment = {});
    // `notes`: further lines of the engine's own text under the summary (how the client authenticated).
    void addStep(const QString& step, const QString& summary, const Findings& checks,
                 const QStringList& notes = {});
    void setTokens(const TokenResult& result);
    // The verdicts on the tokens (as fields in --json): a flow's ID and access token, or decode's one token.
    void setTokenVerdicts(const std::optional<TokenVerification>& id,
                          const std::optional<TokenVerification>& access);
    void setVerification(const TokenVerification& verification) { m_verification = verification; }
    // A JSON object to print whole: a token's header and claims, userinfo's claims, an introspection answer.
    void addDocument(const QString& name, const QJsonObject& object);
    void setError(const EngineError& error, int exitCode);

    [[nodiscard]] QString text(const TrafficLog& traffic) const;
    // Colour on a terminal: the verdicts of the checks in red, yellow and green (never in JSON, never with
    // NO_COLOR set or when piped; the runner decides).
    void setColour(bool on) { m_colour = on; }
    // The text with each check's verdict coloured (ANSI SGR). Only a check line of ours starts with two
    // spaces and a verdict: a server's text is one escaped line within it, and cannot start one.
    [[nodiscard]] static QString coloured(const QString& text);
    [[nodiscard]] QByteArray json(const TrafficLog& traffic) const;
    // The one line (and details) for stderr when the run failed.
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] int exitCode() const { return m_exitCode; }

private:
    [[nodiscard]] QString shown(const Secret& secret) const;

    struct Step {
        QString name;
        QString summary;
        Findings checks;
        QStringList notes;
    };
    QString m_command;
    bool m_reveal;
    bool m_colour = false;
    QString m_profile;
    QString m_environment;
    QString m_issuer;
    QList<Step> m_steps;
    QList<QPair<QString, QJsonObject>> m_documents;
    std::optional<TokenResult> m_tokens;
    std::optional<TokenVerification> m_idVerdict;
    std::optional<TokenVerification> m_accessVerdict;
    std::optional<TokenVerification> m_verification;
    EngineError m_error;
    int m_exitCode = 0;
};

} // namespace oauth2dbg
