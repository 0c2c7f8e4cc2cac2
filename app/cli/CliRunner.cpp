#include "CliRunner.h"

#include "common/SafeFile.h"
#include "common/VisibleText.h"
#include "jose/AccessTokenValidator.h"
#include "jose/IdTokenValidator.h"
#include "jose/JwtDecode.h"
#include "oauth/DiscoveryUrl.h"
#include "profiles/ProfileFlow.h"
#include "profiles/ProfileStore.h"
#include "profiles/ProfileTransfer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <unistd.h>
#endif

namespace oauth2dbg {

namespace {
QString commandName(CliOptions::Command command)
{
    switch (command) {
    case CliOptions::Command::FlowAuthorizationCode:
        return QStringLiteral("flow authorization_code");
    case CliOptions::Command::FlowClientCredentials:
        return QStringLiteral("flow client_credentials");
    case CliOptions::Command::Refresh:
        return QStringLiteral("refresh");
    case CliOptions::Command::Decode:
        return QStringLiteral("decode");
    case CliOptions::Command::UserInfo:
        return QStringLiteral("userinfo");
    case CliOptions::Command::Introspect:
        return QStringLiteral("introspect");
    case CliOptions::Command::Revoke:
        return QStringLiteral("revoke");
    default:
        return {};
    }
}

// A token, even a large JWT, is far below this; stdin can be endless (/dev/zero).
constexpr qint64 kMaxToken = 1024 * 1024;

EngineError usageError(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}
} // namespace

CliRunner::CliRunner(CliOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_report(commandName(m_options.command), m_options.reveal)
    , m_network(&m_traffic)
    , m_discoveryClient(&m_network)
    , m_flow(&m_launcher)
    , m_tokens(&m_network)
    , m_jwks(&m_network)
    , m_operations(&m_network)
{
    connect(&m_operations, &TokenOperations::finished, this, &CliRunner::onOperation);
    connect(&m_discoveryClient, &DiscoveryClient::finished, this, &CliRunner::onDiscovered);
    connect(&m_flow, &AuthorizationFlow::finished, this, &CliRunner::onAuthorized);
    connect(&m_flow, &AuthorizationFlow::callbackRejected, this, [](const CapturedCallback& callback) {
        progress(QStringLiteral("refused a request to the listener: %1")
                     .arg(callback.problem.isEmpty() ? callback.verdict.reason : callback.problem));
    });
    connect(&m_tokens, &TokenClient::finished, this, &CliRunner::onTokens);
}

CliRunner::~CliRunner() = default;

void CliRunner::progress(const QString& line)
{
    // For a person at a terminal only: in automation, stderr starts with the error line, if any.
    static const bool interactive = isatty(fileno(stderr)) != 0;
    if (interactive)
        std::fprintf(stderr, "%s\n", qPrintable(VisibleText::escaped(line)));
}

int CliRunner::exitCodeFor(const EngineError& error)
{
    switch (error.kind) {
    case ErrorKind::None:
        return 0;
    case ErrorKind::InvalidInput:
        return 2;
    case ErrorKind::Network:
    case ErrorKind::Tls:
    case ErrorKind::Timeout: // a server that did not answer in time
        return 3;
    case ErrorKind::Cancelled:
        return 4;
    case ErrorKind::Http:
    case ErrorKind::Protocol:
        break;
    }
    return 1;
}

bool CliRunner::loadProfile()
{
    if (!m_options.profileFile.isEmpty()) {
        const SafeFile::Read file = SafeFile::readFile(m_options.profileFile, SafeFile::kMaxInputFile,
                                                       QStringLiteral("the profile file"));
        if (!file.ok()) {
            fail(usageError(QStringLiteral("cannot read the profile file: %1").arg(file.error.message)), 2);
            return false;
        }
        const ProfileTransfer::Imported imported = ProfileTransfer::importProfiles(file.data, {});
        if (!imported.ok()) {
            fail(usageError(QStringLiteral("the profile file %1 cannot be used: %2")
                                .arg(m_options.profileFile, imported.problems.join(QStringLiteral("; ")))),
                 2);
            return false;
        }
        QList<Profile> candidates = imported.profiles;
        if (!m_options.profileName.isEmpty())
            candidates.removeIf([this](const Profile& p) { return p.name != m_options.profileName; });
        if (candidates.size() != 1) {
            fail(usageError(candidates.isEmpty()
                                ? QStringLiteral("the profile file %1 has no profile named \"%2\"")
                                      .arg(m_options.profileFile, m_options.profileName)
                                : QStringLiteral(
                                      "the profile file %1 holds %2 profiles; choose one with --profile NAME")
                                      .arg(m_options.profileFile)
                                      .arg(candidates.size())),
                 2);
            return false;
        }
        m_profile = candidates.first();
        if (!acceptFileProfile(imported))
            return false;
    } else {
        // A saved profile, by name, as the window keeps it; "Local demo" is there even before the first
        // start.
        const ProfileStore::Loaded saved = ProfileStore().load();
        const auto found =
            std::find_if(saved.profiles.cbegin(), saved.profiles.cend(), [this](const Profile& p) {
                return p.name.compare(m_options.profileName, Qt::CaseInsensitive) == 0;
            });
        if (found != saved.profiles.cend()) {
            m_profile = *found;
        } else if (m_options.profileName.compare(Profile::localDemo().name, Qt::CaseInsensitive) == 0) {
            m_profile = Profile::localDemo();
        } else {
            fail(usageError(QStringLiteral("there is no saved profile named \"%1\"%2; use --profile-file")
                                .arg(m_options.profileName,
                                     saved.warning.isEmpty() ? QString() : u" (" % saved.warning % u')')),
                 2);
            return false;
        }
        if (m_profile.id == QLatin1String(Profile::kDemoId) && !m_options.demoIssuer.isEmpty())
            m_profile.issuer = m_options.demoIssuer;
    }
    // What the command line itself says wins over the profile: the user typed it.
    if (!m_options.caFile.isEmpty())
        m_profile.caFile = m_options.caFile;
    if (m_options.allowSelfSigned)
        m_profile.allowSelfSigned = true;
    for (const QString& host : std::as_const(m_options.allowedHosts))
        m_profile.approvedHosts << host;
    if (const QList<FieldProblem> problems = m_profile.validate(); !problems.isEmpty()) {
        fail(usageError(QStringLiteral("the profile \"%1\" cannot be used: %2 (%3)")
                            .arg(m_profile.name, problems.first().message, problems.first().field)),
             2);
        return false;
    }
    if (!ClientAuthentication::methodFromName(m_profile.authMethod, &m_method)) {
        fail(usageError(QStringLiteral("the profile's authMethod \"%1\" is not one of client_secret_basic, "
                                       "client_secret_post, none")
                            .arg(m_profile.authMethod)),
             2);
        return false;
    }
    if (!m_options.clientSecretEnv.isEmpty()) {
        if (qEnvironmentVariableIsEmpty(qPrintable(m_options.clientSecretEnv))) {
            fail(usageError(
                     QStringLiteral("the environment variable %1 (--client-secret-env) is empty or unset")
                         .arg(m_options.clientSecretEnv)),
                 2);
            return false;
        }
        m_secret = Secret(qgetenv(qPrintable(m_options.clientSecretEnv)));
    }
    if (!m_options.refreshTokenEnv.isEmpty())
        m_refreshToken = Secret(qgetenv(qPrintable(m_options.refreshTokenEnv)));
    m_report.setProfile(m_profile.name, m_profile.issuer);
    return true;
}

// A profile file is data from elsewhere: it may not run a program, pick a file on this machine, weaken TLS or
// release a keychain entry. What it asked for and the command line did not give is refused, not ignored, so a
// run never does something other than what its user saw.
bool CliRunner::acceptFileProfile(const ProfileTransfer::Imported& imported)
{
    m_fromFile = true;
    m_profile.id = QStringLiteral("file:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_profile.keepRefreshToken = false; // a file's profile keeps nothing in this machine's keychain
    for (const ProfileTransfer::Withheld& w : imported.withheld) {
        if (w.profile != m_profile.name)
            continue;
        QString refusal;
        if (w.field == u"browserCommand" && m_options.browser.isEmpty() &&
            m_options.command == CliOptions::Command::FlowAuthorizationCode)
            refusal =
                QStringLiteral("the profile file asks to run the browser command \"%1\"; a profile file "
                               "never runs a program: give --browser 'COMMAND %u' yourself, or remove "
                               "browserCommand from the file to use the system browser")
                    .arg(w.value);
        else if (w.field == u"caFile" && m_options.caFile.isEmpty())
            refusal =
                QStringLiteral("the profile file names the CA file \"%1\"; a profile file never picks a "
                               "file on this machine: give --ca-file FILE yourself")
                    .arg(w.value);
        else if (w.field == u"allowSelfSigned" && !m_options.allowSelfSigned)
            refusal = QStringLiteral("the profile file allows self-signed certificates; a profile file never "
                                     "weakens TLS: give --allow-self-signed yourself");
        if (!refusal.isEmpty()) {
            fail(usageError(refusal), 2);
            return false;
        }
    }
    return true;
}

void CliRunner::start()
{
    if (m_options.command == CliOptions::Command::Decode)
        return decode();
    if (loadProfile() && readOperationToken())
        loadSecrets();
}

bool CliRunner::readOperationToken()
{
    const bool operation = m_options.command == CliOptions::Command::UserInfo ||
                           m_options.command == CliOptions::Command::Introspect ||
                           m_options.command == CliOptions::Command::Revoke;
    if (!operation)
        return true;
    QByteArray token;
    if (m_options.tokenStdin) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly)) {
            const SafeFile::Read read =
                SafeFile::readDevice(in, kMaxToken, QStringLiteral("the token on stdin"));
            if (!read.ok()) {
                fail(read.error, 2);
                return false;
            }
            token = read.data.trimmed();
        }
    } else {
        token = qgetenv(qPrintable(m_options.tokenEnv)).trimmed();
    }
    if (token.isEmpty()) {
        fail(usageError(m_options.tokenStdin
                            ? QStringLiteral("no token arrived on stdin")
                            : QStringLiteral("the environment variable %1 (--token-env) is empty or unset")
                                  .arg(m_options.tokenEnv)),
             2);
        return false;
    }
    m_operationToken = Secret(token);
    return true;
}

