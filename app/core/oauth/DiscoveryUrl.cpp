#include "DiscoveryUrl.h"

#include <QHostAddress>

namespace oauth2dbg::DiscoveryUrl {

namespace {
QString pathWithoutTrailingSlash(const QUrl& url)
{
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    return path;
}

QUrl withPath(const QUrl& issuer, const QString& path)
{
    QUrl url = issuer;
    url.setPath(path, QUrl::StrictMode);
    return url;
}
} // namespace

bool isLoopbackHost(const QString& host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString issuerProblem(const QString& issuer, bool allowHttp)
{
    if (issuer.trimmed().isEmpty())
        return QStringLiteral("The issuer is empty. Enter the authorization server's issuer URL, "
                              "like https://login.example.com/realms/main.");
    if (issuer != issuer.trimmed())
        return QStringLiteral("The issuer has spaces at its start or end.");
    const QUrl url(issuer, QUrl::StrictMode);
    if (!url.isValid())
        return QStringLiteral("The issuer is not a valid URL: %1").arg(url.errorString());
    if (url.isRelative() || url.host().isEmpty())
        return QStringLiteral(
            "The issuer must be an absolute URL with a host, like https://login.example.com.");
    if (url.hasQuery() || url.hasFragment())
        return QStringLiteral("The issuer must not have a query or fragment (RFC 8414 §2).");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("The issuer must not contain a user name or password.");
    if (url.scheme() == u"https")
        return {};
    if (url.scheme() != u"http")
        return QStringLiteral("The issuer must be an https URL, not %1:.").arg(url.scheme());
    if (!isLoopbackHost(url.host()))
        return QStringLiteral("The issuer uses http:// on %1; only https is allowed for a server on another "
                              "machine, because tokens and secrets would cross the network unencrypted.")
            .arg(url.host());
    if (!allowHttp)
        return QStringLiteral(
            "The issuer uses http://. Turn on \"Local test server\" in the profile to allow "
            "http for a server on this machine.");
    return {};
}

QUrl openIdConfiguration(const QUrl& issuer)
{
    return withPath(issuer, pathWithoutTrailingSlash(issuer) % u"/.well-known/openid-configuration");
}

QUrl authorizationServerMetadata(const QUrl& issuer)
{
    return withPath(issuer, u"/.well-known/oauth-authorization-server" % pathWithoutTrailingSlash(issuer));
}

bool isAllowedTarget(const QUrl& url, bool allowHttp)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    return url.scheme() == u"https" || (allowHttp && url.scheme() == u"http" && isLoopbackHost(url.host()));
}

} // namespace oauth2dbg::DiscoveryUrl
