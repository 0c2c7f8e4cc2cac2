#include "AuthorizationProbe.h"

#include "FormEncoding.h"
#include "RefusalDiagnosis.h"

#include <QRegularExpression>
#include <QUrl>

namespace oauth2dbg::AuthorizationProbe {

namespace {
const QString kTimedOut = QStringLiteral("AZ-11");
const QString kChecked = QStringLiteral("AZ-12");

QString sentValue(const AuthorizationRequest& request, QStringView name)
{
    for (const auto& [key, value] : request.parameters)
        if (key == name)
            return value;
    return {};
}

QString redirectCause(const AuthorizationRequest& request, bool fixedPort)
{
    return fixedPort ? QStringLiteral(
                           "The redirect URI %1 is not registered for this client exactly as sent (scheme, "
                           "host, port and path all count): the server shows its own error page instead of "
                           "redirecting. Register it as it stands, or correct the profile's redirect URI.")
                           .arg(request.redirectUri)
                     : QStringLiteral(
                           "The redirect URI %1 is not registered exactly: its port was chosen for this run "
                           "(RFC 8252 §7.3), and a server that matches redirect URIs exactly, port included, "
                           "shows its own error page instead. Fix: register a fixed port and path at the "
                           "server and choose loopback-fixed with that URI (the profile's Redirect).")
                           .arg(request.redirectUri);
}

QString clientCause(const AuthorizationRequest& request)
{
    return QStringLiteral("The server does not know the client_id \"%1\" (a typo, or another tenant or "
                          "environment): it shows an error page and never redirects.")
        .arg(sentValue(request, u"client_id").left(200));
}

Findings ranked(const QString& rule, const QStringList& causes)
{
    Findings findings;
    for (qsizetype i = 0; i < causes.size(); ++i)
        findings << Finding{
            Severity::Warning, rule, QString(),
            QStringLiteral("Likely cause %1 of %2: %3").arg(i + 1).arg(causes.size()).arg(causes[i])};
    return findings;
}

// The same scheme, host, port and path: the debugger's own redirect URI.
bool isRedirectUri(const QUrl& location, const QString& redirectUri)
{
    const QUrl expected(redirectUri);
    return location.scheme() == expected.scheme() && location.host() == expected.host() &&
           location.port() == expected.port() && location.path() == expected.path();
}
} // namespace

QString pageText(const QByteArray& body, qsizetype limit)
{
    QString text = QString::fromUtf8(body.left(256 * 1024));
    static const QRegularExpression hidden(QStringLiteral("<(script|style|head)\\b[^>]*>.*?</\\1\\s*>"),
                                           QRegularExpression::CaseInsensitiveOption |
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    static const QRegularExpression numeric(QStringLiteral("&#(x?)([0-9a-fA-F]{1,6});"));
    text.remove(hidden);
    text.replace(tag, QStringLiteral(" "));
    QString decoded;
    qsizetype from = 0;
    for (auto it = numeric.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        bool ok = false;
        const uint code = m.captured(2).toUInt(&ok, m.captured(1).isEmpty() ? 10 : 16);
        decoded += text.mid(from, m.capturedStart() - from);
        decoded += ok && code > 0x1f && code <= 0x10FFFF
                       ? QString::fromUcs4(reinterpret_cast<const char32_t*>(&code), 1)
                       : QStringLiteral("\uFFFD");
        from = m.capturedEnd();
    }
    text = decoded + text.mid(from);
    text.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "))
        .replace(QStringLiteral("&lt;"), QStringLiteral("<"))
        .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
        .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
        .replace(QStringLiteral("&#39;"), QStringLiteral("'"))
        .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
    text = text.simplified();
    return text.size() > limit ? text.left(limit) + u'…' : text;
}

Findings timedOut(const AuthorizationRequest& request, const ListenerShape& listener)
{
    Findings findings;
    findings << Finding{
        Severity::Error, kTimedOut, QStringLiteral("redirect_uri"),
        QStringLiteral(
            "No response reached the listener at %1 within %2 s. What was sent and the "
            "likely causes follow; \"Check this request\" (--check-request) asks the server what it "
            "answers before any sign-in.")
            .arg(listener.address)
            .arg(listener.waitedSeconds)};
    findings << Finding{Severity::Info, kTimedOut, QStringLiteral("url"),
                        QStringLiteral("Sent: %1").arg(request.url)};
    for (const auto& [name, value] : request.parameters)
        findings << Finding{Severity::Info, kTimedOut, name, QStringLiteral("%1=%2").arg(name, value)};
    findings << Finding{Severity::Info, kTimedOut, QStringLiteral("listener"),
                        QStringLiteral("Listened at %1 for %2 (%3).")
                            .arg(listener.address, request.redirectUri,
                                 listener.fixedPort ? QStringLiteral("the profile's fixed port")
                                                    : QStringLiteral("a port chosen for this run"))};
    const QStringList causes{redirectCause(request, listener.fixedPort), clientCause(request),
                             QStringLiteral("The user never finished signing in or consenting, or closed the "
                                            "browser tab.")};
    return findings << ranked(kTimedOut, causes);
}

Verdict interpret(const HttpExchange& exchange, const AuthorizationRequest& request,
                  const QJsonObject& metadata, bool fixedPort)
{
    Verdict v;
    if (exchange.error.isError()) {
        v.refused = true;
        v.summary = QStringLiteral("no answer: %1").arg(exchange.error.message);
        v.checks << Finding{Severity::Error, kChecked, QString(), v.summary};
        return v;
    }
    const int status = exchange.status;
    if (status >= 300 && status < 400) {
        const QUrl location =
            exchange.url.resolved(QUrl(QString::fromUtf8(exchange.responseHeader("Location"))));
        if (isRedirectUri(location, request.redirectUri)) {
            QString answer = location.query(QUrl::FullyEncoded);
            if (location.hasFragment())
                answer += u'&' + location.fragment(QUrl::FullyEncoded);
            const FormEncoding::Decoded decoded = FormEncoding::decode(answer.toUtf8());
            QString error;
            QString description;
            for (const auto& [key, value] : decoded.pairs) {
                if (key == u"error")
                    error = value;
                else if (key == u"error_description")
                    description = value;
            }
            if (!error.isEmpty()) {
                v.refused = true;
                v.summary = QStringLiteral("refused before any sign-in: error=%1").arg(error.left(80));
                v.checks << Finding{
                    Severity::Error, kChecked, QStringLiteral("error"),
                    QStringLiteral("The server redirected straight back with error=%1%2: %3")
                        .arg(error.left(80),
                             description.isEmpty() ? QString()
                                                   : QStringLiteral(" (\"%1\")").arg(description.left(200)),
                             RefusalDiagnosis::authorizationError(error, request.parameters, metadata))};
                return v;
            }
            v.summary = QStringLiteral("redirected straight back, without a sign-in");
            v.checks << Finding{
                Severity::Info, kChecked, QString(),
                QStringLiteral("The server redirected straight back to the redirect URI without a "
                               "sign-in; this check does not use what it carried.")};
            return v;
        }
        v.summary = QStringLiteral("accepted so far: HTTP %1 on to %2")
                        .arg(status)
                        .arg(location.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveFragment));
        v.checks << Finding{
            Severity::Info, kChecked, QString(),
            QStringLiteral("The server answered HTTP %1 and sends the browser on to %2 (most likely its "
                           "sign-in): the client_id and redirect_uri passed the checks it makes before "
                           "a sign-in. Some servers check the redirect URI only after it.")
                .arg(status)
                .arg(location.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveFragment))};
        return v;
    }
    const QString text = pageText(exchange.responseBody);
    if (status >= 200 && status < 300) {
        v.summary = QStringLiteral("accepted so far: HTTP %1, a page").arg(status);
        const bool errorLike =
            text.contains(u"error", Qt::CaseInsensitive) || text.contains(u"invalid", Qt::CaseInsensitive);
        v.checks << Finding{errorLike ? Severity::Warning : Severity::Info, kChecked, QString(),
                            errorLike
                                ? QStringLiteral("The server answered HTTP %1 with a page that reads like an "
                                                 "error: \"%2\"")
                                      .arg(status)
                                      .arg(text)
                                : QStringLiteral("The server answered HTTP %1 with a page (most likely its "
                                                 "sign-in): the client_id and redirect_uri passed its first "
                                                 "checks. It reads: \"%2\"")
                                      .arg(status)
                                      .arg(text)};
        return v;
    }
    v.refused = true;
    v.summary = QStringLiteral("refused before any sign-in: HTTP %1").arg(status);
    v.checks << Finding{Severity::Error, kChecked, QString(),
                        text.isEmpty()
                            ? QStringLiteral("The server refused the request before any sign-in: HTTP %1 "
                                             "with an empty body.")
                                  .arg(status)
                            : QStringLiteral("The server refused the request before any sign-in: HTTP %1. "
                                             "Its page says: \"%2\"")
                                  .arg(status)
                                  .arg(text)};
    // What its page names comes first; else the order a timeout has.
    QStringList causes{redirectCause(request, fixedPort), clientCause(request)};
    if (text.contains(u"client", Qt::CaseInsensitive) && !text.contains(u"redirect", Qt::CaseInsensitive))
        std::swap(causes[0], causes[1]);
    v.checks << ranked(kChecked, causes);
    return v;
}

} // namespace oauth2dbg::AuthorizationProbe
