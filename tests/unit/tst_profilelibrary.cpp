// The saved profiles as both faces find them: seeding a first start, lookups by name, free names, and a demo
// issuer that is this run's only.
#include "profiles/ProfileLibrary.h"
#include "profiles/ProfileStore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace oauth2dbg;

class tst_ProfileLibrary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aFirstStartIsSeededOnlyWhenAsked();
    void namesMatchWithoutCase();
    void freeNamesCountUp();
    void theDemoIssuerIsThisRunsOnly();

private:
    [[nodiscard]] QString path() const { return m_dir.filePath(QStringLiteral("profiles.json")); }
    [[nodiscard]] QByteArray file() const
    {
        QFile f(path());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static Profile make(const QString& name)
    {
        Profile p;
        p.id = name.toLower();
        p.name = name;
        p.issuer = QStringLiteral("https://login.example.com");
        p.clientId = QStringLiteral("app");
        return p;
    }
    QTemporaryDir m_dir;
};

void tst_ProfileLibrary::aFirstStartIsSeededOnlyWhenAsked()
{
    QFile::remove(path());
    {
        ProfileStore store(path());
        ProfileLibrary library(&store);
        const ProfileLibrary::Loaded loaded = library.load(false); // the command line: reads, never writes
        QVERIFY(!loaded.error.isError());
        QVERIFY(library.profiles().isEmpty());
        QVERIFY(!QFile::exists(path()));
        QVERIFY(library.findByName(QStringLiteral("local DEMO")).has_value()); // there all the same
    }
    ProfileStore store(path());
    ProfileLibrary library(&store);
    QVERIFY(!library.load(true).error.isError());
    QCOMPARE(library.profiles().size(), 1);
    QVERIFY(file().contains("\"id\": \"local-demo\""));
}

void tst_ProfileLibrary::namesMatchWithoutCase()
{
    QFile::remove(path());
    ProfileStore store(path());
    ProfileLibrary library(&store);
    (void)library.load(false);
    library.edit() << make(QStringLiteral("Staging"));
    QVERIFY(!library.save().isError());
    QCOMPARE(library.findByName(QStringLiteral("staging"))->id, QStringLiteral("staging"));
    QVERIFY(!library.findByName(QStringLiteral("Stage")).has_value());
    QVERIFY(library.nameTaken(QStringLiteral("STAGING")));
    QVERIFY(!library.nameTaken(QStringLiteral("STAGING"), QStringLiteral("staging"))); // its own name
    QCOMPARE(library.byId(QStringLiteral("staging"))->name, QStringLiteral("Staging"));
    QCOMPARE(library.byId(QStringLiteral("nope")), nullptr);
}

void tst_ProfileLibrary::freeNamesCountUp()
{
    QFile::remove(path());
    ProfileStore store(path());
    ProfileLibrary library(&store);
    (void)library.load(false);
    const auto numbered = [](int n) {
        return QStringLiteral("New %1").arg(n);
    };
    QCOMPARE(library.freeName(QStringLiteral("New"), numbered), QStringLiteral("New"));
    library.edit() << make(QStringLiteral("new")) << make(QStringLiteral("New 2"));
    QCOMPARE(library.freeName(QStringLiteral("New"), numbered), QStringLiteral("New 3"));
}

void tst_ProfileLibrary::theDemoIssuerIsThisRunsOnly()
{
    // --demo-issuer points Local demo at a provider on another port for one run: saving any other change must
    // not write that port into the file, or the next start would look for a provider that is gone.
    QFile::remove(path());
    ProfileStore store(path());
    ProfileLibrary library(&store);
    QVERIFY(!library.load(true).error.isError());
    const QString saved = library.profiles().first().issuer;
    const QString elsewhere = QStringLiteral("http://127.0.0.1:45678");
    library.setDemoIssuer(elsewhere);
    QCOMPARE(library.findByName(QStringLiteral("Local demo"))->issuer, elsewhere);
    library.edit() << make(QStringLiteral("Other"));
    QVERIFY(!library.save().isError());
    QVERIFY2(file().contains(QStringLiteral("\"issuer\": \"%1\"").arg(saved).toUtf8()), file().constData());
    QVERIFY(!file().contains(elsewhere.toUtf8()));
    QCOMPARE(library.byId(QString::fromLatin1(Profile::kDemoId))->issuer, elsewhere); // still this run's
    QCOMPARE(library.profiles().size(), 2);

    // The user saved the demo profile with another issuer of their own: that one is written.
    const QString chosen = QStringLiteral("http://127.0.0.1:9999");
    library.edit()[library.indexOf(QString::fromLatin1(Profile::kDemoId))].issuer = chosen;
    QVERIFY(!library.save().isError());
    QVERIFY(file().contains(chosen.toUtf8()));
}

QTEST_GUILESS_MAIN(tst_ProfileLibrary)
#include "tst_profilelibrary.moc"
