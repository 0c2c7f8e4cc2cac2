// The QR code of a verification URI, read back by a decoder that did not make it (zbarimg, from Debian's
// zbar-tools): the modules as a picture, and as the terminal prints it in half blocks (each line read back
// into modules first).
#include "common/QrCode.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

using namespace oauth2dbg;

namespace {
const QByteArray kUri = "https://op.example.com/device?user_code=WDJB-MJHT";

// The modules as a picture: a binary PGM, dark on light, `scale` pixels each, with a quiet zone of four.
QByteArray picture(int size, const std::function<bool(int, int)>& dark, int scale = 6)
{
    const int side = (size + 8) * scale;
    QByteArray image = QStringLiteral("P5\n%1 %1\n255\n").arg(side).toLatin1();
    for (int py = 0; py < side; ++py)
        for (int px = 0; px < side; ++px) {
            const int x = px / scale - 4;
            const int y = py / scale - 4;
            image += x >= 0 && y >= 0 && x < size && y < size && dark(x, y) ? char(0) : char(255);
        }
    return image;
}

QByteArray decoded(const QByteArray& image, const QString& directory)
{
    const QString path = directory + QStringLiteral("/qr.pgm");
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(image) != image.size())
        return "(not saved)";
    file.close();
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), path});
    if (!zbar.waitForFinished(30'000))
        return "(zbarimg did not finish)";
    return zbar.readAllStandardOutput().trimmed();
}
} // namespace

class tst_QrCode : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("zbarimg")).isEmpty(),
                 "zbarimg (zbar-tools) decodes the codes: scripts/deps.sh installs it");
        QVERIFY(m_dir.isValid());
    }

    void theModulesDecodeToTheUri()
    {
        const QrCode qr = QrCode::encode(kUri);
        QVERIFY2(qr.ok(), qPrintable(qr.problem));
        QCOMPARE(qr.modules.size(), qsizetype(qr.size) * qr.size);
        QCOMPARE((qr.size - 17) % 4, 0); // a QR version's side: 21, 25, 29 …
        QCOMPARE(decoded(picture(qr.size, [&qr](int x, int y) { return qr.dark(x, y); }), m_dir.path()),
                 kUri);
    }

    void theHalfBlocksReadBackToTheSameCode()
    {
        const QrCode qr = QrCode::encode(kUri);
        const int quiet = 2;
        const QStringList lines = qr.halfBlocks(quiet);
        QCOMPARE(lines.size(), (qr.size + 2 * quiet + 1) / 2);
        // Ink is light: read each cell's two halves back into dark modules.
        const auto dark = [&lines, quiet](int x, int y) {
            const QChar cell = lines.at((y + quiet) / 2).at(x + quiet);
            const bool top = (y + quiet) % 2 == 0;
            const bool ink = cell == QChar(0x2588) || (top ? cell == QChar(0x2580) : cell == QChar(0x2584));
            return !ink;
        };
        for (int y = 0; y < qr.size; ++y)
            for (int x = 0; x < qr.size; ++x)
                QVERIFY2(dark(x, y) == qr.dark(x, y),
                         qPrintable(QStringLiteral("module %1,%2").arg(x).arg(y)));
        QCOMPARE(decoded(picture(qr.size, dark), m_dir.path()), kUri);
        // In colours: the same characters, each line wrapped in white on black.
        const QStringList coloured = qr.halfBlocks(quiet, true);
        QVERIFY(coloured.first().startsWith(u"\x1b[97;40m") && coloured.first().endsWith(u"\x1b[0m"));
        QCOMPARE(coloured.first().mid(8, lines.first().size()), lines.first());
    }

    void nothingOrTooMuchIsSaid()
    {
        QVERIFY(!QrCode::encode({}).ok());
        QVERIFY(!QrCode::encode(QByteArray(3000, 'a')).ok());
        QVERIFY(QrCode::encode(QByteArray(3000, 'a')).problem.contains(u"too long"));
        QVERIFY(QrCode::encode(QByteArray(3000, 'a')).halfBlocks().isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_QrCode)
#include "tst_qrcode.moc"
