// Test helper: saves 200 profiles into the given file, each round a new generation, until killed; with
// --once, one round of 12, printing the error (if any) and exiting 1 when the save failed. With --raw N,
// writes N bytes with SafeFile instead (the writer every other file of the product uses).
#include "common/SafeFile.h"
#include "common/SettingsFile.h"
#include "profiles/ProfileStore.h"

#include <QCoreApplication>

#include <cstdio>

using namespace oauth2dbg;

namespace {
QList<Profile> generation(int number, int count = 200)
{
    QList<Profile> profiles;
    for (int i = 0; i < count; ++i) {
        Profile p;
        p.id = QStringLiteral("id-%1").arg(i, 3, 10, QLatin1Char('0'));
        p.name = QStringLiteral("Profile %1").arg(i, 3, 10, QLatin1Char('0'));
        p.issuer = QStringLiteral("https://login.example.com/tenant-%1").arg(i);
        p.notes = QStringLiteral("generation %1 ").arg(number) + QString(count < 200 ? 20 : 200, u'x');
        profiles.append(p);
    }
    return profiles;
}

int report(const EngineError& error)
{
    if (!error.isError())
        return 0;
    std::fprintf(stderr, "%s\n", qPrintable(error.message));
    return 1;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2)
        return 2;
    if (args.size() >= 4 && args.at(2) == u"--raw")
        return report(SafeFile::writeAtomically(args.at(1), QByteArray(args.at(3).toInt(), 'r')));
    if (args.size() >= 4 && args.at(2) == u"--settings") { // N keys of 1 KiB each, as settings.ini holds them
        SettingsFile::Values values;
        for (int i = 0; i < args.at(3).toInt(); ++i)
            values.append({QStringLiteral("window/key%1").arg(i), QString(1024, u'v')});
        return report(SettingsFile::update(args.at(1), values));
    }
    ProfileStore store(args.at(1));
    (void)store.load();
    if (args.size() >= 3 && args.at(2) == u"--once")
        return report(store.save(generation(2, 12))); // about 12 KiB: less than Qt's 16 KiB write buffer
    for (int number = 1;; ++number) {
        if (store.save(generation(number)).isError())
            return 1;
        std::printf("saved %d\n", number); // the test kills after the first whole save, at a random moment
        std::fflush(stdout);
    }
}
