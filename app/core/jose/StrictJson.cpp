#include "StrictJson.h"

#include <QJsonDocument>
#include <QList>
#include <QSet>
#include <QStringDecoder>

namespace oauth2dbg {

namespace {
// Reads the string starting at json[*at] == '"' and leaves *at after its closing quote. Escapes are resolved
// so that "a\u006cg" and "alg" compare equal. The JSON is known to be valid.
QString readString(const QByteArray& json, qsizetype* at)
{
    QByteArray raw;
    qsizetype i = *at + 1;
    QString out;
    const auto flush = [&raw, &out] {
        out += QString::fromUtf8(raw);
        raw.clear();
    };
    while (i < json.size() && json.at(i) != '"') {
        if (json.at(i) != '\\') {
            raw += json.at(i++);
            continue;
        }
        const char e = i + 1 < json.size() ? json.at(i + 1) : '\0';
        i += 2;
        switch (e) {
        case 'n':
            raw += '\n';
            break;
        case 't':
            raw += '\t';
            break;
        case 'r':
            raw += '\r';
            break;
        case 'b':
            raw += '\b';
            break;
        case 'f':
            raw += '\f';
            break;
        case 'u': {
            flush();
            bool ok = false;
            const char16_t unit = char16_t(json.mid(i, 4).toUShort(&ok, 16));
            out += QChar(unit); // surrogate pairs arrive as two escapes and join in the QString
            i += 4;
            break;
        }
        default: // '"', '\\', '/'
            raw += e;
            break;
        }
    }
    flush();
    *at = i + 1;
    return out;
}
} // namespace

QString firstDuplicateMember(const QByteArray& json)
{
    // One entry per open container: the names seen so far (objects) or nothing (arrays).
    struct Level {
        bool object = false;
        bool expectName = false;
        QSet<QString> names;
    };
    QList<Level> stack;
    qsizetype i = 0;
    while (i < json.size()) {
        const char c = json.at(i);
        if (c == '"') {
            const QString text = readString(json, &i);
            if (!stack.isEmpty() && stack.last().object && stack.last().expectName) {
                if (stack.last().names.contains(text))
                    return text;
                stack.last().names.insert(text);
                stack.last().expectName = false;
            }
            continue;
        }
        if (c == '{') {
            stack.append(Level{.object = true, .expectName = true, .names = {}});
        } else if (c == '[') {
            stack.append(Level{});
        } else if ((c == '}' || c == ']') && !stack.isEmpty()) {
            stack.removeLast();
        } else if (c == ',' && !stack.isEmpty() && stack.last().object) {
            stack.last().expectName = true;
        }
        ++i;
    }
    return {};
}

StrictJson parseStrictObject(const QByteArray& json, const QString& what)
{
    StrictJson result;
    QStringDecoder utf8(QStringDecoder::Utf8);
    (void)QString(utf8.decode(json));
    if (utf8.hasError()) {
        result.error = QStringLiteral("The %1 is not valid UTF-8.").arg(what);
        return result;
    }
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError) {
        result.error = QStringLiteral("The %1 is not JSON (%2 at byte %3).")
                           .arg(what, parse.errorString())
                           .arg(parse.offset);
        return result;
    }
    if (!doc.isObject()) {
        result.error = QStringLiteral("The %1 is JSON but not an object.").arg(what);
        return result;
    }
    if (const QString twice = firstDuplicateMember(json); !twice.isEmpty()) {
        result.error = QStringLiteral("The %1 names \"%2\" twice; a reader could take either value, so it is "
                                      "refused (RFC 7515 §4).")
                           .arg(what, twice);
        return result;
    }
    result.object = doc.object();
    return result;
}

} // namespace oauth2dbg