// What the environment did not give comes from the keychain, as the window would use it.
void CliRunner::loadSecrets()
{
    const bool needSecret = m_method != ClientAuthMethod::None && m_secret.isEmpty() &&
                            m_options.command != CliOptions::Command::UserInfo; // a bearer call: no secret
    const bool needRefresh = m_options.command == CliOptions::Command::Refresh && m_refreshToken.isEmpty();
    if (m_fromFile && (needSecret || needRefresh))
        return fail(usageError(needSecret
                                   ? QStringLiteral("the profile uses %1 and a profile file never uses "
                                                    "the keychain: put the secret in an environment "
                                                    "variable and name it with --client-secret-env NAME")
                                         .arg(m_profile.authMethod)
                                   : QStringLiteral("refresh with a profile file needs --refresh-token-env "
                                                    "NAME (a profile file never uses the keychain)")),
                    2);
    if (needSecret) {
        m_profileSecrets.load(
            m_profile, ProfileSecrets::Kind::ClientSecret, this, [this](const SecretState& s) {
                if (!s.found())
                    return fail(
                        usageError(QStringLiteral("the profile uses %1 and its secret is not in the keychain "
                                                  "(%2); store it from the window, or put it in an "
                                                  "environment variable and name it with "
                                                  "--client-secret-env NAME")
                                       .arg(m_profile.authMethod, s.message)),
                        2);
                m_secret = s.secret;
                loadSecrets();
            });
        return;
    }
    if (needRefresh) {
        if (!m_profile.keepRefreshToken)
            return fail(
                usageError(QStringLiteral("refresh needs --refresh-token-env NAME (the variable holding the "
                                          "refresh token), or a profile that keeps its refresh token")),
                2);
        m_profileSecrets.load(
            m_profile, ProfileSecrets::Kind::RefreshToken, this, [this](const SecretState& s) {
                if (!s.found())
                    return fail(
                        usageError(QStringLiteral("the profile keeps no refresh token yet (%1); run a flow "
                                                  "first, or use --refresh-token-env NAME")
                                       .arg(s.message)),
                        2);
                m_refreshToken = s.secret;
                loadSecrets();
            });
        return;
    }
    discover();
}

