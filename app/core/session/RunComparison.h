#pragma once

#include "RunRecord.h"

#include <QList>
#include <QString>

namespace oauth2dbg {

// What differs between two runs, side by side: the steps' outcomes, each check's verdict (by step, rule and
// field) and the parameters sent. A step that happened more than once is taken as it last was.
struct RunDifference {
    enum class Kind { Step, Check, Parameter };
    Kind kind = Kind::Step;
    QString where;  // the step, or where a parameter was sent
    QString name;   // the rule and field, or the parameter's name; empty for a step
    QString before; // in the first run; empty: not there
    QString after;  // in the second

    friend bool operator==(const RunDifference&, const RunDifference&) = default;
};

[[nodiscard]] QList<RunDifference> compareRuns(const RunRecord& first, const RunRecord& second);

// A verdict in a word: "passed", "warning", "failed", "skipped".
[[nodiscard]] QString verdictWord(Severity severity);

} // namespace oauth2dbg
