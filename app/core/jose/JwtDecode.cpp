#include "JwtDecode.h"

#include "common/Duration.h"
#include "common/Seconds.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace oauth2dbg {

namespace {
// base64url as JWS wants it (RFC 7515 §2: no padding); padding or '+' '/' are read, with a warning.
bool decodeSegment(const QByteArray& segment, const char* what, QByteArray* out, QStringList* warnings)
{
    QByteArray text = segment;
    if (text.contains('=')) {
        warnings->append(QStringLiteral("The %1 has base64 padding ('='), which JWS does not use.")
                             .arg(QLatin1String(what)));
        while (text.endsWith('='))
            text.chop(1);
    }
    if (text.contains('+') || text.contains('/')) {
        warnings->append(QStringLiteral("The %1 uses standard base64 ('+' or '/'), not base64url.")
                             .arg(QLatin1String(what)));
        text.replace('+', '-').replace('/', '_');
    }
    const auto result =
        QByteArray::fromBase64Encoding(text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                                 QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *out = *result;
    return true;
}

QJsonObject parseObject(const QByteArray& json, const char* what, QString* error)
{
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = QStringLiteral("The %1 is not JSON (%2 at byte %3).")
                     .arg(QLatin1String(what), parse.errorString())
                     .arg(parse.offset);
        return {};
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("The %1 is JSON but not an object.").arg(QLatin1String(what));
        return {};
    }
    return doc.object();
}

const char* meaningOf(const QString& claim)
{
    static const QHash<QString, const char*> meanings{
        {QStringLiteral("iss"), "issuer: who made the token"},
        {QStringLiteral("sub"), "subject: the user (or client) it is about"},
        {QStringLiteral("aud"), "audience: who may accept it"},
        {QStringLiteral("exp"), "expires: not valid from then on"},
        {QStringLiteral("nbf"), "not before: not valid until then"},
        {QStringLiteral("iat"), "issued at"},
        {QStringLiteral("auth_time"), "when the user last signed in"},
        {QStringLiteral("jti"), "the token's unique id"},
        {QStringLiteral("azp"), "authorized party: the client it was issued to"},
        {QStringLiteral("nonce"), "the value the client sent, to bind the ID token to its request"},
        {QStringLiteral("at_hash"), "hash of the access token issued with it"},
        {QStringLiteral("c_hash"), "hash of the authorization code issued with it"},
        {QStringLiteral("acr"), "how the user was authenticated (a level)"},
        {QStringLiteral("amr"), "authentication methods used (pwd, otp, ...)"},
        {QStringLiteral("sid"), "the sign-in session's id"},
        {QStringLiteral("scope"), "what the token allows"},
        {QStringLiteral("scp"), "what the token allows"},
        {QStringLiteral("client_id"), "the client it was issued to"},
        {QStringLiteral("cnf"), "confirmation: the key the holder must prove (DPoP, mTLS)"},
        {QStringLiteral("typ"), "the token's type"},
        {QStringLiteral("email"), "the user's email address"},
        {QStringLiteral("email_verified"), "whether the provider checked the email address"},
        {QStringLiteral("name"), "the user's full name"},
        {QStringLiteral("preferred_username"), "the name the user goes by"},
    };
    return meanings.value(claim, "");
}

bool isTimeClaim(const QString& claim)
{
    return claim == u"exp" || claim == u"nbf" || claim == u"iat" || claim == u"auth_time" ||
           claim == u"updated_at";
}

QString plain(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        // Whole numbers as integers, as long as a double holds them exactly; anything else as it is.
        return std::abs(d) < 9.0e15 && d == std::floor(d) ? QString::number(qint64(d))
                                                          : QString::number(d, 'g', 17);
    }
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("null");
    const QJsonDocument doc =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}
} // namespace

