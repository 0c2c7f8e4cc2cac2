// Same run, same verdicts: one authorization-code flow through the window (offscreen, the scripted browser)
// and the same one through the command line, on the same profile file, against the real provider. Every
// step's checklist must name the same rules with the same outcomes. The second row asks for what an ID token
// is held to beyond the defaults (max_age, acr_values) from a client whose ID tokens carry c_hash.
#include "AuthorizationOptionsForm.h"
#include "AuthorizationPanel.h"
#include "CliProcess.h"
#include "DiscoveryPanel.h"
#include "FindingsView.h"
#include "ProfileList.h"
#include "ProviderInfo.h"
#include "TokenInspector.h"
#include "TokenPanel.h"
#include "WindowFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListWidget>
#include <QTest>

using namespace oauth2dbg;

namespace {
using Checklist = QStringList; // "rule: outcome", in order

// The window's words for an outcome, as the command line's.
QString outcomeOf(const QString& shown)
{
    return shown == u"OK"        ? QStringLiteral("ok")
           : shown == u"Problem" ? QStringLiteral("fail")
           : shown == u"Warning" ? QStringLiteral("warn")
                                 : QStringLiteral("skip");
}

Checklist shownIn(const FindingsView* view)
{
    Checklist list;
    for (int i = 0; i < view->topLevelItemCount(); ++i)
        list << view->topLevelItem(i)->text(1) % u": " % outcomeOf(view->topLevelItem(i)->text(0));
    return list;
}
} // namespace

class tst_SameVerdicts : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void windowAndCommandLineAgree_data();
    void windowAndCommandLineAgree();

private:
    ProviderInfo m_provider;
    QTemporaryDir m_dir;
};

void tst_SameVerdicts::initTestCase()
{
    m_provider = ProviderInfo::load();
    QVERIFY2(m_provider.error.isEmpty(), qPrintable(m_provider.error));
    QVERIFY(QFile::exists(qEnvironmentVariable("OAUTH2DBG_APP")));
}

void tst_SameVerdicts::windowAndCommandLineAgree_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QJsonArray>("parameters");
    QTest::addColumn<QStringList>("mustShow"); // rules that this row proves both faces check
    QTest::addRow("defaults") << QStringLiteral("debugger-public") << QJsonArray{}
                              << QStringList{QStringLiteral("OIDC Core §3.1.3.7 (11): ok")};
    const auto parameter = [](const char* name, const char* value) {
        return QJsonObject{{QStringLiteral("name"), QLatin1StringView(name)},
                           {QStringLiteral("value"), QLatin1StringView(value)}};
    };
    // oidc-provider's sign-in names no acr: both faces must say so (a warning), not skip the rule.
    QTest::addRow("max_age, acr_values and c_hash")
        << QStringLiteral("debugger-hashes")
        << QJsonArray{parameter("max_age", "300"), parameter("acr_values", "urn:oauth2dbg:loa:1")}
        << QStringList{QStringLiteral("OIDC Core §3.1.3.7 (13): ok"),
                       QStringLiteral("OIDC Core §3.1.3.7 (12): warn"),
                       QStringLiteral("OIDC Core §3.3.2.11: ok")};
}

void tst_SameVerdicts::windowAndCommandLineAgree()
{
    QFETCH(QString, clientId);
    QFETCH(QJsonArray, parameters);
    QFETCH(QStringList, mustShow);
    const QString name = u"Same " % QString::fromLatin1(QTest::currentDataTag());
    const QString path = m_dir.filePath(clientId + u".json");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                             {QStringLiteral("issuer"), m_provider.issuer},
                                             {QStringLiteral("clientId"), clientId},
                                             {QStringLiteral("scopes"), QStringLiteral("openid email")},
                                             {QStringLiteral("authMethod"), QStringLiteral("none")},
                                             {QStringLiteral("localTestServer"), true},
                                             {QStringLiteral("authorizationParameters"), parameters}})
                       .toJson());
    }
    const QString browser = u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u";

    // The command line.
    const CliRun cli = runCli({QStringLiteral("flow"), QStringLiteral("authorization_code"),
                               QStringLiteral("--profile-file"), path, QStringLiteral("--browser"), browser,
                               QStringLiteral("--json")},
                              m_dir.filePath(QStringLiteral("config")));
    QVERIFY2(cli.exitCode == 0, cli.err.constData());
    QHash<QString, Checklist> fromCli;
    for (const QJsonValue& step : cli.json().value(u"steps").toArray()) {
        Checklist list;
        for (const QJsonValue& check : step.toObject().value(u"checks").toArray())
            list << check.toObject().value(u"rule").toString() % u": " %
                        check.toObject().value(u"result").toString();
        fromCli.insert(step.toObject().value(u"step").toString(), list);
    }

    // The window, on the same file.
    WindowFixture fixture(QStringLiteral("OAuth2 Debugger same-verdicts test"));
    MainWindow* window = fixture.open(m_provider.issuer);
    window->importFile(path);
    QListWidget* list = window->profileList()->listWidget();
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->text().startsWith(name))
            list->setCurrentRow(row);
    }
    QTRY_VERIFY2(window->windowTitle().startsWith(name), qPrintable(window->windowTitle()));
    AuthorizationPanel* authorization = window->authorizationPanel();
    window->showStep(authorization);
    authorization->options()->browserCommandEdit()->setText(browser);
    authorization->authorize();
    TokenInspector* id = window->tokenPanel()->idInspector();
    QTRY_VERIFY_WITH_TIMEOUT(id->verification().has_value(), 30'000);
    const QHash<QString, Checklist> fromWindow{
        {QStringLiteral("Discovery"), shownIn(window->discoveryPanel()->findingsView())},
        {QStringLiteral("Callback"), shownIn(authorization->checklist())},
        {QStringLiteral("Token"), shownIn(window->tokenPanel()->checksView())},
        {QStringLiteral("ID token"), shownIn(id->checksView())}};

    for (auto it = fromWindow.cbegin(); it != fromWindow.cend(); ++it) {
        QVERIFY2(!it.value().isEmpty(), qPrintable(it.key()));
        QCOMPARE(it.value(), fromCli.value(it.key()));
    }
    QVERIFY2(fromCli.value(QStringLiteral("Authorization request")).isEmpty(), "S256: nothing to warn about");
    for (const QString& rule : std::as_const(mustShow))
        QVERIFY2(fromCli.value(QStringLiteral("ID token")).contains(rule),
                 qPrintable(rule % u" in " % fromCli.value(QStringLiteral("ID token")).join(u", ")));
}

QTEST_MAIN(tst_SameVerdicts)
#include "tst_sameverdicts.moc"
