#include "CheckCatalogue.h"

#include <QRegularExpression>

namespace oauth2dbg::CheckCatalogue {

const CheckEntry* find(const QString& id)
{
    for (const CheckEntry& entry : all()) {
        if (entry.id == id)
            return &entry;
    }
    return nullptr;
}

QList<const CheckEntry*> entriesFor(const QString& rule)
{
    QList<const CheckEntry*> entries;
    for (const QString& part : rule.split(QStringLiteral("; "), Qt::SkipEmptyParts)) {
        if (const CheckEntry* entry = find(part.trimmed()))
            entries << entry;
    }
    return entries;
}

QStringList unknownIn(const QString& rule)
{
    QStringList unknown;
    for (const QString& part : rule.split(QStringLiteral("; "), Qt::SkipEmptyParts)) {
        if (!find(part.trimmed()))
            unknown << part.trimmed();
    }
    if (rule.trimmed().isEmpty())
        unknown << QStringLiteral("(no rule)");
    return unknown;
}

QString citation(const QString& rule)
{
    // A rule named after its section cites itself; an identifier such as AZ-05 does not.
    static const QRegularExpression identifier(QStringLiteral("^[A-Z]{2}-\\d{2}$"));
    QStringList specs;
    for (const CheckEntry* entry : entriesFor(rule)) {
        if (identifier.match(entry->id).hasMatch())
            specs << entry->spec;
    }
    return specs.join(QStringLiteral("; "));
}

QString explanation(const QString& rule)
{
    QStringList parts;
    for (const CheckEntry* entry : entriesFor(rule))
        parts << entry->id % u" — " % entry->title % u" (" % entry->spec % u")\n" % entry->meaning %
                     u"\nIf it fails: " % entry->action;
    return parts.join(QStringLiteral("\n\n"));
}

QString markdown()
{
    QString out = QStringLiteral(
        "# The checks\n\n"
        "Every rule identifier the debugger shows beside a result, in the window and on the command line "
        "(`oauth2-debugger checks ID` prints one). Rules named after a section of a specification are listed "
        "under that name. This file is generated from the program (`oauth2-debugger checks --markdown`); a "
        "test "
        "keeps the two the same.\n\n"
        "| Identifier | Check | Specification | What it means | If it fails |\n"
        "|---|---|---|---|---|\n");
    const auto cell = [](QString text) {
        return text.replace(u'|', QStringLiteral("\\|"));
    };
    for (const CheckEntry& entry : all())
        out += u"| " % cell(entry.id) % u" | " % cell(entry.title) % u" | " % cell(entry.spec) % u" | " %
               cell(entry.meaning) % u" | " % cell(entry.action) % u" |\n";
    return out;
}

} // namespace oauth2dbg::CheckCatalogue
