#pragma once

#include "CliOptions.h"
#include "common/EngineError.h"
#include "oauth/ClientAuthentication.h"
#include "profiles/Profile.h"
#include "session/FlowGoal.h"

namespace oauth2dbg {

// The profile a command runs: a saved one by name (as the window keeps it), or one from a file someone sent,
// which may not run a program, pick a file on this machine, weaken TLS or release a keychain entry. What the
// command line itself says wins over the profile; secrets come from the environment variables it names.
struct CliProfile {
    Profile profile;
    bool fromFile = false;
    ClientAuthMethod method = ClientAuthMethod::None;
    Secret secret;          // --client-secret-env
    Secret key;             // --client-key-file: private_key_jwt's or mutual TLS's private key (PEM)
    QByteArray certificate; // --client-cert-file: mutual TLS's certificate (PEM)
    Secret refreshToken;    // --refresh-token-env
    Secret dpopKey;         // a saved profile's DPoP key (the keychain's, or made and kept there)
    bool dpopKeyLooked = false;
    GrantInput grant;  // flow token_exchange, jwt_bearer, password (CliGrants.cpp)
    EngineError error; // a usage error (exit code 2) when the profile cannot be run
};

[[nodiscard]] CliProfile loadCliProfile(const CliOptions& options);
// The other grants' tokens, password and assertion from the options (CliGrants.cpp); a usage error when a
// variable named is empty or a file cannot be read.
[[nodiscard]] EngineError readGrantInput(const CliOptions& options, GrantInput* grant);

} // namespace oauth2dbg