void CliRunner::discover()
{
    if (m_profile.issuer.isEmpty()) {
        progress(QStringLiteral("No issuer: using the profile's endpoints …"));
        QTimer::singleShot(0, this, [this] { onDiscovered(ProfileFlow::endpointsOnly(m_profile)); });
        return;
    }
    progress(QStringLiteral("Discovering %1 …").arg(m_profile.issuer));
    m_discoveryClient.discover(m_profile.issuer,
                               {.allowHttp = m_profile.localTestServer,
                                .timeout = std::chrono::seconds(m_profile.requestTimeoutSeconds),
                                .tls = m_profile.tls()});
}

TokenEndpointConfig CliRunner::tokenConfig() const
{
    return ProfileFlow::tokenConfig(m_profile, m_discovery, m_secret);
}

void CliRunner::onDiscovered(const DiscoveryResult& discovered)
{
    const DiscoveryResult result =
        discovered.ok() ? ProfileFlow::withEndpoints(m_profile, discovered) : discovered;
    m_discovery = result;
    m_report.addStep(QStringLiteral("Discovery"),
                     result.documentUrl.isEmpty() ? QStringLiteral("the profile's endpoints")
                                                  : result.documentUrl.toDisplayString(),
                     result.findings);
    if (!result.ok())
        return fail(result.error, exitCodeFor(result.error));

    switch (m_options.command) {
    case CliOptions::Command::FlowAuthorizationCode: {
        QString problem;
        AuthorizationSettings settings = ProfileFlow::authorizationSettings(m_profile, result, &problem);
        if (!problem.isEmpty())
            return fail(usageError(problem), 2);
        if (m_options.timeoutSeconds > 0)
            settings.listener.timeout = std::chrono::seconds(m_options.timeoutSeconds);
        m_launcher.setCommand(m_options.browser.isEmpty() ? m_profile.browserCommand : m_options.browser);
        m_launcher.setHiddenVariables(
            {m_options.clientSecretEnv, m_options.refreshTokenEnv, m_options.tokenEnv});
        if (const EngineError error = m_flow.prepare(settings); error.isError())
            return fail(error, exitCodeFor(error));
        if (settings.manualCapture)
            return fail(
                usageError(QStringLiteral("the profile's redirect is not on this machine (manual); the "
                                          "command line captures loopback redirects only")),
                2);
        progress(QStringLiteral("Waiting up to %1 s for the browser at %2 …")
                     .arg(std::chrono::duration_cast<std::chrono::seconds>(settings.listener.timeout).count())
                     .arg(m_flow.listener()->redirectUri()));
        if (const EngineError error = m_flow.launchBrowser(); error.isError()) {
            m_flow.cancel();
            return fail(error, exitCodeFor(error));
        }
        return;
    }
    case CliOptions::Command::FlowClientCredentials:
        progress(QStringLiteral("Requesting tokens with the client credentials grant …"));
        m_tokens.clientCredentials(tokenConfig(), m_profile.scopes);
        return;
    case CliOptions::Command::Refresh:
        progress(QStringLiteral("Refreshing …"));
        m_tokens.refresh(tokenConfig(), m_refreshToken);
        return;
    case CliOptions::Command::UserInfo:
        progress(QStringLiteral("Asking the userinfo endpoint …"));
        m_operations.userInfo(QUrl(result.metadata.value(u"userinfo_endpoint").toString()), tokenConfig(),
                              m_operationToken, QStringLiteral("Bearer"), QString());
        return;
    case CliOptions::Command::Introspect:
        progress(QStringLiteral("Asking the introspection endpoint …"));
        m_operations.introspect(QUrl(result.metadata.value(u"introspection_endpoint").toString()),
                                tokenConfig(), m_operationToken, m_options.tokenHint);
        return;
    case CliOptions::Command::Revoke:
        progress(QStringLiteral("Revoking …"));
        m_operations.revoke(QUrl(result.metadata.value(u"revocation_endpoint").toString()), tokenConfig(),
                            m_operationToken, m_options.tokenHint);
        return;
    default:
        return fail(usageError(QStringLiteral("nothing to run")), 2);
    }
}

