// The check catalogue explains every rule identifier the product shows: each entry is whole, the shipped
// docs/checks.md is the catalogue's own text, and no source file emits an identifier the catalogue lacks.
#include "checks/CheckCatalogue.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace oauth2dbg;

class tst_CheckCatalogue : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyEntryIsWhole();
    void docsAreTheCatalogue();
    void everyEmittedIdentifierIsExplained();
    void compoundRulesAndCitations();
};

void tst_CheckCatalogue::everyEntryIsWhole()
{
    QSet<QString> seen;
    for (const CheckEntry& entry : CheckCatalogue::all()) {
        QVERIFY2(!seen.contains(entry.id), qPrintable(u"twice: " % entry.id));
        seen << entry.id;
        for (const QString& field : {entry.title, entry.spec, entry.meaning, entry.action})
            QVERIFY2(!field.trimmed().isEmpty(), qPrintable(u"incomplete: " % entry.id));
        QVERIFY(CheckCatalogue::find(entry.id) == &entry);
    }
    QVERIFY(seen.size() > 50);
}

void tst_CheckCatalogue::docsAreTheCatalogue()
{
    QFile docs(QStringLiteral(OAUTH2DBG_SOURCE_DIR "/docs/checks.md"));
    QVERIFY2(docs.open(QIODevice::ReadOnly), "docs/checks.md is shipped with the sources");
    // Regenerate with: oauth2-debugger checks --markdown > docs/checks.md
    QCOMPARE(QString::fromUtf8(docs.readAll()), CheckCatalogue::markdown());
}

void tst_CheckCatalogue::everyEmittedIdentifierIsExplained()
{
    // A rule is a string the engine gives a finding: an identifier (AZ-05) or a section cited on its own
    // ("RFC 7515 §6", "OIDC Core §3.1.3.7 (6)"). Every such literal in the engine and the command line must
    // be in the catalogue.
    const QRegularExpression identifier(QStringLiteral("\"([A-Z]{2}-\\d{2})\""));
    const QRegularExpression citation(QStringLiteral(
        "QStringLiteral\\(\"((?:RFC \\d+|OIDC [A-Za-z]+|OpenID Connect [A-Za-z]+)(?: §[0-9.]+)?)\"\\)"));
    QStringList missing;
    int seen = 0;
    for (const char* folder : {"/app/core", "/app/cli"}) {
        QDirIterator it(QStringLiteral(OAUTH2DBG_SOURCE_DIR) + QLatin1StringView(folder),
                        {QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains(u"/checks/"))
                continue; // the catalogue itself
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            for (const QRegularExpression* pattern : {&identifier, &citation}) {
                for (auto match = pattern->globalMatch(text); match.hasNext();) {
                    const QString rule = match.next().captured(1);
                    ++seen;
                    if (!CheckCatalogue::find(rule))
                        missing << rule % u" (" % path.section(u'/', -1) % u')';
                }
            }
        }
    }
    QVERIFY(seen > 100);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", ")));
    // The ID token's steps, numbered as OIDC Core §3.1.3.7 numbers them.
    for (int step = 1; step <= 13; ++step)
        QVERIFY(CheckCatalogue::find(QStringLiteral("OIDC Core §3.1.3.7 (%1)").arg(step)));
}

void tst_CheckCatalogue::compoundRulesAndCitations()
{
    QCOMPARE(CheckCatalogue::entriesFor(QStringLiteral("RFC 7515 §5.2; OIDC Core §3.1.3.7 (6)")).size(), 2);
    QVERIFY(CheckCatalogue::unknownIn(QStringLiteral("RFC 7515 §5.2; OIDC Core §3.1.3.7 (6)")).isEmpty());
    QCOMPARE(CheckCatalogue::unknownIn(QStringLiteral("ZZ-99")), QStringList{QStringLiteral("ZZ-99")});
    QCOMPARE(CheckCatalogue::citation(QStringLiteral("AZ-05")), QStringLiteral("RFC 9207 §2.4"));
    QVERIFY(CheckCatalogue::citation(QStringLiteral("RFC 7515 §6")).isEmpty()); // its name is its citation
    QVERIFY(CheckCatalogue::explanation(QStringLiteral("MD-02")).contains(u"If it fails:"));
}

QTEST_GUILESS_MAIN(tst_CheckCatalogue)
#include "tst_checkcatalogue.moc"
