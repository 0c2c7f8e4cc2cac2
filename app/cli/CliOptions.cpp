#include "CliOptions.h"

#include <QHash>

#include <algorithm>

namespace oauth2dbg {

namespace {
// Options that take a value, and where it goes.
QString* valueTarget(CliOptions& o, const QString& name)
{
    if (name == u"--profile")
        return &o.profileName;
    if (name == u"--profile-file")
        return &o.profileFile;
    if (name == u"--env")
        return &o.environment;
    if (name == u"--browser")
        return &o.browser;
    if (name == u"--client-secret-env")
        return &o.clientSecretEnv;
    if (name == u"--refresh-token-env")
        return &o.refreshTokenEnv;
    if (name == u"--demo-issuer")
        return &o.demoIssuer;
    if (name == u"--token-env")
        return &o.tokenEnv;
    if (name == u"--hint")
        return &o.tokenHint;
    if (name == u"--jwks")
        return &o.jwks;
    if (name == u"--ca-file")
        return &o.caFile;
    if (name == u"--basic-form")
        return &o.basicForm;
    if (name == u"--client-key-file")
        return &o.clientKeyFile;
    if (name == u"--client-cert-file")
        return &o.clientCertFile;
    if (name == u"--subject-token-env")
        return &o.subjectTokenEnv;
    if (name == u"--subject-token-type")
        return &o.subjectTokenType;
    if (name == u"--actor-token-env")
        return &o.actorTokenEnv;
    if (name == u"--actor-token-type")
        return &o.actorTokenType;
    if (name == u"--requested-token-type")
        return &o.requestedTokenType;
    if (name == u"--audience")
        return &o.audience;
    if (name == u"--assertion-key-file")
        return &o.assertionKeyFile;
    if (name == u"--subject")
        return &o.subject;
    if (name == u"--assertion-issuer")
        return &o.assertionIssuer;
    if (name == u"--assertion-audience")
        return &o.assertionAudience;
    if (name == u"--username")
        return &o.username;
    if (name == u"--password-env")
        return &o.passwordEnv;
    if (name == u"--response-type")
        return &o.responseType;
    if (name == u"--response-mode")
        return &o.responseMode;
    if (name == u"--authorization-details")
        return &o.authorizationDetails;
    if (name == u"--id-token-env")
        return &o.idTokenEnv;
    if (name == u"--jar-audience")
        return &o.requestAudience;
    if (name == u"--dpop-fault")
        return &o.dpopFault;
    if (name == u"--url")
        return &o.callUrl;
    if (name == u"--method")
        return &o.callMethod;
    if (name == u"--data")
        return &o.callData;
    return nullptr;
}

const QStringList kCommands{QStringLiteral("flow"),       QStringLiteral("refresh"),
                            QStringLiteral("decode"),     QStringLiteral("userinfo"),
                            QStringLiteral("introspect"), QStringLiteral("revoke"),
                            QStringLiteral("logout"),     QStringLiteral("call"),
                            QStringLiteral("checks"),     QStringLiteral("help")};
const QStringList kGrants{QStringLiteral("authorization_code"), QStringLiteral("client_credentials"),
                          QStringLiteral("device_code"),        QStringLiteral("token_exchange"),
                          QStringLiteral("jwt_bearer"),         QStringLiteral("password"),
                          QStringLiteral("implicit"),           QStringLiteral("hybrid")};
const QStringList kFlags{QStringLiteral("--json"),          QStringLiteral("--reveal"),
                         QStringLiteral("--token-stdin"),   QStringLiteral("--allow-self-signed"),
                         QStringLiteral("--markdown"),      QStringLiteral("--each-line"),
                         QStringLiteral("--check-request"), QStringLiteral("--par"),
                         QStringLiteral("--jar"),           QStringLiteral("--dpop")};
const QStringList kValueOptions{QStringLiteral("--profile"),
                                QStringLiteral("--profile-file"),
                                QStringLiteral("--env"),
                                QStringLiteral("--browser"),
                                QStringLiteral("--timeout"),
                                QStringLiteral("--client-secret-env"),
                                QStringLiteral("--refresh-token-env"),
                                QStringLiteral("--demo-issuer"),
                                QStringLiteral("--token-env"),
                                QStringLiteral("--hint"),
                                QStringLiteral("--jwks"),
                                QStringLiteral("--ca-file"),
                                QStringLiteral("--basic-form"),
                                QStringLiteral("--client-key-file"),
                                QStringLiteral("--client-cert-file"),
                                QStringLiteral("--allow-endpoint-host"),
                                QStringLiteral("--subject-token-env"),
                                QStringLiteral("--subject-token-type"),
                                QStringLiteral("--actor-token-env"),
                                QStringLiteral("--actor-token-type"),
                                QStringLiteral("--requested-token-type"),
                                QStringLiteral("--audience"),
                                QStringLiteral("--resource"),
                                QStringLiteral("--assertion-key-file"),
                                QStringLiteral("--subject"),
                                QStringLiteral("--assertion-issuer"),
                                QStringLiteral("--assertion-audience"),
                                QStringLiteral("--username"),
                                QStringLiteral("--password-env"),
                                QStringLiteral("--response-type"),
                                QStringLiteral("--response-mode"),
                                QStringLiteral("--authorization-details"),
                                QStringLiteral("--id-token-env"),
                                QStringLiteral("--jar-audience"),
                                QStringLiteral("--dpop-fault"),
                                QStringLiteral("--url"),
                                QStringLiteral("--method"),
                                QStringLiteral("--header"),
                                QStringLiteral("--data")};

// Edits between two short words (Levenshtein), for "did you mean".
int distance(const QString& a, const QString& b)
{
    QList<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

CliOptions::Command CliOptions::flowCommandOf(const QString& grant)
{
    static const QHash<QString, Command> commands{
        {QStringLiteral("authorization_code"), Command::FlowAuthorizationCode},
        {QStringLiteral("client_credentials"), Command::FlowClientCredentials},
        {QStringLiteral("device_code"), Command::FlowDeviceCode},
        {QStringLiteral("token_exchange"), Command::FlowTokenExchange},
        {QStringLiteral("jwt_bearer"), Command::FlowJwtBearer},
        {QStringLiteral("password"), Command::FlowPassword},
        {QStringLiteral("implicit"), Command::FlowImplicit},
        {QStringLiteral("hybrid"), Command::FlowHybrid}};
    return commands.value(grant, Command::None);
}

QString CliOptions::suggestion(const QString& word, const QStringList& known)
{
    QString best;
    int bestDistance = 3; // at most two edits
    for (const QString& k : known) {
        if (const int d = distance(word.toLower(), k.toLower()); d < bestDistance) {
            best = k;
            bestDistance = d;
        }
    }
    return best.isEmpty() ? QString() : QStringLiteral("; did you mean \"%1\"?").arg(best);
}

bool CliOptions::isCommandLine(const QStringList& arguments)
{
    if (arguments.size() < 2)
        return false;
    // The window takes only options (--demo-issuer, Qt's -style …): a first word that is not one is a
    // command, known or mistyped, and a mistyped one is a usage error rather than a window opening instead.
    const QString& first = arguments.at(1);
    return !first.startsWith(u'-') || first == u"--help" || first == u"-h" || first == u"--version" ||
           first == u"-v";
}

CliOptions CliOptions::parse(const QStringList& arguments)
{
    CliOptions o;
    QStringList words = arguments.mid(1);
    if (words.isEmpty()) {
        o.error = QStringLiteral("no command");
        return o;
    }
    const QString first = words.takeFirst();
    if (first == u"--help" || first == u"-h" || first == u"help") {
        o.command = Command::Help;
        return o;
    }
    if (first == u"--version" || first == u"-v") {
        o.command = Command::Version;
        return o;
    }
    if (first == u"checks") {
        o.command = Command::Checks;
        for (const QString& word : std::as_const(words)) {
            if (word == u"--markdown")
                o.markdown = true;
            else if (word.startsWith(u"--"))
                o.error = QStringLiteral("unknown option \"%1\"").arg(word);
            else if (o.checkId.isEmpty())
                o.checkId = word;
            else
                o.checkId += u' ' % word; // "RFC 7515 §6" may arrive unquoted
        }
        return o;
    }
    if (first == u"flow") {
        // No grant named: the profile's (Profile::grant), known once the profile is read.
        const QString grant =
            words.isEmpty() || words.constFirst().startsWith(u"--") ? QString() : words.takeFirst();
        o.command = grant.isEmpty() ? Command::FlowOfProfile : flowCommandOf(grant);
        if (o.command == Command::None) {
            o.error = QStringLiteral("unknown grant \"%1\"%2").arg(grant, suggestion(grant, kGrants));
            return o;
        }
    } else if (first == u"refresh") {
        o.command = Command::Refresh;
    } else if (first == u"decode") {
        o.command = Command::Decode;
        // The token is the first word that is neither an option nor an option's value, wherever it stands.
        for (int i = 0; i < words.size(); ++i) {
            const QString& word = words.at(i);
            if (word == u"-" || !word.startsWith(u"--")) {
                o.token = words.takeAt(i);
                break;
            }
            if (kValueOptions.contains(word))
                ++i;
        }
        if (o.token.isNull()) {
            o.error = QStringLiteral("decode needs the token, or - to read it from stdin");
            return o;
        }
    } else if (first == u"userinfo") {
        o.command = Command::UserInfo;
    } else if (first == u"introspect") {
        o.command = Command::Introspect;
    } else if (first == u"revoke") {
        o.command = Command::Revoke;
    } else if (first == u"logout") {
        o.command = Command::Logout;
    } else if (first == u"call") {
        o.command = Command::Call;
    } else {
        o.error = QStringLiteral("unknown command \"%1\"%2").arg(first, suggestion(first, kCommands));
        return o;
    }
    while (!words.isEmpty()) {
        const QString word = words.takeFirst();
        if (word == u"--json") {
            o.json = true;
        } else if (word == u"--each-line") {
            o.eachLine = true;
        } else if (word == u"--check-request") {
            o.checkRequest = true;
        } else if (word == u"--par") {
            o.pushed = true;
        } else if (word == u"--jar") {
            o.signedRequest = true;
        } else if (word == u"--dpop") {
            o.dpop = true;
        } else if (word == u"--reveal") {
            o.reveal = true;
        } else if (word == u"--token-stdin") {
            o.tokenStdin = true;
        } else if (word == u"--allow-self-signed") {
            o.allowSelfSigned = true;
        } else if (word == u"--header") {
            // A header is one line: a line break in it would be a header of its own (or a body).
            const bool oneLine =
                !words.isEmpty() && std::none_of(words.first().cbegin(), words.first().cend(),
                                                 [](QChar c) { return c.unicode() < 0x20; });
            if (words.isEmpty() || !words.first().contains(u':') || !oneLine ||
                words.first().section(u':', 0, 0).trimmed().isEmpty()) {
                o.error = QStringLiteral("--header needs 'Name: value' on one line");
                return o;
            }
            o.callHeaders << words.takeFirst();
        } else if (word == u"--allow-endpoint-host") {
            if (words.isEmpty()) {
                o.error = QStringLiteral("--allow-endpoint-host needs a host name");
                return o;
            }
            o.allowedHosts << words.takeFirst().trimmed().toLower();
        } else if (word == u"--resource") {
            if (words.isEmpty()) {
                o.error = QStringLiteral("--resource needs a URI");
                return o;
            }
            o.resources << words.takeFirst().trimmed();
        } else if (word == u"--timeout") {
            bool number = false;
            o.timeoutSeconds = words.isEmpty() ? 0 : words.takeFirst().toInt(&number);
            if (!number || o.timeoutSeconds <= 0) {
                o.error = QStringLiteral("--timeout takes a positive number of seconds");
                return o;
            }
        } else if (QString* target = valueTarget(o, word)) {
            if (words.isEmpty()) {
                o.error = QStringLiteral("%1 needs a value").arg(word);
                return o;
            }
            *target = words.takeFirst();
        } else if (word == u"--client-secret" || word.startsWith(u"--client-secret=")) {
            o.error =
                QStringLiteral("secrets are never taken from the command line (other users can read it); "
                               "use --client-secret-env NAME");
            return o;
        } else {
            o.error =
                QStringLiteral("unknown option \"%1\"%2").arg(word, suggestion(word, kFlags + kValueOptions));
            return o;
        }
    }
    if (o.command == Command::Decode) {
        // A token and, at most, keys: a key set given, or the keys of a profile's issuer.
        const bool profile = !(o.profileName.isEmpty() && o.profileFile.isEmpty());
        if (!o.jwks.isEmpty() && profile)
            o.error = QStringLiteral("decode takes --jwks or a profile (its issuer's keys), not both");
        else if (o.eachLine && (o.token != u"-" || profile))
            o.error =
                QStringLiteral("--each-line reads tokens from stdin (decode - --each-line) and verifies them "
                               "with --jwks or --client-secret-env, not a profile");
        return o;
    }
    if (o.profileName.isEmpty() && o.profileFile.isEmpty() && o.command == Command::FlowOfProfile) {
        o.error = QStringLiteral("flow runs the grant a profile chose: give --profile NAME or --profile-file "
                                 "FILE, or name the grant (%1)")
                      .arg(kGrants.join(QStringLiteral(", ")));
        return o;
    }
    if (o.profileName.isEmpty() && o.profileFile.isEmpty()) {
        o.error =
            QStringLiteral("give --profile NAME or --profile-file FILE (or both, to pick one from a file)");
        return o;
    }
    if (!o.environment.isNull() && o.environment.trimmed().isEmpty()) {
        o.error = QStringLiteral("--env needs the name of one of the profile's environments");
        return o;
    }
    // A bare flow's options are held to its grant once the profile says which (CliRunner).
    if (const QString problem = o.command == Command::FlowOfProfile ? QString() : CliOptions::grantProblem(o);
        !problem.isEmpty()) {
        o.error = problem;
        return o;
    }
    const bool operation = o.command == Command::UserInfo || o.command == Command::Introspect ||
                           o.command == Command::Revoke || o.command == Command::Call;
    const bool callOptions =
        !o.callUrl.isEmpty() || !o.callMethod.isEmpty() || !o.callHeaders.isEmpty() || !o.callData.isEmpty();
    if (callOptions && o.command != Command::Call) {
        o.error = QStringLiteral("--url, --method, --header and --data go with call");
        return o;
    }
    if (o.command == Command::Call && o.callUrl.isEmpty()) {
        o.error = QStringLiteral("call needs --url URL (the API to call with the token)");
        return o;
    }
    if (operation && o.tokenEnv.isEmpty() == !o.tokenStdin)
        o.error = QStringLiteral("give the token with --token-env NAME or --token-stdin (one of them)");
    else if (!o.tokenHint.isEmpty() && o.tokenHint != u"access_token" && o.tokenHint != u"refresh_token")
        o.error = QStringLiteral("--hint is access_token or refresh_token");
    return o;
}

} // namespace oauth2dbg
