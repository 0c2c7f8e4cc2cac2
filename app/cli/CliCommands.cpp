// The command line's commands as their reports name them and as goals of the flow session.
#include "CliCommands.h"

namespace oauth2dbg {

QString commandName(CliOptions::Command command)
{
    switch (command) {
    case CliOptions::Command::FlowAuthorizationCode:
        return QStringLiteral("flow authorization_code");
    case CliOptions::Command::FlowClientCredentials:
        return QStringLiteral("flow client_credentials");
    case CliOptions::Command::FlowDeviceCode:
        return QStringLiteral("flow device_code");
    case CliOptions::Command::FlowTokenExchange:
        return QStringLiteral("flow token_exchange");
    case CliOptions::Command::FlowJwtBearer:
        return QStringLiteral("flow jwt_bearer");
    case CliOptions::Command::FlowPassword:
        return QStringLiteral("flow password");
    case CliOptions::Command::FlowImplicit:
        return QStringLiteral("flow implicit");
    case CliOptions::Command::FlowHybrid:
        return QStringLiteral("flow hybrid");
    case CliOptions::Command::FlowOfProfile:
        return QStringLiteral("flow");
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
    case CliOptions::Command::Logout:
        return QStringLiteral("logout");
    case CliOptions::Command::Call:
        return QStringLiteral("call");
    default:
        return {};
    }
}

// The command as a goal of the flow session.
FlowGoal goalOf(CliOptions::Command command)
{
    using G = FlowGoal;
    switch (command) {
    case CliOptions::Command::FlowAuthorizationCode:
    case CliOptions::Command::FlowImplicit:
    case CliOptions::Command::FlowHybrid:
        return G::Authorize;
    case CliOptions::Command::Refresh:
        return G::Refresh;
    case CliOptions::Command::UserInfo:
        return G::UserInfo;
    case CliOptions::Command::Call:
        return G::CallApi;
    case CliOptions::Command::Introspect:
        return G::Introspect;
    case CliOptions::Command::Revoke:
        return G::Revoke;
    case CliOptions::Command::Decode:
        return G::VerifyToken;
    case CliOptions::Command::FlowDeviceCode:
        return G::DeviceCode;
    case CliOptions::Command::FlowTokenExchange:
        return G::TokenExchange;
    case CliOptions::Command::FlowJwtBearer:
        return G::JwtBearer;
    case CliOptions::Command::FlowPassword:
        return G::Password;
    case CliOptions::Command::Logout:
        return G::SignOut;
    default:
        return G::ClientCredentials;
    }
}

} // namespace oauth2dbg
