// libFuzzer target: the strict JWS reader, the key set reader and verification, the ID token checklist and
// the lenient display decoder, on arbitrary bytes. Beyond not crashing: whatever parses covers exactly the
// bytes it came from, and nothing verifies without a key that fits.
#include "jose/IdTokenValidator.h"
#include "jose/Jws.h"
#include "jose/JwtDecode.h"
#include "jose/StrictJson.h"

#include <cstdint>
#include <cstdlib>

using namespace oauth2dbg;

namespace {
// RFC 7515 A.2 (RSA) and A.3 (EC) public keys: tokens from the seeds verify with them.
const JwkSet& keys()
{
    static const JwkSet set = JwkSet::parse(
        R"({"keys":[{"kty":"RSA","kid":"a2","e":"AQAB","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPd)"
        R"(dxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0)"
        R"(LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5)"
        R"(IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"},)"
        R"({"kty":"EC","kid":"a3","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
        R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]})");
    return set;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));

    const CompactJws jws = CompactJws::parse(input);
    if (jws.ok()) {
        // The signed part is the first two segments, byte for byte, and an alg was read.
        if (!input.startsWith(jws.signingInput) || input.at(jws.signingInput.size()) != '.' ||
            jws.alg.isEmpty())
            abort();
    }
    SignaturePolicy policy;
    policy.clientSecret = Secret("fuzz secret");
    const SignatureResult signature = verifySignature(jws, keys(), policy);
    if (signature.verified() && (!jws.ok() || jws.alg == u"none" || jws.signature.isEmpty()))
        abort();
    if (!jws.ok() && signature.verified())
        abort();

    IdTokenExpectations expected;
    expected.issuer = QStringLiteral("joe");
    expected.clientId = QStringLiteral("client");
    expected.clock.now = QDateTime::fromSecsSinceEpoch(1300819000);
    const TokenVerification verification = validateIdToken(input, keys(), expected);
    if (verification.verified() && !signature.verified() && jws.alg.startsWith(u"HS") == false)
        abort(); // an ID token can only be verified if its signature is
    (void)decodeToken(input);
    (void)JwkSet::parse(input);
    (void)firstDuplicateMember(input); // must not read past the end even on text that is not JSON
    return 0;
}
