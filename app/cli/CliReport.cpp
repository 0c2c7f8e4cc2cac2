#include "CliReport.h"

#include "CliTokenJson.h"
#include "checks/CheckCatalogue.h"
#include "common/Duration.h"
#include "common/VisibleText.h"
#include "jose/JwtDecode.h"
#include "traffic/ExchangeText.h"
#include "traffic/TrafficLog.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace oauth2dbg {

namespace {
// Every string from outside is one line with its controls shown (a server's newline cannot forge a check).
QString line(const QString& text)
{
    return VisibleText::escaped(text);
}
} // namespace

int exitCodeFor(const EngineError& error)
{
    switch (error.kind) {
    case ErrorKind::None:
        return 0;
    case ErrorKind::InvalidInput:
        return 2;
    case ErrorKind::Network:
    case ErrorKind::Tls:
    case ErrorKind::Timeout: // a server that did not answer in time
        return 3;
    case ErrorKind::Cancelled:
        return 4;
    case ErrorKind::Http:
    case ErrorKind::Protocol:
        break;
    }
    return 1;
}

CliReport::CliReport(QString command, bool reveal)
    : m_command(std::move(command))
    , m_reveal(reveal)
{}

void CliReport::setProfile(const QString& name, const QString& issuer, const QString& environment)
{
    m_profile = name;
    m_issuer = issuer;
    m_environment = environment;
}

void CliReport::addStep(const QString& step, const QString& summary, const Findings& checks,
                        const QStringList& notes)
{
    m_steps.append({step, summary, checks, notes});
}

void CliReport::addDocument(const QString& name, const QJsonObject& object)
{
    m_documents.append({name, object});
}

void CliReport::setTokens(const TokenResult& result)
{
    m_tokens = result;
}

void CliReport::setError(const EngineError& error, int exitCode)
{
    m_error = error;
    m_exitCode = exitCode;
}

QString CliReport::shown(const Secret& secret) const
{
    if (secret.isEmpty())
        return {};
    return m_reveal ? QString::fromUtf8(secret.reveal())
                    : ExchangeText::mask(QString::fromUtf8(secret.reveal()));
}

QString CliReport::errorText() const
{
    if (!m_error.isError())
        return {};
    QString text = u"error: " % line(m_error.message) % u'\n';
    if (!m_error.oauthError.isEmpty())
        text += u"  error: " % line(m_error.oauthError) % u'\n';
    if (!m_error.oauthErrorDescription.isEmpty())
        text += u"  error_description: " % line(m_error.oauthErrorDescription) % u'\n';
    if (!m_error.oauthErrorUri.isEmpty())
        text += u"  error_uri: " % line(m_error.oauthErrorUri) % u'\n';
    if (m_error.httpStatus > 0)
        text += u"  HTTP status: " % QString::number(m_error.httpStatus) % u'\n';
    if (!m_error.detail.isEmpty())
        text += u"  " % line(m_error.detail) % u'\n';
    return VisibleText::escaped(text, VisibleText::Lines::Keep);
}

QString CliReport::text(const TrafficLog& traffic) const
{
    QString out = m_profile.isEmpty()
                      ? QString(m_command % u"\n\n")
                      : QString(m_command % u" — profile \"" % line(m_profile) % u'"' %
                                (m_environment.isEmpty() ? QString()
                                                         : QString(u" in \"" % line(m_environment) % u'"')) %
                                u" at " % line(m_issuer) % u"\n\n");
    for (const Step& step : m_steps) {
        out += step.name % u": " % line(step.summary) % u'\n';
        for (const QString& note : step.notes)
            out += u"    " % line(note) % u'\n';
        for (const Finding& f : step.checks) {
            // The specification behind an identifier such as MD-02 (`oauth2-debugger checks MD-02` says
            // more).
            const QString cited = CheckCatalogue::citation(f.rule);
            out += u"  " % resultWord(f.severity).toUpper().leftJustified(4) % u' ' % line(f.rule) % u"  " %
                   line(f.message) % (cited.isEmpty() ? QString() : QString(u" [" % cited % u']')) % u'\n';
        }
        out += u'\n';
    }
    for (const auto& [name, object] : m_documents) {
        out += name % u'\n';
        const QString body = QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
        for (const QString& line : body.split(u'\n', Qt::SkipEmptyParts))
            out += u"  " % line % u'\n';
        out += u'\n';
    }
    if (m_tokens && m_tokens->ok()) {
        const TokenSet& t = m_tokens->tokens;
        out += QStringLiteral("Tokens%1\n")
                   .arg(m_reveal ? QString() : QStringLiteral(" (masked; --reveal shows them)"));
        out += u"  access_token   " % shown(t.accessToken) % u'\n';
        out += u"  token_type     " % line(t.tokenType) % u'\n';
        if (t.expiresIn)
            out += u"  expires_in     " % QString::number(*t.expiresIn) % u" s\n";
        if (!t.scope.isEmpty())
            out += u"  scope          " % line(t.scope) % u'\n';
        if (!t.refreshToken.isEmpty())
            out += u"  refresh_token  " % shown(t.refreshToken) % u'\n';
        if (!t.idToken.isEmpty())
            out += u"  id_token       " % shown(t.idToken) % u'\n';
        out += u'\n';
    }
    if (traffic.size() > 0)
        out += QStringLiteral("Traffic\n");
    for (int row = 0; row < traffic.size(); ++row) {
        const HttpExchange* e = traffic.exchangeAt(row);
        out += QStringLiteral("  %1 %2 %3  %4\n")
                   .arg(QString::fromLatin1(e->method), -5)
                   .arg(TrafficLog::statusText(*e), -7)
                   .arg(durationText(e->durationMs), 10)
                   .arg(line(e->url.toDisplayString(QUrl::RemoveQuery)));
    }
    // The last net: nothing but line feeds and tabs of ours pass raw.
    const QString plain = VisibleText::escaped(out, VisibleText::Lines::Keep);
    return m_colour ? coloured(plain) : plain;
}

