#pragma once

#include "CliOptions.h"
#include "CliReport.h"
#include "jose/Jwk.h"

#include <QObject>

#include <functional>

namespace oauth2dbg {

class JwksClient;

// `decode`: any token, decoded, and verified when keys (or, for HS256, the secret) are given. Reports through
// the run's report; `done` gets the error and exit code (none: 0). With --each-line, a batch: every line of
// stdin a token, every token one line of JSON.
class CliDecode final {
public:
    using Done = std::function<void(const EngineError& error, int exitCode)>;
    // With a profile: the decoded token goes to the flow session for verification instead of `done`.
    using Verify = std::function<void(const QByteArray& token)>;

    CliDecode(const CliOptions& options, CliReport* report, JwksClient* keys, int clockSkewSeconds);
    void run(QObject* context, Done done, const Verify& viaProfile = {});

private:
    // The key set --jwks names (none: an empty set), fetched or read once, then handed to m_verdicts.
    void keysThen(QObject* context, const Done& done);
    void withKeys(const QByteArray& token, const JwkSet& keys, const QString& source, const Done& done);
    // --each-line (CliDecodeLines.cpp): one token a line on stdin, one JSON line each on stdout.
    void runEachLine(QObject* context, const Done& done);
    void decodeLines(const QByteArray& input, const JwkSet& keys, const QString& source, const Done& done);

    const CliOptions& m_options;
    CliReport* m_report;
    JwksClient* m_keys;
    int m_clockSkewSeconds;
    Secret m_secret;
    std::function<void(const JwkSet& keys, const QString& source)> m_verdicts;
};

} // namespace oauth2dbg