DecodedToken decodeToken(const QByteArray& raw)
{
    DecodedToken t;
    const QByteArray token = raw.trimmed();
    const qsizetype dots = token.count('.');
    if (token.isEmpty()) {
        t.kind = DecodedToken::Kind::Malformed;
        t.error = QStringLiteral("There is no token to decode.");
        return t;
    }
    if (dots != 2 && dots != 4)
        return t; // opaque: a handle only the server can read
    const QList<QByteArray> parts = token.split('.');
    QByteArray headerJson;
    if (!decodeSegment(parts.at(0), "header", &headerJson, &t.warnings)) {
        if (!token.startsWith("ey")) // not even trying to be a JWT: an opaque token with dots in it
            return DecodedToken{};
        t.kind = DecodedToken::Kind::Malformed;
        t.error = QStringLiteral("The header is not base64url.");
        return t;
    }
    t.header = parseObject(headerJson, "header", &t.error);
    if (!t.error.isEmpty()) {
        if (!token.startsWith("ey")) // a JWT header always starts {" which encodes as "ey"
            return DecodedToken{};
        t.kind = DecodedToken::Kind::Malformed;
        return t;
    }
    if (dots == 4) {
        t.kind = DecodedToken::Kind::Jwe;
        return t; // the payload is encrypted: nothing more to read without the key
    }
    t.kind = DecodedToken::Kind::Jws;
    if (!decodeSegment(parts.at(1), "payload", &t.payloadBytes, &t.warnings)) {
        t.kind = DecodedToken::Kind::Malformed;
        t.error = QStringLiteral("The payload is not base64url.");
        return t;
    }
    QString payloadError;
    t.payload = parseObject(t.payloadBytes, "payload", &payloadError);
    if (!payloadError.isEmpty())
        t.warnings.append(payloadError + QStringLiteral(" It is shown as text."));
    if (parts.at(2).isEmpty())
        t.warnings.append(t.header.value(u"alg").toString() == u"none"
                              ? QStringLiteral("Unsigned (alg \"none\"): anyone could have written it.")
                              : QStringLiteral("The signature segment is empty."));
    return t;
}

QString DecodedToken::summary() const
{
    switch (kind) {
    case Kind::Opaque:
        return QStringLiteral("opaque: not a JWT; only the server can say what it means (introspection)");
    case Kind::Malformed:
        return QStringLiteral("looks like a JWT but cannot be read: %1").arg(error);
    case Kind::Jwe:
        return QStringLiteral("JWE: encrypted (%1 / %2); its claims cannot be read without the key")
            .arg(header.value(u"alg").toString(), header.value(u"enc").toString());
    case Kind::Jws:
        break;
    }
    QString text =
        QStringLiteral("JWT (JWS, %1").arg(header.value(u"alg").toString(QStringLiteral("no alg")));
    if (header.contains(u"typ"))
        text += u", typ " % header.value(u"typ").toString();
    if (header.contains(u"kid"))
        text += u", kid " % header.value(u"kid").toString();
    return text + u')';
}

QString relativeTime(const QDateTime& when, const QDateTime& now)
{
    const qint64 seconds = now.secsTo(when);
    const qint64 magnitude = std::abs(seconds);
    if (magnitude < 5)
        return QStringLiteral("now");
    QString amount;
    if (magnitude < 90)
        amount = QStringLiteral("%1 s").arg(magnitude);
    else if (magnitude < 90 * 60)
        amount = QStringLiteral("%1 min").arg((magnitude + 30) / 60);
    else if (magnitude < 36 * 3600)
        amount = QStringLiteral("%1 h").arg((magnitude + 1800) / 3600);
    else
        amount = QStringLiteral("%1 days").arg((magnitude + 43200) / 86400);
    return seconds > 0 ? QString(u"in " % amount) : QString(amount % u" ago");
}

QList<ClaimLine> explainClaims(const QJsonObject& payload, const QDateTime& now)
{
    QList<ClaimLine> lines;
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        ClaimLine line{it.key(), plain(it.value()), QString::fromLatin1(meaningOf(it.key())), {}};
        const std::optional<qint64> seconds =
            it.value().isDouble() ? Seconds::epoch(it.value().toDouble()) : std::nullopt;
        if (isTimeClaim(it.key()) && it.value().isDouble() && !seconds) {
            line.meaning += QStringLiteral(" — not a time: outside 1970 to 9999");
        } else if (isTimeClaim(it.key()) && seconds) {
            const QDateTime when = QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
            line.value = QStringLiteral("%1 (%2) — %3")
                             .arg(dateTimeText(when), relativeTime(when, now), plain(it.value()));
        } else if (isTimeClaim(it.key())) {
            line.meaning += QStringLiteral(" — should be a number of seconds, is not");
        }
        if (it.value().isArray()) {
            for (const QJsonValue& item : it.value().toArray())
                line.items << plain(item);
        } else if ((it.key() == u"scope" || it.key() == u"scp") && it.value().isString()) {
            line.items = it.value().toString().split(u' ', Qt::SkipEmptyParts);
        }
        lines.append(line);
    }
    return lines;
}

QString countdown(const QJsonObject& payload, const QDateTime& now)
{
    if (!payload.value(u"exp").isDouble())
        return {};
    const std::optional<qint64> seconds = Seconds::epoch(payload.value(u"exp").toDouble());
    if (!seconds)
        return QStringLiteral("exp is not a time (outside 1970 to 9999)");
    const QDateTime exp = QDateTime::fromSecsSinceEpoch(*seconds, Qt::UTC);
    const qint64 left = now.secsTo(exp);
    if (left <= 0)
        return QStringLiteral("expired %1").arg(relativeTime(exp, now));
    if (left < 3600)
        return QStringLiteral("expires in %1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("expires %1").arg(relativeTime(exp, now));
}

} // namespace oauth2dbg
