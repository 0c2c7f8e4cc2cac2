// A run as the history keeps it: steps kept as they last were, parameters with secrets masked and per-run
// values replaced, a file that is outside input (never replaced when it cannot be read), and two runs
// compared.
#include "net/HttpExchange.h"
#include "session/RunComparison.h"
#include "session/RunHistory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace oauth2dbg;

namespace oauth2dbg {
// A difference as QCOMPARE prints it.
char* toString(const RunDifference& d)
{
    return QTest::toString(
        QStringLiteral("%1 | %2 | %3 | %4 -> %5").arg(int(d.kind)).arg(d.where, d.name, d.before, d.after));
}
} // namespace oauth2dbg

class tst_RunRecord : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stepsAreKeptAsTheyLastWere();
    void parametersHoldNoSecret();
    void aRecordSurvivesJson();
    void hostileEntriesAreRefused();
    void theHistoryIsWrittenAndReadBack();
    void anUnreadableHistoryIsNeverReplaced();
    void anUnreadableEntryIsKeptAsItWas();
    void twoRunsCompare();

private:
    static RunRecord sample()
    {
        RunRecord r{.id = QStringLiteral("run-1"),
                    .profileId = QStringLiteral("demo"),
                    .profileName = QStringLiteral("Local demo"),
                    .started = QDateTime(QDate(2026, 12, 2), QTime(10, 0), Qt::UTC)};
        r.apply({.kind = FlowStep::Kind::Discovery,
                 .status = FlowStep::Status::Ok,
                 .summary = QStringLiteral("9 endpoints"),
                 .checks = {{.severity = Severity::Info,
                             .rule = QStringLiteral("MD-01"),
                             .message = QStringLiteral("issuer")},
                            {.severity = Severity::Warning,
                             .rule = QStringLiteral("MD-05"),
                             .field = QStringLiteral("jwks_uri"),
                             .message = QStringLiteral("http")}},
                 .exchangeIds = {4},
                 .durationMs = 12});
        r.addParameters(
            QStringLiteral("Authorization request"),
            QStringLiteral("http://127.0.0.1/auth?scope=openid%20email&state=s3&code_challenge=c"));
        r.finish({.goal = FlowGoal::Discover}, r.started.addSecs(1));
        return r;
    }
    QTemporaryDir m_dir;
};

void tst_RunRecord::stepsAreKeptAsTheyLastWere()
{
    RunRecord r;
    r.apply({.kind = FlowStep::Kind::Discovery, .status = FlowStep::Status::Running, .interim = true});
    QVERIFY(r.steps.isEmpty()); // an interim state is the timeline's, not the record's
    r.apply({.kind = FlowStep::Kind::Discovery, .status = FlowStep::Status::Failed, .exchangeIds = {1}});
    r.apply({.kind = FlowStep::Kind::Discovery, .status = FlowStep::Status::Ok});
    r.apply({.kind = FlowStep::Kind::Callback, .status = FlowStep::Status::Ok});
    r.apply({.kind = FlowStep::Kind::Refresh, .status = FlowStep::Status::Ok});
    r.apply({.kind = FlowStep::Kind::Refresh, .status = FlowStep::Status::Warning});
    QCOMPARE(r.steps.size(), 4);
    QCOMPARE(r.steps.at(0).status, FlowStep::Status::Ok);
    QVERIFY(r.steps.at(0).exchangeIds.isEmpty());
    // A new authorization request: the callback of the last one is over.
    r.apply({.kind = FlowStep::Kind::Request, .status = FlowStep::Status::Ok});
    QCOMPARE(r.steps.size(), 4);
    QCOMPARE(r.steps.at(1).kind, FlowStep::Kind::Refresh);
    QCOMPARE(r.steps.constLast().kind, FlowStep::Kind::Request);
    QCOMPARE(r.status(), FlowStep::Status::Warning);
    r.finish({.goal = FlowGoal::Refresh,
              .step = FlowStep::Kind::Refresh,
              .error = {.kind = ErrorKind::Protocol, .message = QStringLiteral("invalid_grant")}},
             QDateTime::currentDateTimeUtc());
    QCOMPARE(r.status(), FlowStep::Status::Failed);
    QCOMPARE(r.outcome, QStringLiteral("Refresh: invalid_grant"));
    QCOMPARE(r.lastGoal, QStringLiteral("Refresh"));
    for (int i = 0; i < RunRecord::kMaxSteps + 5; ++i)
        r.apply({.kind = FlowStep::Kind::UserInfo, .status = FlowStep::Status::Ok});
    QCOMPARE(r.steps.size(), RunRecord::kMaxSteps);
}

