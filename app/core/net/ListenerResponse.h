#pragma once

#include "HttpExchange.h"

#include <QByteArray>

namespace oauth2dbg::ListenerResponse {

// What the loopback listener answers the browser: a short static page, never anything from the request
// (LB-03, LB-27), with headers that keep it from being cached, framed, sniffed or referred.
[[nodiscard]] QByteArray page(const char* title, const char* message);
[[nodiscard]] QByteArray reasonPhrase(int status);
// Implicit and hybrid responses arrive in the URL fragment, which a browser never sends to a server: this
// page (its one inline script allowed by its hash, nothing else) posts the fragment's parameters back to the
// same path as a form, the way response_mode=form_post would, and takes them out of the address bar and
// history first.
[[nodiscard]] QByteArray fragmentRelayPage();
[[nodiscard]] HttpHeaders fragmentRelayHeaders();
// The whole HTTP/1.1 response (a header in `extra` replaces the default of that name); `head`: the request
// was HEAD, so the body is left out (its length stays).
[[nodiscard]] QByteArray response(int status, const QByteArray& body, const HttpHeaders& extra, bool head);

} // namespace oauth2dbg::ListenerResponse
