#include "AuthorizationDetails.h"

#include <QJsonDocument>
#include <QSet>

namespace oauth2dbg::AuthorizationDetails {

namespace {
Finding make(Severity severity, const char* rule, const QString& message)
{
    return {severity, QString::fromLatin1(rule), QStringLiteral("authorization_details"), message};
}

QStringList typesOf(const QJsonArray& details)
{
    QStringList types;
    for (const QJsonValue& d : details)
        types << d.toObject().value(u"type").toString();
    return types;
}
} // namespace

Findings check(const QString& json, const QJsonObject& metadata, QJsonArray* parsed)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return {
            make(Severity::Error, "RA-01",
                 QStringLiteral("Not JSON: %1 at character %2.").arg(error.errorString()).arg(error.offset))};
    if (!document.isArray() || document.array().isEmpty())
        return {
            make(Severity::Error, "RA-01",
                 QStringLiteral("authorization_details is a JSON array of one or more objects (RFC 9396 §2).")
                     .left(200))};
    const QJsonArray details = document.array();
    static const QStringList arrays{QStringLiteral("locations"), QStringLiteral("actions"),
                                    QStringLiteral("datatypes"), QStringLiteral("privileges")};
    for (qsizetype i = 0; i < details.size(); ++i) {
        const QJsonObject detail = details.at(i).toObject();
        if (!details.at(i).isObject())
            return {make(Severity::Error, "RA-01", QStringLiteral("Entry %1 is not a JSON object.").arg(i))};
        if (detail.value(u"type").toString().isEmpty())
            return {make(Severity::Error, "RA-01",
                         QStringLiteral("Entry %1 has no type (a non-empty string, RFC 9396 §2).").arg(i))};
        for (const QString& field : arrays) {
            const QJsonValue v = detail.value(field);
            bool strings = v.isUndefined() || v.isArray();
            for (const QJsonValue& item : v.toArray())
                strings = strings && item.isString() && !item.toString().isEmpty();
            if (!strings)
                return {make(
                    Severity::Error, "RA-01",
                    QStringLiteral("Entry %1's %2 must be an array of non-empty strings (RFC 9396 §2.2).")
                        .arg(i)
                        .arg(field))};
        }
        if (detail.contains(u"identifier") && !detail.value(u"identifier").isString())
            return {make(Severity::Error, "RA-01",
                         QStringLiteral("Entry %1's identifier must be a string (RFC 9396 §2.2).").arg(i))};
    }
    if (parsed)
        *parsed = details;
    Findings out{make(Severity::Info, "RA-01",
                      QStringLiteral("%1 entr%2 of type %3.")
                          .arg(details.size())
                          .arg(details.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies"))
                          .arg(typesOf(details).join(u", ").left(200)))};
    const QJsonValue listed = metadata.value(u"authorization_details_types_supported");
    if (!listed.isArray()) {
        out << make(Severity::Warning, "RA-02",
                    QStringLiteral("The server's metadata lists no authorization_details_types_supported: it "
                                   "may not support rich authorization requests at all."));
        return out;
    }
    QStringList unknown;
    for (const QString& type : typesOf(details))
        if (!listed.toArray().contains(QJsonValue(type)))
            unknown << type;
    out << (unknown.isEmpty()
                ? make(Severity::Info, "RA-02", QStringLiteral("Every type is one the server lists."))
                : make(
                      Severity::Warning, "RA-02",
                      QStringLiteral("The server lists %1, not %2: it will refuse the request "
                                     "(invalid_authorization_details).")
                          .arg(
                              QVariant(listed.toArray().toVariantList()).toStringList().join(u", ").left(200),
                              unknown.join(u", ").left(200))));
    return out;
}

Findings granted(const QJsonArray& asked, const QJsonValue& answered)
{
    if (asked.isEmpty())
        return {};
    if (answered.isUndefined())
        return {
            make(Severity::Warning, "RA-03",
                 QStringLiteral("The answer says nothing of authorization_details: what was granted is not "
                                "known (RFC 9396 §7 has the token response carry it)."))};
    if (!answered.isArray())
        return {make(Severity::Error, "RA-03",
                     QStringLiteral("authorization_details in the answer must be an "
                                    "array (RFC 9396 §7)."))};
    const QStringList got = typesOf(answered.toArray());
    QStringList missing;
    for (const QString& type : typesOf(asked))
        if (!got.contains(type))
            missing << type;
    if (!missing.isEmpty())
        return {make(Severity::Warning, "RA-03",
                     QStringLiteral("Granted %1 of %2 entries: %3 not among them.")
                         .arg(answered.toArray().size())
                         .arg(asked.size())
                         .arg(missing.join(u", ").left(200)))};
    return {make(Severity::Info, "RA-03",
                 QStringLiteral("Granted as asked: %1 (%2 entr%3).")
                     .arg(got.join(u", ").left(200))
                     .arg(got.size())
                     .arg(got.size() == 1 ? QStringLiteral("y") : QStringLiteral("ies")))};
}

QString compact(const QString& json)
{
    // As the user wrote it (members in their order), without the whitespace around it.
    return QJsonDocument::fromJson(json.toUtf8()).isArray() ? json.trimmed() : QString();
}

} // namespace oauth2dbg::AuthorizationDetails
