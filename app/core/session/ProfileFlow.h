#pragma once

#include "jose/IdTokenValidator.h"
#include "oauth/AuthorizationFlow.h"
#include "oauth/DiscoveryClient.h"
#include "oauth/JwksClient.h"
#include "oauth/TokenClient.h"
#include "profiles/Profile.h"

namespace oauth2dbg {

// A profile turned into what the engine runs: its endpoints over (or instead of) discovery, its
// authorization request and its token endpoint configuration. The window and the command line share these,
// so a profile does the same in both.
namespace ProfileFlow {

// The discovered metadata with the endpoints the profile gives by hand put over it; each is reported.
[[nodiscard]] DiscoveryResult withEndpoints(const Profile& profile, DiscoveryResult discovered);
// For a profile without an issuer: its hand-given endpoints are all there is (no discovery to run); an error
// when it gives none either.
[[nodiscard]] DiscoveryResult endpointsOnly(const Profile& profile);
// How to fetch the issuer's metadata: the profile's local-server and TLS settings and its timeout.
[[nodiscard]] DiscoveryOptions discoveryOptions(const Profile& profile);

// The authorization request and listener the profile asks for, or an error naming what to fix.
[[nodiscard]] AuthorizationSettings authorizationSettings(const Profile& profile,
                                                          const DiscoveryResult& discovery, QString* error);
// The URL of endpoint `name` ("token_endpoint", …) to use: the metadata's mtls_endpoint_aliases entry when
// the client authenticates with a certificate and the server names one (RFC 8705 §5), else the endpoint
// itself.
// Implicit and hybrid: the response type the request asks for, and a listener that can take the answer: the
// fragment relay page unless the response mode says query or form_post (form_post is taken as well).
void setResponseType(AuthorizationSettings* settings, const QString& responseType);
// The response type a profile's grant asks for: implicit "id_token token", hybrid "code id_token", else
// "code".
[[nodiscard]] QString responseTypeOf(const QString& grant);
[[nodiscard]] QString endpointFor(const QJsonObject& metadata, const QString& name, bool mutualTls);

[[nodiscard]] TokenEndpointConfig tokenConfig(const Profile& profile, const DiscoveryResult& discovery,
                                              const Secret& clientSecret);

// The issuer's host (from the metadata, else the profile), lower case; empty without an issuer.
[[nodiscard]] QString issuerHost(const Profile& profile, const DiscoveryResult& discovery);

// A host other than the issuer's that endpoints receiving the client's credentials or tokens point at, and
// that the profile has not approved: the window asks once, the command line needs --allow-endpoint-host.
struct UnapprovedHost {
    QString host;
    QStringList endpoints; // their metadata names
};
[[nodiscard]] QList<UnapprovedHost> unapprovedHosts(const Profile& profile, const DiscoveryResult& discovery);

// What an ID token from this profile's issuer must satisfy, as far as the profile and the metadata say (the
// caller adds what its request sent: nonce, max_age, acr_values, and the access token for at_hash).
[[nodiscard]] IdTokenExpectations idTokenExpectations(const Profile& profile,
                                                      const DiscoveryResult& discovery,
                                                      const Secret& clientSecret, int clockSkewSeconds);
// How to fetch the issuer's keys: the profile's local-server and TLS settings and its timeout.
[[nodiscard]] JwksClient::Options jwksOptions(const Profile& profile);

// The profile's names for PKCE methods ("S256", "plain", "none") and back.
[[nodiscard]] Pkce::Method pkceMethod(const QString& name);
[[nodiscard]] QString pkceName(Pkce::Method method);

} // namespace ProfileFlow
} // namespace oauth2dbg
