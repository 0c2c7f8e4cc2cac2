#include "ListenerResponse.h"

#include <QCryptographicHash>

namespace oauth2dbg::ListenerResponse {

QByteArray page(const char* title, const char* message)
{
    return QByteArray("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>") + title +
           "</title></head><body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\"><h1>" +
           title + "</h1><p>" + message + "</p></body></html>\n";
}

namespace {
// Values are set as DOM properties, never as markup: nothing from the fragment becomes HTML.
const QByteArray kRelayScript =
    "(function(){var h=location.hash.slice(1);history.replaceState(null,'',location.pathname);"
    "if(!h){document.getElementById('m').textContent='The callback carried no parameters, in the query or in "
    "the fragment. Return to OAuth2 Debugger.';return;}"
    "var f=document.createElement('form');f.method='post';f.action=location.pathname;"
    "new URLSearchParams(h).forEach(function(v,k){var i=document.createElement('input');i.type='hidden';"
    "i.name=k;i.value=v;f.appendChild(i);});document.body.appendChild(f);f.submit();})();";
} // namespace

QByteArray fragmentRelayPage()
{
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Receiving</title></head>"
           "<body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\"><h1>Receiving</h1>"
           "<p id=\"m\">Handing the response in the URL fragment to OAuth2 Debugger…</p><script>" +
           kRelayScript + "</script></body></html>\n";
}

HttpHeaders fragmentRelayHeaders()
{
    const QByteArray hash = QCryptographicHash::hash(kRelayScript, QCryptographicHash::Sha256).toBase64();
    return {{"Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-" +
                                            hash + "'; form-action 'self'"}};
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

QByteArray response(int status, const QByteArray& body, const HttpHeaders& extra, bool head)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    HttpHeaders headers = {
        {"Content-Type", "text/html; charset=utf-8"},
        {"Content-Length", QByteArray::number(body.size())},
        {"Cache-Control", "no-store"},
        {"Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "no-referrer"},
        {"Connection", "close"},
    };
    for (const auto& header : extra) { // not a structured binding: clang 14 cannot capture one
        const auto same = [&header](const auto& h) {
            return h.first.compare(header.first, Qt::CaseInsensitive) == 0;
        };
        headers.erase(std::remove_if(headers.begin(), headers.end(), same), headers.end());
        headers.append(header);
    }
    for (const auto& [name, value] : std::as_const(headers))
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!head)
        out += body;
    return out;
}

} // namespace oauth2dbg::ListenerResponse
