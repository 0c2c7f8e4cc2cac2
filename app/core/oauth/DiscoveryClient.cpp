#include "DiscoveryClient.h"

#include "DiscoveryUrl.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimer>

namespace oauth2dbg {

namespace {
QString statusLine(const HttpExchange& exchange)
{
    QString line = QString::number(exchange.status);
    if (!exchange.reason.isEmpty())
        line += u' ' % QString::fromLatin1(exchange.reason);
    return line;
}

bool looksLikeHtml(const HttpExchange& exchange)
{
    if (exchange.responseHeader("Content-Type").toLower().contains("html"))
        return true;
    return exchange.responseBody.trimmed().startsWith('<');
}

QString describeJsonKind(const QJsonDocument& document)
{
    if (document.isArray())
        return QStringLiteral("a JSON array");
    return QStringLiteral("a JSON value that is not an object");
}
} // namespace

DiscoveryClient::DiscoveryClient(NetworkAccess* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{}

DiscoveryClient::~DiscoveryClient()
{
    if (m_call)
        m_call->disconnect(this);
}

void DiscoveryClient::discover(const QString& issuer, const DiscoveryOptions& options)
{
    cancel();
    m_options = options;
    m_result = DiscoveryResult{.issuer = issuer};
    m_firstAttempt.clear();
    if (const QString problem = DiscoveryUrl::issuerProblem(issuer, options.allowHttp); !problem.isEmpty()) {
        m_result.error = {.kind = ErrorKind::InvalidInput, .message = problem};
        // Same contract as a network failure: the answer comes from the event loop, never from inside
        // discover().
        QTimer::singleShot(0, this, &DiscoveryClient::finish);
        return;
    }
    fetch(MetadataValidator::Kind::OpenIdConfiguration);
}

void DiscoveryClient::cancel()
{
    if (m_call)
        m_call->cancel();
}

void DiscoveryClient::fetch(MetadataValidator::Kind kind)
{
    const QUrl issuer(m_result.issuer, QUrl::StrictMode);
    m_result.kind = kind;
    m_result.documentUrl = kind == MetadataValidator::Kind::OpenIdConfiguration
                               ? DiscoveryUrl::openIdConfiguration(issuer)
                               : DiscoveryUrl::authorizationServerMetadata(issuer);
    HttpRequest request{.method = "GET",
                        .url = m_result.documentUrl,
                        .headers = {{"Accept", "application/json"}},
                        .timeout = m_options.timeout,
                        .tls = m_options.tls};
    m_call = m_network->send(request);
    m_result.exchangeIds.append(m_call->id());
    connect(m_call, &HttpCall::finished, this, &DiscoveryClient::onFetched);
}

void DiscoveryClient::onFetched(const HttpExchange& exchange)
{
    m_call = nullptr;
    const bool notFound = exchange.hasResponse() && exchange.status >= 400 && exchange.status < 500;
    if (notFound && m_result.kind == MetadataValidator::Kind::OpenIdConfiguration) {
        m_firstAttempt = exchange.url.toDisplayString() % u" answered " % statusLine(exchange);
        fetch(MetadataValidator::Kind::AuthorizationServerMetadata);
        return;
    }
    interpret(exchange);
    finish();
}

void DiscoveryClient::interpret(const HttpExchange& exchange)
{
    for (const QString& note : exchange.notes)
        m_result.findings.append({Severity::Warning, QStringLiteral("TLS"), QString(), note});
    EngineError& error = m_result.error;
    if (exchange.error.isError()) {
        error = exchange.error;
        return;
    }
    const QString url = exchange.url.toDisplayString();
    error.httpStatus = exchange.status;
    error.body = exchange.responseBody;
    if (exchange.status != 200) {
        error.kind = ErrorKind::Http;
        if (!m_firstAttempt.isEmpty()) {
            error.message = QStringLiteral("No discovery document was found: %1, and %2 answered %3.")
                                .arg(m_firstAttempt, url, statusLine(exchange));
        } else if (exchange.status >= 300 && exchange.status < 400) {
            error.message =
                QStringLiteral("%1 answered %2, a redirect to %3. Metadata must be served at the "
                               "well-known URL itself; the redirect was not followed.")
                    .arg(url, statusLine(exchange), QString::fromUtf8(exchange.responseHeader("Location")));
        } else {
            error.message = QStringLiteral("%1 answered %2; expected 200 with a JSON object.")
                                .arg(url, statusLine(exchange));
        }
        return;
    }
    const QByteArray contentType = exchange.responseHeader("Content-Type");
    if (looksLikeHtml(exchange)) {
        error.kind = ErrorKind::Protocol;
        error.message =
            QStringLiteral("%1 sent an HTML page (Content-Type: %2, %3 bytes) where a JSON object "
                           "was expected. A login page or a proxy may be in the way.")
                .arg(url, QString::fromLatin1(contentType))
                .arg(exchange.responseBody.size());
        return;
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(exchange.responseBody, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error.kind = ErrorKind::Protocol;
        error.message = QStringLiteral("%1 sent something that is not valid JSON (%2 at byte %3 of %4).")
                            .arg(url, parseError.errorString())
                            .arg(parseError.offset)
                            .arg(exchange.responseBody.size());
        error.detail = parseError.errorString();
        return;
    }
    if (!document.isObject()) {
        error.kind = ErrorKind::Protocol;
        error.message = QStringLiteral("%1 sent %2 where a JSON object was expected.")
                            .arg(url, describeJsonKind(document));
        return;
    }
    if (!contentType.toLower().startsWith("application/json")) {
        m_result.findings.append({Severity::Warning, QStringLiteral("RFC 8414 §3.2"), QString(),
                                  QStringLiteral("The document is JSON but was sent as \"%1\", not "
                                                 "application/json.")
                                      .arg(QString::fromLatin1(contentType))});
    }
    m_result.metadata = document.object();
    const MetadataValidator validator(m_result.issuer, m_result.kind, m_options.allowHttp);
    m_result.findings.append(validator.validate(m_result.metadata));
    qsizetype problems = 0;
    const Finding* first = nullptr;
    for (const Finding& f : std::as_const(m_result.findings)) {
        if (f.severity == Severity::Error) {
            ++problems;
            first = first ? first : &f;
        }
    }
    if (first) {
        error.kind = ErrorKind::Protocol;
        error.message =
            problems == 1 ? first->message
                          : first->message %
                                QStringLiteral(" (and %1 more problems; see the findings)").arg(problems - 1);
    }
}

void DiscoveryClient::finish()
{
    Q_EMIT finished(m_result);
}

} // namespace oauth2dbg
