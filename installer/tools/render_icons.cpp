// Build-time tool: renders the app's SVG icon to the PNG sizes the desktops want, a Windows .ico and a macOS
// iconset, with Qt's own SVG renderer (no other tool needed on any build machine).
//
//   render_icons ICON.svg OUTDIR
//
// Writes OUTDIR/png/<size>.png, OUTDIR/oauth2-debugger.ico and OUTDIR/oauth2-debugger.iconset/icon_*.png.
#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

namespace {
QImage render(QSvgRenderer& svg, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    svg.render(&painter);
    return image;
}

bool save(const QImage& image, const QString& path)
{
    if (image.save(path))
        return true;
    std::fprintf(stderr, "render_icons: cannot write %s\n", qPrintable(path));
    return false;
}
} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // a build machine may have no display
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: render_icons ICON.svg OUTDIR\n");
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        std::fprintf(stderr, "render_icons: %s is not a usable SVG\n", qPrintable(args.at(1)));
        return 1;
    }
    const QDir out(args.at(2));
    if (!out.mkpath(QStringLiteral("png")) || !out.mkpath(QStringLiteral("oauth2-debugger.iconset")))
        return 1;
    // hicolor sizes (freedesktop icon theme) and the Windows icon.
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
        if (!save(render(svg, size), out.filePath(QStringLiteral("png/%1.png").arg(size))))
            return 1;
    }
    if (!save(render(svg, 256), out.filePath(QStringLiteral("oauth2-debugger.ico"))))
        return 1;
    // macOS: iconutil -c icns turns this folder into the bundle's .icns.
    for (const int size : {16, 32, 128, 256, 512}) {
        const QString base = QStringLiteral("oauth2-debugger.iconset/icon_%1x%1").arg(size);
        if (!save(render(svg, size), out.filePath(base + u".png")) ||
            !save(render(svg, size * 2), out.filePath(base + u"@2x.png")))
            return 1;
    }
    return 0;
}
