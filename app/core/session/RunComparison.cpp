#include "RunComparison.h"

#include <QHostAddress>
#include <QMap>
#include <QUrl>

namespace oauth2dbg {

namespace {

using Keyed = QMap<std::pair<QString, QString>, QString>; // (where, name) -> value, in a stable order

// The last state of each kind of step.
QList<const FlowStep*> lastOfEachKind(const RunRecord& run)
{
    QMap<int, const FlowStep*> last;
    for (const FlowStep& step : run.steps)
        last[int(step.kind)] = &step;
    return last.values();
}

Keyed stepsOf(const RunRecord& run)
{
    Keyed keyed;
    for (const FlowStep* step : lastOfEachKind(run))
        keyed[{FlowStep::title(step->kind), {}}] = FlowStep::statusWord(step->status);
    return keyed;
}

Keyed checksOf(const RunRecord& run)
{
    Keyed keyed;
    for (const FlowStep* step : lastOfEachKind(run)) {
        for (const Finding& f : step->checks) {
            const QString name = f.field.isEmpty() ? f.rule : f.rule % u' ' % f.field;
            keyed[{FlowStep::title(step->kind), name.isEmpty() ? f.message : name}] = verdictWord(f.severity);
        }
    }
    return keyed;
}

Keyed parametersOf(const RunRecord& run)
{
    Keyed keyed;
    for (const RunParameter& p : run.parameters)
        keyed[{p.where, p.name}] = p.value; // the last one sent
    return keyed;
}

// A loopback redirect's port is the listener's pick on each run (RFC 8252 §7.3): no difference on its own.
QString comparable(const QString& value)
{
    QUrl url(value);
    if (!url.isValid() || url.port() < 0)
        return value;
    const QHostAddress host(url.host());
    if (!host.isLoopback() && url.host() != u"localhost")
        return value;
    url.setPort(-1);
    return url.toString();
}

void differences(RunDifference::Kind kind, const Keyed& first, const Keyed& second, QList<RunDifference>* out)
{
    Keyed all = first;
    all.insert(second);
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        const QString before = first.value(it.key());
        const QString after = second.value(it.key());
        if (comparable(before) != comparable(after) || first.contains(it.key()) != second.contains(it.key()))
            out->append({.kind = kind,
                         .where = it.key().first,
                         .name = it.key().second,
                         .before = before,
                         .after = after});
    }
}

} // namespace

QString verdictWord(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("passed");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("failed");
    case Severity::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

QList<RunDifference> compareRuns(const RunRecord& first, const RunRecord& second)
{
    QList<RunDifference> out;
    differences(RunDifference::Kind::Step, stepsOf(first), stepsOf(second), &out);
    differences(RunDifference::Kind::Check, checksOf(first), checksOf(second), &out);
    differences(RunDifference::Kind::Parameter, parametersOf(first), parametersOf(second), &out);
    return out;
}

} // namespace oauth2dbg
