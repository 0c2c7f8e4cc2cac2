#include "CliRunner.h"

#include "CliCommands.h"
#include "CliDecode.h"
#include "CliDeviceCode.h"
#include "common/SafeFile.h"
#include "common/VisibleText.h"
#include "jose/Jws.h"
#include "profiles/AppSettings.h"
#include "profiles/ProfileStore.h"
#include "session/ProfileFlow.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalBlocker>
#include <QTimer>

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
    , m_session(&m_network, &m_launcher, &m_profileSecrets)
    // The same clock skew the window allows (its settings), for the same verdicts.
    , m_clockSkewSeconds(
          AppSettings::load(QFileInfo(ProfileStore().path()).absolutePath() + QStringLiteral("/settings.ini"))
              .clockSkewSeconds)
{
    // Colour for a person at a terminal: https://no-color.org, and never into a pipe or a file.
    m_report.setColour(isatty(fileno(stdout)) != 0 && qEnvironmentVariableIsEmpty("NO_COLOR") &&
                       qgetenv("TERM") != "dumb");
    connect(&m_session, &FlowSession::stepChanged, this, &CliRunner::onStep);
    connect(&m_session, &FlowSession::tokensVerified, this, [this] {
        m_report.setTokenVerdicts(m_session.idVerification(), m_session.accessVerification());
    });
    connect(&m_session, &FlowSession::goalFinished, this, &CliRunner::onGoal);
    connect(&m_session, &FlowSession::operationFinished, this, &CliRunner::onOperation);
    connect(&m_session, &FlowSession::tokensChanged, this, [this](const TokenResult& result) {
        if (result.ok())
            m_report.setTokens(result);
    });
    connect(&m_session, &FlowSession::callbackRejected, this, [](const CapturedCallback& callback) {
        progress(QStringLiteral("refused a request to the listener: %1")
                     .arg(callback.problem.isEmpty() ? callback.verdict.reason : callback.problem));
    });
    connect(&m_session, &FlowSession::stageChanged, this, [this](AuthorizationFlow::Stage stage) {
        const AuthorizationFlow* flow = m_session.authorization();
        if (stage == AuthorizationFlow::Stage::WaitingForBrowser && flow->listener())
            progress(
                QStringLiteral("Waiting up to %1 s for the browser at %2 …")
                    .arg(std::chrono::duration_cast<std::chrono::seconds>(flow->settings().listener.timeout)
                             .count())
                    .arg(flow->listener()->redirectUri()));
    });
    connect(&m_session, &FlowSession::deviceCodeIssued, this, &CliDeviceCode::show);
    connect(&m_session, &FlowSession::refreshTokenKept, this, [](const SecretState& s) {
        if (s.where != SecretState::Where::Keychain && s.where != SecretState::Where::PlainFile)
            std::fprintf(stderr, "warning: the new refresh token could not be kept: %s\n",
                         qPrintable(VisibleText::escaped(s.message)));
    });
}

CliRunner::~CliRunner() = default;

void CliRunner::progress(const QString& line)
{
    // For a person at a terminal only: in automation, stderr starts with the error line, if any.
    static const bool interactive = isatty(fileno(stderr)) != 0;
    if (interactive)
        std::fprintf(stderr, "%s\n", qPrintable(VisibleText::escaped(line)));
}

void CliRunner::start()
{
    const bool withProfile = !m_options.profileName.isEmpty() || !m_options.profileFile.isEmpty();
    if (m_options.command == CliOptions::Command::Decode) {
        m_decode = std::make_unique<CliDecode>(m_options, &m_report, m_session.keys(), m_clockSkewSeconds);
        const auto done = [this](const EngineError& error, int exitCode) {
            if (error.isError())
                return fail(error, exitCode);
            finish();
        };
        CliDecode::Verify viaProfile;
        if (withProfile) {
            viaProfile = [this](const QByteArray& token) {
                m_operationToken = Secret(token);
                startWithProfile();
            };
        }
        m_decode->run(this, done, viaProfile);
        return;
    }
    startWithProfile();
}

void CliRunner::startWithProfile()
{
    m_loaded = loadCliProfile(m_options);
    if (m_loaded.error.isError())
        return fail(m_loaded.error, 2);
    if (m_options.command == CliOptions::Command::FlowOfProfile) {
        // A bare flow runs the profile's grant, with that grant's rules for the options given.
        m_options.command = CliOptions::flowCommandOf(m_loaded.profile.grant);
        m_report.setCommand(commandName(m_options.command));
        if (const QString problem = CliOptions::grantProblem(m_options); !problem.isEmpty())
            return fail(
                usageError(
                    QStringLiteral("the profile's grant is %1: %2").arg(m_loaded.profile.grant, problem)),
                2);
        m_loaded = loadCliProfile(m_options); // what that grant reads from the command line and the file
        if (m_loaded.error.isError())
            return fail(m_loaded.error, 2);
    }
    m_report.setProfile(m_loaded.profile.name, m_loaded.profile.issuer, m_loaded.profile.environment);
    if (readOperationToken())
        loadSecrets();
}

