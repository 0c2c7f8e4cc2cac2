#pragma once

#include <QList>
#include <QString>

namespace oauth2dbg {

// Skipped: a rule that did not apply here, with the reason (a checklist shows it, and it is neither pass nor
// fail).
enum class Severity { Info, Warning, Error, Skipped };

// One rule checked against something a server sent: which rule, which field, and what was found.
struct Finding {
    Severity severity = Severity::Info;
    QString rule;  // e.g. "MD-02", or a spec section
    QString field; // e.g. "token_endpoint"; empty for the document as a whole
    QString message;

    friend bool operator==(const Finding&, const Finding&) = default;
};

using Findings = QList<Finding>;

[[nodiscard]] inline bool hasErrors(const Findings& findings)
{
    for (const Finding& f : findings) {
        if (f.severity == Severity::Error)
            return true;
    }
    return false;
}

} // namespace oauth2dbg
