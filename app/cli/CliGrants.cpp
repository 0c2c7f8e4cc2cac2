// What the token endpoint's other grants take from the command line: tokens and the password only from the
// environment variables the user named (never an argument, which other users can read), the assertion's key
// from a file, its claims and the token types as given.
#include "CliProfile.h"

#include <QFile>

namespace oauth2dbg {

namespace {
EngineError usageError(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}

// The variable's value, or the usage error that it is unset or empty.
EngineError fromEnvironment(const QString& name, const char* option, Secret* into)
{
    if (name.isEmpty())
        return {};
    const QByteArray value = qgetenv(qPrintable(name)).trimmed();
    if (value.isEmpty())
        return usageError(QStringLiteral("the environment variable %1 (%2) is empty or unset")
                              .arg(name, QLatin1String(option)));
    *into = Secret(value);
    return {};
}
} // namespace

EngineError readGrantInput(const CliOptions& o, GrantInput* grant)
{
    if (const EngineError e = fromEnvironment(o.subjectTokenEnv, "--subject-token-env", &grant->subjectToken);
        e.isError())
        return e;
    if (const EngineError e = fromEnvironment(o.actorTokenEnv, "--actor-token-env", &grant->actorToken);
        e.isError())
        return e;
    if (const EngineError e = fromEnvironment(o.passwordEnv, "--password-env", &grant->password); e.isError())
        return e;
    if (!o.subjectTokenType.isEmpty())
        grant->subjectTokenType = o.subjectTokenType;
    grant->actorTokenType = o.actorTokenType;
    grant->requestedTokenType = o.requestedTokenType;
    grant->assertionSubject = o.subject;
    grant->assertionIssuer = o.assertionIssuer;
    grant->assertionAudience = o.assertionAudience;
    grant->username = o.username;
    if (!o.assertionKeyFile.isEmpty()) {
        QFile file(o.assertionKeyFile);
        if (!file.open(QIODevice::ReadOnly))
            return usageError(QStringLiteral("cannot read --assertion-key-file %1: %2")
                                  .arg(o.assertionKeyFile, file.errorString()));
        const QByteArray key = file.read(64 * 1024 + 1); // a key is far smaller; a device is endless
        if (key.size() > 64 * 1024)
            return usageError(QStringLiteral("--assertion-key-file %1 is larger than 64 KiB: not a key")
                                  .arg(o.assertionKeyFile));
        grant->assertionKey = Secret(key);
    }
    return {};
}

} // namespace oauth2dbg
