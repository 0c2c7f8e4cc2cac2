#include "HttpRequestParser.h"

namespace oauth2dbg {

namespace {
bool isTokenChar(char c)
{
    // RFC 9110 §5.6.2 tchar
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isVisibleAscii(char c)
{
    return c > 0x20 && c < 0x7f;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}
} // namespace

QList<QByteArray> HttpRequestHead::headerValues(QByteArrayView name) const
{
    QList<QByteArray> values;
    for (const auto& [key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            values.append(value);
    }
    return values;
}

HttpRequestParser::HttpRequestParser()
    : HttpRequestParser(Limits{})
{}

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
{}

QByteArray HttpRequestParser::rest() const
{
    return m_headEnd < 0 ? QByteArray() : m_buffer.mid(m_headEnd);
}

HttpRequestParser::State HttpRequestParser::fail(int status, const QString& reason)
{
    m_state = State::Error;
    m_errorStatus = status;
    m_errorReason = reason;
    return m_state;
}

HttpRequestParser::State HttpRequestParser::feed(QByteArrayView bytes)
{
    if (m_state != State::NeedMore)
        return m_state;
    if (m_headEnd >= 0) { // only a body is still arriving; the caller bounds it
        m_buffer.append(bytes);
        return m_state;
    }
    const qsizetype searchFrom = std::max<qsizetype>(0, m_buffer.size() - 3);
    m_buffer.append(bytes);

    // Early refusal of what cannot be HTTP/1 (a TLS ClientHello, binary junk): the first byte starts a
    // method.
    if (!m_buffer.isEmpty() && !(m_buffer.front() >= 'A' && m_buffer.front() <= 'Z'))
        return fail(400, QStringLiteral("The request does not start with an HTTP method."));

    const qsizetype end = m_buffer.indexOf("\r\n\r\n", searchFrom);
    if (end < 0) {
        const qsizetype firstLineEnd = m_buffer.indexOf("\r\n");
        if (firstLineEnd < 0 && m_buffer.size() > m_limits.maxRequestLine)
            return fail(
                414,
                QStringLiteral("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLine));
        if (m_buffer.size() > m_limits.maxHead)
            return fail(431,
                        QStringLiteral("The request head is larger than %1 bytes.").arg(m_limits.maxHead));
        return m_state;
    }
    m_headEnd = end + 4;
    if (m_headEnd > m_limits.maxHead)
        return fail(431, QStringLiteral("The request head is larger than %1 bytes.").arg(m_limits.maxHead));
    return parseHead(end);
}

HttpRequestParser::State HttpRequestParser::parseHead(qsizetype headEnd)
{
    const QByteArrayView head(m_buffer.constData(), headEnd);
    m_head.raw = m_buffer.left(m_headEnd);
    if (head.contains('\0'))
        return fail(400, QStringLiteral("The request head contains a NUL byte."));

    qsizetype start = 0;
    bool first = true;
    while (start <= head.size()) {
        qsizetype lineEnd = head.indexOf("\r\n", start);
        if (lineEnd < 0)
            lineEnd = head.size();
        const QByteArrayView line = head.sliced(start, lineEnd - start);
        start = lineEnd + 2;
        if (line.contains('\r') || line.contains('\n'))
            return fail(400, QStringLiteral("A line of the request ends with a bare CR or LF."));
        if (first) {
            if (line.size() > m_limits.maxRequestLine)
                return fail(
                    414,
                    QStringLiteral("The request line is longer than %1 bytes.").arg(m_limits.maxRequestLine));
            if (!parseRequestLine(line))
                return m_state;
            first = false;
        } else if (!parseHeaderLine(line)) {
            return m_state;
        }
    }
    m_state = State::Complete;
    return m_state;
}

bool HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    // request-line = method SP request-target SP HTTP-version (RFC 9112 §3), exactly one space each.
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace) {
        fail(400, QStringLiteral("The request line is not \"METHOD target HTTP/1.1\"."));
        return false;
    }
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    for (const char c : method) {
        if (!isTokenChar(c)) {
            fail(400, QStringLiteral("The method is not a valid token."));
            return false;
        }
    }
    if (target.isEmpty() || target.contains(' ')) {
        fail(400, QStringLiteral("The request line is not \"METHOD target HTTP/1.1\"."));
        return false;
    }
    for (const char c : target) {
        if (!isVisibleAscii(c)) {
            fail(400, QStringLiteral("The request target contains a control or non-ASCII byte."));
            return false;
        }
    }
    const bool versionShape = version.size() == 8 && version.startsWith("HTTP/") && isDigit(version[5]) &&
                              version[6] == '.' && isDigit(version[7]);
    if (!versionShape) {
        fail(400, QStringLiteral("The request line does not end with an HTTP version."));
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        fail(505, QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are spoken here."));
        return false;
    }
    m_head.method = method.toByteArray();
    m_head.target = target.toByteArray();
    m_head.version = version.toByteArray();
    return true;
}

bool HttpRequestParser::parseHeaderLine(QByteArrayView line)
{
    if (line.isEmpty())
        return true;
    if (line.front() == ' ' || line.front() == '\t') {
        fail(400, QStringLiteral("Folded header lines are not accepted (RFC 9112 §5.2)."));
        return false;
    }
    if (m_head.headers.size() >= m_limits.maxHeaders) {
        fail(431, QStringLiteral("The request has more than %1 header lines.").arg(m_limits.maxHeaders));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        fail(400, QStringLiteral("A header line has no name."));
        return false;
    }
    const QByteArrayView name = line.first(colon);
    for (const char c : name) {
        if (!isTokenChar(c)) {
            fail(400, QStringLiteral("A header name is not a valid token (no space before the colon)."));
            return false;
        }
    }
    QByteArrayView value = line.sliced(colon + 1);
    for (const char c : value) {
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) {
            fail(400, QStringLiteral("A header value contains a control character."));
            return false;
        }
    }
    value = value.trimmed();
    m_head.headers.append({name.toByteArray(), value.toByteArray()});
    return true;
}

} // namespace oauth2dbg
