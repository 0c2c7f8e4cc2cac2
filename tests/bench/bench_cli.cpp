// The command line against curl, whole process for whole process, for the same token request: client
// credentials at the provider's token endpoint with client_secret_post. Each pair runs back to back (so drift
// hits both alike); the medians are printed, and the command line's run with discovery first as well.
//
//   bench_cli APP [RUNS]     (OAUTH2DBG_PROVIDER_INFO names a running provider)
//
// Prints figures; never fails on a time.
#include "ProviderInfo.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {
// Wall time of one whole run, or -1 when it did not end with exit code 0.
double timed(const QString& program, const QStringList& arguments, const QProcessEnvironment& env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    process.start(program, arguments);
    if (!process.waitForFinished(60'000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return -1;
    return double(clock.nsecsElapsed()) / 1e6;
}

double median(std::vector<double> values)
{
    values.erase(std::remove(values.begin(), values.end(), -1.0), values.end());
    if (values.empty())
        return -1;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

QString writeProfile(const QTemporaryDir& dir, const QString& name, const QJsonObject& profile)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(profile).toJson());
    return path;
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_cli APP [RUNS]\n");
        return 2;
    }
    const int runs = args.size() > 2 ? std::max(1, args.at(2).toInt()) : 20;
    const ProviderInfo provider = ProviderInfo::load();
    if (!provider.error.isEmpty()) {
        std::printf("command line against curl: skipped (no provider: %s)\n", qPrintable(provider.error));
        return 0;
    }
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    const QString clientId = provider.postClient.value(u"client_id").toString();
    const QString tokenEndpoint = provider.issuer + u"/token";
    QTemporaryDir dir;
    const QJsonObject base{{QStringLiteral("clientId"), clientId},
                           {QStringLiteral("authMethod"), QStringLiteral("client_secret_post")},
                           {QStringLiteral("scopes"), QStringLiteral("openid")},
                           {QStringLiteral("localTestServer"), true}};
    QJsonObject direct = base;
    direct.insert(QStringLiteral("name"), QStringLiteral("direct"));
    direct.insert(QStringLiteral("endpoints"),
                  QJsonObject{{QStringLiteral("token_endpoint"), tokenEndpoint}});
    QJsonObject discovered = base;
    discovered.insert(QStringLiteral("name"), QStringLiteral("discovered"));
    discovered.insert(QStringLiteral("issuer"), provider.issuer);
    const QString directFile = writeProfile(dir, QStringLiteral("direct.json"), direct);
    const QString discoveredFile = writeProfile(dir, QStringLiteral("discovered.json"), discovered);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("BENCH_SECRET"), provider.postClient.value(u"client_secret").toString());
    const auto cli = [&](const QString& file) {
        return timed(args.at(1),
                     {QStringLiteral("flow"), QStringLiteral("client_credentials"),
                      QStringLiteral("--profile-file"), file, QStringLiteral("--client-secret-env"),
                      QStringLiteral("BENCH_SECRET")},
                     env);
    };
    const QStringList curlArgs{QStringLiteral("-sf"),
                               QStringLiteral("-o"),
                               QStringLiteral("/dev/null"),
                               QStringLiteral("-d"),
                               QStringLiteral("grant_type=client_credentials"),
                               QStringLiteral("--data-urlencode"),
                               u"client_id=" % clientId,
                               QStringLiteral("--data-urlencode"),
                               u"client_secret=" % provider.postClient.value(u"client_secret").toString(),
                               tokenEndpoint};
    (void)cli(directFile); // warm the page cache for both
    if (!curl.isEmpty())
        (void)timed(curl, curlArgs, env);
    std::vector<double> ours, withDiscovery, baseline;
    for (int i = 0; i < runs; ++i) {
        ours.push_back(cli(directFile));
        if (!curl.isEmpty())
            baseline.push_back(timed(curl, curlArgs, env));
        withDiscovery.push_back(cli(discoveredFile));
    }
    std::printf("one client-credentials token request, whole process, median of %d runs:\n", runs);
    if (curl.isEmpty())
        std::printf("  curl                                   (not installed)\n");
    else
        std::printf("  curl                              %8.1f ms\n", median(baseline));
    std::printf("  oauth2-debugger flow client_credentials %6.1f ms   (the same request: endpoints given)\n",
                median(ours));
    std::printf("  oauth2-debugger, discovery first   %8.1f ms   (two requests, the response checked)\n",
                median(withDiscovery));
    return 0;
}
