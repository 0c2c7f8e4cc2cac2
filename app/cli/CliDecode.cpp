#include "CliDecode.h"

#include "common/SafeFile.h"
#include "jose/JwtDecode.h"
#include "oauth/DiscoveryUrl.h"
#include "oauth/JwksClient.h"
#include "session/TokenVerifier.h"

#include <QFile>

namespace oauth2dbg {

namespace {
// A token, even a large JWT, is far below this; stdin can be endless (/dev/zero).
constexpr qint64 kMaxToken = 1024 * 1024;
} // namespace

CliDecode::CliDecode(const CliOptions& options, CliReport* report, JwksClient* keys, int clockSkewSeconds)
    : m_options(options)
    , m_report(report)
    , m_keys(keys)
    , m_clockSkewSeconds(clockSkewSeconds)
{}

void CliDecode::run(QObject* context, Done done, const Verify& viaProfile)
{
    if (m_options.eachLine)
        return runEachLine(context, done);
    QByteArray token = m_options.token.toUtf8();
    if (m_options.token == u"-") {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly)) {
            const SafeFile::Read read =
                SafeFile::readDevice(in, kMaxToken, QStringLiteral("the token on stdin"));
            if (!read.ok())
                return done(read.error, 2);
            token = read.data;
        }
    }
    // Line breaks and spaces a copy from a log adds are not part of a token.
    token = token.simplified().replace(' ', "");
    if (token.isEmpty())
        return done({.kind = ErrorKind::InvalidInput, .message = QStringLiteral("no token to decode")}, 2);
    if (!m_options.clientSecretEnv.isEmpty())
        m_secret = Secret(qgetenv(qPrintable(m_options.clientSecretEnv)));
    const DecodedToken decoded = decodeToken(token);
    Findings notes;
    for (const QString& warning : decoded.warnings)
        notes << tokenchecks::warn(QStringLiteral("RFC 7515 §2"), QString(), warning);
    m_report->addStep(QStringLiteral("Token"),
                      decoded.kind == DecodedToken::Kind::Malformed ? decoded.error : decoded.summary(),
                      notes);
    if (decoded.isJwt()) {
        m_report->addDocument(QStringLiteral("Header"), decoded.header);
        if (!decoded.payload.isEmpty())
            m_report->addDocument(QStringLiteral("Claims"), decoded.payload);
    }
    if (decoded.kind == DecodedToken::Kind::Malformed)
        return done({.kind = ErrorKind::Protocol, .message = decoded.error}, 1);
    if (viaProfile)
        return viaProfile(token);
    m_verdicts = [this, token, done](const JwkSet& keys, const QString& source) {
        withKeys(token, keys, source, done);
    };
    keysThen(context, done);
}

void CliDecode::keysThen(QObject* context, const Done& done)
{
    if (m_options.jwks.isEmpty())
        return m_verdicts({}, QString());
    const QUrl url(m_options.jwks);
    if (url.scheme() == u"https" || url.scheme() == u"http") {
        const bool loopback = DiscoveryUrl::isLoopbackHost(url.host());
        m_keys->keys(url, {.allowHttp = loopback}, false, context, [this, url, done](const JwksResult& keys) {
            if (!keys.ok())
                return done(keys.error, exitCodeFor(keys.error));
            m_verdicts(keys.keys, url.toDisplayString());
        });
        return;
    }
    const SafeFile::Read file =
        SafeFile::readFile(m_options.jwks, SafeFile::kMaxInputFile, QStringLiteral("the key set"));
    if (!file.ok())
        return done({.kind = ErrorKind::InvalidInput,
                     .message = QStringLiteral("cannot read the key set: %1").arg(file.error.message)},
                    2);
    const JwkSet keys = JwkSet::parse(file.data);
    if (!keys.ok())
        return done(
            {.kind = ErrorKind::Protocol,
             .message = QStringLiteral("the key set %1 cannot be used: %2").arg(m_options.jwks, keys.error)},
            1);
    m_verdicts(keys, m_options.jwks);
}

void CliDecode::withKeys(const QByteArray& token, const JwkSet& keys, const QString& source, const Done& done)
{
    const CompactJws jws = CompactJws::parse(token);
    if (source.isEmpty() && (m_secret.isEmpty() || !jws.alg.startsWith(u"HS"))) {
        m_report->addStep(
            QStringLiteral("Verification"),
            jws.isJwe || token.count('.') < 2
                ? QStringLiteral("Not verifiable here.")
                : QStringLiteral("Not verified: give the issuer's keys with --jwks URL|FILE (or, for "
                                 "HS256, the secret with --client-secret-env NAME)."),
            {});
        return done({}, 0);
    }
    const TokenVerification verification =
        TokenVerifier::verifyPasted(token, keys, m_secret, m_clockSkewSeconds);
    m_report->setVerification(verification);
    m_report->addStep(QStringLiteral("Verification"),
                      source.isEmpty() ? verification.summary
                                       : QString(verification.summary % u" (keys: " % source % u')'),
                      verification.checks);
    // Verification was asked for (keys or a secret were given): only a verified token passes.
    if (verification.verdict != Verdict::Verified)
        return done({.kind = ErrorKind::Protocol,
                     .message = verification.verdict == Verdict::Failed
                                    ? verification.summary
                                    : QStringLiteral("Not verified: %1").arg(verification.summary)},
                    1);
    done({}, 0);
}

} // namespace oauth2dbg
