#include "Base64Url.h"

namespace oauth2dbg::base64url {

namespace {
bool isAlphabet(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}
} // namespace

std::optional<QByteArray> decodeStrict(QByteArrayView text)
{
    if (text.size() % 4 == 1)
        return std::nullopt; // no number of bytes encodes to that length
    for (const char c : text) {
        if (!isAlphabet(c))
            return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(
        text.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    // Non-zero leftover bits ("AB" and "AC" both decode to one byte): only the canonical spelling counts.
    if (encode(*decoded) != text)
        return std::nullopt;
    return std::move(*decoded);
}

QByteArray encode(QByteArrayView bytes)
{
    return bytes.toByteArray().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace oauth2dbg::base64url
