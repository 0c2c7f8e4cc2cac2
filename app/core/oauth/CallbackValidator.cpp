#include "CallbackValidator.h"

#include "RefusalDiagnosis.h"
#include "SignOut.h"

#include <QHash>

#include <algorithm>

namespace oauth2dbg {

namespace {
const QStringList kSingleValued = {QStringLiteral("code"),         QStringLiteral("id_token"),
                                   QStringLiteral("access_token"), QStringLiteral("token_type"),
                                   QStringLiteral("state"),        QStringLiteral("iss"),
                                   QStringLiteral("error"),        QStringLiteral("error_description"),
                                   QStringLiteral("error_uri")};

class Checklist {
public:
    explicit Checklist(CallbackVerdict& verdict)
        : m_verdict(verdict)
    {}
    void pass(const QString& rule, const QString& field, const QString& message)
    {
        m_verdict.checks.append({Severity::Info, rule, field, message});
    }
    void skip(const QString& rule, const QString& field, const QString& message)
    {
        m_verdict.checks.append({Severity::Warning, rule, field, message});
    }
    // The check found what it checks for, and it means the run failed (a genuine "no" from the server).
    void failed(const QString& rule, const QString& field, const QString& message)
    {
        m_verdict.checks.append({Severity::Error, rule, field, message});
    }
    CallbackVerdict& reject(const QString& rule, const QString& field, const QString& message)
    {
        m_verdict.checks.append({Severity::Error, rule, field, message});
        m_verdict.outcome = CallbackVerdict::Outcome::Rejected;
        m_verdict.reason = message;
        return m_verdict;
    }

private:
    CallbackVerdict& m_verdict;
};
} // namespace

CallbackVerdict validateCallback(const FormPairs& parameters, const CallbackExpectations& expected)
{
    if (expected.signOut)
        return validateSignOutReturn(parameters, expected);
    if (expected.jarm) { // verified first; then its claims are the response, held to every rule below
        const JarmResponse::Unwrapped unwrapped = JarmResponse::unwrap(parameters, expected.jarmExpected);
        if (!unwrapped.ok())
            return {.outcome = CallbackVerdict::Outcome::Rejected,
                    .checks = unwrapped.checks,
                    .reason = unwrapped.error};
        CallbackExpectations inner = expected;
        inner.jarm = false;
        CallbackVerdict verdict = validateCallback(unwrapped.parameters, inner);
        verdict.checks = unwrapped.checks + verdict.checks;
        return verdict;
    }
    CallbackVerdict verdict;
    Checklist checks(verdict);

    // AZ-03, RFC 6749 §3.1: a parameter sent twice makes the response ambiguous.
    QHash<QString, int> counts;
    for (const auto& pair : parameters)
        ++counts[pair.first];
    for (const QString& name : kSingleValued) {
        if (counts.value(name) > 1)
            return checks.reject(
                QStringLiteral("AZ-03"), name,
                QStringLiteral("\"%1\" appears %2 times; a response parameter may appear only once "
                               "(RFC 6749 §3.1).")
                    .arg(name)
                    .arg(counts.value(name)));
    }
    checks.pass(QStringLiteral("AZ-03"), QString(), QStringLiteral("No parameter appears twice."));

    // AZ-04: an empty value is the same as an absent one.
    QHash<QString, QString> value;
    for (const auto& [name, v] : parameters) {
        if (!v.isEmpty())
            value.insert(name, v);
    }

    // AZ-05, RFC 9207: iss identifies the server that answered; checked before anything else is trusted.
    if (value.contains(QStringLiteral("iss"))) {
        const QString iss = value.value(QStringLiteral("iss"));
        if (iss != expected.issuer)
            return checks.reject(
                QStringLiteral("AZ-05"), QStringLiteral("iss"),
                QStringLiteral("The response says it comes from \"%1\", but this flow was sent to "
                               "\"%2\" (RFC 9207 §2.4). It may be a mix-up attack.")
                    .arg(iss, expected.issuer));
        checks.pass(QStringLiteral("AZ-05"), QStringLiteral("iss"),
                    QStringLiteral("iss matches the issuer this flow was sent to."));
    } else if (value.contains(QStringLiteral("id_token")) && expected.responseType.contains(u"id_token")) {
        // RFC 9207 §2.4: a response with an ID token may leave iss out; the ID token's iss is checked
        // instead.
        checks.pass(
            QStringLiteral("AZ-05"), QStringLiteral("iss"),
            QStringLiteral("No \"iss\" beside the ID token, which RFC 9207 §2.4 allows: the ID token's "
                           "own iss is held to the issuer instead."));
    } else if (expected.issRequired) {
        return checks.reject(
            QStringLiteral("AZ-05"), QStringLiteral("iss"),
            QStringLiteral("The response has no \"iss\", but the server's metadata says it sends one "
                           "(RFC 9207 §2.4)."));
    } else {
        checks.skip(
            QStringLiteral("AZ-05"), QStringLiteral("iss"),
            QStringLiteral("No \"iss\" in the response, and the server does not promise one: the issuer "
                           "could not be checked."));
    }

    // AZ-01: state binds the response to this flow (CSRF, RFC 6749 §10.12).
    const bool hasState = value.contains(QStringLiteral("state"));
    if (expected.state.isEmpty()) {
        if (hasState)
            return checks.reject(QStringLiteral("AZ-01"), QStringLiteral("state"),
                                 QStringLiteral("The response has a \"state\", but this flow sent none."));
        checks.skip(QStringLiteral("AZ-01"), QStringLiteral("state"),
                    QStringLiteral("This flow sent no state, so the response could not be tied to it."));
    } else if (!hasState) {
        return checks.reject(
            QStringLiteral("AZ-01"), QStringLiteral("state"),
            QStringLiteral("The response has no \"state\"; it cannot be tied to this flow."));
    } else if (value.value(QStringLiteral("state")) != expected.state) {
        return checks.reject(
            QStringLiteral("AZ-01"), QStringLiteral("state"),
            QStringLiteral("The \"state\" does not match the one this flow sent: the response "
                           "belongs to another flow, or was forged."));
    } else {
        checks.pass(QStringLiteral("AZ-01"), QStringLiteral("state"),
                    QStringLiteral("state matches this flow."));
    }

    // AZ-08: tokens in the front channel belong to implicit or hybrid flows, never to this one.
    const QStringList asked = expected.responseType.split(u' ', Qt::SkipEmptyParts);
    for (const QString& leftover : {QStringLiteral("access_token"), QStringLiteral("id_token")}) {
        const bool askedFor =
            asked.contains(leftover == u"access_token" ? QStringLiteral("token") : leftover);
        if (value.contains(leftover) && !askedFor)
            return checks.reject(
                QStringLiteral("AZ-08"), leftover,
                asked == QStringList{QStringLiteral("code")}
                    ? QStringLiteral("The response carries \"%1\": that belongs to an implicit or hybrid "
                                     "flow, not to the authorization code flow.")
                          .arg(leftover)
                    : QStringLiteral("The response carries \"%1\", which response_type \"%2\" did not ask "
                                     "for.")
                          .arg(leftover, expected.responseType));
    }

    // AZ-07: the server said no, and iss and state show it really was the server, for this flow: the checks
    // above passed (the answer is genuine) and this one fails (the sign-in did not happen).
    if (value.contains(QStringLiteral("error"))) {
        verdict.outcome = CallbackVerdict::Outcome::AuthorizationError;
        verdict.error = value.value(QStringLiteral("error"));
        verdict.errorDescription = value.value(QStringLiteral("error_description"));
        verdict.errorUri = value.value(QStringLiteral("error_uri"));
        verdict.reason =
            QStringLiteral("The server answered \"%1\": %2")
                .arg(verdict.error,
                     RefusalDiagnosis::authorizationError(verdict.error, expected.sent, expected.metadata));
        checks.failed(QStringLiteral("AZ-07"), QStringLiteral("error"),
                      QStringLiteral("The sign-in failed. %1").arg(verdict.reason));
        // RFC 9126 §6: a client (or server) held to pushed requests refuses an unpushed one.
        const bool pushed = std::any_of(expected.sent.cbegin(), expected.sent.cend(),
                                        [](const auto& p) { return p.first == u"request_uri"; });
        if (!pushed &&
            verdict.errorDescription.contains(u"pushed authorization request", Qt::CaseInsensitive))
            checks.failed(
                QStringLiteral("PR-04"), QStringLiteral("request_uri"),
                QStringLiteral("The server requires this client's requests pushed first (RFC 9126 §6, "
                               "require_pushed_authorization_requests): use PAR (--par, or the "
                               "Authorization step's Push the request first)."));
        if (verdict.error == u"invalid_request_object")
            checks.failed(
                QStringLiteral("JR-02"), QStringLiteral("request"),
                QStringLiteral("The server refused the request object%1: its aud must be the issuer, its "
                               "iss the client, it must be in date and signed with a key the server holds "
                               "for this client (RFC 9101 §6.3).")
                    .arg(verdict.errorDescription.isEmpty()
                             ? QString()
                             : QStringLiteral(" (\"%1\")").arg(verdict.errorDescription)));
        return verdict;
    }

    // AZ-13: each part the response type asked for is there (OIDC Core §3.2.2.5, §3.3.2.5).
    if (asked != QStringList{QStringLiteral("code")}) {
        const QList<std::pair<QString, QString>> parts = {
            {QStringLiteral("id_token"), QStringLiteral("id_token")},
            {QStringLiteral("token"), QStringLiteral("access_token")},
            {QStringLiteral("token"), QStringLiteral("token_type")},
            {QStringLiteral("code"), QStringLiteral("code")}};
        for (const auto& [part, member] : parts)
            if (asked.contains(part) && !value.contains(member))
                return checks.reject(QStringLiteral("AZ-13"), member,
                                     QStringLiteral("response_type \"%1\" asked for %2, and the response has "
                                                    "none (nor an error).")
                                         .arg(expected.responseType, member));
        verdict.idToken = value.value(QStringLiteral("id_token"));
        verdict.accessToken = value.value(QStringLiteral("access_token"));
        verdict.tokenType = value.value(QStringLiteral("token_type"));
        verdict.expiresIn = value.value(QStringLiteral("expires_in"));
        checks.pass(QStringLiteral("AZ-13"), QStringLiteral("response_type"),
                    QStringLiteral("Everything response_type \"%1\" asked for arrived in the front channel.")
                        .arg(expected.responseType));
        if (!asked.contains(u"code")) {
            verdict.outcome = CallbackVerdict::Outcome::Tokens;
            return verdict;
        }
    }
    if (!value.contains(QStringLiteral("code")))
        return checks.reject(QStringLiteral("AZ-04"), QStringLiteral("code"),
                             QStringLiteral("The response has neither an authorization code nor an error."));
    verdict.outcome = CallbackVerdict::Outcome::Code;
    verdict.code = value.value(QStringLiteral("code"));
    checks.pass(QStringLiteral("AZ-04"), QStringLiteral("code"),
                QStringLiteral("An authorization code arrived."));
    return verdict;
}

QString explainAuthorizationError(const QString& error)
{
    static const QHash<QString, QString> kExplained = {
        {QStringLiteral("invalid_request"),
         QStringLiteral("the request is missing or repeats a parameter, or is malformed.")},
        {QStringLiteral("unauthorized_client"), QStringLiteral("this client may not use this grant type.")},
        {QStringLiteral("access_denied"), QStringLiteral("the user or the server refused the request.")},
        {QStringLiteral("unsupported_response_type"),
         QStringLiteral("the server does not support this response_type.")},
        {QStringLiteral("invalid_scope"),
         QStringLiteral("a requested scope is unknown, malformed or not allowed.")},
        {QStringLiteral("server_error"), QStringLiteral("the server failed unexpectedly.")},
        {QStringLiteral("temporarily_unavailable"),
         QStringLiteral("the server is overloaded or in maintenance.")},
        {QStringLiteral("login_required"),
         QStringLiteral("prompt=none was sent, but the user must sign in.")},
        {QStringLiteral("consent_required"),
         QStringLiteral("prompt=none was sent, but the user must consent.")},
        {QStringLiteral("interaction_required"),
         QStringLiteral("prompt=none was sent, but the user must interact.")},
        {QStringLiteral("account_selection_required"), QStringLiteral("the user must choose an account.")},
        {QStringLiteral("invalid_request_uri"), QStringLiteral("the request_uri is invalid or expired.")},
        {QStringLiteral("invalid_request_object"), QStringLiteral("the request object is invalid.")},
        {QStringLiteral("request_not_supported"),
         QStringLiteral("the server does not support request objects.")},
        {QStringLiteral("request_uri_not_supported"),
         QStringLiteral("the server does not support request_uri.")},
        {QStringLiteral("registration_not_supported"),
         QStringLiteral("the server does not support the registration parameter.")},
        {QStringLiteral("invalid_target"),
         QStringLiteral(
             "the resource asked for (or the one the server defaults to) is unknown or not allowed "
             "(RFC 8707 §2).")},
        {QStringLiteral("invalid_authorization_details"),
         QStringLiteral("the authorization_details are malformed, of a type the server does not support, or "
                        "not allowed for this client (RFC 9396 §5).")},
    };
    return kExplained.value(
        error, QStringLiteral("a non-standard error code, not defined by RFC 6749 or OpenID Connect."));
}

} // namespace oauth2dbg
