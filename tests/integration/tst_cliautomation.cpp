// The command line as a CI citizen: --json carries a schema version and each token's header, claims and
// verdict as fields; decode - --each-line checks many tokens in one process, one JSON line each, in order.
#include "CliProcess.h"
#include "ProviderInfo.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

class tst_CliAutomation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void jsonCarriesTheTokensAsFields();
    void eachLineDecodesABatch();
    void eachLineRefusesWhatItCannotDo();
    void aNarrowedScopeIsSaid();
    void theRequestCheckShowsTheServersPage();

private:
    CliRun run(const QStringList& arguments, const QByteArray& input = {}) const
    {
        return runCli(arguments, m_dir.filePath(QStringLiteral("config")), {}, input);
    }
    // A profile for the public client, or for `clientId`.
    QString profileFile(const QString& scopes = QStringLiteral("openid email"),
                        const QString& clientId = {}) const;

    ProviderInfo m_provider;
    QTemporaryDir m_dir;
    QJsonObject m_flow; // one sign-in's --json document, tokens revealed
};

QString tst_CliAutomation::profileFile(const QString& scopes, const QString& clientId) const
{
    const QJsonObject profile{
        {QStringLiteral("name"), QStringLiteral("public")},
        {QStringLiteral("issuer"), m_provider.issuer},
        {QStringLiteral("clientId"),
         clientId.isEmpty() ? m_provider.publicClient.value(u"client_id").toString() : clientId},
        {QStringLiteral("scopes"), scopes},
        {QStringLiteral("authMethod"), QStringLiteral("none")},
        {QStringLiteral("localTestServer"), true}};
    const QString path = m_dir.filePath(QString(scopes).replace(u' ', u'-') + clientId + u".json");
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}

void tst_CliAutomation::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(m_dir.isValid());
    const CliRun r = run({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                          QStringLiteral("--profile-file"), profileFile(), QStringLiteral("--browser"),
                          u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u",
                          QStringLiteral("--json"), QStringLiteral("--reveal")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    m_flow = r.json();
}

void tst_CliAutomation::jsonCarriesTheTokensAsFields()
{
    QCOMPARE(m_flow.value(u"schemaVersion").toInt(), 1);
    // oidc-provider's metadata keeps response and grant types apart, and lists the grants it answers: no
    // MD-06 (the second server's is pinned in tst_secondserver).
    for (const QJsonValue& step : m_flow.value(u"steps").toArray())
        for (const QJsonValue& check : step.toObject().value(u"checks").toArray())
            QVERIFY2(check.toObject().value(u"rule").toString() != u"MD-06",
                     qPrintable(check.toObject().value(u"message").toString()));
    const QJsonObject decoded = m_flow.value(u"tokens").toObject().value(u"decoded").toObject();
    const QJsonObject id = decoded.value(u"id_token").toObject();
    QCOMPARE(id.value(u"kind").toString(), QStringLiteral("jws"));
    QCOMPARE(id.value(u"header").toObject().value(u"alg").toString(), QStringLiteral("RS256"));
    QCOMPARE(id.value(u"claims").toObject().value(u"sub").toString(), QStringLiteral("alice"));
    QCOMPARE(id.value(u"claims").toObject().value(u"iss").toString(), m_provider.issuer);
    const QJsonObject verdict = id.value(u"verification").toObject();
    QCOMPARE(verdict.value(u"verdict").toString(), QStringLiteral("verified"));
    QVERIFY(verdict.value(u"checks").toArray().size() >= 10);
    QCOMPARE(decoded.value(u"access_token").toObject().value(u"kind").toString(), QStringLiteral("opaque"));

    // decode --json: the same fields for the one token, masked output still holding no token.
    const QByteArray token = m_flow.value(u"tokens").toObject().value(u"id_token").toString().toLatin1();
    const CliRun r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--jwks"),
                          m_provider.issuer + u"/jwks", QStringLiteral("--json")},
                         token);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject json = r.json();
    QCOMPARE(json.value(u"schemaVersion").toInt(), 1);
    QCOMPARE(json.value(u"verification").toObject().value(u"verdict").toString(), QStringLiteral("verified"));
    QVERIFY(!r.out.contains(token));
}

