#pragma once

#include <QList>
#include <QString>

namespace oauth2dbg {

// One rule the debugger checks, as a user looks it up: the identifier shown beside a result, what it is
// about, where the specification says so, what a failure means and what to do about it.
struct CheckEntry {
    QString id;      // "AZ-05", or the citation itself for rules named after their section ("RFC 7515 §6")
    QString title;   // one line
    QString spec;    // the specification and section
    QString meaning; // what the rule protects, and what a failure means
    QString action;  // what to do when it fails

    // An entry from the catalogue's UTF-8 literals.
    [[nodiscard]] static CheckEntry of(const char* id, const char* title, const char* spec,
                                       const char* meaning, const char* action)
    {
        return {QString::fromUtf8(id), QString::fromUtf8(title), QString::fromUtf8(spec),
                QString::fromUtf8(meaning), QString::fromUtf8(action)};
    }
};

// Every rule identifier the product shows, defined once. The window shows the entry with each result, the
// command line prints the citation and `oauth2-debugger checks ID` the whole entry; docs/checks.md is
// markdown(), and a test holds every emitted identifier to this list.
namespace CheckCatalogue {

[[nodiscard]] const QList<CheckEntry>& all();
// The grants' and sign-out's entries (CheckEntriesGrants.cpp), part of all().
[[nodiscard]] QList<CheckEntry> grantEntries();
[[nodiscard]] QList<CheckEntry> securityEntries(); // CheckEntriesSecurity.cpp
// The entry with exactly this identifier; null when there is none.
[[nodiscard]] const CheckEntry* find(const QString& id);
// A finding's rule names one identifier, or several joined by "; " (a rule checked as part of another).
[[nodiscard]] QList<const CheckEntry*> entriesFor(const QString& rule);
// Identifiers in `rule` the catalogue lacks (empty when it explains all of them).
[[nodiscard]] QStringList unknownIn(const QString& rule);
// "OpenID Connect Discovery §4.3" for "MD-02"; empty for a rule named after its own section.
[[nodiscard]] QString citation(const QString& rule);
// Title, citation, meaning and action in a few lines, for a tooltip or `checks ID`.
[[nodiscard]] QString explanation(const QString& rule);
// docs/checks.md.
[[nodiscard]] QString markdown();

} // namespace CheckCatalogue
} // namespace oauth2dbg
