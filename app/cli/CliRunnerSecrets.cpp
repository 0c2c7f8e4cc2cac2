// Where a command's credentials come from: a file or an environment variable the user named, or the keychain
// for a saved profile (never for a profile file), each asked for only when the command needs it.
#include "CliRunner.h"
#include "jose/Jws.h"

namespace oauth2dbg {

namespace {
EngineError usageError(const QString& message)
{
    return {.kind = ErrorKind::InvalidInput, .message = message};
}
} // namespace

void CliRunner::loadSecrets()
{
    // Userinfo is a bearer call: no secret; a decoded token needs one only when it is signed with it (HS256).
    const bool decode = m_options.command == CliOptions::Command::Decode;
    const bool certified = ClientAuthentication::usesCertificate(m_loaded.method);
    const bool keyed = m_loaded.method == ClientAuthMethod::PrivateKeyJwt || certified;
    const bool needKey =
        keyed && m_loaded.key.isEmpty() && !decode && m_options.command != CliOptions::Command::UserInfo;
    if (needKey && m_loaded.fromFile)
        return fail(usageError(certified
                                   ? QStringLiteral("the profile uses %1 and a profile file never uses the "
                                                    "keychain: give its certificate with --client-cert-file "
                                                    "FILE and its key with --client-key-file FILE")
                                         .arg(m_loaded.profile.authMethod)
                                   : QStringLiteral("the profile uses private_key_jwt and a profile file "
                                                    "never uses the keychain: give its private key (PEM or "
                                                    "JWK) with --client-key-file FILE")),
                    2);
    if (needKey)
        return loadFromKeychain(ProfileSecrets::Kind::ClientKey, &m_loaded.key,
                                certified
                                    ? QStringLiteral("the profile uses %1 and its certificate is not in "
                                                     "the keychain (%2); import it in the window, or "
                                                     "give it with --client-cert-file FILE and "
                                                     "--client-key-file FILE")
                                          .arg(m_loaded.profile.authMethod, QStringLiteral("%1"))
                                    : QStringLiteral("the profile uses %1 and its key is not in the "
                                                     "keychain (%2); import or generate it in the "
                                                     "window, or give it with --client-key-file FILE")
                                          .arg(m_loaded.profile.authMethod, QStringLiteral("%1")));
    // The JWT bearer grant signs with its own key when given one, else with the client's.
    const bool needAssertionKey = m_options.command == CliOptions::Command::FlowJwtBearer &&
                                  m_loaded.grant.assertionKey.isEmpty() && m_loaded.key.isEmpty();
    if (needAssertionKey && m_loaded.fromFile)
        return fail(usageError(QStringLiteral("flow jwt_bearer needs a key to sign the assertion, and a "
                                              "profile file never uses the keychain: give it with "
                                              "--assertion-key-file FILE")),
                    2);
    if (needAssertionKey)
        return loadFromKeychain(ProfileSecrets::Kind::ClientKey, &m_loaded.key,
                                QStringLiteral("flow jwt_bearer needs a key to sign the assertion and the "
                                               "profile keeps none in the keychain (%1); give it with "
                                               "--assertion-key-file FILE"));
    const bool needSecret = m_loaded.method != ClientAuthMethod::None && !keyed &&
                            m_loaded.secret.isEmpty() && m_options.command != CliOptions::Command::UserInfo &&
                            (!decode || CompactJws::parse(m_operationToken.reveal()).alg.startsWith(u"HS"));
    const bool needRefresh =
        m_options.command == CliOptions::Command::Refresh && m_loaded.refreshToken.isEmpty();
    if (m_loaded.fromFile && (needSecret || needRefresh))
        return fail(usageError(needSecret
                                   ? QStringLiteral("the profile uses %1 and a profile file never uses "
                                                    "the keychain: put the secret in an environment "
                                                    "variable and name it with --client-secret-env NAME")
                                         .arg(m_loaded.profile.authMethod)
                                   : QStringLiteral("refresh with a profile file needs --refresh-token-env "
                                                    "NAME (a profile file never uses the keychain)")),
                    2);
    if (needSecret)
        return loadFromKeychain(
            ProfileSecrets::Kind::ClientSecret, &m_loaded.secret,
            QStringLiteral("the profile uses %1 and its secret is not in the keychain (%2); "
                           "store it from the window, or put it in an environment variable "
                           "and name it with --client-secret-env NAME")
                .arg(m_loaded.profile.authMethod, QStringLiteral("%1")));
    if (needRefresh) {
        if (!m_loaded.profile.keepRefreshToken)
            return fail(
                usageError(QStringLiteral("refresh needs --refresh-token-env NAME (the variable holding the "
                                          "refresh token), or a profile that keeps its refresh token")),
                2);
        return loadFromKeychain(
            ProfileSecrets::Kind::RefreshToken, &m_loaded.refreshToken,
            QStringLiteral("the profile keeps no refresh token yet (%1); run a flow first, "
                           "or use --refresh-token-env NAME"));
    }
    // DPoP: a saved profile's key lives in the keychain (made there at its first use); a profile file never
    // opens the keychain, so its run makes a key of its own that ends with it.
    if (m_loaded.profile.dpop && !m_loaded.fromFile && !m_loaded.dpopKeyLooked && !decode) {
        m_loaded.dpopKeyLooked = true;
        return m_profileSecrets.loadOrMakeDpopKey(m_loaded.profile, this, [this](const SecretState& s) {
            if (!s.found())
                progress(QStringLiteral("DPoP: no key from the keychain (%1); this run makes its own.")
                             .arg(s.message));
            m_loaded.dpopKey = s.secret;
            loadSecrets();
        });
    }
    runGoal();
}

void CliRunner::loadFromKeychain(ProfileSecrets::Kind kind, Secret* into, const QString& missing)
{
    // `missing` has %1 for the keychain's word; once found, the next credential is looked for.
    m_profileSecrets.load(m_loaded.profile, kind, this, [this, into, missing](const SecretState& s) {
        if (!s.found())
            return fail(usageError(missing.arg(s.message)), 2);
        *into = s.secret;
        loadSecrets();
    });
}

} // namespace oauth2dbg
