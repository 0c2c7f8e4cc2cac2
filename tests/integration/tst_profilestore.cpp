#include "profiles/ProfileStore.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace oauth2dbg;

namespace {
Profile make(const QString& name, const QString& issuer = QStringLiteral("https://login.example.com"))
{
    Profile p;
    p.name = name;
    p.issuer = issuer;
    p.clientId = name.toLower().replace(u' ', u'-');
    return p;
}

QByteArray contents(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void put(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}
} // namespace

class tst_ProfileStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTripSortedWithIds();
    void stableBytesDiffWell();
    void corruptFileIsSetAside();
    void newerSchemaIsSetAside();
    void migratesAnOlderDocument();
    void twoInstancesMergeTheirChanges();
    void survivesSigkillDuringSave();
    void fullDiskLeavesTheFileAlone_data();
    void fullDiskLeavesTheFileAlone();

private:
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_ProfileStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("profiles.json"));
}

void tst_ProfileStore::roundTripSortedWithIds()
{
    ProfileStore store(m_path);
    QVERIFY(store.load().profiles.isEmpty());
    QVERIFY(!store
                 .save({make(QStringLiteral("Staging")), make(QStringLiteral("dev")),
                        make(QStringLiteral("Prod"))})
                 .isError());
    const ProfileStore::Loaded loaded = ProfileStore(m_path).load();
    QVERIFY(loaded.warning.isEmpty());
    QCOMPARE(loaded.profiles.size(), 3);
    QCOMPARE(loaded.profiles.at(0).name, QStringLiteral("dev")); // by name, case-insensitively
    QCOMPARE(loaded.profiles.at(1).name, QStringLiteral("Prod"));
    QCOMPARE(loaded.profiles.at(2).name, QStringLiteral("Staging"));
    for (const Profile& p : loaded.profiles)
        QVERIFY(!p.id.isEmpty());
    const QByteArray text = contents(m_path);
    QVERIFY(text.startsWith("{\n"));
    QVERIFY(text.contains("\"schema\": 1"));
    QVERIFY(!text.contains("secret\":")); // the document has no place for secrets
}

void tst_ProfileStore::stableBytesDiffWell()
{
    ProfileStore store(m_path);
    (void)store.load();
    Profile a = make(QStringLiteral("A"));
    a.id = QStringLiteral("a");
    Profile b = make(QStringLiteral("B"));
    b.id = QStringLiteral("b");
    QVERIFY(!store.save({b, a}).isError());
    const QByteArray first = contents(m_path);
    QVERIFY(!store.save({a, b}).isError());
    QCOMPARE(contents(m_path), first);
}

void tst_ProfileStore::corruptFileIsSetAside()
{
    put(m_path, "{\"schema\": 1, \"profiles\": [ {\"name\": ");
    const QByteArray original = contents(m_path);
    ProfileStore store(m_path);
    const ProfileStore::Loaded loaded = store.load();
    QVERIFY(loaded.profiles.isEmpty());
    QVERIFY2(loaded.warning.contains(u"not valid JSON") && loaded.warning.contains(u"kept untouched"),
             qPrintable(loaded.warning));
    const QStringList aside = QDir(m_dir->path()).entryList({QStringLiteral("profiles.json.unreadable-*")});
    QCOMPARE(aside.size(), 1);
    QCOMPARE(contents(m_dir->filePath(aside.first())), original);
    QVERIFY(!QFile::exists(m_path));
    QVERIFY(!store.save({make(QStringLiteral("Fresh"))}).isError()); // and life goes on
}

void tst_ProfileStore::newerSchemaIsSetAside()
{
    put(m_path, "{\"schema\": 99, \"profiles\": []}");
    const ProfileStore::Loaded loaded = ProfileStore(m_path).load();
    QVERIFY2(loaded.warning.contains(u"newer version (schema 99"), qPrintable(loaded.warning));
    QCOMPARE(QDir(m_dir->path()).entryList({QStringLiteral("profiles.json.newer-*")}).size(), 1);
}

void tst_ProfileStore::migratesAnOlderDocument()
{
    put(m_path, "[{\"name\": \"Old\", \"issuer\": \"https://old.example.com\", \"clientId\": \"c\"}]");
    ProfileStore store(m_path);
    const ProfileStore::Loaded loaded = store.load();
    QVERIFY(loaded.warning.isEmpty());
    QCOMPARE(loaded.profiles.size(), 1);
    QVERIFY(!loaded.profiles.first().id.isEmpty());
    QVERIFY(!store.save(loaded.profiles).isError());
    QVERIFY(contents(m_path).contains("\"schema\": 1"));
    QCOMPARE(ProfileStore(m_path).load().profiles.first().id, loaded.profiles.first().id);
}

void tst_ProfileStore::twoInstancesMergeTheirChanges()
{
    {
        ProfileStore seed(m_path);
        (void)seed.load();
        QVERIFY(!seed.save({make(QStringLiteral("One")), make(QStringLiteral("Two")),
                            make(QStringLiteral("Three"))})
                     .isError());
    }
    ProfileStore a(m_path);
    ProfileStore b(m_path);
    QList<Profile> inA = a.load().profiles; // One, Three, Two
    QList<Profile> inB = b.load().profiles;
    inA[0].notes = QStringLiteral("edited in A");            // One
    inA.removeAt(1);                                         // Three, deleted in A
    inB[2].issuer = QStringLiteral("https://b.example.com"); // Two, edited in B
    inB.append(make(QStringLiteral("Four")));                // added in B
    QVERIFY(!a.save(inA).isError());
    QVERIFY(!b.save(inB).isError()); // B did not touch One or Three: A's edit and deletion stand
    const QList<Profile> merged = ProfileStore(m_path).load().profiles;
    QStringList names;
    for (const Profile& p : merged)
        names << p.name;
    QCOMPARE(names, QStringList({QStringLiteral("Four"), QStringLiteral("One"), QStringLiteral("Two")}));
    QCOMPARE(merged.at(1).notes, QStringLiteral("edited in A"));
    QCOMPARE(merged.at(2).issuer, QStringLiteral("https://b.example.com"));
}

