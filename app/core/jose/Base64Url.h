#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace oauth2dbg::base64url {

// RFC 7515 §2 base64url as verification wants it: only [A-Za-z0-9_-], no '=' padding, no whitespace, and the
// canonical form (unused trailing bits zero), so one value has exactly one spelling. Nullopt otherwise.
[[nodiscard]] std::optional<QByteArray> decodeStrict(QByteArrayView text);
[[nodiscard]] QByteArray encode(QByteArrayView bytes);

} // namespace oauth2dbg::base64url