void tst_RunRecord::parametersHoldNoSecret()
{
    RunRecord r;
    HttpExchange token{.method = "POST", .url = QUrl(QStringLiteral("http://127.0.0.1:3000/token?x=1"))};
    token.requestHeaders = {{"Content-Type", "application/x-www-form-urlencoded"}};
    token.requestBody =
        "grant_type=authorization_code&code=SECRETCODE&client_secret=s%2Bcret&code_verifier=VERIFIER"
        "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&scope=openid+email";
    r.addParameters(QStringLiteral("Authorization request"), QStringLiteral("http://h/auth?acr_values=a+b"));
    r.addParameters(QStringLiteral("Token"), token);
    r.addParameters(QStringLiteral("Authorization request"),
                    QStringLiteral("http://h/auth?client_id=app&state=ST4TE&nonce=N0NCE&code_challenge=CH"));
    const QByteArray json = QJsonDocument(r.toJson()).toJson();
    for (const char* secret : {"SECRETCODE", "s+cret", "s%2Bcret", "VERIFIER", "ST4TE", "N0NCE", "CH\""})
        QVERIFY2(!json.contains(secret), secret);
    const auto value = [&r](const QString& name) {
        for (const RunParameter& p : r.parameters) {
            if (p.name == name)
                return p.value;
        }
        return QStringLiteral("(absent)");
    };
    QCOMPARE(value(QStringLiteral("x")), QStringLiteral("1"));
    QCOMPARE(value(QStringLiteral("grant_type")), QStringLiteral("authorization_code"));
    QCOMPARE(value(QStringLiteral("redirect_uri")), QStringLiteral("http://127.0.0.1/cb"));
    QCOMPARE(value(QStringLiteral("scope")), QStringLiteral("openid email"));
    QVERIFY(value(QStringLiteral("client_secret")).contains(u"hidden"));
    QCOMPARE(value(QStringLiteral("state")), QStringLiteral("(new each run)"));
    QCOMPARE(value(QStringLiteral("client_id")), QStringLiteral("app"));
    QCOMPARE(value(QStringLiteral("acr_values")), QStringLiteral("a b")); // '+' is a space in a query too
}

void tst_RunRecord::aRecordSurvivesJson()
{
    const RunRecord r = sample();
    QString error;
    const std::optional<RunRecord> back = RunRecord::fromJson(r.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->id, r.id);
    QCOMPARE(back->profileName, r.profileName);
    QCOMPARE(back->started, r.started);
    QCOMPARE(back->finished, r.finished);
    QCOMPARE(back->lastGoal, QStringLiteral("Discover"));
    QVERIFY(back->ok);
    QCOMPARE(back->steps.size(), 1);
    QCOMPARE(back->steps.at(0).kind, FlowStep::Kind::Discovery);
    QCOMPARE(back->steps.at(0).checks, r.steps.at(0).checks);
    QCOMPARE(back->steps.at(0).durationMs, 12);
    QCOMPARE(back->parameters, r.parameters);
}

void tst_RunRecord::hostileEntriesAreRefused()
{
    QJsonObject good = sample().toJson();
    QString error;
    QJsonObject noId = good;
    noId.remove(QStringLiteral("id"));
    QVERIFY(!RunRecord::fromJson(noId, &error));
    QVERIFY(error.contains(u"id"));
    QJsonObject badSteps = good;
    badSteps[QStringLiteral("steps")] = QStringLiteral("all of them");
    QVERIFY(!RunRecord::fromJson(badSteps, &error));
    QJsonObject badKind = good;
    badKind[QStringLiteral("steps")] =
        QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("Launch")},
                               {QStringLiteral("status"), QStringLiteral("ok")}}};
    QVERIFY(!RunRecord::fromJson(badKind, &error));
    QVERIFY(error.contains(u"unknown kind"));
    // A duration no qint64 can hold is unknown, not undefined behaviour.
    QJsonObject huge = good;
    QJsonArray steps = huge.value(u"steps").toArray();
    QJsonObject step = steps.at(0).toObject();
    step[QStringLiteral("durationMs")] = 1e300;
    steps[0] = step;
    huge[QStringLiteral("steps")] = steps;
    const std::optional<RunRecord> read = RunRecord::fromJson(huge, &error);
    QVERIFY(read);
    QCOMPARE(read->steps.at(0).durationMs, -1);
}

