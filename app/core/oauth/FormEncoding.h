#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace oauth2dbg {

using FormPairs = QList<QPair<QString, QString>>;

// application/x-www-form-urlencoded as the WHATWG URL standard serializes and parses it — what RFC 6749
// Appendix B asks for in client authentication (§2.3.1), request bodies and redirect queries. QUrlQuery is
// not used: it never turns '+' into a space and leaves some escapes undecoded.
namespace FormEncoding {

// Keeps A-Z a-z 0-9 * - . _, turns a space into '+', and percent-encodes every other UTF-8 byte (upper-case
// hex).
[[nodiscard]] QByteArray encode(QStringView value);
[[nodiscard]] QByteArray encode(const FormPairs& pairs);

struct Decoded {
    FormPairs pairs; // in order, duplicates kept: the caller decides what a duplicate means
    QString error;   // why the input was refused; empty when it decoded
    [[nodiscard]] bool ok() const { return error.isEmpty(); }
};

// Strict: an invalid or truncated escape, a NUL, bytes that are not UTF-8 after decoding, or more than
// `maxPairs` pairs make the whole input an error. Splits on '&' before decoding, so an escaped '&' stays
// data. Empty segments ("a=1&&b=2") are skipped; a name without '=' has an empty value.
[[nodiscard]] Decoded decode(QByteArrayView input, qsizetype maxPairs = 64);

} // namespace FormEncoding
} // namespace oauth2dbg
