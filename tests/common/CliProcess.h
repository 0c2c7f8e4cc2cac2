#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QStringList>

// The command-line twin run as a user runs it: the real executable (OAUTH2DBG_APP), no display, saved
// profiles from `configHome` (never the user's own), stdin from `input`.
struct CliRun {
    int exitCode = -1; // -1: it crashed or did not end within a minute
    QByteArray out;
    QByteArray err;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    [[nodiscard]] QString firstErrorLine() const { return QString::fromUtf8(err.left(err.indexOf('\n'))); }
};

// The messages of every check with identifier `rule` in a --json report's steps, in order.
[[nodiscard]] QStringList checkMessages(const QJsonObject& report, const QString& rule);

[[nodiscard]] CliRun runCli(const QStringList& arguments, const QString& configHome,
                            const QProcessEnvironment& extra = {}, const QByteArray& input = {});

// Every file under `directory` (hidden ones too, at any depth), one after the other: what a test greps for a
// secret that must not be there.
[[nodiscard]] QByteArray filesUnder(const QString& directory);
