#include "ListenerResponse.h"

namespace oauth2dbg::ListenerResponse {

QByteArray page(const char* title, const char* message)
{
    return QByteArray("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>") + title +
           "</title></head><body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\"><h1>" +
           title + "</h1><p>" + message + "</p></body></html>\n";
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
    headers.append(extra);
    for (const auto& [name, value] : std::as_const(headers))
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!head)
        out += body;
    return out;
}

} // namespace oauth2dbg::ListenerResponse
