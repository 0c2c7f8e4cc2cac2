#include "profiles/SecretStore.h"

#include <QProcess>
#include <QTest>
#include <QUuid>

using namespace oauth2dbg;

namespace {
// Runs one SecretStore call and waits for its answer.
template <typename Call>
SecretStoreResult await(QObject* context, Call call)
{
    std::optional<SecretStoreResult> result;
    call(context, [&result](const SecretStoreResult& r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15'000))
        return SecretStoreResult{.message = QStringLiteral("no answer within 15 s")};
    return result.value_or(SecretStoreResult{.message = QStringLiteral("no answer within 15 s")});
}
} // namespace

class tst_SecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void readMissing();
    void probeFindsKeychain();
    void unavailableWithoutDBus();

private:
    const QString m_service = u"OAuth2 Debugger test " % QUuid::createUuid().toString(QUuid::WithoutBraces);
};

void tst_SecretStore::roundTrip()
{
    SecretStore store(m_service);
    const QString key = QStringLiteral("profile/Local demo/client_secret");
    const Secret secret(QByteArray("p@ss:w+rd %/~ ünïcode"));

    SecretStoreResult r = await(this, [&](QObject* c, auto done) { store.write(key, secret, c, done); });
    QVERIFY2(r.ok(), qPrintable(r.message + u'\n' + r.detail));

    // It is in the real Secret Service, where secret-tool finds it under QtKeychain's schema.
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), m_service});
    QVERIFY(tool.waitForFinished(10'000));
    const QByteArray listing = tool.readAllStandardOutput() + tool.readAllStandardError();
    QVERIFY2(listing.contains("org.qt.keychain") || listing.contains(key.toUtf8()), listing.constData());

    r = await(this, [&](QObject* c, auto done) { store.read(key, c, done); });
    QVERIFY2(r.ok(), qPrintable(r.message));
    QCOMPARE(r.secret, secret);

    r = await(this, [&](QObject* c, auto done) { store.remove(key, c, done); });
    QVERIFY2(r.ok(), qPrintable(r.message));
    r = await(this, [&](QObject* c, auto done) { store.read(key, c, done); });
    QCOMPARE(r.status, SecretStoreResult::Status::NotFound);
}

void tst_SecretStore::readMissing()
{
    SecretStore store(m_service);
    const SecretStoreResult r =
        await(this, [&](QObject* c, auto done) { store.read(QStringLiteral("nope"), c, done); });
    QCOMPARE(r.status, SecretStoreResult::Status::NotFound);
    QVERIFY(r.secret.isEmpty());
    QVERIFY(!r.message.isEmpty());
}

void tst_SecretStore::probeFindsKeychain()
{
    SecretStore store(m_service);
    const SecretStoreResult r = await(this, [&](QObject* c, auto done) { store.probe(c, done); });
    QVERIFY2(r.ok(), qPrintable(r.message + u'\n' + r.detail));
}

void tst_SecretStore::unavailableWithoutDBus()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_EXPECT_NO_DBUS"))
        QSKIP("runs only as tst_secretstore.no_dbus, with the D-Bus session removed from the environment");
    QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
    SecretStore store(m_service);
    SecretStoreResult r = await(this, [&](QObject* c, auto done) { store.probe(c, done); });
    QCOMPARE(r.status, SecretStoreResult::Status::Unavailable);
    QVERIFY2(r.message.contains(u"no D-Bus session"), qPrintable(r.message));
    QVERIFY2(r.detail.startsWith(u"QtKeychain error"), qPrintable(r.detail));
    // Writing fails the same plain way, and nothing falls back to a file.
    r = await(this, [&](QObject* c, auto done) { store.write(QStringLiteral("k"), Secret("v"), c, done); });
    QCOMPARE(r.status, SecretStoreResult::Status::Unavailable);
}

QTEST_GUILESS_MAIN(tst_SecretStore)
#include "tst_secretstore.moc"
