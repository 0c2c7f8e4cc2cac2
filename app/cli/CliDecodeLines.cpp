// `decode - --each-line`: a batch for QA and CI. Every line of stdin is a token; each becomes one line of
// JSON on stdout (JSON Lines), in order, with the same fields `decode --json` gives one token. The key set is
// fetched once for all of them.
#include "CliDecode.h"
#include "CliTokenJson.h"
#include "common/SafeFile.h"
#include "common/VisibleText.h"
#include "session/TokenVerifier.h"

#include <QFile>
#include <QJsonDocument>

#include <cstdio>

namespace oauth2dbg {

namespace {
// A thousand large JWTs are a few megabytes; stdin can be endless (/dev/zero).
constexpr qint64 kMaxBatch = 64 * 1024 * 1024;
} // namespace

void CliDecode::runEachLine(QObject* context, const Done& done)
{
    if (m_options.token != u"-")
        return done(
            {.kind = ErrorKind::InvalidInput,
             .message = QStringLiteral("--each-line reads the tokens from stdin: decode - --each-line")},
            2);
    QFile in;
    SafeFile::Read read;
    if (in.open(stdin, QIODevice::ReadOnly))
        read = SafeFile::readDevice(in, kMaxBatch, QStringLiteral("the tokens on stdin"));
    if (!read.ok())
        return done(read.error, 2);
    if (!m_options.clientSecretEnv.isEmpty())
        m_secret = Secret(qgetenv(qPrintable(m_options.clientSecretEnv)));
    const QByteArray input = read.data;
    m_verdicts = [this, input, done](const JwkSet& keys, const QString& source) {
        decodeLines(input, keys, source, done);
    };
    keysThen(context, done);
}

void CliDecode::decodeLines(const QByteArray& input, const JwkSet& keys, const QString& source,
                            const Done& done)
{
    const bool verify = !source.isEmpty() || !m_secret.isEmpty();
    int tokens = 0;
    int failed = 0;
    int number = 0;
    for (const QByteArray& raw : input.split('\n')) {
        ++number;
        const QByteArray token = raw.simplified().replace(' ', "");
        if (token.isEmpty())
            continue;
        ++tokens;
        const DecodedToken decoded = decodeToken(token);
        std::optional<TokenVerification> verdict;
        if (verify && decoded.kind != DecodedToken::Kind::Malformed)
            verdict = TokenVerifier::verifyPasted(token, keys, m_secret, m_clockSkewSeconds);
        if (decoded.kind == DecodedToken::Kind::Malformed || (verdict && !verdict->verified()))
            ++failed;
        QJsonObject line = tokenJson(decoded, verdict);
        line.insert(QStringLiteral("schemaVersion"), kCliJsonSchema);
        line.insert(QStringLiteral("line"), number);
        if (!source.isEmpty())
            line.insert(QStringLiteral("keys"), source);
        std::fputs(VisibleText::jsonSafe(QJsonDocument(line).toJson(QJsonDocument::Compact)).constData(),
                   stdout);
        std::fputc('\n', stdout);
    }
    std::fflush(stdout);
    if (tokens == 0)
        return done({.kind = ErrorKind::InvalidInput, .message = QStringLiteral("no token on stdin")}, 2);
    if (failed > 0)
        return done(
            {.kind = ErrorKind::Protocol,
             .message = verify ? QStringLiteral("%1 of %2 token(s) did not verify").arg(failed).arg(tokens)
                               : QStringLiteral("%1 of %2 token(s) cannot be read").arg(failed).arg(tokens)},
            1);
    done({}, 0);
}

} // namespace oauth2dbg
