// libFuzzer target: the listener's HTTP request-head parser, fed in pieces as TCP delivers them.
#include "net/HttpRequestParser.h"

#include <cstdint>
#include <cstdlib>

using oauth2dbg::HttpRequestParser;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte picks the segment size, so one input covers the byte-by-byte and the all-at-once paths.
    const size_t chunk = 1 + data[0] % 64;
    const QByteArrayView input(reinterpret_cast<const char*>(data) + 1, static_cast<qsizetype>(size - 1));
    HttpRequestParser parser;
    HttpRequestParser::State state = HttpRequestParser::State::NeedMore;
    for (qsizetype at = 0; at < input.size(); at += static_cast<qsizetype>(chunk))
        state = parser.feed(
            input.sliced(at, std::min<qsizetype>(static_cast<qsizetype>(chunk), input.size() - at)));

    switch (state) {
    case HttpRequestParser::State::Complete:
        // The head it kept is exactly the start of what arrived, and ends with the blank line.
        if (!input.startsWith(parser.head().raw) || !parser.head().raw.endsWith("\r\n\r\n"))
            abort();
        if (parser.head().method.isEmpty() || parser.head().target.isEmpty())
            abort();
        // Bytes after the head are kept only from the piece that completed it (later pieces are not read).
        if (parser.head().raw.size() + parser.rest().size() > input.size())
            abort();
        break;
    case HttpRequestParser::State::Error: {
        const int status = parser.errorStatus();
        if (status != 400 && status != 414 && status != 431 && status != 505)
            abort();
        break;
    }
    case HttpRequestParser::State::NeedMore:
        if (input.size() > 16 * 1024)
            abort(); // more than a head's worth without a verdict: the bound failed
        break;
    }
    return 0;
}
