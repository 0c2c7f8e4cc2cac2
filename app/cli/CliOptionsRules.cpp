// What each grant's command line must hold, and which options go with which command.
#include "CliOptions.h"

#include <algorithm>

namespace oauth2dbg {

// What a grant needs that its command line lacks, or an option given to a command it does not go with.
QString CliOptions::grantProblem(const CliOptions& o)
{
    using C = CliOptions::Command;
    if (o.checkRequest && o.command != C::FlowAuthorizationCode)
        return QStringLiteral("--check-request goes with flow authorization_code");
    if (o.pushed && o.command != C::FlowAuthorizationCode && o.command != C::FlowImplicit &&
        o.command != C::FlowHybrid)
        return QStringLiteral(
            "--par goes with a flow that sends the browser: authorization_code, implicit or "
            "hybrid");
    if ((o.signedRequest || !o.requestAudience.isEmpty()) && o.command != C::FlowAuthorizationCode &&
        o.command != C::FlowImplicit && o.command != C::FlowHybrid)
        return QStringLiteral(
            "--jar goes with a flow that sends the browser: authorization_code, implicit or "
            "hybrid");
    if (!o.requestAudience.isEmpty() && !o.signedRequest)
        return QStringLiteral("--jar-audience goes with --jar");
    // The names of DpopFault (oauth/Dpop.h), spelled here: this file is built into the small launcher too.
    if (!o.dpopFault.isEmpty()) {
        const bool known =
            o.dpopFault == u"wrong-htu" || o.dpopFault == u"reused-jti" || o.dpopFault == u"no-proof";
        if (!known)
            return QStringLiteral("--dpop-fault is wrong-htu, reused-jti or no-proof, not \"%1\"")
                .arg(o.dpopFault.left(40));
    }
    if (o.dpop && (o.command == C::Decode || o.command == C::Logout || o.command == C::Revoke))
        return QStringLiteral("--dpop goes with a command that sends a token request or uses a token: flow, "
                              "refresh, userinfo, introspect");
    static const QStringList modes{QStringLiteral("query"),        QStringLiteral("fragment"),
                                   QStringLiteral("form_post"),    QStringLiteral("jwt"),
                                   QStringLiteral("query.jwt"),    QStringLiteral("fragment.jwt"),
                                   QStringLiteral("form_post.jwt")};
    if (!o.responseMode.isEmpty() && !modes.contains(o.responseMode))
        return QStringLiteral("--response-mode is one of %1, not \"%2\"")
            .arg(modes.join(u", "), o.responseMode.left(40));
    if (!o.responseMode.isEmpty() && o.command != C::FlowAuthorizationCode && o.command != C::FlowImplicit &&
        o.command != C::FlowHybrid)
        return QStringLiteral("--response-mode goes with a flow that sends the browser: authorization_code, "
                              "implicit or hybrid");
    if (!o.authorizationDetails.isEmpty() && o.command != C::FlowAuthorizationCode &&
        o.command != C::FlowClientCredentials && o.command != C::FlowHybrid)
        return QStringLiteral("--authorization-details goes with flow authorization_code, hybrid or "
                              "client_credentials");
    if (o.pushed && o.checkRequest)
        return QStringLiteral("--par and --check-request do not go together: the check fetches the request "
                              "unpushed");
    if (o.command == C::FlowTokenExchange && o.subjectTokenEnv.isEmpty())
        return QStringLiteral("flow token_exchange needs --subject-token-env NAME (the variable holding the "
                              "subject token) and, unless it is an access token, --subject-token-type TYPE");
    if (o.command == C::FlowJwtBearer && o.subject.trimmed().isEmpty())
        return QStringLiteral(
            "flow jwt_bearer needs --subject SUB (the assertion's sub: whom the token is for)");
    if (o.command == C::FlowPassword && (o.username.isEmpty() || o.passwordEnv.isEmpty()))
        return QStringLiteral("flow password needs --username NAME and --password-env NAME (the variable "
                              "holding the password; never the password itself)");
    const auto given = [](std::initializer_list<const QString*> options) {
        return std::any_of(options.begin(), options.end(), [](const QString* v) { return !v->isEmpty(); });
    };
    const auto misplaced = [](const QString& option, const QString& where) {
        return QStringLiteral("%1 goes with %2").arg(option, where);
    };
    if (o.command != C::FlowTokenExchange && given({&o.subjectTokenEnv, &o.subjectTokenType, &o.actorTokenEnv,
                                                    &o.actorTokenType, &o.requestedTokenType}))
        return misplaced(QStringLiteral("--subject-token-env, --actor-token-env and their types"),
                         QStringLiteral("flow token_exchange"));
    if (o.command != C::FlowTokenExchange && o.command != C::FlowClientCredentials &&
        (!o.audience.isEmpty() || !o.resources.isEmpty()))
        return misplaced(QStringLiteral("--audience and --resource"),
                         QStringLiteral("flow token_exchange or flow client_credentials"));
    if (o.command != C::FlowJwtBearer &&
        given({&o.assertionKeyFile, &o.subject, &o.assertionIssuer, &o.assertionAudience}))
        return misplaced(QStringLiteral("--assertion-key-file, --subject and the assertion's claims"),
                         QStringLiteral("flow jwt_bearer"));
    if (o.command != C::FlowPassword && given({&o.username, &o.passwordEnv}))
        return misplaced(QStringLiteral("--username and --password-env"), QStringLiteral("flow password"));
    const QStringList implicitTypes{QStringLiteral("id_token token"), QStringLiteral("id_token"),
                                    QStringLiteral("token")};
    const QStringList hybridTypes{QStringLiteral("code id_token"), QStringLiteral("code token"),
                                  QStringLiteral("code id_token token")};
    if (!o.responseType.isEmpty() && o.command != C::FlowImplicit && o.command != C::FlowHybrid)
        return misplaced(QStringLiteral("--response-type"), QStringLiteral("flow implicit or flow hybrid"));
    if (o.command == C::FlowImplicit && !o.responseType.isEmpty() &&
        !implicitTypes.contains(o.responseType.simplified()))
        return QStringLiteral("flow implicit's --response-type is one of: %1")
            .arg(implicitTypes.join(QStringLiteral(", ")));
    if (o.command == C::FlowHybrid && !o.responseType.isEmpty() &&
        !hybridTypes.contains(o.responseType.simplified()))
        return QStringLiteral("flow hybrid's --response-type is one of: %1")
            .arg(hybridTypes.join(QStringLiteral(", ")));
    if (!o.idTokenEnv.isEmpty() && o.command != C::Logout)
        return misplaced(QStringLiteral("--id-token-env"), QStringLiteral("logout"));
    if (!o.actorTokenEnv.isEmpty() && o.actorTokenType.isEmpty())
        return QStringLiteral("--actor-token-env needs --actor-token-type TYPE");
    return {};
}

} // namespace oauth2dbg
