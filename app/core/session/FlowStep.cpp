#include "FlowStep.h"

namespace oauth2dbg {

QString FlowStep::title(Kind kind)
{
    switch (kind) {
    case Kind::Profile:
        return QStringLiteral("Profile");
    case Kind::Discovery:
        return QStringLiteral("Discovery");
    case Kind::Request:
        return QStringLiteral("Authorization request");
    case Kind::Consent:
        return QStringLiteral("Browser consent");
    case Kind::Callback:
        return QStringLiteral("Callback");
    case Kind::Token:
        return QStringLiteral("Token");
    case Kind::Keys:
        return QStringLiteral("Keys");
    case Kind::IdToken:
        return QStringLiteral("ID token");
    case Kind::AccessToken:
        return QStringLiteral("Access token");
    case Kind::ClientCredentials:
        return QStringLiteral("Client credentials");
    case Kind::Refresh:
        return QStringLiteral("Refresh");
    case Kind::UserInfo:
        return QStringLiteral("Userinfo");
    case Kind::Introspection:
        return QStringLiteral("Introspection");
    case Kind::Revocation:
        return QStringLiteral("Revocation");
    case Kind::PastedToken:
        return QStringLiteral("Decoded token");
    case Kind::RequestCheck:
        return QStringLiteral("Request check");
    case Kind::DeviceAuthorization:
        return QStringLiteral("Device authorization");
    case Kind::TokenExchange:
        return QStringLiteral("Token exchange");
    case Kind::JwtBearer:
        return QStringLiteral("JWT bearer");
    case Kind::Password:
        return QStringLiteral("Password grant");
    case Kind::SignOut:
        return QStringLiteral("Sign-out");
    case Kind::PushedRequest:
        return QStringLiteral("Pushed request");
    case Kind::RequestObject:
        return QStringLiteral("Request object");
    case Kind::ApiCall:
        return QStringLiteral("API call");
    }
    return {};
}

QString FlowStep::statusWord(Status status)
{
    switch (status) {
    case Status::Pending:
        return QStringLiteral("not yet");
    case Status::Running:
        return QStringLiteral("in progress");
    case Status::Ok:
        return QStringLiteral("done");
    case Status::Warning:
        return QStringLiteral("done, with warnings");
    case Status::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

FlowStep::Status FlowStep::statusOf(bool ok, const Findings& checks)
{
    if (!ok || hasErrors(checks))
        return Status::Failed;
    const bool warned = std::any_of(checks.cbegin(), checks.cend(),
                                    [](const Finding& f) { return f.severity == Severity::Warning; });
    return warned ? Status::Warning : Status::Ok;
}

} // namespace oauth2dbg