void tst_ProfileStore::survivesSigkillDuringSave()
{
#ifdef Q_OS_UNIX
    const QString writer = qEnvironmentVariable("OAUTH2DBG_PROFILE_WRITER");
    QVERIFY(QFile::exists(writer));
    int complete = 0;
    for (int round = 0; round < 15; ++round) {
        QProcess process;
        process.start(writer, {m_path});
        QVERIFY(process.waitForStarted());
        // After its first whole save (however slow a sanitizer makes it), at a random point of the next ones.
        QVERIFY2(process.waitForReadyRead(30'000), "the writer never completed a save");
        QTest::qWait(QRandomGenerator::global()->bounded(150));
        ::kill(static_cast<pid_t>(process.processId()), SIGKILL);
        QVERIFY(process.waitForFinished(5000));
        const ProfileStore::Loaded loaded = ProfileStore(m_path).load();
        QVERIFY2(loaded.warning.isEmpty(), qPrintable(loaded.warning)); // never a torn file
        QCOMPARE(loaded.profiles.size(), 200); // a whole generation: the first save had finished
        const QString generation = loaded.profiles.first().notes.section(u' ', 0, 1);
        for (const Profile& p : loaded.profiles)
            QCOMPARE(p.notes.section(u' ', 0, 1), generation); // one whole generation, not a mix
        ++complete;
    }
    QVERIFY2(complete > 0, "the writer never completed a save; the test proved nothing");
    qInfo("%d of 15 kills left a complete earlier generation; none left a torn file", complete);
#else
    QSKIP("SIGKILL is a Unix signal");
#endif
}

void tst_ProfileStore::fullDiskLeavesTheFileAlone_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("profiles.json through ProfileStore") << QStringLiteral("--once");
    QTest::newRow("any file through SafeFile") << QStringLiteral("--raw");
    QTest::newRow("settings.ini through SettingsFile") << QStringLiteral("--settings");
}

// A real full disk: a 64 KiB tmpfs in a private mount namespace, filled up to 4 KiB free, then a save of
// about 12 KiB — less than the 16 KiB that Qt's file buffer holds back until commit(), where a short write
// used to go unnoticed and a truncated file replaced the good one. The original must survive byte for byte,
// and no partial copy may be left beside it.
void tst_ProfileStore::fullDiskLeavesTheFileAlone()
{
#ifdef Q_OS_LINUX
    QFETCH(QString, mode);
    const QString writer = qEnvironmentVariable("OAUTH2DBG_PROFILE_WRITER");
    QVERIFY(QFile::exists(writer));
    QList<Profile> few;
    for (int i = 0; i < 5; ++i)
        few << make(QStringLiteral("Kept %1").arg(i));
    QVERIFY(!ProfileStore(m_path).save(few).isError());
    const QByteArray original = contents(m_path);
    QVERIFY(original.size() > 500);
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("small")));
    const QString script = QStringLiteral(
        "set -e; dir=$1; mount -t tmpfs -o size=64k tmpfs \"$dir/small\"; "
        "cp \"$dir/profiles.json\" \"$dir/small/profiles.json\"; "
        "cat /dev/zero > \"$dir/small/filler\" 2>/dev/null || true; truncate -s -4096 \"$dir/small/filler\"; "
        "set +e; case \"$3\" in --raw) \"$2\" \"$dir/small/profiles.json\" --raw 12288;; "
        "--settings) \"$2\" \"$dir/small/profiles.json\" --settings 12;; "
        "*) \"$2\" \"$dir/small/profiles.json\" --once;; esac; echo $? > \"$dir/rc\"; "
        "cp \"$dir/small/profiles.json\" \"$dir/after.json\"; ls -A \"$dir/small\" > \"$dir/listing\"");
    QProcess run;
    run.start(QStringLiteral("unshare"),
              {QStringLiteral("--user"), QStringLiteral("--map-root-user"), QStringLiteral("--mount"),
               QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), m_dir->path(),
               writer, mode});
    if (!run.waitForStarted() || !run.waitForFinished(60'000) ||
        !QFile::exists(m_dir->filePath(QStringLiteral("rc"))))
        QSKIP(qPrintable(QStringLiteral("no private tmpfs here (unshare/mount): %1")
                             .arg(QString::fromLocal8Bit(run.readAllStandardError()))));
    QCOMPARE(contents(m_dir->filePath(QStringLiteral("rc"))).trimmed(), QByteArray("1")); // the save said no
    QVERIFY2(run.readAllStandardError().contains("was not changed"), "the failure was not explained");
    QCOMPARE(contents(m_dir->filePath(QStringLiteral("after.json"))), original); // byte for byte
    QCOMPARE(contents(m_dir->filePath(QStringLiteral("listing"))), QByteArray("filler\nprofiles.json\n"));
#else
    QSKIP("tmpfs and mount namespaces are Linux's");
#endif
}

QTEST_GUILESS_MAIN(tst_ProfileStore)
#include "tst_profilestore.moc"
