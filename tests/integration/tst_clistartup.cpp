// What a command loads: the command line is a headless tool, so a run never maps Qt Widgets or Qt Gui, the
// keychain only once a secret has to come from it, and TLS only for an https request. Read from the dynamic
// loader's own account (LD_DEBUG=files), which names every library mapped at start and every one loaded
// later.
#include "CliProcess.h"
#include "ProviderInfo.h"
#include "profiles/Profile.h"
#include "profiles/ProfileStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace oauth2dbg;

class tst_CliStartup : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void commandsLoadNoWindow_data();
    void commandsLoadNoWindow();

private:
    // The file names the loader opened during the run.
    [[nodiscard]] static QStringList loaded(const QByteArray& err);

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_CliStartup::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
    // A saved confidential profile whose secret is nowhere: the command must ask the keychain for it.
    Profile saved;
    saved.id = QStringLiteral("9c0b3a52-0d6c-4a57-8f7e-3c5a0a0e1d21");
    saved.name = QStringLiteral("Saved basic");
    saved.issuer = m_provider.issuer;
    saved.clientId = m_provider.basicClient.value(u"client_id").toString();
    saved.clientType = QStringLiteral("confidential");
    saved.authMethod = QStringLiteral("client_secret_basic");
    saved.localTestServer = true;
    QVERIFY(!ProfileStore(m_dir.filePath(QStringLiteral("config/oauth2-debugger/profiles.json")))
                 .save({saved})
                 .isError());
    QFile file(m_dir.filePath(QStringLiteral("basic.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("basic")},
                                         {QStringLiteral("issuer"), m_provider.issuer},
                                         {QStringLiteral("clientId"), saved.clientId},
                                         {QStringLiteral("authMethod"), saved.authMethod},
                                         {QStringLiteral("localTestServer"), true}})
                   .toJson());
}

QStringList tst_CliStartup::loaded(const QByteArray& err)
{
    QStringList files;
    for (const QByteArray& line : err.split('\n')) {
        // "   12345:	file=libQt6Core.so.6 [0];  needed by ./oauth2-debugger [0]"
        const qsizetype at = line.indexOf("file=");
        if (at >= 0)
            files << QString::fromUtf8(line.mid(at + 5, line.indexOf(' ', at) - at - 5));
    }
    return files;
}

void tst_CliStartup::commandsLoadNoWindow_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("keychain");
    QTest::addColumn<int>("exitCode");
    const QString file = m_dir.filePath(QStringLiteral("basic.json"));
    QTest::addRow("--version") << QStringList{QStringLiteral("--version")} << false << 0;
    QTest::addRow("decode") << QStringList{QStringLiteral("decode"),
                                           QStringLiteral("eyJhbGciOiJub25lIn0.e30.")}
                            << false << 0;
    QTest::addRow("client credentials, secret from the environment")
        << QStringList{QStringLiteral("flow"),
                       QStringLiteral("client_credentials"),
                       QStringLiteral("--profile-file"),
                       file,
                       QStringLiteral("--client-secret-env"),
                       QStringLiteral("DBG_SECRET")}
        << false << 0;
    // No Secret Service on this bus-less run: the keychain is asked (and says so), the window still is not.
    QTest::addRow("saved profile, secret from the keychain")
        << QStringList{QStringLiteral("flow"), QStringLiteral("client_credentials"),
                       QStringLiteral("--profile"), QStringLiteral("Saved basic")}
        << true << 2;
}

void tst_CliStartup::commandsLoadNoWindow()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, keychain);
    QFETCH(int, exitCode);
    QProcessEnvironment env;
    env.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("files"));
    env.insert(QStringLiteral("DBG_SECRET"), m_provider.basicClient.value(u"client_secret").toString());
    env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
    const CliRun r = runCli(arguments, m_dir.filePath(QStringLiteral("config")), env);
    QCOMPARE(r.exitCode, exitCode);
    const QStringList files = loaded(r.err);
    QVERIFY2(files.contains(u"libQt6Core.so.6"), "the loader's account was read");
    for (const QString& f : files) {
        QVERIFY2(!f.contains(u"Qt6Widgets") && !f.contains(u"Qt6Gui") &&
                     !f.contains(u"oauth2-debugger-window"),
                 qPrintable(f));
        // Plain http to the local provider: no TLS backend, no libssl.
        QVERIFY2(!f.contains(u"plugins/tls") && !f.startsWith(u"libssl"), qPrintable(f));
    }
    const bool keychainLoaded = std::any_of(files.cbegin(), files.cend(),
                                            [](const QString& f) { return f.contains(u"qt6keychain"); });
    QCOMPARE(keychainLoaded, keychain);
}

QTEST_GUILESS_MAIN(tst_CliStartup)
#include "tst_clistartup.moc"
