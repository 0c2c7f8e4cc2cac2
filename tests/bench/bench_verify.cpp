// Signature verification speed on one core: a typical ID token, verified the whole way (strict reading, key
// selection, signature) and the signature alone, for RS256, ES256 and EdDSA.
//
//   bench_verify [--quick]
//
// Prints figures; never fails on a time. Goal: at least 20,000 RS256 verifications per second on one core.
#include "TestSigner.h"
#include "jose/Jws.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>

#include <cstdio>

using namespace oauth2dbg;

namespace {
template <typename Work>
double perSecond(Work work, qint64 budgetMs)
{
    QElapsedTimer clock;
    clock.start();
    qint64 done = 0;
    while (clock.elapsed() < budgetMs) {
        for (int i = 0; i < 100; ++i) {
            if (!work())
                return -1;
        }
        done += 100;
    }
    return double(done) * 1000.0 / double(clock.nsecsElapsed() / 1'000'000.0);
}
} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = QCoreApplication::arguments().contains(QStringLiteral("--quick"));
    const qint64 budget = quick ? 300 : 3000;
    const QJsonObject claims{{QStringLiteral("iss"), QStringLiteral("https://login.example.com/realms/main")},
                             {QStringLiteral("sub"), QStringLiteral("248289761001")},
                             {QStringLiteral("aud"), QStringLiteral("debugger-app")},
                             {QStringLiteral("nonce"), QStringLiteral("n-0S6_WzA2Mj-Lk8pYc3aB9xQ")},
                             {QStringLiteral("exp"), 1'800'000'600},
                             {QStringLiteral("iat"), 1'800'000'000},
                             {QStringLiteral("auth_time"), 1'799'999'900},
                             {QStringLiteral("email"), QStringLiteral("alice@example.test")}};
    std::printf("signature verification on one core (%s):\n", quick ? "quick" : "full");
    std::printf("  %-6s %18s %18s\n", "alg", "whole token /s", "signature only /s");
    for (const char* name : {"RS256", "ES256", "EdDSA"}) {
        const QString alg = QString::fromLatin1(name);
        const test::TestKey key = test::TestKey::generate(alg, alg.toLower() + u"-1");
        const QByteArray token = key.sign({}, claims);
        const JwkSet keys = JwkSet::parse(test::jwks({key.publicJwk()}));
        const CompactJws jws = CompactJws::parse(token);
        const Jwk& jwk = keys.keys.first();
        QString why;
        const double whole =
            perSecond([&] { return verifySignature(CompactJws::parse(token), keys, {}).verified(); }, budget);
        const double bare =
            perSecond([&] { return verifyWithKey(alg, jwk, jws.signingInput, jws.signature, &why); }, budget);
        std::printf("  %-6s %18.0f %18.0f%s\n", name, whole, bare,
                    alg == u"RS256" ? "   (goal: >= 20,000 whole tokens/s)" : "");
    }
    return 0;
}