void CliRunner::onAuthorized(const AuthorizationOutcome& outcome)
{
    m_report.addStep(QStringLiteral("Authorization"),
                     outcome.hasCode()
                         ? QStringLiteral("callback received at %1").arg(outcome.request.redirectUri)
                         : outcome.error.message,
                     outcome.callback.verdict.checks);
    if (!outcome.hasCode()) {
        // The flow's own wait ran out, or it was cancelled: exit code 4; the server's "no" is 1.
        const bool stopped =
            outcome.error.kind == ErrorKind::Timeout || outcome.error.kind == ErrorKind::Cancelled;
        return fail(outcome.error, stopped ? 4 : exitCodeFor(outcome.error));
    }
    m_nonce = outcome.request.nonce;
    progress(QStringLiteral("Exchanging the code …"));
    m_tokens.exchangeCode(tokenConfig(), outcome.callback.verdict.code, outcome.request.redirectUri,
                          outcome.request.codeVerifier);
}

void CliRunner::onTokens(const TokenResult& result)
{
    m_report.addStep(QStringLiteral("Token"), m_tokens.lastExplanation(), result.checks);
    if (!result.ok())
        return fail(result.error, exitCodeFor(result.error));
    m_report.setTokens(result);
    verifyTokens(result);
}

void CliRunner::verifyTokens(const TokenResult& result)
{
    const Secret& idToken = result.tokens.idToken;
    const QByteArray accessToken = result.tokens.accessToken.reveal();
    if (idToken.isEmpty() && !looksLikeJwt(accessToken))
        return keepRefreshToken(result);
    const QJsonObject& metadata = m_discovery.metadata;
    IdTokenExpectations expected = ProfileFlow::idTokenExpectations(m_profile, m_discovery, m_secret, 30);
    expected.nonce = QString::fromLatin1(m_nonce);
    expected.accessToken = result.tokens.accessToken;
    const QUrl jwksUri(metadata.value(u"jwks_uri").toString());
    const auto report = [this, result, accessToken, expected](const TokenVerification& id,
                                                              const JwksResult& keys) {
        if (!keys.ok())
            m_report.addStep(QStringLiteral("Keys"), keys.error.message, {});
        if (!result.tokens.idToken.isEmpty())
            m_report.addStep(QStringLiteral("ID token"), id.summary, id.checks);
        if (looksLikeJwt(accessToken)) {
            const TokenVerification access = validateAccessToken(
                accessToken, keys.keys,
                {.issuer = expected.issuer, .clientId = expected.clientId, .clock = expected.clock});
            m_report.addStep(QStringLiteral("Access token"), access.summary, access.checks);
        }
        // OIDC Core §3.1.3.7: a client must validate the ID token; one that could not be verified does not
        // pass a run either (a key set that could not be fetched says so with its own exit code).
        if (!result.tokens.idToken.isEmpty() && id.verdict != Verdict::Verified) {
            const bool unreachable = !keys.ok() && exitCodeFor(keys.error) == 3;
            m_report.setError(
                {.kind = unreachable ? keys.error.kind : ErrorKind::Protocol,
                 .message = id.verdict == Verdict::Failed
                                ? QStringLiteral("The ID token failed verification: %1").arg(id.summary)
                                : QStringLiteral("The ID token could not be verified: %1").arg(id.summary)},
                unreachable ? 3 : 1);
        }
        keepRefreshToken(result);
    };
    const auto check = [idToken = idToken.reveal(), expected](const JwkSet& keys) {
        return idToken.isEmpty() ? TokenVerification{} : validateIdToken(idToken, keys, expected);
    };
    if (jwksUri.isEmpty()) {
        JwksResult none;
        none.error = {.kind = ErrorKind::Protocol,
                      .message =
                          QStringLiteral("The issuer publishes no key set (jwks_uri): signatures cannot be "
                                         "checked.")};
        return report(check({}), none);
    }
    progress(QStringLiteral("Verifying the tokens with %1 …").arg(jwksUri.toDisplayString()));
    m_jwks.verify(jwksUri, ProfileFlow::jwksOptions(m_profile), this, check, report);
}

