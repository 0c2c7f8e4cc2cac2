#include "ProviderInfo.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QUrl>

ProviderInfo ProviderInfo::load(const char* variable)
{
    ProviderInfo info;
    const QString path = qEnvironmentVariable(variable);
    if (path.isEmpty()) {
        info.error = QStringLiteral("%1 is not set: run this test through ctest, which starts the provider "
                                    "(tests/provider/ctl.sh).")
                         .arg(QString::fromLatin1(variable));
        return info;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        info.error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return info;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    info.raw = root;
    info.issuer = root.value(QStringLiteral("issuer")).toString();
    info.caFile = root.value(QStringLiteral("caFile")).toString();
    info.server = root.value(QStringLiteral("server")).toString();
    for (const QJsonValue& uri : root.value(QStringLiteral("redirectUris")).toArray())
        info.redirectUris << uri.toString();
    for (const QJsonValue& value : root.value(QStringLiteral("clients")).toArray()) {
        const QJsonObject client = value.toObject();
        const QString id = client.value(QStringLiteral("client_id")).toString();
        info.clients.insert(id, client);
        const QString role = client.value(QStringLiteral("role")).toString();
        if (id == u"debugger basic:client+1%" || role == u"basic")
            info.basicClient = client;
        else if (id == u"debugger-post" || role == u"post")
            info.postClient = client;
        else if (id == u"debugger-public" || role == u"public")
            info.publicClient = client;
    }
    if (info.issuer.isEmpty())
        info.error = QStringLiteral("%1 names no issuer").arg(path);
    return info;
}

QString ProviderInfo::origin() const
{
    return QUrl(issuer).adjusted(QUrl::RemovePath).toString();
}

quint16 ProviderInfo::port() const
{
    return static_cast<quint16>(QUrl(issuer).port());
}

quint16 unusedLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QString ProviderInfo::privateKeyFile(const QString& clientId, const QString& directory, bool jwk) const
{
    const QString path = directory + u'/' + clientId + (jwk ? u".jwk" : u".pem");
    QFile file(path);
    const QJsonObject client = clients.value(clientId);
    if (file.open(QIODevice::WriteOnly))
        file.write(jwk ? QJsonDocument(client.value(u"private_key_jwk").toObject()).toJson()
                       : client.value(u"private_key_pem").toString().toLatin1());
    return path;
}
