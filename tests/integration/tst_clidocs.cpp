// The command line's documentation agrees with the command line: every option and command that --help names
// is in the man page and offered by the bash completion.
#include "CliProcess.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class tst_CliDocs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyOptionIsDocumentedAndCompleted();

private:
    [[nodiscard]] static QByteArray source(const QString& path);
    [[nodiscard]] static QSet<QString> options(const QString& text);
};

QByteArray tst_CliDocs::source(const QString& path)
{
    QFile file(QStringLiteral(OAUTH2DBG_SOURCE_DIR "/") + path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QSet<QString> tst_CliDocs::options(const QString& text)
{
    static const QRegularExpression option(QStringLiteral(R"((?<![\w-])--[a-z][a-z-]*[a-z])"));
    QSet<QString> found;
    for (auto it = option.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

void tst_CliDocs::everyOptionIsDocumentedAndCompleted()
{
    QTemporaryDir config;
    const CliRun help = runCli({QStringLiteral("--help")}, config.path());
    QCOMPARE(help.exitCode, 0);
    const QString helpText = QString::fromUtf8(help.out + help.err);
    const QSet<QString> named = options(helpText);
    QVERIFY2(named.size() > 20 && named.contains(QStringLiteral("--client-cert-file")), qPrintable(helpText));
    // The man page writes a dash as \-.
    const QString man = QString::fromUtf8(source(QStringLiteral("installer/linux/oauth2-debugger.1")))
                            .replace(QStringLiteral("\\-"), QStringLiteral("-"));
    const QString completion =
        QString::fromUtf8(source(QStringLiteral("installer/linux/oauth2-debugger.bash")));
    QVERIFY(!man.isEmpty() && !completion.isEmpty());
    QStringList missing;
    for (const QString& name : named) {
        if (!options(man).contains(name))
            missing << name + u" (man page)";
        if (!options(completion).contains(name))
            missing << name + u" (completion)";
    }
    // The commands: the first word of each usage line.
    static const QRegularExpression usage(QStringLiteral(R"(^\s+oauth2-debugger ([a-z]+))"),
                                          QRegularExpression::MultilineOption);
    for (auto it = usage.globalMatch(helpText); it.hasNext();) {
        const QString command = it.next().captured(1);
        if (!completion.contains(u' ' + command + u' ') && !completion.contains(u'"' + command + u' '))
            missing << command + u" (completion's commands)";
        if (!man.contains(u"oauth2-debugger " + command))
            missing << command + u" (man page synopsis)";
    }
    missing.sort();
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
}

QTEST_GUILESS_MAIN(tst_CliDocs)
#include "tst_clidocs.moc"