bool CliRunner::readOperationToken()
{
    const bool operation = m_options.command == CliOptions::Command::UserInfo ||
                           m_options.command == CliOptions::Command::Introspect ||
                           m_options.command == CliOptions::Command::Revoke ||
                           m_options.command == CliOptions::Command::Call;
    if (m_options.command == CliOptions::Command::Logout && !m_options.idTokenEnv.isEmpty()) {
        // The ID token to send as id_token_hint; without the option, none (LO-03 says what that means).
        m_operationToken = Secret(qgetenv(qPrintable(m_options.idTokenEnv)).trimmed());
        if (m_operationToken.isEmpty()) {
            fail(usageError(QStringLiteral("the environment variable %1 (--id-token-env) is empty or unset")
                                .arg(m_options.idTokenEnv)),
                 2);
            return false;
        }
        return true;
    }
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

AuthorizationSettings CliRunner::authorizationSettings(const Profile& profile,
                                                       const DiscoveryResult& discovery, QString* error) const
{
    AuthorizationSettings settings = ProfileFlow::authorizationSettings(profile, discovery, error);
    if (error->isEmpty() && settings.manualCapture)
        *error = QStringLiteral("the profile's redirect is not on this machine (manual); the command line "
                                "captures loopback redirects only");
    if (m_options.timeoutSeconds > 0)
        settings.listener.timeout = std::chrono::seconds(m_options.timeoutSeconds);
    settings.pushed = settings.pushed || m_options.pushed;
    if (!m_options.authorizationDetails.isEmpty()) // RFC 9396, checked by the session before it is sent
        settings.parameters.extra.append(
            {QStringLiteral("authorization_details"), m_options.authorizationDetails});
    if (!m_options.responseMode.isEmpty()) {
        settings.parameters.responseMode = m_options.responseMode;
        settings.listener.acceptFormPost = m_options.responseMode == u"form_post";
        settings.listener.fragmentRelay =
            settings.listener.fragmentRelay || m_options.responseMode == u"fragment";
    }
    settings.signedRequest = settings.signedRequest || m_options.signedRequest;
    if (!m_options.requestAudience.isEmpty())
        settings.requestAudience = m_options.requestAudience;
    return settings;
}

void CliRunner::runGoal()
{
    const Profile& profile = m_loaded.profile;
    m_session.setProfile(profile);
    m_session.setClockSkew(m_clockSkewSeconds);
    m_session.setClientSecret(m_loaded.secret);
    m_session.setClientKey(m_loaded.key);
    // Mutual TLS: the certificate file, or the keychain entry that holds the certificate with its key.
    m_session.setClientCertificate(!m_loaded.certificate.isEmpty() ? m_loaded.certificate
                                   : m_loaded.key.reveal().contains("BEGIN CERTIFICATE")
                                       ? m_loaded.key.reveal()
                                       : QByteArray());
    m_session.setRefreshToken(m_loaded.refreshToken);
    m_session.setDpopKey(m_loaded.dpopKey);
    bool known = false;
    m_session.setDpopFault(
        dpopFaultOf(m_options.dpopFault.isEmpty() ? QStringLiteral("none") : m_options.dpopFault, &known));
    m_session.setAuthorizationSource([this](const Profile& p, const DiscoveryResult& d, QString* error) {
        return authorizationSettings(p, d, error);
    });
    m_launcher.setCommand(m_options.browser.isEmpty() ? profile.browserCommand : m_options.browser);
    m_launcher.setHiddenVariables({m_options.clientSecretEnv, m_options.refreshTokenEnv, m_options.tokenEnv,
                                   m_options.subjectTokenEnv, m_options.actorTokenEnv, m_options.passwordEnv,
                                   m_options.idTokenEnv});
    progress(profile.issuer.isEmpty() ? QStringLiteral("No issuer: using the profile's endpoints …")
                                      : QStringLiteral("Discovering %1 …").arg(profile.issuer));
    const FlowSession::Goal goal =
        m_options.checkRequest ? FlowSession::Goal::CheckRequest : goalOf(m_options.command);
    // The device grant opens a browser only when told to: the user usually signs in on another device.
    m_session.run(goal, {.openBrowser = goal != FlowSession::Goal::DeviceCode || !m_options.browser.isEmpty(),
                         .resources = m_options.resources,
                         .audience = m_options.audience,
                         .token = m_operationToken,
                         .hint = m_options.tokenHint,
                         .grant = m_loaded.grant,
                         .responseType = responseType(),
                         .api = apiRequest(),
                         .authorizationDetails = m_options.authorizationDetails});
}

QString CliRunner::responseType() const
{
    if (m_options.command == CliOptions::Command::FlowImplicit)
        return m_options.responseType.isEmpty() ? QStringLiteral("id_token token")
                                                : m_options.responseType.simplified();
    if (m_options.command == CliOptions::Command::FlowHybrid)
        return m_options.responseType.isEmpty() ? QStringLiteral("code id_token")
                                                : m_options.responseType.simplified();
    return {};
}

void CliRunner::onStep(const FlowStep& step)
{
    // The report keeps what each step came to; the browser's part is in the callback's own step.
    if (step.interim || step.kind == FlowStep::Kind::Consent)
        return;
    // A token request's text is the engine's account of how the client authenticated, a line per fact (any
    // client_id in it has its controls shown): one line each here too. Other steps' text is one line.
    using K = FlowStep::Kind;
    QStringList lines{step.text()};
    const bool tokenRequest = step.kind == K::Token || step.kind == K::Refresh ||
                              step.kind == K::ClientCredentials || step.kind == K::TokenExchange ||
                              step.kind == K::JwtBearer || step.kind == K::Password;
    if (tokenRequest)
        lines = step.text().split(u'\n');
    const QString first = lines.takeFirst();
    m_report.addStep(FlowStep::title(step.kind), first, step.checks, lines);
    // JAR: what was signed, as fields (never the JWT itself).
    if (const ClientAssertion& o = m_session.lastRequestObject(); o.ok() && step.kind == K::RequestObject)
        m_report.addDocument(QStringLiteral("Request object"), {{QStringLiteral("signedWith"), o.signedWith},
                                                                {QStringLiteral("header"), o.header},
                                                                {QStringLiteral("claims"), o.claims}});
    if (!tokenRequest)
        return;
    // What was signed and sent, as fields: the assertion's header and claims (never the JWT itself).
    if (const ClientAssertion& a = m_session.lastAssertion(); a.ok())
        m_report.addDocument(QStringLiteral("Client assertion"),
                             {{QStringLiteral("signedWith"), a.signedWith},
                              {QStringLiteral("header"), a.header},
                              {QStringLiteral("claims"), a.claims}});
    if (const ClientAssertion& a = m_session.lastBearerAssertion(); a.ok() && step.kind == K::JwtBearer)
        m_report.addDocument(QStringLiteral("Bearer assertion"),
                             {{QStringLiteral("signedWith"), a.signedWith},
                              {QStringLiteral("header"), a.header},
                              {QStringLiteral("claims"), a.claims}});
    // The certificate the TLS handshake offered (its public facts; never its key).
    if (const ClientCredentialsSent& sent = m_session.lastCredentials(); !sent.certificateSubject.isEmpty())
        m_report.addDocument(QStringLiteral("Client certificate"),
                             {{QStringLiteral("subject"), sent.certificateSubject},
                              {QStringLiteral("issuer"), sent.certificateIssuer},
                              {QStringLiteral("x5t#S256"), sent.certificateThumbprint}});
}

HttpRequest CliRunner::apiRequest() const
{
    if (m_options.command != CliOptions::Command::Call)
        return {};
    HttpRequest request{.method = m_options.callMethod.isEmpty()
                                      ? QByteArray(m_options.callData.isEmpty() ? "GET" : "POST")
                                      : m_options.callMethod.toUpper().toLatin1(),
                        .url = QUrl(m_options.callUrl, QUrl::StrictMode),
                        .body = m_options.callData.toUtf8()};
    for (const QString& header : m_options.callHeaders)
        request.headers.append(
            {header.section(u':', 0, 0).trimmed().toLatin1(), header.section(u':', 1).trimmed().toUtf8()});
    return request;
}

void CliRunner::onOperation(const OperationResult& result)
{
    // An inactive token's other members mean nothing (RFC 7662 §2.2): only "active" is shown for it.
    const bool inactive = result.kind == OperationResult::Kind::Introspection && !result.active;
    if (!result.body.isEmpty())
        m_report.addDocument(inactive ? QStringLiteral("Answer (inactive)") : QStringLiteral("Answer"),
                             inactive ? QJsonObject{{QStringLiteral("active"), result.body.value(u"active")}}
                                      : result.body);
}

void CliRunner::onGoal(const FlowOutcome& outcome)
{
    if (outcome.ok())
        return finish();
    {
        // A browser that could not start (or a request prepared only to be checked) leaves the listener
        // open: close it, without a "cancelled" step the user did not ask for.
        const QSignalBlocker quiet(&m_session);
        m_session.cancel();
    }
    const bool browserPart = outcome.step == FlowStep::Kind::Callback ||
                             outcome.step == FlowStep::Kind::Consent ||
                             outcome.step == FlowStep::Kind::SignOut;
    // The flow's own wait ran out, or it was cancelled: exit code 4; the server's "no" is 1.
    // A device code that expired before the sign-in (the server's expired_token) is the same wait run out.
    const bool stopped =
        (browserPart &&
         (outcome.error.kind == ErrorKind::Timeout || outcome.error.kind == ErrorKind::Cancelled)) ||
        (outcome.goal == FlowGoal::DeviceCode && outcome.error.oauthError == u"expired_token");
    fail(outcome.error, stopped ? 4 : exitCodeFor(outcome.error));
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
    if (m_options.eachLine)
        ; // the lines are out already, one a token
    else if (m_options.json)
        std::fputs(m_report.json(m_traffic).constData(), stdout);
    else
        std::fputs(qPrintable(m_report.text(m_traffic)), stdout);
    std::fflush(stdout);
    const int code = m_report.exitCode();
    QTimer::singleShot(0, this, [this, code] { Q_EMIT done(code); });
}

} // namespace oauth2dbg
