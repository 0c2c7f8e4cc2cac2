// Opening the loopback port (RFC 8252 §7.3, §8.3): the address the redirect URI names, its twin for
// "localhost", and every failure said with the address, the port and why.
#include "RedirectListener.h"

#include <QLoggingCategory>
#include <QNetworkProxy>

Q_DECLARE_LOGGING_CATEGORY(lcListener)

namespace oauth2dbg {

EngineError RedirectListener::listen(const ListenerConfig& config)
{
    close(State::Idle);
    m_config = config;
    if (!m_config.path.startsWith(u'/'))
        m_config.path.prepend(u'/');

    // NA-04/NA-05: loopback only, never QHostAddress::Any; IPv4 first unless told otherwise.
    const QList<QHostAddress> candidates =
        config.preferIpv6 ? QList<QHostAddress>{QHostAddress(QHostAddress::LocalHostIPv6),
                                                QHostAddress(QHostAddress::LocalHost)}
                          : QList<QHostAddress>{QHostAddress(QHostAddress::LocalHost),
                                                QHostAddress(QHostAddress::LocalHostIPv6)};
    QStringList failures;
    for (const QHostAddress& address : candidates) {
        if (m_server.listen(address, config.port))
            break;
        const QString where =
            (address.protocol() == QAbstractSocket::IPv6Protocol ? u"[::1]:" : u"127.0.0.1:") +
            QString::number(config.port);
        if (m_server.serverError() == QAbstractSocket::AddressInUseError) {
            // LB-29: a fixed port held by someone else is theirs, not ours; do not quietly move elsewhere.
            return {.kind = ErrorKind::Network,
                    .message =
                        QStringLiteral("Port %1 on %2 is already in use by another program. Close it, or "
                                       "use a profile with an ephemeral port if the server allows any port.")
                            .arg(config.port)
                            .arg(address.toString()),
                    .detail = m_server.errorString()};
        }
        failures << where % u": " % m_server.errorString();
    }
    if (!m_server.isListening())
        return {
            .kind = ErrorKind::Network,
            .message =
                QStringLiteral("Could not listen on the loopback interface (%1).").arg(failures.join(u"; ")),
            .detail = failures.join(u'\n')};

    m_port = m_server.serverPort();
    if (config.advertiseLocalhost)
        if (EngineError error = bindTwin(); error.isError())
            return error;
    const QString host = config.advertiseLocalhost ? QStringLiteral("localhost")
                         : m_server.serverAddress().protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[::1]")
                             : QStringLiteral("127.0.0.1");
    m_redirectUri = u"http://" % host % u':' % QString::number(m_port) % m_config.path;
    m_state = State::Listening;
    m_timeout.start(config.timeout);
    qCInfo(lcListener) << "listening on" << m_server.serverAddress().toString() << m_port;
    return {};
}

// RFC 8252 §8.3: a browser resolves "localhost" to [::1] as readily as to 127.0.0.1, so a redirect that names
// it must find this listener on both; a port another program holds on the other family would get the code.
EngineError RedirectListener::bindTwin()
{
    const bool v6 = m_server.serverAddress().protocol() == QAbstractSocket::IPv6Protocol;
    const QHostAddress other(v6 ? QHostAddress::LocalHost : QHostAddress::LocalHostIPv6);
    if (m_twin.listen(other, m_port))
        return {};
    if (m_twin.serverError() != QAbstractSocket::AddressInUseError) {
        // That family does not exist here (no IPv6 loopback): no one can take it, and no browser will try it.
        qCInfo(lcListener) << "no" << other.toString() << "listener:" << m_twin.errorString();
        return {};
    }
    const QString where =
        (v6 ? QStringLiteral("127.0.0.1:") : QStringLiteral("[::1]:")) % QString::number(m_port);
    const QString detail = m_twin.errorString();
    close(State::Idle);
    return {.kind = ErrorKind::Network,
            .message =
                QStringLiteral("Another program already listens on %1. The redirect URI says "
                               "\"localhost\", which a browser may send to that address instead of this "
                               "listener (RFC 8252 §8.3), so the code would go to that program. Close it, or "
                               "register a redirect URI with 127.0.0.1 instead of localhost.")
                    .arg(where),
            .detail = detail};
}

} // namespace oauth2dbg
