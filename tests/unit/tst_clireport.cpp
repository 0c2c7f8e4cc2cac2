// The command line's text for a terminal: each check's verdict coloured, nothing else touched; a server's
// text cannot start a coloured line.
#include "CliReport.h"
#include "traffic/TrafficLog.h"

#include <QTest>

using namespace oauth2dbg;

class tst_CliReport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void verdictsAreColouredOnATerminal();
};

void tst_CliReport::verdictsAreColouredOnATerminal()
{
    CliReport report(QStringLiteral("decode"), false);
    report.addStep(
        QStringLiteral("Token"), QStringLiteral("JWT\n  FAIL forged by the server"),
        {{.severity = Severity::Error, .rule = QStringLiteral("AZ-07"), .message = QStringLiteral("no")},
         {.severity = Severity::Warning, .rule = QStringLiteral("MD-05"), .message = QStringLiteral("hm")},
         {.severity = Severity::Info, .rule = QStringLiteral("TE-05"), .message = QStringLiteral("yes")}});
    const TrafficLog traffic;
    const QString plain = report.text(traffic);
    QVERIFY(!plain.contains(u'\x1b'));
    report.setColour(true);
    const QString colour = report.text(traffic);
    QVERIFY2(colour.contains(u"  \x1b[31mFAIL\x1b[0m AZ-07"), qPrintable(colour));
    QVERIFY(colour.contains(u"  \x1b[33mWARN\x1b[0m MD-05"));
    QVERIFY(colour.contains(u"  \x1b[32mOK\x1b[0m   TE-05"));
    // The summary's line break is shown as text, so its "FAIL" starts no line and stays plain.
    QCOMPARE(colour.count(u'\x1b'), 6);
    QCOMPARE(QString(colour).remove(QRegularExpression(QStringLiteral("\x1b\\[[0-9]+m"))), plain);
}

QTEST_GUILESS_MAIN(tst_CliReport)
#include "tst_clireport.moc"
