#include "DeviceAuthorization.h"

#include "DiscoveryUrl.h"
#include "TokenResponse.h"
#include "net/HttpExchange.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace oauth2dbg::DeviceAuthorizationResponse {

namespace {
const QString kRule = QStringLiteral("DV-01");

// An absolute https URL (http only on this machine): what a user may be sent to.
bool usableUri(const QUrl& url)
{
    const bool local = DiscoveryUrl::isLoopbackHost(url.host());
    return url.isValid() && !url.isRelative() && !url.host().isEmpty() &&
           (url.scheme() == u"https" || (url.scheme() == u"http" && local));
}
} // namespace

DeviceAuthorization interpret(const HttpExchange& exchange)
{
    DeviceAuthorization d;
    d.exchangeId = exchange.id;
    d.issuedAt = QDateTime::currentDateTimeUtc();
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(exchange.responseBody, &parseError);
    if (exchange.error.isError() || exchange.status != 200 || parseError.error != QJsonParseError::NoError ||
        !document.isObject()) {
        // An error answer has the token endpoint's shape (RFC 8628 §3.2, RFC 6749 §5.2): read it the same
        // way.
        const TokenResult answer = TokenResponse::interpret(exchange);
        d.checks = answer.checks;
        d.error = answer.error;
        if (!d.error.isError())
            d.error = {.kind = ErrorKind::Protocol,
                       .message = QStringLiteral("The device authorization endpoint answered HTTP %1 without "
                                                 "a JSON object.")
                                      .arg(exchange.status)};
        d.error.message.replace(QStringLiteral("The token endpoint"),
                                QStringLiteral("The device authorization endpoint"));
        return d;
    }
    const QJsonObject o = document.object();
    QStringList missing;
    const auto text = [&o, &missing](const char* name) {
        const QJsonValue v = o.value(QLatin1String(name));
        if (!v.isString() || v.toString().isEmpty())
            missing << QStringLiteral("%1 (%2)").arg(QLatin1String(name),
                                                     v.isUndefined() ? QStringLiteral("missing")
                                                                     : QStringLiteral("not a string"));
        return v.toString();
    };
    d.deviceCode = Secret::fromString(text("device_code"));
    d.userCode = text("user_code");
    const QString uri = text("verification_uri");
    const QJsonValue expires = o.value(u"expires_in");
    if (!expires.isDouble() || expires.toDouble() <= 0 ||
        expires.toDouble() != std::floor(expires.toDouble()))
        missing << QStringLiteral("expires_in (%1)")
                       .arg(expires.isUndefined() ? QStringLiteral("missing")
                                                  : QStringLiteral("not a positive whole number"));
    d.expiresIn = qint64(expires.toDouble());
    d.verificationUri = QUrl(uri, QUrl::StrictMode);
    if (!uri.isEmpty() && !usableUri(d.verificationUri))
        missing << QStringLiteral("verification_uri (not an https URL: %1)").arg(uri.left(200));
    if (const QJsonValue complete = o.value(u"verification_uri_complete"); !complete.isUndefined()) {
        const QUrl url(complete.toString(), QUrl::StrictMode);
        if (complete.isString() && usableUri(url))
            d.verificationUriComplete = url;
        else
            d.checks.append(
                {Severity::Warning, kRule, QStringLiteral("verification_uri_complete"),
                 QStringLiteral("verification_uri_complete is not an https URL; it is not used: the "
                                "user enters the code at verification_uri.")});
    }
    if (!missing.isEmpty()) {
        d.checks.append({Severity::Error, kRule, QString(),
                         QStringLiteral("The response lacks what RFC 8628 §3.2 requires: %1.")
                             .arg(missing.join(QStringLiteral(", ")))});
        d.error = {.kind = ErrorKind::Protocol,
                   .message = QStringLiteral("The device authorization response is not usable: %1.")
                                  .arg(missing.join(QStringLiteral(", ")))};
        return d;
    }
    d.checks.append(
        {Severity::Info, kRule, QString(),
         QStringLiteral("device_code, user_code, verification_uri and expires_in (%1 s) are there%2.")
             .arg(d.expiresIn)
             .arg(d.verificationUriComplete.isValid() ? QStringLiteral(", with verification_uri_complete")
                                                      : QString())});
    const QJsonValue interval = o.value(u"interval");
    if (interval.isDouble() && interval.toDouble() >= 1 && interval.toDouble() <= 3600) {
        d.interval = int(interval.toDouble());
        d.intervalGiven = true;
        d.checks.append({Severity::Info, QStringLiteral("DV-02"), QStringLiteral("interval"),
                         QStringLiteral("Polls every %1 s, as the server asks.").arg(d.interval)});
    } else {
        d.checks.append(
            {Severity::Info, QStringLiteral("DV-02"), QStringLiteral("interval"),
             interval.isUndefined()
                 ? QStringLiteral("No interval: polls every 5 s, RFC 8628 §3.2's default.")
                 : QStringLiteral("interval is not a number of seconds from 1 to 3600: polls every "
                                  "5 s, RFC 8628 §3.2's default.")});
    }
    return d;
}

} // namespace oauth2dbg::DeviceAuthorizationResponse
