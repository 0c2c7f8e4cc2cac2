#pragma once

#include "FlowGoal.h"
#include "FlowStep.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace oauth2dbg {

struct HttpExchange;

// One parameter a run sent: where (the authorization request, the token request…), its name and its value as
// a record may keep it — a secret's value masked, a value that is new on every run (state, nonce, the PKCE
// challenge) replaced by a word, so two runs compare on what the user chose.
struct RunParameter {
    QString where;
    QString name;
    QString value;

    friend bool operator==(const RunParameter&, const RunParameter&) = default;
};

// What a run did, as the history keeps it: which profile, when, how it ended, each step with its checks and
// every parameter it sent. It holds no token, no code and no secret, so it may be written to disk; exchange
// identifiers are left out (they name the traffic of one process).
struct RunRecord {
    QString id; // a UUID, new for every run
    QString profileId;
    QString profileName;
    QString environment; // empty: the profile's own settings
    QDateTime started;   // UTC; invalid until the first goal
    QDateTime finished;  // UTC, of the last goal that ended
    QString lastGoal;    // "Authorize", "Refresh" … as the user asked for it
    bool ok = true;      // the last goal ended without an error
    QString outcome;     // "ok", or where it stopped and why
    QList<FlowStep> steps;
    QList<RunParameter> parameters;

    // A step as it happened: a fixed step replaces its earlier state, the others are added; an interim state
    // is not kept. A new authorization request starts the steps after it over.
    void apply(const FlowStep& step);
    // The query of the authorization request, or the form and query of an exchange, as parameters of `where`.
    void addParameters(const QString& where, const QString& url, const QByteArray& formBody = {});
    void addParameters(const QString& where, const HttpExchange& exchange);
    // A goal ended: the record's outcome and its time.
    void finish(const FlowOutcome& ended, const QDateTime& when);
    // The worst status of the steps kept, and Failed when the last goal failed.
    [[nodiscard]] FlowStep::Status status() const;
    [[nodiscard]] bool isEmpty() const { return !started.isValid(); }

    [[nodiscard]] QJsonObject toJson() const;
    // A record from a file: hostile. Null, with the reason, when a member is missing or of the wrong type.
    [[nodiscard]] static std::optional<RunRecord> fromJson(const QJsonObject& json, QString* error);
    // The goal as a word ("Authorize", "Client credentials" …).
    [[nodiscard]] static QString goalName(FlowGoal goal);

    static constexpr qsizetype kMaxSteps = 200;      // a run refreshing all day keeps its latest steps
    static constexpr qsizetype kMaxParameters = 400; // likewise
};

} // namespace oauth2dbg
