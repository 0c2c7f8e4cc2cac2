#pragma once

#include "HttpExchange.h"

#include <QByteArray>

namespace oauth2dbg::ListenerResponse {

// What the loopback listener answers the browser: a short static page, never anything from the request
// (LB-03, LB-27), with headers that keep it from being cached, framed, sniffed or referred.
[[nodiscard]] QByteArray page(const char* title, const char* message);
[[nodiscard]] QByteArray reasonPhrase(int status);
// The whole HTTP/1.1 response; `head`: the request was HEAD, so the body is left out (its length stays).
[[nodiscard]] QByteArray response(int status, const QByteArray& body, const HttpHeaders& extra, bool head);

} // namespace oauth2dbg::ListenerResponse