void tst_CliAutomation::eachLineDecodesABatch()
{
    const QByteArray token = m_flow.value(u"tokens").toObject().value(u"id_token").toString().toLatin1();
    QList<QByteArray> parts = token.split('.');
    QByteArray payload = QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding);
    payload.replace("\"alice\"", "\"mallory\"");
    parts[1] = payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray forged = parts.join('.');
    QByteArray input;
    for (int i = 0; i < 200; ++i)
        input += token + '\n';
    input += "\n" + forged + "\r\nnot a token at all\n";

    const CliRun r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--each-line"),
                          QStringLiteral("--jwks"), m_provider.issuer + u"/jwks"},
                         input);
    QCOMPARE(r.exitCode, 1); // one forged, one that is no JWT at all
    QVERIFY2(r.err.startsWith("error: 2 of 202 token(s) did not verify"), r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 202);
    for (int i = 0; i < 200; ++i) {
        const QJsonObject line = QJsonDocument::fromJson(lines.at(i)).object();
        QCOMPARE(line.value(u"schemaVersion").toInt(), 1);
        QCOMPARE(line.value(u"line").toInt(), i + 1);
        QCOMPARE(line.value(u"verification").toObject().value(u"verdict").toString(),
                 QStringLiteral("verified"));
    }
    const QJsonObject forgedLine = QJsonDocument::fromJson(lines.at(200)).object();
    QCOMPARE(forgedLine.value(u"line").toInt(), 202); // the blank line counts: numbers are stdin's lines
    QCOMPARE(forgedLine.value(u"claims").toObject().value(u"sub").toString(), QStringLiteral("mallory"));
    QCOMPARE(forgedLine.value(u"verification").toObject().value(u"verdict").toString(),
             QStringLiteral("failed"));
    const QJsonObject garbage = QJsonDocument::fromJson(lines.at(201)).object();
    QCOMPARE(garbage.value(u"kind").toString(), QStringLiteral("opaque")); // what it is to a reader
    QCOMPARE(garbage.value(u"verification").toObject().value(u"verdict").toString(),
             QStringLiteral("failed"));
    QVERIFY(!r.out.contains(token)); // fields only, never the token

    // Without keys: decoded, not verified, and that is no failure.
    const CliRun plain = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--each-line")},
                             token + '\n' + token + '\n');
    QCOMPARE(plain.exitCode, 0);
    QCOMPARE(plain.out.count('\n'), 2);
    QVERIFY(!plain.out.contains("\"verification\""));
}

void tst_CliAutomation::eachLineRefusesWhatItCannotDo()
{
    CliRun r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--each-line")}, "\n\n");
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.startsWith("error: no token on stdin"), r.err.constData());
    r = run({QStringLiteral("decode"), QStringLiteral("abc.def.ghi"), QStringLiteral("--each-line")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("reads tokens from stdin"), r.err.constData());
    r = run({QStringLiteral("decode"), QStringLiteral("-"), QStringLiteral("--each-line"),
             QStringLiteral("--profile"), QStringLiteral("Local demo")},
            "x\n");
    QCOMPARE(r.exitCode, 2);
}

// TE-11: the demo provider grants only the scopes it knows; asked for one more, the token step says which
// was not granted (and the sign-in granted as asked says that too).
void tst_CliAutomation::aNarrowedScopeIsSaid()
{
    const auto te11 = [](const QJsonObject& report) {
        for (const QJsonValue& step : report.value(u"steps").toArray())
            for (const QJsonValue& check : step.toObject().value(u"checks").toArray())
                if (check.toObject().value(u"rule").toString() == u"TE-11")
                    return check.toObject();
        return QJsonObject();
    };
    QCOMPARE(te11(m_flow).value(u"result").toString(), QStringLiteral("ok"));
    const CliRun r = run(
        {QStringLiteral("flow"), QStringLiteral("authorization_code"), QStringLiteral("--profile-file"),
         profileFile(QStringLiteral("openid email admin")), QStringLiteral("--browser"),
         u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u", QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData()); // a narrower grant is a warning, not a failed sign-in
    const QJsonObject check = te11(r.json());
    QCOMPARE(check.value(u"result").toString(), QStringLiteral("warn"));
    QVERIFY2(check.value(u"message").toString().contains(u"not granted: admin"),
             qPrintable(check.value(u"message").toString()));
}

void tst_CliAutomation::theRequestCheckShowsTheServersPage()
{
    // oidc-provider answers an unknown client_id with a 400 page before any sign-in: its text, shown plain,
    // names the client, which comes first among the causes.
    const QString path = profileFile(QStringLiteral("openid"), QStringLiteral("nobody-registered"));
    const CliRun r = run({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                          QStringLiteral("--profile-file"), path, QStringLiteral("--check-request")});
    QCOMPARE(r.exitCode, 1);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY2(
        out.contains(
            u"FAIL AZ-12  The server refused the request before any sign-in: HTTP 400. Its page says:") &&
            out.contains(u"invalid_client"),
        qPrintable(out));
    QVERIFY2(
        out.contains(u"Likely cause 1 of 2: The server does not know the client_id \"nobody-registered\""),
        qPrintable(out));
    QVERIFY(!out.contains(u"<html"));
}

QTEST_GUILESS_MAIN(tst_CliAutomation)
#include "tst_cliautomation.moc"