QString CliReport::coloured(const QString& text)
{
    static const std::pair<QString, QString> kColours[] = {
        {QStringLiteral("  FAIL "), QStringLiteral("\x1b[31m")},
        {QStringLiteral("  WARN "), QStringLiteral("\x1b[33m")},
        {QStringLiteral("  OK   "), QStringLiteral("\x1b[32m")},
        {QStringLiteral("  SKIP "), QStringLiteral("\x1b[2m")},
    };
    QStringList lines = text.split(u'\n');
    for (QString& l : lines) {
        for (const auto& [prefix, colour] : kColours) {
            if (l.startsWith(prefix)) {
                const QString word = prefix.mid(2).trimmed();
                l = u"  " % colour % word % QStringLiteral("\x1b[0m") % l.mid(2 + word.size());
                break;
            }
        }
    }
    return lines.join(u'\n');
}

void CliReport::setTokenVerdicts(const std::optional<TokenVerification>& id,
                                 const std::optional<TokenVerification>& access)
{
    m_idVerdict = id;
    m_accessVerdict = access;
}

QByteArray CliReport::json(const TrafficLog& traffic) const
{
    const auto secrets = m_reveal ? ExchangeText::Secrets::Revealed : ExchangeText::Secrets::Masked;
    QJsonObject root{{QStringLiteral("schemaVersion"), kCliJsonSchema},
                     {QStringLiteral("command"), m_command},
                     {QStringLiteral("profile"), m_profile},
                     {QStringLiteral("issuer"), m_issuer},
                     {QStringLiteral("ok"), !m_error.isError()},
                     {QStringLiteral("exitCode"), m_exitCode},
                     {QStringLiteral("revealed"), m_reveal}};
    QJsonArray steps;
    for (const Step& step : m_steps) {
        QJsonObject object{{QStringLiteral("step"), step.name},
                           {QStringLiteral("summary"), step.summary},
                           {QStringLiteral("checks"), checksJson(step.checks)}};
        if (!step.notes.isEmpty())
            object.insert(QStringLiteral("notes"), QJsonArray::fromStringList(step.notes));
        steps.append(object);
    }
    root.insert(QStringLiteral("steps"), steps);
    if (!m_environment.isEmpty())
        root.insert(QStringLiteral("environment"), m_environment);
    QJsonObject documents;
    for (const auto& [name, object] : m_documents)
        documents.insert(name, object);
    if (!documents.isEmpty())
        root.insert(QStringLiteral("documents"), documents);
    if (m_tokens && m_tokens->ok()) {
        const TokenSet& t = m_tokens->tokens;
        QJsonObject tokens{{QStringLiteral("access_token"), shown(t.accessToken)},
                           {QStringLiteral("token_type"), t.tokenType},
                           {QStringLiteral("scope"), t.scope}};
        if (t.expiresIn)
            tokens.insert(QStringLiteral("expires_in"), double(*t.expiresIn));
        if (!t.refreshToken.isEmpty())
            tokens.insert(QStringLiteral("refresh_token"), shown(t.refreshToken));
        if (!t.idToken.isEmpty())
            tokens.insert(QStringLiteral("id_token"), shown(t.idToken));
        // Each token read as fields: a JWT's header and claims, and its verdict.
        QJsonObject decoded{{QStringLiteral("access_token"),
                             tokenJson(decodeToken(t.accessToken.reveal()), m_accessVerdict)}};
        if (!t.idToken.isEmpty())
            decoded.insert(QStringLiteral("id_token"),
                           tokenJson(decodeToken(t.idToken.reveal()), m_idVerdict));
        tokens.insert(QStringLiteral("decoded"), decoded);
        root.insert(QStringLiteral("tokens"), tokens);
    }
    if (m_verification)
        root.insert(QStringLiteral("verification"), verdictJson(*m_verification));
    if (m_error.isError()) {
        root.insert(QStringLiteral("error"),
                    QJsonObject{{QStringLiteral("message"), m_error.message},
                                {QStringLiteral("detail"), m_error.detail},
                                {QStringLiteral("httpStatus"), m_error.httpStatus},
                                {QStringLiteral("error"), m_error.oauthError},
                                {QStringLiteral("error_description"), m_error.oauthErrorDescription},
                                {QStringLiteral("error_uri"), m_error.oauthErrorUri}});
    }
    QJsonArray exchanges;
    for (int row = 0; row < traffic.size(); ++row) {
        const HttpExchange* e = traffic.exchangeAt(row);
        exchanges.append(
            QJsonObject{{QStringLiteral("method"), QString::fromLatin1(e->method)},
                        {QStringLiteral("url"), e->url.toString()},
                        {QStringLiteral("status"), e->status},
                        {QStringLiteral("started"), e->started.toUTC().toString(Qt::ISODateWithMs)},
                        {QStringLiteral("durationMs"), double(e->durationMs)},
                        {QStringLiteral("error"), e->error.message},
                        {QStringLiteral("request"), ExchangeText::request(*e, secrets)},
                        {QStringLiteral("response"), ExchangeText::response(*e, secrets)}});
    }
    root.insert(QStringLiteral("traffic"), exchanges);
    // The same values, with C1 and bidi controls as \u escapes as well (QJsonDocument escapes only C0).
    return VisibleText::jsonSafe(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

} // namespace oauth2dbg