void CliRunner::onOperation(const OperationResult& result)
{
    const QString step = m_options.command == CliOptions::Command::UserInfo ? QStringLiteral("Userinfo")
                         : m_options.command == CliOptions::Command::Introspect
                             ? QStringLiteral("Introspection")
                             : QStringLiteral("Revocation");
    m_report.addStep(step, result.summary, result.checks);
    // An inactive token's other members mean nothing (RFC 7662 §2.2): only "active" is shown for it.
    if (!result.body.isEmpty())
        m_report.addDocument(step == u"Introspection" && !result.active ? QStringLiteral("Answer (inactive)")
                                                                        : QStringLiteral("Answer"),
                             step == u"Introspection" && !result.active
                                 ? QJsonObject{{QStringLiteral("active"), result.body.value(u"active")}}
                                 : result.body);
    if (result.error.isError())
        return fail(result.error, exitCodeFor(result.error));
    if (!result.ok())
        return fail({.kind = ErrorKind::Protocol, .message = result.summary}, 1);
    finish();
}

void CliRunner::decode()
{
    QByteArray token = m_options.token.toUtf8();
    if (m_options.token == u"-") {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly)) {
            const SafeFile::Read read =
                SafeFile::readDevice(in, kMaxToken, QStringLiteral("the token on stdin"));
            if (!read.ok())
                return fail(read.error, 2);
            token = read.data;
        }
    }
    // Line breaks and spaces a copy from a log adds are not part of a token.
    token = token.simplified().replace(' ', "");
    if (token.isEmpty())
        return fail(usageError(QStringLiteral("no token to decode")), 2);
    if (!m_options.clientSecretEnv.isEmpty())
        m_secret = Secret(qgetenv(qPrintable(m_options.clientSecretEnv)));
    const DecodedToken decoded = decodeToken(token);
    Findings notes;
    for (const QString& warning : decoded.warnings)
        notes << tokenchecks::warn(QStringLiteral("RFC 7515 §2"), QString(), warning);
    m_report.addStep(QStringLiteral("Token"),
                     decoded.kind == DecodedToken::Kind::Malformed ? decoded.error : decoded.summary(),
                     notes);
    if (decoded.isJwt()) {
        m_report.addDocument(QStringLiteral("Header"), decoded.header);
        if (!decoded.payload.isEmpty())
            m_report.addDocument(QStringLiteral("Claims"), decoded.payload);
    }
    if (decoded.kind == DecodedToken::Kind::Malformed)
        return fail({.kind = ErrorKind::Protocol, .message = decoded.error}, 1);
    if (m_options.jwks.isEmpty())
        return decodeWithKeys(token, {}, QString());
    const QUrl url(m_options.jwks);
    if (url.scheme() == u"https" || url.scheme() == u"http") {
        const bool loopback = DiscoveryUrl::isLoopbackHost(url.host());
        m_jwks.keys(url, {.allowHttp = loopback}, false, this, [this, token, url](const JwksResult& keys) {
            if (!keys.ok())
                return fail(keys.error, exitCodeFor(keys.error));
            decodeWithKeys(token, keys.keys, url.toDisplayString());
        });
        return;
    }
    const SafeFile::Read file =
        SafeFile::readFile(m_options.jwks, SafeFile::kMaxInputFile, QStringLiteral("the key set"));
    if (!file.ok())
        return fail(usageError(QStringLiteral("cannot read the key set: %1").arg(file.error.message)), 2);
    const JwkSet keys = JwkSet::parse(file.data);
    if (!keys.ok())
        return fail(
            {.kind = ErrorKind::Protocol,
             .message = QStringLiteral("the key set %1 cannot be used: %2").arg(m_options.jwks, keys.error)},
            1);
    decodeWithKeys(token, keys, m_options.jwks);
}

