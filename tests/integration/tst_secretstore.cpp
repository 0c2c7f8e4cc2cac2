#include "profiles/ProfileSecrets.h"
#include "profiles/SecretStore.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace oauth2dbg;

namespace {
// Runs one asynchronous call (SecretStore or ProfileSecrets) and waits for its answer.
template <typename Result, typename Call>
Result awaitAnswer(QObject* context, Call call)
{
    std::optional<Result> result;
    call(context, [&result](const Result& r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15'000))
        return Result{.message = QStringLiteral("no answer within 15 s")};
    return result.value_or(Result{});
}

template <typename Call>
SecretStoreResult await(QObject* context, Call call)
{
    return awaitAnswer<SecretStoreResult>(context, call);
}

template <typename Call>
SecretState awaitState(QObject* context, Call call)
{
    return awaitAnswer<SecretState>(context, call);
}

// What secret-tool (the Secret Service's own command line) lists for a service.
QByteArray secretToolListing(const QString& service)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
               {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"), service});
    if (!tool.waitForFinished(10'000))
        return "secret-tool did not finish";
    return tool.readAllStandardOutput() + tool.readAllStandardError();
}

// A keychain service of the test's own and ProfileSecrets over it, with its plain file in a scratch
// directory.
struct Scratch {
    explicit Scratch(const QString& service)
        : store(service)
        , secrets(&store, dir.filePath(QStringLiteral("plain.json")))
    {}
    QTemporaryDir dir;
    SecretStore store;
    ProfileSecrets secrets;
};

Profile profileNamed(const QString& name)
{
    Profile p;
    p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    p.name = name;
    return p;
}
} // namespace

class tst_SecretStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void readMissing();
    void probeFindsKeychain();
    void unavailableWithoutDBus();
    void profileSecretsFollowTheId();
    void entriesAreBoundToTheirProfile();
    void lockedKeychain();
    void duplicateGetsTheClientSecret();
    void inMemoryWithoutKeychain();
    void plainFileOnlyWhenTheProfileAllowsIt();

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
    const QByteArray listing = secretToolListing(m_service);
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

void tst_SecretStore::profileSecretsFollowTheId()
{
    Scratch scratch(m_service);
    ProfileSecrets& secrets = scratch.secrets;
    Profile profile = profileNamed(QStringLiteral("Staging"));
    profile.keepRefreshToken = true;
    const Secret clientSecret(QByteArray("s3cret: with % and +"));
    const Secret refreshToken(QByteArray("rt-0123456789"));

    using Kind = ProfileSecrets::Kind;
    SecretState s = awaitState(this, [&](QObject* c, auto done) {
        secrets.store(profile, Kind::ClientSecret, clientSecret, c, done);
    });
    QCOMPARE(s.where, SecretState::Where::Keychain);
    s = awaitState(this, [&](QObject* c, auto done) {
        secrets.store(profile, Kind::RefreshToken, refreshToken, c, done);
    });
    QCOMPARE(s.where, SecretState::Where::Keychain);
    const QByteArray listing = secretToolListing(m_service);
    QVERIFY2(listing.contains(ProfileSecrets::keyFor(profile.id, Kind::ClientSecret).toUtf8()),
             listing.constData());
    QVERIFY2(listing.contains(ProfileSecrets::keyFor(profile.id, Kind::RefreshToken).toUtf8()),
             listing.constData());

    // A rename changes the name, never the id: the entries stay with the profile.
    profile.name = QStringLiteral("Staging (EU)");
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(profile, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::Keychain);
    QCOMPARE(s.secret, clientSecret);
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(profile, Kind::RefreshToken, c, done); });
    QCOMPARE(s.secret, refreshToken);

    // Deleting the profile takes both entries out of the keychain.
    s = awaitState(this, [&](QObject* c, auto done) { secrets.removeAll(profile, c, done); });
    QCOMPARE(s.where, SecretState::Where::Nowhere);
    QVERIFY(!secretToolListing(m_service).contains(profile.id.toUtf8()));
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(profile, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::Nowhere);
    QVERIFY(!s.found());
    QVERIFY(!QFile::exists(secrets.plainFilePath())); // never used while the keychain works
}

// An id is no key: a profile that names the same id with another endpoint, issuer or client (an export
// someone edited, an import that replaced it) gets nothing, and the stored value says what it belongs to.
void tst_SecretStore::entriesAreBoundToTheirProfile()
{
    Scratch scratch(m_service);
    ProfileSecrets& secrets = scratch.secrets;
    using Kind = ProfileSecrets::Kind;
    Profile mine = profileNamed(QStringLiteral("Bound"));
    mine.issuer = QStringLiteral("https://login.example.com");
    mine.clientId = QStringLiteral("bound-client");
    const Secret clientSecret(QByteArray("bound-s3cret"));
    SecretState s = awaitState(
        this, [&](QObject* c, auto done) { secrets.store(mine, Kind::ClientSecret, clientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::Keychain);
    // The raw entry is the secret with its binding, not the bare secret.
    SecretStore raw(m_service);
    const SecretStoreResult stored = await(this, [&](QObject* c, auto done) {
        raw.read(ProfileSecrets::keyFor(mine.id, Kind::ClientSecret), c, done);
    });
    QVERIFY(stored.ok());
    QVERIFY(stored.secret.reveal() != clientSecret.reveal());
    QVERIFY(stored.secret.reveal().contains(mine.issuer.toUtf8()));

    Profile otherEndpoint = mine;
    otherEndpoint.endpoints.insert(QStringLiteral("token_endpoint"),
                                   QStringLiteral("https://evil.example/token"));
    Profile otherIssuer = mine;
    otherIssuer.issuer = QStringLiteral("https://evil.example");
    Profile otherClient = mine;
    otherClient.clientId = QStringLiteral("someone-else");
    for (const Profile& borrower : {otherEndpoint, otherIssuer, otherClient}) {
        s = awaitState(this,
                       [&](QObject* c, auto done) { secrets.load(borrower, Kind::ClientSecret, c, done); });
        QCOMPARE(s.where, SecretState::Where::BoundElsewhere);
        QVERIFY(!s.found());
        QVERIFY2(s.message.contains(u"not used"), qPrintable(s.message));
    }
    // The user's own edit (the window calls rebind on save) takes the secret along.
    s = awaitState(this, [&](QObject* c, auto done) { secrets.rebind(mine, otherIssuer, c, done); });
    s = awaitState(this,
                   [&](QObject* c, auto done) { secrets.load(otherIssuer, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::Keychain);
    QCOMPARE(s.secret, clientSecret);
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(mine, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::BoundElsewhere);

    // An entry stored before bindings existed is taken once by the saved profile of its id, and bound to it.
    const Secret legacy(QByteArray("stored-bare"));
    (void)await(this, [&](QObject* c, auto done) {
        raw.write(ProfileSecrets::keyFor(mine.id, Kind::ClientSecret), legacy, c, done);
    });
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(mine, Kind::ClientSecret, c, done); });
    QCOMPARE(s.secret, legacy);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const SecretStoreResult now = await(this, [&](QObject* c, auto done) {
                raw.read(ProfileSecrets::keyFor(mine.id, Kind::ClientSecret), c, done);
            });
            return now.secret.reveal().contains("oauth2-debugger-secret");
        }(),
        5000);
    s = awaitState(this,
                   [&](QObject* c, auto done) { secrets.load(otherEndpoint, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::BoundElsewhere);
    (void)awaitState(this, [&](QObject* c, auto done) { secrets.removeAll(mine, c, done); });
}

void tst_SecretStore::lockedKeychain()
{
    Scratch scratch(m_service);
    ProfileSecrets& secrets = scratch.secrets;
    const Profile profile = profileNamed(QStringLiteral("Locked"));
    using Kind = ProfileSecrets::Kind;
    SecretState s = awaitState(this, [&](QObject* c, auto done) {
        secrets.store(profile, Kind::ClientSecret, Secret("before-the-lock"), c, done);
    });
    QCOMPARE(s.where, SecretState::Where::Keychain);
    // Lock the keyring the way a screen lock or "Lock keyring" does, through the Secret Service itself.
    QProcess lock;
    lock.start(QStringLiteral("dbus-send"),
               {QStringLiteral("--session"), QStringLiteral("--print-reply"),
                QStringLiteral("--dest=org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
                QStringLiteral("org.freedesktop.Secret.Service.Lock"),
                QStringLiteral("array:objpath:/org/freedesktop/secrets/collection/login")});
    QVERIFY(lock.waitForFinished(10'000));
    QVERIFY2(lock.exitCode() == 0, lock.readAllStandardError().constData());

    // Nobody can unlock it here (no prompt on this display): the user is told why, and can type it for now.
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(profile, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::Unavailable);
    QVERIFY(!s.found());
    QVERIFY2(s.message.contains(u"locked"), qPrintable(s.message));
    s = awaitState(this, [&](QObject* c, auto done) {
        secrets.store(profile, Kind::ClientSecret, Secret("typed-while-locked"), c, done);
    });
    QCOMPARE(s.where, SecretState::Where::ThisRunOnly);
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(profile, Kind::ClientSecret, c, done); });
    QCOMPARE(s.secret, Secret("typed-while-locked"));
}

void tst_SecretStore::duplicateGetsTheClientSecret()
{
    Scratch scratch(m_service);
    ProfileSecrets& secrets = scratch.secrets;
    const Profile original = profileNamed(QStringLiteral("Prod"));
    const Profile copy = profileNamed(QStringLiteral("Prod (2)"));
    using Kind = ProfileSecrets::Kind;
    SecretState s = awaitState(this, [&](QObject* c, auto done) {
        secrets.store(original, Kind::ClientSecret, Secret("prod-secret"), c, done);
    });
    QCOMPARE(s.where, SecretState::Where::Keychain);
    s = awaitState(this, [&](QObject* c, auto done) { secrets.copyClientSecret(original, copy, c, done); });
    QCOMPARE(s.where, SecretState::Where::Keychain);
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(copy, Kind::ClientSecret, c, done); });
    QCOMPARE(s.secret, Secret("prod-secret"));
    for (const Profile& p : {original, copy})
        awaitState(this, [&](QObject* c, auto done) { secrets.removeAll(p, c, done); });
    QVERIFY(!secretToolListing(m_service).contains("prod"));
}

void tst_SecretStore::inMemoryWithoutKeychain()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_EXPECT_NO_DBUS"))
        QSKIP("runs only as tst_secretstore.no_dbus");
    Scratch scratch(m_service);
    ProfileSecrets& secrets = scratch.secrets;
    const Profile profile = profileNamed(QStringLiteral("No keychain"));
    using Kind = ProfileSecrets::Kind;
    SecretState s = awaitState(this, [&](QObject* c, auto done) {
        secrets.store(profile, Kind::ClientSecret, Secret("typed-here"), c, done);
    });
    QCOMPARE(s.where, SecretState::Where::ThisRunOnly);
    QVERIFY2(s.message.contains(u"no D-Bus session") && s.message.contains(u"for this run only"),
             qPrintable(s.message));
    s = awaitState(this, [&](QObject* c, auto done) { secrets.load(profile, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::ThisRunOnly);
    QCOMPARE(s.secret, Secret("typed-here"));
    QVERIFY(!QFile::exists(secrets.plainFilePath()));
    QCOMPARE(QDir(scratch.dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());

    // Another run (a new object) has nothing: it was never written.
    ProfileSecrets nextRun(&scratch.store, secrets.plainFilePath());
    s = awaitState(this, [&](QObject* c, auto done) { nextRun.load(profile, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::Unavailable);
    QVERIFY(!s.found());
    QVERIFY2(s.message.contains(u"no D-Bus session"), qPrintable(s.message));
}

void tst_SecretStore::plainFileOnlyWhenTheProfileAllowsIt()
{
    if (qEnvironmentVariableIsEmpty("OAUTH2DBG_EXPECT_NO_DBUS"))
        QSKIP("runs only as tst_secretstore.no_dbus");
    Scratch scratch(m_service);
    ProfileSecrets& secrets = scratch.secrets;
    Profile profile = profileNamed(QStringLiteral("Allows a plain file"));
    profile.plainFileFallback = true;
    using Kind = ProfileSecrets::Kind;
    SecretState s = awaitState(this, [&](QObject* c, auto done) {
        secrets.store(profile, Kind::ClientSecret, Secret("on-disk-by-choice"), c, done);
    });
    QCOMPARE(s.where, SecretState::Where::PlainFile);
    QVERIFY2(s.message.contains(secrets.plainFilePath()), qPrintable(s.message));
    QFile file(secrets.plainFilePath());
    QCOMPARE(file.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    ProfileSecrets nextRun(&scratch.store, secrets.plainFilePath());
    s = awaitState(this, [&](QObject* c, auto done) { nextRun.load(profile, Kind::ClientSecret, c, done); });
    QCOMPARE(s.where, SecretState::Where::PlainFile);
    QCOMPARE(s.secret, Secret("on-disk-by-choice"));
    // Without the opt-in the same file is not consulted.
    profile.plainFileFallback = false;
    s = awaitState(this, [&](QObject* c, auto done) { nextRun.load(profile, Kind::ClientSecret, c, done); });
    QVERIFY(!s.found());

    s = awaitState(this, [&](QObject* c, auto done) { nextRun.removeAll(profile, c, done); });
    QVERIFY(!QFile::exists(secrets.plainFilePath()));
}

QTEST_GUILESS_MAIN(tst_SecretStore)
#include "tst_secretstore.moc"
