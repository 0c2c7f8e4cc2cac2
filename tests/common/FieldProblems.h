#pragma once

#include "profiles/Profile.h"

#include <QStringList>

// The fields a profile's validation names, in its order: what a test compares.
[[nodiscard]] inline QStringList fieldsOf(const QList<oauth2dbg::FieldProblem>& problems)
{
    QStringList fields;
    for (const oauth2dbg::FieldProblem& problem : problems)
        fields << problem.field;
    return fields;
}
