#include "CliTokenJson.h"

#include "checks/CheckCatalogue.h"

#include <QJsonArray>

namespace oauth2dbg {

namespace {
QString kindName(DecodedToken::Kind kind)
{
    switch (kind) {
    case DecodedToken::Kind::Jws:
        return QStringLiteral("jws");
    case DecodedToken::Kind::Jwe:
        return QStringLiteral("jwe");
    case DecodedToken::Kind::Malformed:
        return QStringLiteral("malformed");
    case DecodedToken::Kind::Opaque:
        break;
    }
    return QStringLiteral("opaque");
}
} // namespace

QString resultWord(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return QStringLiteral("fail");
    case Severity::Warning:
        return QStringLiteral("warn");
    case Severity::Skipped:
        return QStringLiteral("skip");
    case Severity::Info:
        break;
    }
    return QStringLiteral("ok");
}

QJsonArray checksJson(const Findings& checks)
{
    QJsonArray array;
    for (const Finding& f : checks)
        array.append(QJsonObject{{QStringLiteral("result"), resultWord(f.severity)},
                                 {QStringLiteral("rule"), f.rule},
                                 {QStringLiteral("spec"), CheckCatalogue::citation(f.rule)},
                                 {QStringLiteral("member"), f.field},
                                 {QStringLiteral("message"), f.message}});
    return array;
}

QJsonObject verdictJson(const TokenVerification& verification)
{
    const QString verdict = verification.verdict == Verdict::Verified ? QStringLiteral("verified")
                            : verification.verdict == Verdict::Failed ? QStringLiteral("failed")
                                                                      : QStringLiteral("unverifiable");
    return {{QStringLiteral("verdict"), verdict},
            {QStringLiteral("summary"), verification.summary},
            {QStringLiteral("checks"), checksJson(verification.checks)}};
}

QJsonObject tokenJson(const DecodedToken& decoded, const std::optional<TokenVerification>& verdict)
{
    QJsonObject out{{QStringLiteral("kind"), kindName(decoded.kind)},
                    {QStringLiteral("summary"),
                     decoded.kind == DecodedToken::Kind::Malformed ? decoded.error : decoded.summary()}};
    if (!decoded.header.isEmpty())
        out.insert(QStringLiteral("header"), decoded.header);
    if (decoded.isJwt() && !decoded.payload.isEmpty())
        out.insert(QStringLiteral("claims"), decoded.payload);
    if (!decoded.warnings.isEmpty())
        out.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(decoded.warnings));
    if (verdict)
        out.insert(QStringLiteral("verification"), verdictJson(*verdict));
    return out;
}

} // namespace oauth2dbg
