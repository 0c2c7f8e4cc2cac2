#include "TokenOperations.h"

#include "CertificateBinding.h"
#include "DiscoveryUrl.h"
#include "jose/TokenVerification.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"
#include "net/WwwAuthenticate.h"

#include <QJsonDocument>
#include <QTimer>

namespace oauth2dbg {

using namespace tokenchecks;

namespace {
QString nameOf(OperationResult::Kind kind)
{
    switch (kind) {
    case OperationResult::Kind::UserInfo:
        return QStringLiteral("userinfo");
    case OperationResult::Kind::Introspection:
        return QStringLiteral("introspection");
    case OperationResult::Kind::Revocation:
        return QStringLiteral("revocation");
    case OperationResult::Kind::ApiCall:
        return QStringLiteral("API");
    }
    return {};
}

// The OAuth error of a 4xx/5xx answer: from the JSON body, or for a bearer request from WWW-Authenticate
// (RFC 6750 §3).
EngineError errorOf(const HttpExchange& exchange, const QString& endpoint)
{
    EngineError error{
        .kind = ErrorKind::Http, .httpStatus = exchange.status, .body = exchange.responseBody.left(4096)};
    const QJsonObject object = QJsonDocument::fromJson(exchange.responseBody).object();
    error.oauthError = object.value(u"error").toString();
    error.oauthErrorDescription = object.value(u"error_description").toString();
    const QByteArray challenge = exchange.responseHeader("WWW-Authenticate");
    if (error.oauthError.isEmpty() && !challenge.isEmpty()) {
        const qsizetype at = challenge.indexOf("error=\"");
        if (at >= 0)
            error.oauthError =
                QString::fromLatin1(challenge.mid(at + 7, challenge.indexOf('"', at + 7) - at - 7));
    }
    error.message =
        QStringLiteral("The %1 endpoint answered HTTP %2%3.")
            .arg(endpoint)
            .arg(exchange.status)
            .arg(error.oauthError.isEmpty() ? QString()
                                            : QString(u": " % error.oauthError %
                                                      (error.oauthErrorDescription.isEmpty()
                                                           ? QString()
                                                           : u" — " % error.oauthErrorDescription)));
    if (exchange.status == 503) {
        const QByteArray retry = exchange.responseHeader("Retry-After");
        if (!retry.isEmpty())
            error.detail = QStringLiteral("The server asks to try again after %1 (Retry-After); nothing was "
                                          "retried.")
                               .arg(QString::fromLatin1(retry));
    }
    return error;
}
// AP-01: what a resource server's WWW-Authenticate says (RFC 6750 §3, RFC 9449 §7.1), challenge by challenge.
Findings challengeChecks(const HttpExchange& exchange)
{
    Findings out;
    for (const AuthChallenge& c : WwwAuthenticate::parse(exchange.responseHeader("WWW-Authenticate"))) {
        const QString explained = WwwAuthenticate::explain(c);
        QStringList said;
        for (auto it = c.params.cbegin(); it != c.params.cend(); ++it)
            if (it.key() != u"error")
                said << QStringLiteral("%1 \"%2\"").arg(it.key().left(40), it.value().left(200));
        out << Finding{explained.isEmpty() ? Severity::Info : Severity::Error, QStringLiteral("AP-01"),
                       QStringLiteral("WWW-Authenticate"),
                       QStringLiteral("%1 challenge%2%3")
                           .arg(c.scheme.left(40),
                                explained.isEmpty() ? QString() : QStringLiteral(": ") + explained,
                                said.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(said.join(u", ")))};
    }
    return out;
}
} // namespace

TokenOperations::TokenOperations(NetworkAccess* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{}

TokenOperations::~TokenOperations()
{
    if (m_call)
        m_call->disconnect(this);
}

bool TokenOperations::isBusy() const
{
    return m_call != nullptr;
}

void TokenOperations::cancel()
{
    if (m_call)
        m_call->cancel();
}

bool TokenOperations::refuseUnsafe(const QUrl& endpoint, const TokenEndpointConfig& client,
                                   OperationResult::Kind kind, const QString& what)
{
    QString why;
    if (endpoint.isEmpty())
        why = QStringLiteral("The issuer names no %1 endpoint: discover it first, or give it in the profile.")
                  .arg(nameOf(kind));
    else if (!DiscoveryUrl::isAllowedTarget(endpoint, client.allowHttp))
        why =
            QStringLiteral("The %1 endpoint \"%2\" is not an https URL (http only for a local test server); "
                           "nothing was sent.")
                .arg(nameOf(kind), endpoint.toDisplayString());
    else if (const QString refusal = unapprovedHostRefusal(client, endpoint);
             !refusal.isEmpty() && kind != OperationResult::Kind::ApiCall)
        why = refusal;
    else if (what.isEmpty())
        why = QStringLiteral("There is no token to send.");
    else if (m_call)
        why = QStringLiteral("Another request is running; wait for it or cancel it.");
    if (why.isEmpty())
        return false;
    QTimer::singleShot(0, this, [this, kind, why] {
        OperationResult result;
        result.kind = kind;
        result.error = {.kind = ErrorKind::InvalidInput, .message = why};
        result.summary = why;
        Q_EMIT finished(result);
    });
    return true;
}

void TokenOperations::introspect(const QUrl& endpoint, const TokenEndpointConfig& client, const Secret& token,
                                 const QString& hint)
{
    if (refuseUnsafe(endpoint, client, OperationResult::Kind::Introspection,
                     QString::fromUtf8(token.reveal())))
        return;
    FormPairs body{{QStringLiteral("token"), QString::fromUtf8(token.reveal())}};
    if (!hint.isEmpty())
        body.append({QStringLiteral("token_type_hint"), hint});
    post(endpoint, client, body, OperationResult::Kind::Introspection);
}

void TokenOperations::revoke(const QUrl& endpoint, const TokenEndpointConfig& client, const Secret& token,
                             const QString& hint)
{
    if (refuseUnsafe(endpoint, client, OperationResult::Kind::Revocation, QString::fromUtf8(token.reveal())))
        return;
    FormPairs body{{QStringLiteral("token"), QString::fromUtf8(token.reveal())}};
    if (!hint.isEmpty())
        body.append({QStringLiteral("token_type_hint"), hint});
    post(endpoint, client, body, OperationResult::Kind::Revocation);
}

void TokenOperations::post(const QUrl& endpoint, const TokenEndpointConfig& client, FormPairs body,
                           OperationResult::Kind kind)
{
    HttpHeaders headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Accept", "application/json"}};
    // RFC 7662 §2.1, RFC 7009 §2.1: the client authenticates as at the token endpoint.
    const QString name = kind == OperationResult::Kind::Introspection ? QStringLiteral("introspection")
                                                                      : QStringLiteral("revocation");
    ClientCredentialsSent sent = credentialsSent(client, name);
    m_jkt = client.dpop ? client.dpop->thumbprint() : QString();
    QByteArray assertion;
    if (ClientAuthentication::signsAssertion(client.method)) {
        QString refusal;
        assertion = assertionFor(client, endpoint, &sent, &refusal).jwt;
        if (!refusal.isEmpty()) {
            OperationResult result{.kind = kind, .summary = refusal};
            result.error = {.kind = ErrorKind::InvalidInput, .message = refusal};
            QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
            return;
        }
    }
    ClientAuthentication::apply(client.method, client.clientId, client.clientSecret, body, headers,
                                client.basicForm, assertion);
    m_call = m_network->send({.method = "POST",
                              .url = endpoint,
                              .headers = headers,
                              .body = FormEncoding::encode(body),
                              .timeout = client.timeout,
                              .tls = client.tls});
    connect(m_call, &HttpCall::finished, this,
            [this, kind, sent](const HttpExchange& exchange) { finish(exchange, kind, sent); });
}

void TokenOperations::finish(const HttpExchange& exchange, OperationResult::Kind kind,
                             const std::optional<ClientCredentialsSent>& sent, const Findings& dpop)
{
    m_call = nullptr;
    OperationResult result;
    result.kind = kind;
    result.exchangeId = exchange.id;
    result.checks << dpop;
    if (kind == OperationResult::Kind::ApiCall) {
        result.status = exchange.status;
        result.rawBody = exchange.responseBody.left(1024 * 1024);
        result.contentType = exchange.responseHeader("Content-Type").left(200);
    }
    const auto done = [this, &result, &sent] {
        // Said once: a refusal's diagnosis names an unlisted method as its first cause.
        if (sent && !RefusalDiagnosis::isClientRefusal(result.error))
            result.checks = RefusalDiagnosis::methodNotListed(*sent) + result.checks;
        Q_EMIT finished(result);
    };
    if (exchange.error.isError()) {
        result.error = exchange.error;
        result.summary = exchange.error.message;
        return done();
    }
    const bool api = kind == OperationResult::Kind::ApiCall;
    if (api && exchange.status >= 200 && exchange.status < 300) { // any answer an API gives, as it gave it
        result.body =
            QJsonDocument::fromJson(exchange.responseBody.left(HttpCall::kMaxResponseBytes)).object();
        result.summary = QStringLiteral("HTTP %1, %2 bytes%3.")
                             .arg(exchange.status)
                             .arg(exchange.responseBody.size())
                             .arg(exchange.responseHeader("Content-Type").isEmpty()
                                      ? QString()
                                      : QStringLiteral(" of %1").arg(QString::fromLatin1(
                                            exchange.responseHeader("Content-Type").left(80))));
        return done();
    }
    if (exchange.status != 200) {
        result.checks << challengeChecks(exchange);
        result.error = errorOf(exchange, nameOf(kind));
        result.summary = result.error.message;
        if (sent && RefusalDiagnosis::isClientRefusal(result.error)) {
            result.checks << RefusalDiagnosis::clientRefusal(RefusalDiagnosis::answered(*sent, exchange),
                                                             result.error);
            result.error.detail = RefusalDiagnosis::clientRefusalSummary(result.checks);
        }
        for (const Finding& f : dpop)
            if (f.severity == Severity::Error && result.error.detail.isEmpty())
                result.error.detail = f.message;
        if ((kind == OperationResult::Kind::UserInfo || api) && exchange.status == 401 &&
            exchange.responseHeader("WWW-Authenticate").isEmpty())
            result.checks << Finding{
                Severity::Warning, QStringLiteral("RFC 6750 §3"), QStringLiteral("WWW-Authenticate"),
                QStringLiteral("A 401 without a WWW-Authenticate header: RFC 6750 §3 has the "
                               "resource server say which scheme it wants and why the "
                               "token failed.")};
        return done();
    }
    if (kind == OperationResult::Kind::Revocation) {
        // RFC 7009 §2.2: 200 for a token that was revoked and for one that was never valid alike.
        result.checks << pass(QStringLiteral("RFC 7009 §2.2"), QString(),
                              QStringLiteral("HTTP 200: the server no longer accepts this token."));
        result.summary =
            QStringLiteral("Revoked. A 200 does not mean the token was valid: the server answers "
                           "the same for an unknown or expired one (RFC 7009 §2.2).");
        return done();
    }
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(exchange.responseBody, &parse);
    if (parse.error != QJsonParseError::NoError || !document.isObject()) {
        const bool jwt = exchange.responseHeader("Content-Type").startsWith("application/jwt");
        result.error = {.kind = ErrorKind::Protocol,
                        .message =
                            jwt ? QStringLiteral("The %1 answer is a signed JWT; this debugger reads the "
                                                 "JSON form.")
                                      .arg(nameOf(kind))
                                : QStringLiteral("The %1 answer is not a JSON object.").arg(nameOf(kind)),
                        .body = exchange.responseBody.left(4096)};
        result.summary = result.error.message;
        return done();
    }
    result.body = document.object();
    if (kind == OperationResult::Kind::UserInfo) {
        // OIDC Core §5.3.2: sub is always returned, and must be the ID token's.
        const QString sub = result.body.value(u"sub").toString();
        if (sub.isEmpty())
            result.checks << fail(QStringLiteral("OIDC Core §5.3.2"), QStringLiteral("sub"),
                                  QStringLiteral("The userinfo answer has no \"sub\"."));
        else if (m_expectedSub.isEmpty())
            result.checks << skip(QStringLiteral("OIDC Core §5.3.2"), QStringLiteral("sub"),
                                  QStringLiteral("No ID token to compare \"sub\" with."));
        else if (sub != m_expectedSub)
            result.checks << fail(
                QStringLiteral("OIDC Core §5.3.2"), QStringLiteral("sub"),
                QStringLiteral("The userinfo \"sub\" (%1) is not the ID token's (%2): these claims "
                               "are about someone else and must not be used.")
                    .arg(sub, m_expectedSub));
        else
            result.checks << pass(QStringLiteral("OIDC Core §5.3.2"), QStringLiteral("sub"),
                                  QStringLiteral("\"sub\" is the ID token's."));
        result.summary = hasErrors(result.checks)
                             ? result.checks.last().message
                             : QStringLiteral("%1 claims about %2.").arg(result.body.size()).arg(sub);
        return done();
    }
    // RFC 7662 §2.2: "active" is required and a boolean; when false, nothing else is to be trusted.
    const QJsonValue active = result.body.value(u"active");
    if (!active.isBool()) {
        const QString type = active.isString()   ? QStringLiteral("a string")
                             : active.isDouble() ? QStringLiteral("a number")
                             : active.isNull()   ? QStringLiteral("null")
                                                 : QStringLiteral("an object or array");
        result.checks << fail(QStringLiteral("RFC 7662 §2.2"), QStringLiteral("active"),
                              active.isUndefined()
                                  ? QStringLiteral("The answer has no \"active\".")
                                  : QStringLiteral("\"active\" must be true or false, not %1.").arg(type));
        result.summary = result.checks.last().message;
        return done();
    }
    result.active = active.toBool();
    if (!result.active) {
        result.checks << pass(
            QStringLiteral("RFC 7662 §2.2"), QStringLiteral("active"),
            QStringLiteral("Inactive: expired, revoked, never issued, or not this client's to ask "
                           "about — the server does not say which."));
        if (result.body.size() > 1)
            result.checks << warn(
                QStringLiteral("RFC 7662 §2.2"), QString(),
                QStringLiteral("The answer carries %1 other members; for an inactive token they "
                               "mean nothing.")
                    .arg(result.body.size() - 1));
        result.summary = QStringLiteral("Inactive: the server says nothing more about this token.");
        return done();
    }
    result.checks << pass(QStringLiteral("RFC 7662 §2.2"), QStringLiteral("active"),
                          QStringLiteral("Active."));
    result.checks << CertificateBinding::check(result.body, sent ? sent->certificateThumbprint : QString());
    if (kind == OperationResult::Kind::Introspection)
        result.checks << DpopChecks::binding(result.body, m_jkt); // RFC 9449 §6.2
    QStringList parts;
    if (const QString scope = result.body.value(u"scope").toString(); !scope.isEmpty())
        parts << QStringLiteral("scope %1").arg(scope);
    if (const QString clientId = result.body.value(u"client_id").toString(); !clientId.isEmpty())
        parts << QStringLiteral("client %1").arg(clientId);
    if (const QJsonValue exp = result.body.value(u"exp"); exp.isDouble())
        parts << QStringLiteral("until %1").arg(timeText(exp.toDouble()));
    result.summary =
        parts.isEmpty() ? QStringLiteral("Active.") : QStringLiteral("Active: %1.").arg(parts.join(u", "));
    done();
}

} // namespace oauth2dbg
