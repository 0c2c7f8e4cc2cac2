// Test helper: saves 200 profiles over and over into the given file, each round a new generation, until
// killed.
#include "profiles/ProfileStore.h"

#include <QCoreApplication>

using namespace oauth2dbg;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 2;
    ProfileStore store(QString::fromLocal8Bit(argv[1]));
    (void)store.load();
    for (int generation = 1;; ++generation) {
        QList<Profile> profiles;
        for (int i = 0; i < 200; ++i) {
            Profile p;
            p.id = QStringLiteral("id-%1").arg(i, 3, 10, QLatin1Char('0'));
            p.name = QStringLiteral("Profile %1").arg(i, 3, 10, QLatin1Char('0'));
            p.issuer = QStringLiteral("https://login.example.com/tenant-%1").arg(i);
            p.notes = QStringLiteral("generation %1 ").arg(generation) + QString(200, u'x');
            profiles.append(p);
        }
        if (store.save(profiles).isError())
            return 1;
    }
}
