#pragma once

#include <QByteArray>
#include <QString>

namespace oauth2dbg {

// A QR code (ISO/IEC 18004) of a short text, made by libqrencode: its modules, and the forms the faces show —
// a terminal's UTF-8 half blocks (two rows of modules to a line), or a picture the window paints.
struct QrCode {
    int size = 0;       // modules per side; 0: none
    QByteArray modules; // size × size, row by row: 1 dark, 0 light
    QString problem;    // why there is none

    [[nodiscard]] bool ok() const { return size > 0; }
    [[nodiscard]] bool dark(int x, int y) const
    {
        return x >= 0 && y >= 0 && x < size && y < size && modules.at(y * size + x) != 0;
    }
    // Lines of half blocks with the light modules (and a quiet zone of `quiet` modules) drawn as ink: right
    // on a dark terminal; `inverse` wraps each line in ANSI colours (white on black) so it is right on any.
    [[nodiscard]] QStringList halfBlocks(int quiet = 2, bool colours = false) const;

    // Error correction level M (15 %), byte mode: a URL as it is.
    [[nodiscard]] static QrCode encode(const QByteArray& text);
};

} // namespace oauth2dbg
