#pragma once

#include "common/VisibleText.h"

#include <QString>

namespace oauth2dbg::PlainText {

// Text from outside as the window shows it: control characters and bidi overrides made visible (line breaks
// kept where the widget shows several lines). Labels that show it are Qt::PlainText.
[[nodiscard]] inline QString shown(const QString& text)
{
    return VisibleText::escaped(text, VisibleText::Lines::Keep);
}
[[nodiscard]] inline QString line(const QString& text)
{
    return VisibleText::escaped(text);
}

// The same for a tooltip, which would otherwise render markup (<img src=file:…> draws): the text escaped as
// HTML inside a paragraph that keeps its line breaks.
[[nodiscard]] inline QString toolTip(const QString& text)
{
    if (text.isEmpty())
        return {};
    return QStringLiteral("<p style='white-space:pre-wrap'>%1</p>").arg(shown(text).toHtmlEscaped());
}

} // namespace oauth2dbg::PlainText
