#pragma once

#include <QString>
#include <QUrl>

namespace oauth2dbg::DiscoveryUrl {

// Why `issuer` cannot be used as an issuer identifier, or an empty string when it can (RFC 8414 §2: an https
// URL with no query or fragment). `allowHttp` admits http:// for a server on this machine only (a "local test
// server").
[[nodiscard]] QString issuerProblem(const QString& issuer, bool allowHttp);

// OpenID Connect Discovery §4: the well-known path is appended to the issuer's path.
[[nodiscard]] QUrl openIdConfiguration(const QUrl& issuer);

// RFC 8414 §3.1: the well-known path goes between the host and the issuer's path.
[[nodiscard]] QUrl authorizationServerMetadata(const QUrl& issuer);

[[nodiscard]] bool isLoopbackHost(const QString& host);
// TE-10: a URL the debugger may send to — https, or http to this machine when `allowHttp` (a local test
// server).
[[nodiscard]] bool isAllowedTarget(const QUrl& url, bool allowHttp);

} // namespace oauth2dbg::DiscoveryUrl
