#include "CliDeviceCode.h"

#include "common/QrCode.h"
#include "common/VisibleText.h"

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <langinfo.h>
#include <unistd.h>
#endif

namespace oauth2dbg::CliDeviceCode {

QStringList lines(const DeviceAuthorization& device, bool utf8, bool colours)
{
    // Server text reaches a terminal: control characters made visible first.
    const QString code = VisibleText::escaped(device.userCode.left(64));
    const QString uri = VisibleText::escaped(device.verificationUri.toDisplayString().left(500));
    QStringList out{QStringLiteral("To sign in, open %1 and enter the code").arg(uri), QString(),
                    QStringLiteral("    %1").arg(code), QString()};
    if (device.verificationUriComplete.isValid())
        out << QStringLiteral("or open %1")
                   .arg(VisibleText::escaped(device.verificationUriComplete.toDisplayString().left(500)));
    out << QStringLiteral("(valid for %1 s; polling every %2 s)").arg(device.expiresIn).arg(device.interval);
    const QByteArray target = device.uriToOpen().toString(QUrl::FullyEncoded).toUtf8();
    const QrCode qr = QrCode::encode(target);
    if (!qr.ok())
        out << QStringLiteral("(no QR code: %1)").arg(qr.problem);
    else if (!utf8)
        out << QStringLiteral("(no QR code: the terminal is not UTF-8; open the address above)");
    else
        out << QString() << qr.halfBlocks(2, colours);
    return out;
}

void show(const DeviceAuthorization& device)
{
#ifdef Q_OS_WIN
    const bool utf8 = false;
#else
    const bool utf8 = QByteArray(nl_langinfo(CODESET)).toUpper().replace('-', "") == "UTF8";
#endif
    const bool colours =
        isatty(fileno(stderr)) != 0 && qEnvironmentVariableIsEmpty("NO_COLOR") && qgetenv("TERM") != "dumb";
    for (const QString& line : lines(device, utf8, colours))
        std::fprintf(stderr, "%s\n", line.toUtf8().constData());
    std::fflush(stderr);
}

} // namespace oauth2dbg::CliDeviceCode
