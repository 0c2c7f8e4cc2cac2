#include "ExchangeText.h"

#include <QUrlQuery>

namespace oauth2dbg::ExchangeText {

namespace {
// One shell word built of literal pieces (single-quoted) and variables (double-quoted "$NAME").
class ShellWord {
public:
    ShellWord& text(const QString& literal)
    {
        m_literal += literal; // adjacent literals share one pair of quotes
        return *this;
    }
    ShellWord& variable(const QString& name)
    {
        flush();
        m_out += u"\"$" % name % u'"';
        return *this;
    }
    [[nodiscard]] QString str()
    {
        flush();
        return m_out.isEmpty() ? QStringLiteral("''") : m_out;
    }

private:
    void flush()
    {
        if (m_literal.isEmpty())
            return;
        m_literal.replace(QLatin1Char('\''), QStringLiteral("'\\''")); // close, escaped quote, reopen
        m_out += u'\'' % m_literal % u'\'';
        m_literal.clear();
    }
    QString m_literal;
    QString m_out;
};

class Command {
public:
    explicit Command(Secrets secrets)
        : m_secrets(secrets)
    {}
    // name=value pairs joined by '&', the secret ones' values as variables.
    void pairs(ShellWord& word, const QString& joined)
    {
        const QStringList list = joined.split(u'&');
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString& pair = list.at(i);
            const qsizetype eq = pair.indexOf(u'=');
            if (i > 0)
                word.text(QStringLiteral("&"));
            if (eq > 0 && isSecretParameter(QStringView(pair).left(eq)) && m_secrets == Secrets::Masked) {
                word.text(pair.left(eq + 1));
                word.variable(use(pair.left(eq).toUpper()));
            } else {
                word.text(pair);
            }
        }
    }
    QString use(const QString& variable)
    {
        if (!m_variables.contains(variable))
            m_variables << variable;
        return variable;
    }
    [[nodiscard]] const QStringList& variables() const { return m_variables; }

private:
    Secrets m_secrets;
    QStringList m_variables;
};

// A header, with its credential as a variable when masked. Basic credentials become curl's -u, which builds
// the same header from the (already form-encoded) id and secret.
QString headerOption(Command& command, const QByteArray& name, const QByteArray& value, Secrets secrets)
{
    const QString text = QString::fromLatin1(value);
    if (secrets == Secrets::Revealed || !isSecretHeader(name))
        return u"-H " % ShellWord().text(QString::fromLatin1(name) % u": " % text).str();
    const qsizetype space = text.indexOf(u' ');
    const bool authorization = name.compare("Authorization", Qt::CaseInsensitive) == 0 && space > 0;
    const QString scheme = authorization ? text.left(space) : QString();
    if (scheme.compare(u"Basic", Qt::CaseInsensitive) == 0) {
        const QByteArray pair = QByteArray::fromBase64(value.mid(space + 1).trimmed());
        const qsizetype colon = pair.indexOf(':');
        if (colon > 0)
            return u"-u " % ShellWord()
                                .text(QString::fromUtf8(pair.left(colon + 1)))
                                .variable(command.use(QStringLiteral("CLIENT_SECRET")))
                                .str();
    }
    if (authorization) {
        const QString variable = scheme.compare(u"Bearer", Qt::CaseInsensitive) == 0 ||
                                         scheme.compare(u"DPoP", Qt::CaseInsensitive) == 0
                                     ? QStringLiteral("ACCESS_TOKEN")
                                     : QStringLiteral("CREDENTIALS");
        return u"-H " % ShellWord()
                            .text(QString::fromLatin1(name) % u": " % scheme % u' ')
                            .variable(command.use(variable))
                            .str();
    }
    const QString variable = QString::fromLatin1(name).toUpper().replace(u'-', u'_');
    return u"-H " % ShellWord().text(QString::fromLatin1(name) % u": ").variable(command.use(variable)).str();
}
} // namespace

QString curl(const HttpExchange& exchange, Secrets secrets)
{
    Command command(secrets);
    QString out = QStringLiteral("curl");
    if (exchange.method != "GET")
        out += u" -X " % QString::fromLatin1(exchange.method);
    QUrl bare = exchange.url;
    bare.setQuery(QString());
    ShellWord url;
    url.text(bare.toString(QUrl::FullyEncoded | QUrl::RemoveQuery));
    if (exchange.url.hasQuery()) {
        url.text(QStringLiteral("?"));
        command.pairs(url, exchange.url.query(QUrl::FullyEncoded));
    }
    out += u' ' % url.str();
    for (const auto& [name, value] : exchange.requestHeaders)
        out += u" \\\n  " % headerOption(command, name, value, secrets);
    if (!exchange.requestBody.isEmpty()) {
        const bool form =
            exchange.requestHeader("Content-Type").toLower().startsWith("application/x-www-form-urlencoded");
        ShellWord data;
        if (form)
            command.pairs(data, QString::fromUtf8(exchange.requestBody));
        else // JSON and anything else: masked in place when masked (not runnable, but never a leak)
            data.text(secrets == Secrets::Masked
                          ? request(exchange, secrets, Body::AsSent).section(QStringLiteral("\n\n"), 1, -1)
                          : QString::fromUtf8(exchange.requestBody));
        out += u" \\\n  --data-raw " % data.str();
    }
    if (command.variables().isEmpty())
        return out;
    return QStringLiteral("# Set %1 first: this command holds no secret (values as sent, form-encoded).\n")
               .arg(command.variables().join(QStringLiteral(", "))) %
           out;
}

} // namespace oauth2dbg::ExchangeText
