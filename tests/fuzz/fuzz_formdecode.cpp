// libFuzzer target: the redirect query decoder and the callback checks that run on what it decodes.
#include "oauth/CallbackValidator.h"
#include "oauth/FormEncoding.h"

#include <cstdint>
#include <cstdlib>

using namespace oauth2dbg;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const FormEncoding::Decoded decoded = FormEncoding::decode(input);
    if (!decoded.ok()) {
        if (!decoded.pairs.isEmpty())
            abort(); // a refused input yields nothing
        return 0;
    }
    if (decoded.pairs.size() > 64)
        abort();
    // Whatever decodes, re-encodes and decodes to the same pairs.
    const FormEncoding::Decoded again = FormEncoding::decode(FormEncoding::encode(decoded.pairs));
    if (!again.ok() || again.pairs != decoded.pairs)
        abort();

    const CallbackExpectations expected{QStringLiteral("S"), QStringLiteral("https://op.example.com"), true};
    const CallbackVerdict verdict = validateCallback(decoded.pairs, expected);
    if (verdict.outcome != CallbackVerdict::Outcome::Rejected) {
        // Nothing may pass without the exact state and issuer.
        int states = 0;
        int issuers = 0;
        for (const auto& [name, value] : decoded.pairs) {
            states += name == u"state" && value == u"S";
            issuers += name == u"iss" && value == u"https://op.example.com";
        }
        if (states != 1 || issuers != 1)
            abort();
    }
    return 0;
}
