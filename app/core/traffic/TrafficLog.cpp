#include "TrafficLog.h"

#include "ExchangeText.h"
#include "common/Duration.h"

#include <QLocale>

namespace oauth2dbg {

TrafficLog::TrafficLog(QObject* parent)
    : QAbstractTableModel(parent)
{}

TrafficLog::~TrafficLog() = default;

void TrafficLog::record(const HttpExchange& exchange)
{
    if (const int row = rowOf(exchange.id); row >= 0) {
        m_exchanges[static_cast<size_t>(row)] = exchange;
        m_search[static_cast<size_t>(row)] = searchTextOf(exchange);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    const int row = size();
    beginInsertRows({}, row, row);
    m_exchanges.push_back(exchange);
    m_search.push_back(searchTextOf(exchange));
    m_rowById.insert(exchange.id, row);
    endInsertRows();
}

void TrafficLog::clear()
{
    beginResetModel();
    m_exchanges.clear();
    m_search.clear();
    m_rowById.clear();
    endResetModel();
}

std::vector<HttpExchange> TrafficLog::takeAll()
{
    beginResetModel();
    std::vector<HttpExchange> taken = std::move(m_exchanges);
    m_exchanges.clear();
    m_search.clear();
    m_rowById.clear();
    endResetModel();
    return taken;
}

void TrafficLog::restore(std::vector<HttpExchange> exchanges)
{
    beginResetModel();
    std::vector<HttpExchange> since = std::move(m_exchanges);
    m_exchanges.clear();
    m_search.clear();
    m_rowById.clear();
    for (std::vector<HttpExchange>* list : {&exchanges, &since}) {
        for (HttpExchange& e : *list) {
            if (m_rowById.contains(e.id))
                continue;
            m_rowById.insert(e.id, size());
            m_search.push_back(searchTextOf(e));
            m_exchanges.push_back(std::move(e));
        }
    }
    endResetModel();
}

const HttpExchange* TrafficLog::exchangeAt(int row) const
{
    if (row < 0 || row >= size())
        return nullptr;
    return &m_exchanges[static_cast<size_t>(row)];
}

const HttpExchange* TrafficLog::exchangeById(quint64 id) const
{
    return exchangeAt(rowOf(id));
}

int TrafficLog::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : size();
}

int TrafficLog::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TrafficLog::statusText(const HttpExchange& exchange)
{
    if (!exchange.finished)
        return QStringLiteral("…");
    if (exchange.hasResponse())
        return QString::number(exchange.status);
    switch (exchange.error.kind) {
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Tls:
        return QStringLiteral("TLS error");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    default:
        return QStringLiteral("failed");
    }
}

QString TrafficLog::sizeText(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString TrafficLog::searchTextOf(const HttpExchange& exchange) const
{
    return (QString::fromLatin1(exchange.method) % u' ' % display(exchange, Host).toString() % u' ' %
            exchange.url.path(QUrl::FullyEncoded) % u' ' % statusText(exchange))
        .toLower();
}

QVariant TrafficLog::display(const HttpExchange& exchange, int column) const
{
    switch (column) {
    case Time:
        return exchange.started.toString(QStringLiteral("HH:mm:ss.zzz"));
    case Method:
        return QString::fromLatin1(exchange.method);
    case Host:
        return exchange.url.port() > 0 ? exchange.url.host() % u':' % QString::number(exchange.url.port())
                                       : exchange.url.host();
    case Path:
        return exchange.url.path(QUrl::FullyEncoded);
    case Status:
        return statusText(exchange);
    case Duration:
        return durationText(exchange.durationMs);
    case Size:
        return exchange.finished && exchange.hasResponse() ? sizeText(exchange.responseBody.size())
                                                           : QString();
    default:
        return {};
    }
}

QVariant TrafficLog::data(const QModelIndex& index, int role) const
{
    const HttpExchange* exchange = index.isValid() ? exchangeAt(index.row()) : nullptr;
    if (!exchange || index.column() >= ColumnCount)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(*exchange, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Status && exchange->error.isError())
            return exchange->error.message;
        if (index.column() == Path)
            return exchange->url.toDisplayString();
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Status || index.column() == Duration || index.column() == Size)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ExchangeIdRole:
        return exchange->id;
    case SortRole:
        switch (index.column()) {
        case Time:
            return exchange->id;
        case Status:
            return exchange->status;
        case Duration:
            return exchange->durationMs;
        case Size:
            return exchange->responseBody.size();
        default:
            return display(*exchange, index.column());
        }
    default:
        return {};
    }
}

QVariant TrafficLog::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Method:
        return tr("Method");
    case Host:
        return tr("Host");
    case Path:
        return tr("Path");
    case Status:
        return tr("Status");
    case Duration:
        return tr("Duration");
    case Size:
        return tr("Size");
    default:
        return {};
    }
}

QByteArray TrafficLog::exportText() const
{
    QString text;
    for (const HttpExchange& exchange : m_exchanges) {
        text += u"### " % exchange.started.toUTC().toString(Qt::ISODateWithMs) % u' ' %
                QString::fromLatin1(exchange.method) % u' ' %
                ExchangeText::maskQuery(exchange.url.toString()) % u" -> " % statusText(exchange) % u"\n\n" %
                ExchangeText::request(exchange) % u"\n\n" % ExchangeText::response(exchange) % u"\n\n";
    }
    return text.toUtf8();
}

} // namespace oauth2dbg
