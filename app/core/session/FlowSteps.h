#pragma once

#include "FlowStep.h"
#include "jose/TokenVerification.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/TokenOperations.h"
#include "oauth/TokenResponse.h"

namespace oauth2dbg {

class TrafficLog;

// The step each engine result makes, in the words both faces show.
namespace FlowSteps {

[[nodiscard]] FlowStep discovery(const DiscoveryResult& result, const TrafficLog& traffic);
// The request and its own checks; `metadata` says what the server is (an OpenID provider wants "openid").
[[nodiscard]] FlowStep request(const AuthorizationRequest& request, const QJsonObject& metadata);
// The browser's part, from the flow's stage; nullopt for a stage that changes nothing shown.
[[nodiscard]] std::optional<FlowStep> consent(AuthorizationFlow::Stage stage, const AuthorizationFlow& flow);
[[nodiscard]] FlowStep rejected(const CapturedCallback& callback);
[[nodiscard]] FlowStep callback(const AuthorizationOutcome& outcome);
// A token response: the code exchange, client credentials or a refresh, by `grant`.
[[nodiscard]] FlowStep tokens(const QString& grant, const TokenResult& result, const QString& explanation,
                              const TrafficLog& traffic);
// TE-11: the scope granted against the scope asked for (RFC 6749 §3.3, §5.1); nullopt when none was asked.
[[nodiscard]] std::optional<Finding> scopeGranted(const QString& asked, const QString& granted);
[[nodiscard]] FlowStep keys(const EngineError& error);
[[nodiscard]] FlowStep idToken(const TokenVerification& verification, const QString& alg);
[[nodiscard]] FlowStep accessToken(const TokenVerification& verification);
// A token from elsewhere, signed with `alg`; `keysFrom` is the key set's URL, empty when none was used.
[[nodiscard]] FlowStep pastedToken(const TokenVerification& verification, const QString& alg,
                                   const QString& keysFrom, quint64 exchangeId);
[[nodiscard]] FlowStep operation(const OperationResult& result, const TrafficLog& traffic);

} // namespace FlowSteps
} // namespace oauth2dbg
