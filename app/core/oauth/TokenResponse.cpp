#include "TokenResponse.h"

#include "RefusalDiagnosis.h"
#include "common/Seconds.h"

#include <QJsonDocument>

namespace oauth2dbg {

std::optional<QDateTime> TokenSet::expiresAt() const
{
    if (!expiresIn || !receivedAt.isValid())
        return std::nullopt;
    return receivedAt.addSecs(*expiresIn);
}

namespace TokenResponse {

namespace {
Finding pass(const QString& rule, const QString& field, const QString& message)
{
    return {Severity::Info, rule, field, message};
}

QString bodyKind(const HttpExchange& exchange)
{
    const QByteArray type = exchange.responseHeader("Content-Type").toLower();
    if (type.contains("html") || exchange.responseBody.trimmed().startsWith('<'))
        return QStringLiteral("an HTML page");
    if (exchange.responseBody.isEmpty())
        return QStringLiteral("an empty body");
    return QStringLiteral("a body that is not JSON");
}
} // namespace

TokenResult interpret(const HttpExchange& exchange)
{
    TokenResult result;
    result.exchangeId = exchange.id;
    for (const QString& note : exchange.notes)
        result.checks.append({Severity::Warning, QStringLiteral("TLS"), QString(), note});
    EngineError& error = result.error;
    if (exchange.error.isError()) {
        error = exchange.error;
        result.ambiguous =
            error.kind == ErrorKind::Timeout || error.kind == ErrorKind::Cancelled ||
            (error.kind == ErrorKind::Network && error.message.contains(u"closed the connection"));
        return result;
    }
    error.httpStatus = exchange.status;
    error.body = exchange.responseBody;
    if (exchange.status != 200)
        result.checks << RefusalDiagnosis::errorResponseShape(exchange.status, exchange.responseBody);

    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(exchange.responseBody, &parseError);
    const bool jsonObject = parseError.error == QJsonParseError::NoError && document.isObject();
    if (!jsonObject) {
        error.kind = exchange.status == 200 ? ErrorKind::Protocol : ErrorKind::Http;
        const QString kind = bodyKind(exchange);
        error.message =
            QStringLiteral("The token endpoint answered HTTP %1 with %2 (%3 bytes), not a JSON object.%4")
                .arg(exchange.status)
                .arg(kind)
                .arg(exchange.responseBody.size())
                .arg(kind == u"an HTML page"
                         ? QStringLiteral(" A proxy or a server error page may be in the way.")
                         : QString());
        return result;
    }
    const QJsonObject object = document.object();
    result.tokens.fields = object;

    if (exchange.status != 200) {
        // RFC 6749 §5.2
        error.kind = ErrorKind::Http;
        error.oauthError = object.value(u"error").toString();
        error.oauthErrorDescription = object.value(u"error_description").toString();
        error.oauthErrorUri = object.value(u"error_uri").toString();
        error.message =
            error.oauthError.isEmpty()
                ? QStringLiteral("The token endpoint answered HTTP %1 without an \"error\" member.")
                      .arg(exchange.status)
                : QStringLiteral("The token endpoint said \"%1\"%2 (HTTP %3).")
                      .arg(error.oauthError, error.oauthErrorDescription.isEmpty()
                                                 ? QString()
                                                 : u": " % error.oauthErrorDescription)
                      .arg(exchange.status);
        return result;
    }

    // TE-05: required members with their types; optional ones checked when present.
    Findings& checks = result.checks;
    const auto fail = [&](const QString& field, const QString& message) {
        checks.append({Severity::Error, QStringLiteral("TE-05"), field, message});
    };
    const QJsonValue access = object.value(u"access_token");
    if (!access.isString() || access.toString().isEmpty())
        fail(QStringLiteral("access_token"), QStringLiteral("\"access_token\" must be a non-empty string."));
    else
        checks.append(pass(QStringLiteral("TE-05"), QStringLiteral("access_token"),
                           QStringLiteral("An access token arrived.")));
    const QJsonValue type = object.value(u"token_type");
    if (!type.isString() || type.toString().isEmpty()) {
        fail(QStringLiteral("token_type"),
             QStringLiteral("\"token_type\" must be a string (RFC 6749 §5.1)."));
    } else {
        const QString lower = type.toString().toLower();
        checks.append(
            {lower == u"bearer" || lower == u"dpop" ? Severity::Info : Severity::Warning,
             QStringLiteral("RFC 6749 §7.1"), QStringLiteral("token_type"),
             QStringLiteral("token_type is \"%1\" (compared without regard to case).").arg(type.toString())});
    }
    const QJsonValue expires = object.value(u"expires_in");
    // A lifetime outside 0 .. ten years, or not whole, is brought into range and said so.
    const auto takeLifetime = [&result, &checks](double seconds, const QString& asSent) {
        bool clamped = false;
        result.tokens.expiresIn = Seconds::lifetime(seconds, &clamped);
        if (clamped)
            checks.append(
                {Severity::Warning, QStringLiteral("TE-05"), QStringLiteral("expires_in"),
                 QStringLiteral("\"expires_in\" is %1, not a whole number of seconds from 0 to ten years; "
                                "taken as %2 s.")
                     .arg(asSent.left(40))
                     .arg(*result.tokens.expiresIn)});
    };
    if (expires.isDouble()) {
        takeLifetime(expires.toDouble(), QString::number(expires.toDouble(), 'g', 17));
    } else if (expires.isString() && !expires.toString().isEmpty()) {
        bool number = false;
        const double seconds = expires.toString().toDouble(&number);
        if (number)
            takeLifetime(seconds, expires.toString());
        checks.append({Severity::Warning, QStringLiteral("TE-05"), QStringLiteral("expires_in"),
                       QStringLiteral("\"expires_in\" is a string; RFC 6749 §5.1 makes it a number.")});
    } else if (!expires.isUndefined()) {
        fail(QStringLiteral("expires_in"), QStringLiteral("\"expires_in\" must be a number of seconds."));
    } else {
        checks.append(pass(QStringLiteral("TE-05"), QStringLiteral("expires_in"),
                           QStringLiteral("No expires_in: the lifetime is not stated (allowed).")));
    }
    for (const char* member : {"scope", "refresh_token", "id_token"}) {
        const QJsonValue value = object.value(QLatin1String(member));
        if (!value.isUndefined() && !value.isString())
            fail(QString::fromLatin1(member),
                 QStringLiteral("\"%1\" must be a string.").arg(QLatin1String(member)));
    }
    if (!exchange.responseHeader("Cache-Control").toLower().contains("no-store"))
        checks.append(
            {Severity::Warning, QStringLiteral("RFC 6749 §5.1"), QStringLiteral("Cache-Control"),
             QStringLiteral("The response lacks \"Cache-Control: no-store\"; caches may keep the tokens.")});
    else
        checks.append(pass(QStringLiteral("RFC 6749 §5.1"), QStringLiteral("Cache-Control"),
                           QStringLiteral("Cache-Control: no-store is set.")));

    result.tokens.accessToken = Secret::fromString(access.toString());
    result.tokens.tokenType = type.toString();
    result.tokens.scope = object.value(u"scope").toString();
    result.tokens.refreshToken = Secret::fromString(object.value(u"refresh_token").toString());
    result.tokens.idToken = Secret::fromString(object.value(u"id_token").toString());
    result.tokens.receivedAt = exchange.started.addMSecs(std::max<qint64>(0, exchange.durationMs));
    if (hasErrors(checks)) {
        error.kind = ErrorKind::Protocol;
        for (const Finding& f : std::as_const(checks)) {
            if (f.severity == Severity::Error) {
                error.message = QStringLiteral("The token response breaks RFC 6749 §5.1: %1").arg(f.message);
                break;
            }
        }
    } else {
        error = {};
    }
    return result;
}

} // namespace TokenResponse
} // namespace oauth2dbg