void tst_RunRecord::theHistoryIsWrittenAndReadBack()
{
    const QString path = m_dir.filePath(QStringLiteral("runs.json"));
    RunHistory history(path);
    QVERIFY(!history.load().isError()); // missing: empty
    QVERIFY(history.runs().isEmpty());
    RunRecord first = sample();
    QVERIFY(!history.add(first).isError());
    RunRecord second = sample();
    second.id = QStringLiteral("run-2");
    QVERIFY(!history.add(second).isError());
    second.outcome = QStringLiteral("Token: invalid_client");
    QVERIFY(!history.add(second).isError()); // the same run again: replaced, not added
    QVERIFY(!history.add(RunRecord{.id = QStringLiteral("empty")}).isError()); // never started: not kept
    RunHistory again(path);
    QVERIFY(!again.load().isError());
    QCOMPARE(again.runs().size(), 2);
    QCOMPARE(again.runs().at(0).id, QStringLiteral("run-2")); // newest first
    QCOMPARE(again.byId(QStringLiteral("run-2"))->outcome, QStringLiteral("Token: invalid_client"));
    QCOMPARE(QFile(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    QVERIFY(!again.remove(QStringLiteral("run-1")).isError());
    QVERIFY(!history.load().isError());
    QCOMPARE(history.runs().size(), 1);
}

void tst_RunRecord::anUnreadableHistoryIsNeverReplaced()
{
    const QString path = m_dir.filePath(QStringLiteral("broken.json"));
    const QByteArray garbage = "{\"format\": 1, \"runs\": [ this is not JSON";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(garbage);
    }
    RunHistory history(path);
    const EngineError error = history.load();
    QVERIFY(error.isError());
    QVERIFY(error.message.contains(u"left as it is"));
    QVERIFY(history.add(sample()).isError());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), garbage);
}

void tst_RunRecord::anUnreadableEntryIsKeptAsItWas()
{
    const QString path = m_dir.filePath(QStringLiteral("partly.json"));
    const QJsonObject odd{{QStringLiteral("id"), QStringLiteral("from-a-later-version")},
                          {QStringLiteral("started"), QStringLiteral("2026-12-01T00:00:00Z")},
                          {QStringLiteral("steps"),
                           QJsonArray{QJsonObject{{QStringLiteral("step"), QStringLiteral("Teleport")}}}},
                          {QStringLiteral("parameters"), QJsonArray{}}};
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(
                    QJsonObject{{QStringLiteral("format"), 1}, {QStringLiteral("runs"), QJsonArray{odd}}})
                    .toJson());
    }
    RunHistory history(path);
    QVERIFY(history.load().message.contains(u"1 run(s)"));
    QVERIFY(history.runs().isEmpty());
    QVERIFY(!history.add(sample()).isError());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray runs = QJsonDocument::fromJson(f.readAll()).object().value(u"runs").toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(1).toObject(), odd);
}

void tst_RunRecord::twoRunsCompare()
{
    const RunRecord first = sample();
    RunRecord second = sample();
    second.id = QStringLiteral("run-2");
    second.steps[0].checks[1].severity = Severity::Error; // MD-05 now fails
    second.steps[0].status = FlowStep::Status::Failed;
    second.parameters.clear();
    second.addParameters(QStringLiteral("Authorization request"),
                         QStringLiteral("http://127.0.0.1/auth?scope=openid&state=other&prompt=login"));
    // The listener's port is new on each run: not a difference; another path is.
    RunRecord third = first;
    third.addParameters(QStringLiteral("Token"),
                        QStringLiteral("http://h/t?redirect_uri=http://127.0.0.1:4000/cb"));
    RunRecord fourth = first;
    fourth.addParameters(QStringLiteral("Token"),
                         QStringLiteral("http://h/t?redirect_uri=http://127.0.0.1:5000/cb"));
    QCOMPARE(compareRuns(third, fourth), QList<RunDifference>());
    fourth.addParameters(QStringLiteral("Token"),
                         QStringLiteral("http://h/t?redirect_uri=http://127.0.0.1:5000/other"));
    QCOMPARE(compareRuns(third, fourth).size(), 1);
    const QList<RunDifference> diff = compareRuns(first, second);
    const QList<RunDifference> expected = {
        {.kind = RunDifference::Kind::Step,
         .where = QStringLiteral("Discovery"),
         .before = QStringLiteral("done"),
         .after = QStringLiteral("failed")},
        {.kind = RunDifference::Kind::Check,
         .where = QStringLiteral("Discovery"),
         .name = QStringLiteral("MD-05 jwks_uri"),
         .before = QStringLiteral("warning"),
         .after = QStringLiteral("failed")},
        {.kind = RunDifference::Kind::Parameter,
         .where = QStringLiteral("Authorization request"),
         .name = QStringLiteral("code_challenge"),
         .before = QStringLiteral("(new each run)")},
        {.kind = RunDifference::Kind::Parameter,
         .where = QStringLiteral("Authorization request"),
         .name = QStringLiteral("prompt"),
         .after = QStringLiteral("login")},
        {.kind = RunDifference::Kind::Parameter,
         .where = QStringLiteral("Authorization request"),
         .name = QStringLiteral("scope"),
         .before = QStringLiteral("openid email"),
         .after = QStringLiteral("openid")},
    };
    QCOMPARE(diff, expected);
    QVERIFY(compareRuns(first, first).isEmpty());
}

QTEST_GUILESS_MAIN(tst_RunRecord)
#include "tst_runrecord.moc"