void CliRunner::decodeWithKeys(const QByteArray& token, const JwkSet& keys, const QString& keySource)
{
    const CompactJws jws = CompactJws::parse(token);
    if (keySource.isEmpty() && (m_secret.isEmpty() || !jws.alg.startsWith(u"HS"))) {
        m_report.addStep(
            QStringLiteral("Verification"),
            jws.isJwe || token.count('.') < 2
                ? QStringLiteral("Not verifiable here.")
                : QStringLiteral("Not verified: give the issuer's keys with --jwks URL|FILE (or, for "
                                 "HS256, the secret with --client-secret-env NAME)."),
            {});
        return finish();
    }
    const TokenVerification verification =
        verifyStandalone(token, keys, m_secret, {.now = QDateTime::currentDateTimeUtc(), .skewSeconds = 30});
    m_report.addStep(QStringLiteral("Verification"),
                     keySource.isEmpty() ? verification.summary
                                         : QString(verification.summary % u" (keys: " % keySource % u')'),
                     verification.checks);
    // Verification was asked for (keys or a secret were given): only a verified token passes.
    if (verification.verdict != Verdict::Verified)
        return fail({.kind = ErrorKind::Protocol,
                     .message = verification.verdict == Verdict::Failed
                                    ? verification.summary
                                    : QStringLiteral("Not verified: %1").arg(verification.summary)},
                    1);
    finish();
}

