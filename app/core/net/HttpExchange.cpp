#include "HttpExchange.h"

namespace oauth2dbg {

namespace {
QByteArray findHeader(const HttpHeaders& headers, QByteArrayView name)
{
    for (const auto& [key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}
} // namespace

QByteArray HttpExchange::responseHeader(QByteArrayView name) const
{
    return findHeader(responseHeaders, name);
}

QByteArray HttpExchange::requestHeader(QByteArrayView name) const
{
    return findHeader(requestHeaders, name);
}

} // namespace oauth2dbg
