#pragma once

#include "net/HttpExchange.h"

#include <QString>

namespace oauth2dbg::ExchangeText {

enum class Secrets { Masked, Revealed };
// Pretty: JSON bodies indented (members in Qt's order); AsSent: the bytes as they crossed the wire.
enum class Body { Pretty, AsSent };

// The request and the response as HTTP/1.1 text: start line, headers, blank line, body (JSON pretty-printed).
// Credentials in headers and form bodies are masked unless the user asked to reveal them; this is the one
// place where an exchange becomes text for display, logs or export.
[[nodiscard]] QString request(const HttpExchange& exchange, Secrets secrets = Secrets::Masked,
                              Body form = Body::Pretty);
[[nodiscard]] QString response(const HttpExchange& exchange, Secrets secrets = Secrets::Masked,
                               Body form = Body::Pretty);

// The request as a curl command line that sends the same bytes, quoted for a POSIX shell. Revealed, it holds
// the secrets; masked, each secret is a shell variable ("$CLIENT_SECRET", "$CODE", "$ACCESS_TOKEN"), named in
// a first comment line, so the command can be shared and still runs once they are set.
[[nodiscard]] QString curl(const HttpExchange& exchange, Secrets secrets = Secrets::Masked);

[[nodiscard]] bool isSecretHeader(QByteArrayView name);
[[nodiscard]] bool isSecretParameter(QStringView name);
[[nodiscard]] QString mask(QStringView value);
// A request target or URL with the values of secret parameters (code, tokens, ...) masked.
[[nodiscard]] QString maskQuery(const QString& target);

} // namespace oauth2dbg::ExchangeText
