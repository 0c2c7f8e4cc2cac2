#include "RunRecord.h"

#include "net/HttpExchange.h"
#include "traffic/ExchangeText.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <algorithm>

namespace oauth2dbg {

namespace {

// Values a client makes anew for every request: kept as a word, so that two runs compare on what the user
// chose (and a record carries no state a callback could be forged with).
bool isNewEachRun(QStringView name)
{
    return name == u"state" || name == u"nonce" || name == u"code_challenge" || name == u"jti";
}

const char* const kStatusNames[] = {"pending", "running", "ok", "warning", "failed"};
const char* const kSeverityNames[] = {"info", "warning", "error", "skipped"};

template <typename Enum, size_t N>
std::optional<Enum> fromName(const char* const (&names)[N], const QString& name)
{
    for (size_t i = 0; i < N; ++i) {
        if (name == QLatin1String(names[i]))
            return Enum(i);
    }
    return std::nullopt;
}

std::optional<FlowStep::Kind> kindFromTitle(const QString& title)
{
    for (int k = 0; k <= int(FlowStep::kLastKind); ++k) {
        if (FlowStep::title(FlowStep::Kind(k)) == title)
            return FlowStep::Kind(k);
    }
    return std::nullopt;
}

// A duration from a file: a day at most, -1 (unknown) for anything else (a double this large is no qint64).
qint64 durationFrom(const QJsonValue& value)
{
    const double ms = value.toDouble(-1);
    return ms >= 0 && ms <= 86'400'000.0 ? qint64(ms) : -1;
}

template <typename T>
void keepLatest(QList<T>& list, qsizetype max)
{
    if (list.size() > max)
        list.remove(0, list.size() - max);
}

} // namespace

void RunRecord::apply(const FlowStep& step)
{
    if (step.interim)
        return;
    FlowStep kept = step;
    kept.exchangeIds.clear();
    if (step.kind == FlowStep::Kind::Request) { // a new authorization: what came of the last one is over
        steps.removeIf([](const FlowStep& s) {
            return s.kind > FlowStep::Kind::Request && s.kind <= FlowStep::Kind::Token;
        });
    }
    if (step.isFixed()) {
        const auto same =
            std::find_if(steps.begin(), steps.end(), [&](const FlowStep& s) { return s.kind == step.kind; });
        if (same != steps.end()) {
            *same = kept;
            return;
        }
    }
    steps.append(kept);
    keepLatest(steps, kMaxSteps);
}

void RunRecord::addParameters(const QString& where, const QString& url, const QByteArray& formBody)
{
    // Both are application/x-www-form-urlencoded: a '+' is a space.
    const auto decoded = [](QByteArray encoded) {
        return QUrlQuery(QString::fromUtf8(encoded.replace('+', "%20"))).queryItems(QUrl::FullyDecoded);
    };
    QList<std::pair<QString, QString>> pairs = decoded(QUrl(url).query(QUrl::FullyEncoded).toUtf8());
    if (!formBody.isEmpty())
        pairs += decoded(formBody);
    for (const auto& [name, value] : pairs) {
        const QString kept = ExchangeText::isSecretParameter(name) ? ExchangeText::mask(value)
                             : isNewEachRun(name)                  ? QStringLiteral("(new each run)")
                                                                   : value;
        parameters.append({.where = where, .name = name, .value = kept});
    }
    keepLatest(parameters, kMaxParameters);
}

void RunRecord::addParameters(const QString& where, const HttpExchange& exchange)
{
    const bool form = exchange.requestHeader("Content-Type").startsWith("application/x-www-form-urlencoded");
    addParameters(where, exchange.url.toString(), form ? exchange.requestBody : QByteArray());
}

void RunRecord::finish(const FlowOutcome& ended, const QDateTime& when)
{
    finished = when.toUTC();
    lastGoal = goalName(ended.goal);
    ok = ended.ok();
    outcome = ok ? QStringLiteral("ok") : FlowStep::title(ended.step) % u": " % ended.error.message;
}

FlowStep::Status RunRecord::status() const
{
    FlowStep::Status worst = ok ? FlowStep::Status::Ok : FlowStep::Status::Failed;
    for (const FlowStep& s : steps) {
        if (s.status == FlowStep::Status::Failed || s.status == FlowStep::Status::Warning)
            worst = std::max(worst, s.status);
    }
    return worst;
}

QString RunRecord::goalName(FlowGoal goal)
{
    switch (goal) {
    case FlowGoal::Discover:
        return QStringLiteral("Discover");
    case FlowGoal::Authorize:
        return QStringLiteral("Authorize");
    case FlowGoal::ExchangeCode:
        return QStringLiteral("Exchange the code");
    case FlowGoal::ClientCredentials:
        return QStringLiteral("Client credentials");
    case FlowGoal::Refresh:
        return QStringLiteral("Refresh");
    case FlowGoal::UserInfo:
        return QStringLiteral("Userinfo");
    case FlowGoal::Introspect:
        return QStringLiteral("Introspect");
    case FlowGoal::Revoke:
        return QStringLiteral("Revoke");
    case FlowGoal::CallApi:
        return QStringLiteral("Call an API");
    case FlowGoal::VerifyToken:
        return QStringLiteral("Verify a token");
    case FlowGoal::CheckRequest:
        return QStringLiteral("Check the request");
    case FlowGoal::DeviceCode:
        return QStringLiteral("Device code");
    case FlowGoal::TokenExchange:
        return QStringLiteral("Token exchange");
    case FlowGoal::JwtBearer:
        return QStringLiteral("JWT bearer");
    case FlowGoal::Password:
        return QStringLiteral("Password grant");
    case FlowGoal::SignOut:
        return QStringLiteral("Sign out");
    }
    return {};
}

QJsonObject RunRecord::toJson() const
{
    QJsonArray stepArray;
    for (const FlowStep& s : steps) {
        QJsonArray checks;
        for (const Finding& f : s.checks)
            checks.append(
                QJsonObject{{QStringLiteral("severity"), QLatin1String(kSeverityNames[int(f.severity)])},
                            {QStringLiteral("rule"), f.rule},
                            {QStringLiteral("field"), f.field},
                            {QStringLiteral("message"), f.message}});
        stepArray.append(QJsonObject{{QStringLiteral("step"), FlowStep::title(s.kind)},
                                     {QStringLiteral("status"), QLatin1String(kStatusNames[int(s.status)])},
                                     {QStringLiteral("summary"), s.summary},
                                     {QStringLiteral("detail"), s.detail},
                                     {QStringLiteral("durationMs"), double(s.durationMs)},
                                     {QStringLiteral("checks"), checks}});
    }
    QJsonArray parameterArray;
    for (const RunParameter& p : parameters)
        parameterArray.append(QJsonObject{{QStringLiteral("where"), p.where},
                                          {QStringLiteral("name"), p.name},
                                          {QStringLiteral("value"), p.value}});
    return {{QStringLiteral("id"), id},
            {QStringLiteral("profileId"), profileId},
            {QStringLiteral("profileName"), profileName},
            {QStringLiteral("environment"), environment},
            {QStringLiteral("started"), started.toString(Qt::ISODateWithMs)},
            {QStringLiteral("finished"), finished.toString(Qt::ISODateWithMs)},
            {QStringLiteral("lastGoal"), lastGoal},
            {QStringLiteral("ok"), ok},
            {QStringLiteral("outcome"), outcome},
            {QStringLiteral("steps"), stepArray},
            {QStringLiteral("parameters"), parameterArray}};
}

std::optional<RunRecord> RunRecord::fromJson(const QJsonObject& json, QString* error)
{
    const auto refuse = [error](const QString& why) -> std::optional<RunRecord> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const auto text = [&json](const char* name) {
        return json.value(QLatin1String(name)).toString();
    };
    RunRecord r;
    r.id = text("id");
    r.profileId = text("profileId");
    r.profileName = text("profileName");
    r.environment = text("environment");
    r.started = QDateTime::fromString(text("started"), Qt::ISODateWithMs);
    r.finished = QDateTime::fromString(text("finished"), Qt::ISODateWithMs);
    r.lastGoal = text("lastGoal");
    r.ok = json.value(u"ok").toBool(true);
    r.outcome = text("outcome");
    if (r.id.isEmpty() || !r.started.isValid())
        return refuse(QStringLiteral("a run without an id or a start time"));
    if (!json.value(u"steps").isArray() || !json.value(u"parameters").isArray())
        return refuse(QStringLiteral("run %1: steps and parameters must be lists").arg(r.id));
    for (const QJsonValue& value : json.value(u"steps").toArray()) {
        const QJsonObject o = value.toObject();
        const auto kind = kindFromTitle(o.value(u"step").toString());
        const auto status = fromName<FlowStep::Status>(kStatusNames, o.value(u"status").toString());
        if (!kind || !status)
            return refuse(QStringLiteral("run %1: a step of an unknown kind or status").arg(r.id));
        FlowStep step{.kind = *kind,
                      .status = *status,
                      .summary = o.value(u"summary").toString(),
                      .detail = o.value(u"detail").toString(),
                      .durationMs = durationFrom(o.value(u"durationMs"))};
        for (const QJsonValue& c : o.value(u"checks").toArray()) {
            const QJsonObject f = c.toObject();
            const auto severity = fromName<Severity>(kSeverityNames, f.value(u"severity").toString());
            if (!severity)
                return refuse(QStringLiteral("run %1: a check of an unknown severity").arg(r.id));
            step.checks.append({.severity = *severity,
                                .rule = f.value(u"rule").toString(),
                                .field = f.value(u"field").toString(),
                                .message = f.value(u"message").toString()});
        }
        r.steps.append(step);
    }
    for (const QJsonValue& value : json.value(u"parameters").toArray()) {
        const QJsonObject o = value.toObject();
        r.parameters.append({.where = o.value(u"where").toString(),
                             .name = o.value(u"name").toString(),
                             .value = o.value(u"value").toString()});
    }
    keepLatest(r.steps, kMaxSteps);
    keepLatest(r.parameters, kMaxParameters);
    return r;
}

} // namespace oauth2dbg
