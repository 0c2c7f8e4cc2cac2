#include "CliProfile.h"

#include "common/SafeFile.h"
#include "profiles/ProfileLibrary.h"
#include "profiles/ProfileStore.h"
#include "profiles/ProfileTransfer.h"

#include <QFile>
#include <QUuid>

namespace oauth2dbg {

namespace {
EngineError usageError(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}

// A profile file is data from elsewhere: it may not run a program, pick a file on this machine, weaken TLS or
// release a keychain entry. What it asked for and the command line did not give is refused, not ignored, so a
// run never does something other than what its user saw.
EngineError acceptFileProfile(const CliOptions& options, Profile& profile,
                              const ProfileTransfer::Imported& imported)
{
    profile.id = QStringLiteral("file:") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    profile.keepRefreshToken = false; // a file's profile keeps nothing in this machine's keychain
    for (const ProfileTransfer::Withheld& w : imported.withheld) {
        if (w.profile != profile.name)
            continue;
        QString refusal;
        if (w.field == u"browserCommand" && options.browser.isEmpty() &&
            options.command == CliOptions::Command::FlowAuthorizationCode)
            refusal =
                QStringLiteral("the profile file asks to run the browser command \"%1\"; a profile file "
                               "never runs a program: give --browser 'COMMAND %u' yourself, or remove "
                               "browserCommand from the file to use the system browser")
                    .arg(w.value);
        else if (w.field == u"caFile" && options.caFile.isEmpty())
            refusal =
                QStringLiteral("the profile file names the CA file \"%1\"; a profile file never picks a "
                               "file on this machine: give --ca-file FILE yourself")
                    .arg(w.value);
        else if (w.field == u"allowSelfSigned" && !options.allowSelfSigned)
            refusal = QStringLiteral("the profile file allows self-signed certificates; a profile file never "
                                     "weakens TLS: give --allow-self-signed yourself");
        if (!refusal.isEmpty()) {
            return usageError(refusal);
        }
    }
    return {};
}
} // namespace

CliProfile loadCliProfile(const CliOptions& options)
{
    CliProfile loaded;
    Profile& profile = loaded.profile;
    const auto fail = [&loaded](const EngineError& error, int /*exit code: always 2*/) {
        loaded.error = error;
        return loaded;
    };
    if (!options.profileFile.isEmpty()) {
        const SafeFile::Read file = SafeFile::readFile(options.profileFile, SafeFile::kMaxInputFile,
                                                       QStringLiteral("the profile file"));
        if (!file.ok()) {
            return fail(
                usageError(QStringLiteral("cannot read the profile file: %1").arg(file.error.message)), 2);
        }
        const ProfileTransfer::Imported imported = ProfileTransfer::importProfiles(file.data, {});
        if (!imported.ok()) {
            return fail(
                usageError(QStringLiteral("the profile file %1 cannot be used: %2")
                               .arg(options.profileFile, imported.problems.join(QStringLiteral("; ")))),
                2);
        }
        QList<Profile> candidates = imported.profiles;
        if (!options.profileName.isEmpty())
            candidates.removeIf([&options](const Profile& p) { return p.name != options.profileName; });
        if (candidates.size() != 1) {
            return fail(
                usageError(candidates.isEmpty()
                               ? QStringLiteral("the profile file %1 has no profile named \"%2\"")
                                     .arg(options.profileFile, options.profileName)
                               : QStringLiteral(
                                     "the profile file %1 holds %2 profiles; choose one with --profile NAME")
                                     .arg(options.profileFile)
                                     .arg(candidates.size())),
                2);
        }
        profile = candidates.first();
        loaded.fromFile = true;
        if (const EngineError refused = acceptFileProfile(options, profile, imported); refused.isError())
            return fail(refused, 2);
    } else {
        // A saved profile, by name, as the window keeps it; "Local demo" is there even before the first
        // start.
        ProfileStore store;
        ProfileLibrary library(&store);
        const ProfileLibrary::Loaded saved = library.load(false);
        library.setDemoIssuer(options.demoIssuer);
        const std::optional<Profile> found = library.findByName(options.profileName);
        if (!found) {
            return fail(
                usageError(QStringLiteral("there is no saved profile named \"%1\"%2; use --profile-file")
                               .arg(options.profileName,
                                    saved.warning.isEmpty() ? QString() : u" (" % saved.warning % u')')),
                2);
        }
        profile = *found;
    }
    if (!options.environment.isEmpty()) {
        const ProfileEnvironment* environment = profile.findEnvironment(options.environment);
        if (!environment) {
            const QStringList names = profile.environmentNames();
            return fail(
                usageError(names.isEmpty()
                               ? QStringLiteral("the profile \"%1\" has no environments (--env %2)")
                                     .arg(profile.name, options.environment)
                               : QStringLiteral("the profile \"%1\" has no environment \"%2\"%3 (it has "
                                                "%4)")
                                     .arg(profile.name, options.environment,
                                          CliOptions::suggestion(options.environment, names),
                                          names.join(QStringLiteral(", ")))),
                2);
        }
        profile = profile.inEnvironment(*environment);
    }
    // What the command line itself says wins over the profile: the user typed it.
    if (!options.caFile.isEmpty())
        profile.caFile = options.caFile;
    if (options.allowSelfSigned)
        profile.allowSelfSigned = true;
    if (!options.basicForm.isEmpty()) {
        BasicForm form = BasicForm::FormEncoded;
        if (!ClientAuthentication::formFromName(options.basicForm, &form))
            return fail(
                usageError(
                    QStringLiteral("--basic-form is form-encoded or raw, not \"%1\"").arg(options.basicForm)),
                2);
        profile.basicForm = options.basicForm;
    }
    for (const QString& host : std::as_const(options.allowedHosts))
        profile.approvedHosts << host;
    if (options.dpop || !options.dpopFault.isEmpty())
        profile.dpop = true;
    if (const QList<FieldProblem> problems = profile.validate(); !problems.isEmpty()) {
        return fail(usageError(QStringLiteral("the profile \"%1\" cannot be used: %2 (%3)")
                                   .arg(profile.name, problems.first().message, problems.first().field)),
                    2);
    }
    if (!ClientAuthentication::methodFromName(profile.authMethod, &loaded.method)) {
        return fail(
            usageError(QStringLiteral("the profile's authMethod \"%1\" is not one of client_secret_basic, "
                                      "client_secret_post, private_key_jwt, client_secret_jwt, "
                                      "tls_client_auth, self_signed_tls_client_auth, none")
                           .arg(profile.authMethod)),
            2);
    }
    if (!options.clientSecretEnv.isEmpty()) {
        if (qEnvironmentVariableIsEmpty(qPrintable(options.clientSecretEnv))) {
            return fail(usageError(QStringLiteral(
                                       "the environment variable %1 (--client-secret-env) is empty or unset")
                                       .arg(options.clientSecretEnv)),
                        2);
        }
        loaded.secret = Secret(qgetenv(qPrintable(options.clientSecretEnv)));
    }
    // Key and certificate files are read with a bound: 64 KiB is more than any key or short chain.
    const auto readSmall = [](const QString& path, const char* option, QByteArray* contents) -> QString {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return QStringLiteral("cannot read %1 %2: %3")
                .arg(QLatin1String(option), path, file.errorString());
        *contents = file.read(64 * 1024 + 1);
        if (contents->size() > 64 * 1024)
            return QStringLiteral("%1 %2 is larger than 64 KiB: not a key or certificate")
                .arg(QLatin1String(option), path);
        return {};
    };
    if (!options.clientKeyFile.isEmpty()) {
        QByteArray pem;
        if (const QString problem = readSmall(options.clientKeyFile, "--client-key-file", &pem);
            !problem.isEmpty())
            return fail(usageError(problem), 2);
        loaded.key = Secret(pem);
    }
    if (!options.clientCertFile.isEmpty()) {
        if (const QString problem =
                readSmall(options.clientCertFile, "--client-cert-file", &loaded.certificate);
            !problem.isEmpty())
            return fail(usageError(problem), 2);
        if (loaded.key.isEmpty() && loaded.certificate.contains("PRIVATE KEY-----"))
            loaded.key = Secret(loaded.certificate); // one file with both
    }
    if (!options.refreshTokenEnv.isEmpty())
        loaded.refreshToken = Secret(qgetenv(qPrintable(options.refreshTokenEnv)));
    if (const EngineError problem = readGrantInput(options, &loaded.grant); problem.isError())
        return fail(problem, 2);
    return loaded;
}

} // namespace oauth2dbg
