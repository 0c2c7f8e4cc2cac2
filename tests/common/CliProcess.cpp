#include "CliProcess.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QProcess>

CliRun runCli(const QStringList& arguments, const QString& configHome, const QProcessEnvironment& extra,
              const QByteArray& input)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // the twin needs no display
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    env.insert(extra);
    process.setProcessEnvironment(env);
    process.start(qEnvironmentVariable("OAUTH2DBG_APP"), arguments);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    CliRun result;
    if (!process.waitForFinished(60'000)) {
        process.kill();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QStringList checkMessages(const QJsonObject& report, const QString& rule)
{
    QStringList found;
    for (const QJsonValue& step : report.value(u"steps").toArray())
        for (const QJsonValue& check : step.toObject().value(u"checks").toArray())
            if (check.toObject().value(u"rule").toString() == rule)
                found << check.toObject().value(u"message").toString();
    return found;
}

QByteArray filesUnder(const QString& directory)
{
    QByteArray all;
    QDirIterator it(directory, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}
