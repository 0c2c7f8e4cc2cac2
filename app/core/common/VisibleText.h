#pragma once

#include <QByteArray>
#include <QString>

namespace oauth2dbg {

// Text from outside (a server, a file, a caller of the listener) made safe to show: every C0 and C1 control
// character, DEL, and every Unicode bidi embedding, override, isolate and mark becomes a visible escape
// ("\x1b", "\u202e"), so an ESC[2J, an OSC 52 clipboard write, a title change or a reversed file name
// cannot reach a terminal or reorder a line in the window. The one place this is decided.
namespace VisibleText {

enum class Lines {
    Escape, // "\n" and "\t" become escapes too: one line of text (a field, a message)
    Keep,   // line feeds and tabs stay (raw HTTP, pretty JSON); "\r" is still shown as "\r"
};

[[nodiscard]] QString escaped(const QString& text, Lines lines = Lines::Escape);
[[nodiscard]] QString escaped(const QByteArray& utf8, Lines lines = Lines::Escape);
// True when escaped() would change the text.
[[nodiscard]] bool needsEscaping(const QString& text, Lines lines = Lines::Escape);
// A JSON document (UTF-8, as QJsonDocument writes it) with the same characters written as \uXXXX escapes: it
// parses to the same values, and prints safely.
[[nodiscard]] QByteArray jsonSafe(const QByteArray& json);

} // namespace VisibleText
} // namespace oauth2dbg
