#include "common/VisibleText.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace oauth2dbg;

class tst_VisibleText : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void escapes_data();
    void escapes();
    void keepsLinesWhenAsked();
    void jsonStaysTheSameValues();
};

void tst_VisibleText::escapes_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain text and non-ASCII stay")
        << QStringLiteral("Grüße, 東京 ✔") << QStringLiteral("Grüße, 東京 ✔");
    QTest::newRow("clear screen") << QStringLiteral("\x1b[2J") << QStringLiteral("\\x1b[2J");
    QTest::newRow("OSC 52 clipboard write")
        << QStringLiteral("\x1b]52;c;ZXZpbA==\x07") << QStringLiteral("\\x1b]52;c;ZXZpbA==\\x07");
    QTest::newRow("OSC 8 link") << QStringLiteral("\x1b]8;;https://evil/\x1b\\")
                                << QStringLiteral("\\x1b]8;;https://evil/\\x1b\\");
    QTest::newRow("C1 CSI") << QString(QChar(0x9b)) + u"31m" << QStringLiteral("\\x9b31m");
    QTest::newRow("DEL and NUL") << QString(QChar(0x7f)) + QChar(0) << QStringLiteral("\\x7f\\x00");
    QTest::newRow("right-to-left override")
        << QString(QChar(0x202e)) + u"gnp.exe" << QStringLiteral("\\u202egnp.exe");
    QTest::newRow("isolates and marks")
        << QString(QChar(0x2066)) + QChar(0x2069) + QChar(0x200f) + QChar(0x061c)
        << QStringLiteral("\\u2066\\u2069\\u200f\\u061c");
    QTest::newRow("a newline forges no line")
        << QStringLiteral("bad\nOK   ID-01 fine\r") << QStringLiteral("bad\\nOK   ID-01 fine\\r");
    QTest::newRow("HTML is text, not markup") << QStringLiteral("<img src=file:///etc/hostname>")
                                              << QStringLiteral("<img src=file:///etc/hostname>");
}

void tst_VisibleText::escapes()
{
    QFETCH(QString, raw);
    QFETCH(QString, shown);
    QCOMPARE(VisibleText::escaped(raw), shown);
    QCOMPARE(VisibleText::needsEscaping(raw), raw != shown);
    QCOMPARE(VisibleText::escaped(raw.toUtf8()), shown);
}

void tst_VisibleText::keepsLinesWhenAsked()
{
    QCOMPARE(VisibleText::escaped(QStringLiteral("HTTP/1.1 200\r\n\tx\x1b\n"), VisibleText::Lines::Keep),
             QStringLiteral("HTTP/1.1 200\\r\n\tx\\x1b\n"));
}

void tst_VisibleText::jsonStaysTheSameValues()
{
    const QString hostile = QString(QChar(0x9b)) + QChar(0x202e) + u"\x1b]0;title\x07 and ü";
    const QByteArray json = QJsonDocument(QJsonObject{{QStringLiteral("v"), hostile}}).toJson();
    const QByteArray safe = VisibleText::jsonSafe(json);
    for (const char* raw : {"\x1b", "\x07", "\xc2\x9b", "\xe2\x80\xae"})
        QVERIFY2(!safe.contains(raw), safe.constData());
    QVERIFY(safe.contains("\\u202e") && safe.contains("\\u009b"));
    QCOMPARE(QJsonDocument::fromJson(safe).object().value(u"v").toString(), hostile);
}

QTEST_GUILESS_MAIN(tst_VisibleText)
#include "tst_visibletext.moc"
