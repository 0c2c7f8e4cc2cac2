#include "ExchangeText.h"

#include "jose/Jws.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrlQuery>

namespace oauth2dbg::ExchangeText {

namespace {
const QStringList kSecretParameters = {
    QStringLiteral("client_secret"), QStringLiteral("code"),          QStringLiteral("code_verifier"),
    QStringLiteral("access_token"),  QStringLiteral("refresh_token"), QStringLiteral("id_token"),
    QStringLiteral("token"),         QStringLiteral("password"),      QStringLiteral("client_assertion"),
    QStringLiteral("device_code"),   QStringLiteral("assertion"),     QStringLiteral("subject_token"),
    QStringLiteral("actor_token"),   QStringLiteral("id_token_hint"),
};

QString headerValue(QByteArrayView name, const QByteArray& value, Secrets secrets)
{
    const QString text = QString::fromLatin1(value);
    if (secrets == Secrets::Revealed || !isSecretHeader(name))
        return text;
    // Keep the scheme ("Basic", "Bearer", "DPoP") visible: it is what a reader needs to debug.
    const qsizetype space = text.indexOf(u' ');
    if (name.compare("Authorization", Qt::CaseInsensitive) == 0 && space > 0)
        return text.left(space + 1) % mask(QStringView(text).mid(space + 1));
    return mask(text);
}

// JSON exactly as it came, with the string values of secret members masked in place.
QString maskJsonInPlace(const QString& text)
{
    static const QRegularExpression member(
        QStringLiteral(R"re("([A-Za-z_]+)"(\s*:\s*)"((?:[^"\\]|\\.)*)")re"));
    QString out;
    qsizetype from = 0;
    for (auto it = member.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (!isSecretParameter(m.capturedView(1)))
            continue;
        out += QStringView(text).mid(from, m.capturedStart(3) - from) % mask(m.capturedView(3));
        from = m.capturedEnd(3);
    }
    return out + QStringView(text).mid(from);
}

QString body(const QByteArray& raw, const QByteArray& contentType, Secrets secrets, Body form)
{
    if (raw.isEmpty())
        return {};
    const QByteArray type = contentType.toLower();
    const bool json = type.contains("json") || raw.trimmed().startsWith('{') || raw.trimmed().startsWith('[');
    if (json && form == Body::AsSent)
        return secrets == Secrets::Masked ? maskJsonInPlace(QString::fromUtf8(raw)) : QString::fromUtf8(raw);
    if (json) {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
        if (error.error == QJsonParseError::NoError) {
            if (doc.isObject() && secrets == Secrets::Masked) {
                QJsonObject object = doc.object();
                for (auto it = object.begin(); it != object.end(); ++it) {
                    if (isSecretParameter(it.key()) && it.value().isString())
                        it.value() = mask(it.value().toString());
                }
                return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
            }
            return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
        }
    }
    // A body without a type that reads as a form is masked as one: better a masked oddity than a leak.
    const bool untypedForm = type.isEmpty() && raw.contains('=') && !raw.contains(' ') &&
                             !raw.contains('\n') && !raw.startsWith('{');
    if ((type.startsWith("application/x-www-form-urlencoded") || untypedForm) && secrets == Secrets::Masked) {
        QStringList pairs;
        for (const QByteArray& pair : raw.split('&')) {
            const qsizetype eq = pair.indexOf('=');
            const QString name = QString::fromLatin1(eq < 0 ? pair : pair.left(eq));
            if (eq >= 0 && isSecretParameter(name))
                pairs << name % u'=' % mask(QString::fromLatin1(pair.mid(eq + 1)));
            else
                pairs << QString::fromLatin1(pair);
        }
        return pairs.join(u'&');
    }
    return QString::fromUtf8(raw);
}

QString headers(const HttpHeaders& list, Secrets secrets)
{
    QString out;
    for (const auto& [name, value] : list)
        out += QString::fromLatin1(name) % u": " % headerValue(name, value, secrets) % u'\n';
    return out;
}
} // namespace

bool isSecretHeader(QByteArrayView name)
{
    return name.compare("Authorization", Qt::CaseInsensitive) == 0 ||
           name.compare("Cookie", Qt::CaseInsensitive) == 0 ||
           name.compare("Set-Cookie", Qt::CaseInsensitive) == 0 ||
           name.compare("DPoP", Qt::CaseInsensitive) == 0 ||
           name.compare("Proxy-Authorization", Qt::CaseInsensitive) == 0;
}

bool isSecretParameter(QStringView name)
{
    for (const QString& secret : kSecretParameters) {
        if (name == secret)
            return true;
    }
    return false;
}

QString mask(QStringView value)
{
    if (value.isEmpty())
        return {};
    return QStringLiteral("•••••••• (%1 chars, hidden)").arg(value.size());
}

QString maskQuery(const QString& target)
{
    const qsizetype question = target.indexOf(u'?');
    if (question < 0)
        return target;
    QStringList pairs;
    for (const QString& pair : target.mid(question + 1).split(u'&')) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq > 0 && isSecretParameter(QStringView(pair).left(eq)))
            pairs << pair.left(eq + 1) % mask(QStringView(pair).mid(eq + 1));
        else
            pairs << pair;
    }
    return target.left(question + 1) % pairs.join(u'&');
}

QString request(const HttpExchange& exchange, Secrets secrets, Body form)
{
    const QUrl& url = exchange.url;
    QString target = url.path(QUrl::FullyEncoded);
    if (target.isEmpty())
        target = QStringLiteral("/");
    if (url.hasQuery())
        target += u'?' % url.query(QUrl::FullyEncoded);
    if (secrets == Secrets::Masked)
        target = maskQuery(target);
    QString out = QString::fromLatin1(exchange.method) % u' ' % target % u" HTTP/1.1\n";
    out += u"Host: " % url.authority(QUrl::FullyEncoded | QUrl::RemoveUserInfo) % u'\n';
    out += headers(exchange.requestHeaders, secrets);
    const QString text = body(exchange.requestBody, exchange.requestHeader("Content-Type"), secrets, form);
    if (!text.isEmpty())
        out += u'\n' % text;
    if (!exchange.clientCertificate.isEmpty()) // not HTTP: said after the request, outside it
        out += u"\n\n(TLS client certificate offered in the handshake: " % exchange.clientCertificate % u')';
    // RFC 9449: the proof (masked above: with the token it could be replayed for a while) decoded, which
    // holds nothing secret: the public key and the claims naming this request.
    if (const QByteArray proof = exchange.requestHeader("DPoP"); !proof.isEmpty() && form == Body::Pretty) {
        const CompactJws jws = CompactJws::parse(proof);
        if (jws.ok())
            out += u"\n\n(DPoP proof, decoded. Header: " %
                   QString::fromUtf8(QJsonDocument(jws.header).toJson(QJsonDocument::Compact)) %
                   u"\nClaims: " %
                   QString::fromUtf8(QJsonDocument(jws.payload).toJson(QJsonDocument::Compact)) % u')';
        else
            out += u"\n\n(DPoP proof, not readable as a JWS: " % jws.error % u')';
    }
    return out;
}

QString response(const HttpExchange& exchange, Secrets secrets, Body form)
{
    if (!exchange.finished)
        return QStringLiteral("(waiting for the response…)");
    if (!exchange.hasResponse())
        return QStringLiteral("No HTTP response.\n\n%1\n%2")
            .arg(exchange.error.message, exchange.error.detail);
    QString out =
        u"HTTP/1.1 " % QString::number(exchange.status) % u' ' % QString::fromLatin1(exchange.reason) % u'\n';
    out += headers(exchange.responseHeaders, secrets);
    const QString text = body(exchange.responseBody, exchange.responseHeader("Content-Type"), secrets, form);
    if (!text.isEmpty())
        out += u'\n' % text;
    return out;
}

} // namespace oauth2dbg::ExchangeText