// A profile that keeps its refresh token gets the new one (a rotating server has just retired the old one).
void CliRunner::keepRefreshToken(const TokenResult& result)
{
    if (!m_profile.keepRefreshToken || result.tokens.refreshToken.isEmpty() ||
        result.tokens.refreshToken == m_refreshToken)
        return finish();
    m_profileSecrets.store(
        m_profile, ProfileSecrets::Kind::RefreshToken, result.tokens.refreshToken, this,
        [this](const SecretState& s) {
            if (s.where != SecretState::Where::Keychain && s.where != SecretState::Where::PlainFile)
                std::fprintf(stderr, "warning: the new refresh token could not be kept: %s\n",
                             qPrintable(VisibleText::escaped(s.message)));
            finish();
        });
}

void CliRunner::fail(const EngineError& error, int exitCode)
{
    m_report.setError(error, exitCode);
    finish();
}

void CliRunner::finish()
{
    if (std::exchange(m_finished, true))
        return;
    const QString errors = m_report.errorText();
    if (!errors.isEmpty())
        std::fputs(qPrintable(errors), stderr);
    if (m_options.json)
        std::fputs(m_report.json(m_traffic).constData(), stdout);
    else
        std::fputs(qPrintable(m_report.text(m_traffic)), stdout);
    std::fflush(stdout);
    const int code = m_report.exitCode();
    QTimer::singleShot(0, this, [this, code] { Q_EMIT done(code); });
}

} // namespace oauth2dbg
