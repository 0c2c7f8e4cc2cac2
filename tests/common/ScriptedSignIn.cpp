#include "ScriptedSignIn.h"

#include "net/BrowserLauncher.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/TokenClient.h"

#include <QSignalSpy>

using namespace oauth2dbg;

std::optional<AuthorizationOutcome> ScriptedSignIn::authorize(const ProviderInfo& provider,
                                                              const QString& clientId, const QString& scope)
{
    BrowserLauncher launcher;
    launcher.setCommand(u"node " % QStringLiteral(OAUTH2DBG_SCRIPTED_BROWSER) % u" --quiet %u");
    AuthorizationFlow flow(&launcher);
    AuthorizationSettings settings;
    settings.issuer = provider.issuer;
    settings.issRequired = true;
    settings.allowHttp = true;
    settings.parameters.authorizationEndpoint = QUrl(provider.issuer + u"/auth");
    settings.parameters.clientId = clientId;
    settings.parameters.scope = scope;
    QSignalSpy authorized(&flow, &AuthorizationFlow::finished);
    if (flow.prepare(settings).isError() || flow.launchBrowser().isError() || !authorized.wait(30'000))
        return std::nullopt;
    return authorized.first().first().value<AuthorizationOutcome>();
}

ScriptedSignIn ScriptedSignIn::run(NetworkAccess* network, const ProviderInfo& provider,
                                   const QString& clientId, const QString& scope)
{
    ScriptedSignIn result;
    const std::optional<AuthorizationOutcome> authorized = authorize(provider, clientId, scope);
    if (!authorized) {
        result.error = QStringLiteral("the authorization did not complete");
        return result;
    }
    const AuthorizationOutcome& outcome = *authorized;
    result.request = outcome.request;
    if (!outcome.hasCode()) {
        result.error = QStringLiteral("no code came back");
        return result;
    }
    const QString secret = provider.clients.value(clientId).value(u"client_secret").toString();
    TokenClient tokens(network);
    QSignalSpy exchanged(&tokens, &TokenClient::finished);
    tokens.exchangeCode(
        {.tokenEndpoint = QUrl(provider.issuer + u"/token"),
         .clientId = clientId,
         .clientSecret = Secret::fromString(secret),
         .method = secret.isEmpty() ? ClientAuthMethod::None : ClientAuthMethod::ClientSecretBasic,
         .allowHttp = true},
        outcome.callback.verdict.code, outcome.request.redirectUri, outcome.request.codeVerifier);
    if (!exchanged.wait(15'000)) {
        result.error = QStringLiteral("no token response");
        return result;
    }
    const auto answer = exchanged.first().first().value<TokenResult>();
    result.tokens = answer.tokens;
    result.error = answer.error.message;
    return result;
}
