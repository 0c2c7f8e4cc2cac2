#pragma once

#include "ProviderInfo.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/AuthorizationRequest.h"
#include "oauth/TokenResponse.h"

#include <optional>

namespace oauth2dbg {
class NetworkAccess;
}

// A whole sign-in against the test provider: the authorization request through the scripted browser (the same
// launcher path users get), then the code exchange with the client's own authentication. Waits for both.
struct ScriptedSignIn {
    oauth2dbg::AuthorizationRequest request;
    oauth2dbg::TokenSet tokens;
    QString error; // empty when tokens arrived

    // The authorization alone: the request and its verified callback (for tests of the code exchange itself).
    [[nodiscard]] static std::optional<oauth2dbg::AuthorizationOutcome>
    authorize(const ProviderInfo& provider, const QString& clientId,
              const QString& scope = QStringLiteral("openid email"));
    [[nodiscard]] static ScriptedSignIn run(oauth2dbg::NetworkAccess* network, const ProviderInfo& provider,
                                            const QString& clientId,
                                            const QString& scope = QStringLiteral("openid email"));
};
