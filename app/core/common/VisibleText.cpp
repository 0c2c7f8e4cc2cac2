#include "VisibleText.h"

namespace oauth2dbg::VisibleText {

namespace {
bool isBidiControl(char32_t c)
{
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
}

bool mustEscape(char32_t c, Lines lines)
{
    if (lines == Lines::Keep && (c == u'\n' || c == u'\t'))
        return false;
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || isBidiControl(c);
}

QString escapeOf(char32_t c)
{
    switch (c) {
    case u'\n':
        return QStringLiteral("\\n");
    case u'\r':
        return QStringLiteral("\\r");
    case u'\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    if (c <= 0xFF)
        return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}
} // namespace

bool needsEscaping(const QString& text, Lines lines)
{
    for (const QChar c : text) {
        if (mustEscape(c.unicode(), lines))
            return true;
    }
    return false;
}

QString escaped(const QString& text, Lines lines)
{
    if (!needsEscaping(text, lines))
        return text;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (mustEscape(c.unicode(), lines))
            out += escapeOf(c.unicode());
        else
            out += c;
    }
    return out;
}

QString escaped(const QByteArray& utf8, Lines lines)
{
    return escaped(QString::fromUtf8(utf8), lines);
}

QByteArray jsonSafe(const QByteArray& json)
{
    const QString text = QString::fromUtf8(json);
    // Inside JSON strings QJsonDocument already escapes C0; outside them there is only whitespace.
    if (!needsEscaping(text, Lines::Keep))
        return json;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u >= 0x20 && mustEscape(u, Lines::Keep))
            out += QStringLiteral("\\u%1").arg(uint(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out.toUtf8();
}

} // namespace oauth2dbg::VisibleText
