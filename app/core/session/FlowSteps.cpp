#include "FlowSteps.h"

#include "FlowGoal.h"
#include "oauth/AuthorizationDetails.h"
#include "oauth/TokenGrants.h"
#include "traffic/TrafficLog.h"

#include <QHash>
#include <QJsonArray>

namespace oauth2dbg::FlowSteps {

namespace {
using S = FlowStep::Status;
using K = FlowStep::Kind;

qint64 durationOf(const QList<quint64>& ids, const TrafficLog& traffic)
{
    qint64 total = -1;
    for (const quint64 id : ids) {
        if (const HttpExchange* e = traffic.exchangeById(id); e && e->durationMs >= 0)
            total = std::max<qint64>(total, 0) + e->durationMs;
    }
    return total;
}

QString reasonOf(const CapturedCallback& c)
{
    return c.problem.isEmpty() ? c.verdict.reason : c.problem;
}
} // namespace

FlowStep discovery(const DiscoveryResult& r, const TrafficLog& traffic)
{
    const QString where =
        r.documentUrl.isEmpty() ? QStringLiteral("the profile's endpoints") : r.documentUrl.toDisplayString();
    return {.kind = K::Discovery,
            .status = FlowStep::statusOf(r.ok(), r.findings),
            .summary = !r.ok()                   ? r.error.message
                       : r.documentUrl.isEmpty() ? where
                                                 : QStringLiteral("%1 checks passed").arg(r.findings.size()),
            .detail = r.ok() ? where : r.error.message,
            .checks = r.findings,
            .exchangeIds = r.exchangeIds,
            .durationMs = durationOf(r.exchangeIds, traffic)};
}

FlowStep request(const AuthorizationRequest& request, const QJsonObject& metadata)
{
    const QString pkce =
        request.pkce == Pkce::Method::None ? QStringLiteral("off") : Pkce::methodName(request.pkce);
    Findings checks = request.warnings;
    // An OpenID provider asked without "openid" sends no ID token, and some refuse the request outright with
    // access_denied or invalid_scope, which says nothing of why.
    const bool openIdServer =
        metadata.value(u"scopes_supported").toArray().contains(QStringLiteral("openid")) ||
        metadata.contains(u"id_token_signing_alg_values_supported");
    QString scope;
    for (const auto& [name, value] : request.parameters) {
        if (name == u"scope")
            scope = value;
    }
    if (openIdServer && !scope.split(u' ', Qt::SkipEmptyParts).contains(u"openid"))
        checks.append(
            {Severity::Warning, QStringLiteral("AR-04"), QStringLiteral("scope"),
             scope.isEmpty()
                 ? QStringLiteral("No scope is asked for, and this server is an OpenID provider: add "
                                  "\"openid\" for an ID token (some servers refuse a request "
                                  "without it).")
                 : QStringLiteral("The scope \"%1\" lacks \"openid\", and this server is an OpenID "
                                  "provider: no ID token will come, and some servers refuse the "
                                  "request.")
                       .arg(scope)});
    for (const auto& [name, value] : request.parameters)
        if (name == u"authorization_details") // RFC 9396
            checks << AuthorizationDetails::check(value, metadata);
    return {.kind = K::Request,
            .status = FlowStep::statusOf(true, checks),
            .summary = QStringLiteral("%1 parameter(s), PKCE %2").arg(request.parameters.size()).arg(pkce),
            .checks = checks};
}

std::optional<FlowStep> consent(AuthorizationFlow::Stage stage, const AuthorizationFlow& flow)
{
    using Stage = AuthorizationFlow::Stage;
    const RedirectListener* listener = flow.listener();
    switch (stage) {
    case Stage::WaitingForBrowser:
        return FlowStep{.kind = K::Consent,
                        .status = S::Running,
                        .summary = listener && listener->port() != 0
                                       ? QStringLiteral("waiting at %1").arg(listener->redirectUri())
                                       : QStringLiteral("paste the URL the browser ended on"),
                        .interim = true};
    case Stage::Completed:
    case Stage::Failed:
        return FlowStep{
            .kind = K::Consent, .status = S::Ok, .summary = QStringLiteral("the browser came back")};
    case Stage::Cancelled:
        return FlowStep{.kind = K::Consent, .status = S::Failed, .summary = QStringLiteral("cancelled")};
    case Stage::TimedOut:
        return FlowStep{
            .kind = K::Consent, .status = S::Failed, .summary = QStringLiteral("no callback in time")};
    case Stage::Idle:
    case Stage::Prepared:
        break;
    }
    return std::nullopt;
}

FlowStep rejected(const CapturedCallback& c)
{
    return {.kind = K::Callback,
            .status = S::Warning,
            .summary = QStringLiteral("refused a request: %1").arg(reasonOf(c)),
            .interim = true};
}

FlowStep callback(const AuthorizationOutcome& outcome)
{
    const Findings& checks = outcome.callback.verdict.checks;
    if (outcome.callback.verdict.outcome == CallbackVerdict::Outcome::Tokens ||
        (outcome.hasCode() && outcome.hasFrontChannelTokens()))
        return {.kind = K::Callback,
                .status = FlowStep::statusOf(true, checks),
                .summary =
                    QStringLiteral("%1 received in the front channel; %2 checks")
                        .arg(outcome.hasCode() ? QStringLiteral("code and tokens") : QStringLiteral("tokens"))
                        .arg(checks.size()),
                .detail = QStringLiteral("callback received at %1").arg(outcome.request.redirectUri),
                .checks = checks};
    if (outcome.hasCode())
        return {.kind = K::Callback,
                .status = S::Ok,
                .summary = QStringLiteral("code received; %1 checks passed").arg(checks.size()),
                .detail = QStringLiteral("callback received at %1").arg(outcome.request.redirectUri),
                .checks = checks};
    return {.kind = K::Callback, .status = S::Failed, .summary = outcome.error.message, .checks = checks};
}

std::optional<Finding> scopeGranted(const QString& asked, const QString& granted)
{
    const QStringList askedList = asked.simplified().split(u' ', Qt::SkipEmptyParts);
    if (askedList.isEmpty())
        return std::nullopt;
    const QString rule = QStringLiteral("TE-11");
    const QString field = QStringLiteral("scope");
    if (granted.trimmed().isEmpty())
        return Finding{
            Severity::Info, rule, field,
            QStringLiteral("No \"scope\" member: the server granted \"%1\" as asked (RFC 6749 §5.1).")
                .arg(askedList.join(u' '))};
    const QStringList grantedList = granted.simplified().split(u' ', Qt::SkipEmptyParts);
    QStringList missing;
    QStringList extra;
    for (const QString& s : askedList)
        if (!grantedList.contains(s))
            missing << s;
    for (const QString& s : grantedList)
        if (!askedList.contains(s))
            extra << s;
    if (missing.isEmpty() && extra.isEmpty())
        return Finding{Severity::Info, rule, field,
                       QStringLiteral("Granted as asked: \"%1\".").arg(grantedList.join(u' '))};
    QStringList parts;
    if (!missing.isEmpty())
        parts << QStringLiteral("not granted: %1").arg(missing.join(QStringLiteral(", ")));
    if (!extra.isEmpty())
        parts << QStringLiteral("granted without being asked: %1").arg(extra.join(QStringLiteral(", ")));
    return Finding{Severity::Warning, rule, field,
                   QStringLiteral("Asked for \"%1\", granted \"%2\" — %3 (RFC 6749 §3.3).%4")
                       .arg(askedList.join(u' '), grantedList.join(u' '), parts.join(QStringLiteral("; ")),
                            missing.isEmpty() ? QString()
                                              : QStringLiteral(" A call that needs what was not granted will "
                                                               "be refused."))};
}

FlowStep tokens(const QString& grant, const TokenResult& result, const QString& explanation,
                const TrafficLog& traffic)
{
    QStringList issued;
    if (!result.tokens.accessToken.isEmpty())
        issued << QStringLiteral("access");
    if (!result.tokens.idToken.isEmpty())
        issued << QStringLiteral("ID");
    if (!result.tokens.refreshToken.isEmpty())
        issued << QStringLiteral("refresh");
    const QList<quint64> ids = result.exchangeId != 0 ? QList<quint64>{result.exchangeId} : QList<quint64>{};
    return {.kind = grant == u"refresh_token"                             ? K::Refresh
                    : grant == u"client_credentials"                      ? K::ClientCredentials
                    : grant == QLatin1String(TokenGrants::kTokenExchange) ? K::TokenExchange
                    : grant == QLatin1String(TokenGrants::kJwtBearer)     ? K::JwtBearer
                    : grant == QLatin1String(TokenGrants::kPassword)      ? K::Password
                                                                          : K::Token,
            .status = FlowStep::statusOf(result.ok(), result.checks),
            .summary = result.ok() ? QStringLiteral("%1 token(s)").arg(issued.join(QStringLiteral(", ")))
                                   : result.error.message,
            .detail = explanation,
            .checks = result.checks,
            .exchangeIds = ids,
            .durationMs = durationOf(ids, traffic)};
}

FlowStep keys(const EngineError& error)
{
    return {.kind = K::Keys, .status = S::Warning, .summary = error.message};
}

FlowStep idToken(const TokenVerification& v, const QString& alg)
{
    const qsizetype passed = std::count_if(v.checks.cbegin(), v.checks.cend(),
                                           [](const Finding& f) { return f.severity == Severity::Info; });
    return {.kind = K::IdToken,
            .status = v.verdict == Verdict::Verified ? S::Ok
                      : v.verdict == Verdict::Failed ? S::Failed
                                                     : S::Warning,
            .summary = v.verdict == Verdict::Verified
                           ? QStringLiteral("verified (%1), %2 checks passed").arg(alg).arg(passed)
                           : v.summary,
            .detail = v.summary,
            .checks = v.checks};
}

FlowStep accessToken(const TokenVerification& v)
{
    return {.kind = K::AccessToken,
            .status = v.verdict == Verdict::Verified ? S::Ok
                      : v.verdict == Verdict::Failed ? S::Failed
                                                     : S::Warning,
            .summary = v.summary,
            .checks = v.checks};
}

FlowStep pastedToken(const TokenVerification& v, const QString& alg, const QString& keysFrom,
                     quint64 exchangeId)
{
    return {.kind = K::PastedToken,
            .status = v.verdict == Verdict::Verified ? S::Ok
                      : v.verdict == Verdict::Failed ? S::Failed
                                                     : S::Warning,
            // A few words on the timeline; the whole verdict in the report and the Decode tab.
            .summary = v.verdict == Verdict::Verified ? QStringLiteral("verified (%1)").arg(alg)
                       : v.verdict == Verdict::Failed ? QStringLiteral("failed: see its checks")
                                                      : QStringLiteral("not verified: see its checks"),
            .detail = keysFrom.isEmpty() ? v.summary : QString(v.summary % u" (keys: " % keysFrom % u')'),
            .checks = v.checks,
            .exchangeIds = exchangeId != 0 ? QList<quint64>{exchangeId} : QList<quint64>{}};
}

FlowStep operation(const OperationResult& result, const TrafficLog& traffic)
{
    using Kind = OperationResult::Kind;
    const QList<quint64> ids = result.exchangeId != 0 ? QList<quint64>{result.exchangeId} : QList<quint64>{};
    // A few words on the timeline; the whole answer is in the token step and the report.
    const QString words = !result.ok()                      ? result.summary
                          : result.kind == Kind::Revocation ? QStringLiteral("no longer accepted (HTTP 200)")
                          : result.kind == Kind::Introspection
                              ? (result.active ? QStringLiteral("active") : QStringLiteral("inactive"))
                              : result.summary;
    return {.kind = result.kind == Kind::UserInfo        ? K::UserInfo
                    : result.kind == Kind::Introspection ? K::Introspection
                    : result.kind == Kind::ApiCall       ? K::ApiCall
                                                         : K::Revocation,
            .status = result.ok() ? S::Ok : S::Failed,
            .summary = words,
            .detail = result.summary,
            .checks = result.checks,
            .exchangeIds = ids,
            .durationMs = durationOf(ids, traffic)};
}

} // namespace oauth2dbg::FlowSteps

