#include "QrCode.h"

#include <QStringList>
#include <qrencode.h>

namespace oauth2dbg {

QrCode QrCode::encode(const QByteArray& text)
{
    QrCode code;
    if (text.isEmpty() || text.size() > 2000) {
        code.problem = QStringLiteral("Nothing to encode, or too long for a QR code a phone reads.");
        return code;
    }
    QRcode* made = QRcode_encodeData(
        int(text.size()), reinterpret_cast<const unsigned char*>(text.constData()), 0, QR_ECLEVEL_M);
    if (!made) {
        code.problem = QStringLiteral("libqrencode could not encode the text.");
        return code;
    }
    code.size = made->width;
    code.modules.resize(qsizetype(made->width) * made->width);
    for (int i = 0; i < made->width * made->width; ++i)
        code.modules[i] = char(made->data[i] & 1); // bit 0: dark; the others are libqrencode's bookkeeping
    QRcode_free(made);
    return code;
}

QStringList QrCode::halfBlocks(int quiet, bool colours) const
{
    QStringList lines;
    if (!ok())
        return lines;
    // Ink where a module is light: a terminal's text is light on dark, and a QR code is dark on light.
    const auto ink = [this](int x, int y) {
        return !dark(x, y);
    };
    for (int y = -quiet; y < size + quiet; y += 2) {
        QString line;
        if (colours)
            line += QStringLiteral("\x1b[97;40m");
        for (int x = -quiet; x < size + quiet; ++x) {
            const bool top = ink(x, y);
            const bool bottom = y + 1 < size + quiet && ink(x, y + 1);
            line += top && bottom ? QChar(0x2588)
                    : top         ? QChar(0x2580)
                    : bottom      ? QChar(0x2584)
                                  : QChar(u' ');
        }
        if (colours)
            line += QStringLiteral("\x1b[0m");
        lines << line;
    }
    return lines;
}

} // namespace oauth2dbg
