#include "FormEncoding.h"

#include <QStringDecoder>

namespace oauth2dbg::FormEncoding {

namespace {
bool keptAsIs(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '*' ||
           c == '-' || c == '.' || c == '_';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// Decodes one name or value; returns false (with `error` set) on anything that is not clean form encoding.
bool decodeComponent(QByteArrayView in, QString& out, QString& error)
{
    QByteArray bytes;
    bytes.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%') {
            if (i + 2 >= in.size()) { // '%' needs two hex digits after it
                error = QStringLiteral("a truncated percent escape");
                return false;
            }
            const int high = hexValue(in[i + 1]);
            const int low = hexValue(in[i + 2]);
            if (high < 0 || low < 0) {
                error = QStringLiteral("an invalid percent escape");
                return false;
            }
            bytes.append(static_cast<char>(high * 16 + low));
            i += 2;
        } else {
            bytes.append(c);
        }
    }
    if (bytes.contains('\0')) {
        error = QStringLiteral("a NUL character");
        return false;
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    out = utf8.decode(bytes);
    if (utf8.hasError()) {
        error = QStringLiteral("bytes that are not valid UTF-8");
        return false;
    }
    return true;
}
} // namespace

QByteArray encode(QStringView value)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        if (keptAsIs(c)) {
            out.append(c);
        } else if (c == ' ') {
            out.append('+');
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out.append('%');
            out.append(kHex[byte >> 4]);
            out.append(kHex[byte & 0xF]);
        }
    }
    return out;
}

QByteArray encode(const FormPairs& pairs)
{
    QByteArray out;
    for (const auto& [name, value] : pairs) {
        if (!out.isEmpty())
            out.append('&');
        out.append(encode(name));
        out.append('=');
        out.append(encode(value));
    }
    return out;
}

Decoded decode(QByteArrayView input, qsizetype maxPairs)
{
    Decoded result;
    qsizetype start = 0;
    while (start <= input.size()) {
        qsizetype end = input.indexOf('&', start);
        if (end < 0)
            end = input.size();
        const QByteArrayView segment = input.sliced(start, end - start);
        start = end + 1;
        if (segment.isEmpty())
            continue;
        if (result.pairs.size() >= maxPairs) {
            result.error = QStringLiteral("more than %1 parameters").arg(maxPairs);
            result.pairs.clear();
            return result;
        }
        const qsizetype eq = segment.indexOf('=');
        QString name;
        QString value;
        QString problem;
        if (!decodeComponent(eq < 0 ? segment : segment.first(eq), name, problem) ||
            (eq >= 0 && !decodeComponent(segment.sliced(eq + 1), value, problem))) {
            result.error = QStringLiteral("The parameters contain %1.").arg(problem);
            result.pairs.clear();
            return result;
        }
        result.pairs.append({name, value});
    }
    return result;
}

} // namespace oauth2dbg::FormEncoding