namespace oauth2dbg {

FlowStep::Kind firstStepOf(FlowGoal goal)
{
    using G = FlowGoal;
    switch (goal) {
    case G::Discover:
        return FlowStep::Kind::Discovery;
    case G::Authorize:
        return FlowStep::Kind::Request;
    case G::ExchangeCode:
        return FlowStep::Kind::Token;
    case G::ClientCredentials:
        return FlowStep::Kind::ClientCredentials;
    case G::Refresh:
        return FlowStep::Kind::Refresh;
    case G::UserInfo:
        return FlowStep::Kind::UserInfo;
    case G::Introspect:
        return FlowStep::Kind::Introspection;
    case G::Revoke:
        return FlowStep::Kind::Revocation;
    case G::VerifyToken:
        return FlowStep::Kind::PastedToken;
    case G::CheckRequest:
        return FlowStep::Kind::RequestCheck;
    case G::DeviceCode:
        return FlowStep::Kind::DeviceAuthorization;
    case G::TokenExchange:
        return FlowStep::Kind::TokenExchange;
    case G::JwtBearer:
        return FlowStep::Kind::JwtBearer;
    case G::Password:
        return FlowStep::Kind::Password;
    case G::SignOut:
        return FlowStep::Kind::SignOut;
    case G::CallApi:
        return FlowStep::Kind::ApiCall;
    }
    return FlowStep::Kind::Profile;
}

std::optional<FlowGoal> goalOfGrant(const QString& grant)
{
    static const QHash<QString, FlowGoal> goals{
        {QStringLiteral("client_credentials"), FlowGoal::ClientCredentials},
        {QStringLiteral("device_code"), FlowGoal::DeviceCode},
        {QStringLiteral("token_exchange"), FlowGoal::TokenExchange},
        {QStringLiteral("jwt_bearer"), FlowGoal::JwtBearer},
        {QStringLiteral("password"), FlowGoal::Password},
        {QStringLiteral("implicit"), FlowGoal::Authorize},
        {QStringLiteral("hybrid"), FlowGoal::Authorize}};
    const auto it = goals.constFind(grant);
    return it == goals.cend() ? std::nullopt : std::optional<FlowGoal>(*it);
}

} // namespace oauth2dbg
