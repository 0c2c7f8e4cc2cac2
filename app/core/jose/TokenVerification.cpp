#include "TokenVerification.h"

#include "common/Duration.h"
#include "common/Seconds.h"

#include <QJsonArray>

#include <cmath>

namespace oauth2dbg {

qsizetype TokenVerification::failures() const
{
    return std::count_if(checks.cbegin(), checks.cend(),
                         [](const Finding& f) { return f.severity == Severity::Error; });
}

namespace tokenchecks {

Finding pass(const QString& rule, const QString& field, const QString& message)
{
    return {.severity = Severity::Info, .rule = rule, .field = field, .message = message};
}

Finding fail(const QString& rule, const QString& field, const QString& message)
{
    return {.severity = Severity::Error, .rule = rule, .field = field, .message = message};
}

Finding warn(const QString& rule, const QString& field, const QString& message)
{
    return {.severity = Severity::Warning, .rule = rule, .field = field, .message = message};
}

Finding skip(const QString& rule, const QString& field, const QString& message)
{
    return {.severity = Severity::Skipped, .rule = rule, .field = field, .message = message};
}

QString timeText(double seconds)
{
    return dateTimeText(QDateTime::fromSecsSinceEpoch(Seconds::epoch(seconds).value_or(0)));
}

QStringList audiences(const QJsonObject& claims)
{
    const QJsonValue aud = claims.value(u"aud");
    if (aud.isString())
        return {aud.toString()};
    QStringList list;
    for (const QJsonValue& v : aud.toArray())
        list << v.toString();
    return list;
}

bool checkClaimTypes(const QJsonObject& claims, const QString& rule, Findings* checks)
{
    bool ok = true;
    for (const char* name : {"exp", "iat", "nbf", "auth_time"}) {
        const QJsonValue v = claims.value(QLatin1StringView(name));
        if (!v.isUndefined() && (!v.isDouble() || !std::isfinite(v.toDouble()))) {
            checks->append(fail(rule, QLatin1StringView(name),
                                QStringLiteral("\"%1\" must be a number of seconds (NumericDate), not %2.")
                                    .arg(QLatin1StringView(name), v.isString() ? QStringLiteral("a string")
                                                                               : QStringLiteral("this"))));
            ok = false;
        }
    }
    for (const char* name : {"iss", "sub", "azp", "nonce", "acr"}) {
        const QJsonValue v = claims.value(QLatin1StringView(name));
        if (!v.isUndefined() && !v.isString()) {
            checks->append(fail(rule, QLatin1StringView(name),
                                QStringLiteral("\"%1\" must be a string.").arg(QLatin1StringView(name))));
            ok = false;
        }
    }
    const QJsonValue aud = claims.value(u"aud");
    const QJsonArray list = aud.toArray();
    const bool audOk = aud.isUndefined() || aud.isString() ||
                       (aud.isArray() && std::all_of(list.begin(), list.end(),
                                                     [](const QJsonValue& v) { return v.isString(); }));
    if (!audOk) {
        checks->append(fail(rule, QStringLiteral("aud"),
                            QStringLiteral("\"aud\" must be a string or an array of strings.")));
        ok = false;
    }
    return ok;
}

void checkTimes(const QJsonObject& claims, const Clock& clock, bool expRequired, bool iatRequired,
                qint64 iatWindowSeconds, const QString& rule, Findings* checks)
{
    const double now = double(clock.now.toSecsSinceEpoch());
    const double skew = double(clock.skewSeconds);
    const QString skewNote = QStringLiteral(" (clock skew allowed: %1 s)").arg(clock.skewSeconds);
    // A number that is no time (1e300, -1, NaN never arrives from JSON) fails, and is not compared.
    bool usable = true;
    for (const char16_t* name : {u"exp", u"nbf", u"iat"}) {
        const QJsonValue value = claims.value(QStringView(name));
        if (value.isDouble() && !Seconds::epoch(value.toDouble())) {
            checks->append(fail(rule, QString::fromUtf16(name),
                                QStringLiteral("\"%1\" is %2, not a time from 1970 to 9999.")
                                    .arg(QString::fromUtf16(name))
                                    .arg(value.toDouble(), 0, 'g', 17)));
            usable = false;
        }
    }
    if (!usable)
        return;
    if (const QJsonValue exp = claims.value(u"exp"); exp.isDouble()) {
        if (now - skew >= exp.toDouble())
            checks->append(fail(rule, QStringLiteral("exp"),
                                QStringLiteral("Expired at %1, %2 s ago%3.")
                                    .arg(timeText(exp.toDouble()))
                                    .arg(qint64(now - exp.toDouble()))
                                    .arg(skewNote)));
        else
            checks->append(
                pass(rule, QStringLiteral("exp"),
                     QStringLiteral("Not expired: valid until %1.").arg(timeText(exp.toDouble()))));
    } else if (exp.isUndefined()) {
        checks->append(expRequired
                           ? fail(rule, QStringLiteral("exp"), QStringLiteral("\"exp\" is missing."))
                           : skip(rule, QStringLiteral("exp"), QStringLiteral("No \"exp\": no expiry.")));
    }
    if (const QJsonValue nbf = claims.value(u"nbf"); nbf.isDouble()) {
        if (now + skew < nbf.toDouble())
            checks->append(
                fail(QStringLiteral("RFC 7519 §4.1.5"), QStringLiteral("nbf"),
                     QStringLiteral("Not valid before %1%2.").arg(timeText(nbf.toDouble()), skewNote)));
        else
            checks->append(pass(QStringLiteral("RFC 7519 §4.1.5"), QStringLiteral("nbf"),
                                QStringLiteral("Valid since %1.").arg(timeText(nbf.toDouble()))));
    }
    if (const QJsonValue iat = claims.value(u"iat"); iat.isDouble()) {
        const double off = now - iat.toDouble();
        if (off < -skew)
            checks->append(warn(rule, QStringLiteral("iat"),
                                QStringLiteral("Issued %1 s in the future (%2): the clocks disagree.")
                                    .arg(qint64(-off))
                                    .arg(timeText(iat.toDouble()))));
        else if (off > double(iatWindowSeconds))
            checks->append(
                warn(rule, QStringLiteral("iat"),
                     QStringLiteral("Issued %1 s ago (%2), more than the %3 s expected for a fresh "
                                    "token.")
                         .arg(qint64(off))
                         .arg(timeText(iat.toDouble()))
                         .arg(iatWindowSeconds)));
        else
            checks->append(pass(rule, QStringLiteral("iat"),
                                QStringLiteral("Issued at %1.").arg(timeText(iat.toDouble()))));
    } else if (iat.isUndefined()) {
        checks->append(iatRequired ? fail(rule, QStringLiteral("iat"), QStringLiteral("\"iat\" is missing."))
                                   : skip(rule, QStringLiteral("iat"), QStringLiteral("No \"iat\".")));
    }
}

namespace {
// How much a failure matters to whoever holds the token: a bad signature or an expired token before a wrong
// audience or issuer, those before a nonce or hash, and a member of the wrong type last.
int consequence(const Finding& f)
{
    if (f.message.contains(u"must be a") || f.message.contains(u"must be an"))
        return 9; // a type nit
    if (f.field == u"alg" || f.field == u"kid" || f.field.isEmpty() || f.message.contains(u"signature"))
        return 0;
    static const QList<QStringList> ranks{
        {QStringLiteral("exp")},
        {QStringLiteral("aud"), QStringLiteral("azp")},
        {QStringLiteral("iss")},
        {QStringLiteral("nbf"), QStringLiteral("iat")},
        {QStringLiteral("nonce"), QStringLiteral("at_hash"), QStringLiteral("c_hash"), QStringLiteral("sub")},
    };
    for (int i = 0; i < ranks.size(); ++i)
        if (ranks.at(i).contains(f.field))
            return i + 1;
    return 7;
}
} // namespace

void conclude(TokenVerification* result, const SignatureResult& signature)
{
    result->noMatchingKey = signature.noMatchingKey;
    Findings failures;
    std::copy_if(result->checks.cbegin(), result->checks.cend(), std::back_inserter(failures),
                 [](const Finding& f) { return f.severity == Severity::Error; });
    std::stable_sort(failures.begin(), failures.end(),
                     [](const Finding& a, const Finding& b) { return consequence(a) < consequence(b); });
    const qsizetype passed = std::count_if(result->checks.cbegin(), result->checks.cend(),
                                           [](const Finding& f) { return f.severity == Severity::Info; });
    if (!failures.isEmpty()) {
        // The one that matters most, then the others by name, so none hides behind a count.
        result->verdict = Verdict::Failed;
        QStringList others;
        for (qsizetype i = 1; i < failures.size() && others.size() < 4; ++i) {
            const QString name = failures.at(i).field.isEmpty() ? failures.at(i).rule : failures.at(i).field;
            if (!others.contains(name))
                others << name;
        }
        const qsizetype unnamed = failures.size() - 1 - others.size();
        result->summary =
            QStringLiteral("Failed: %1").arg(failures.constFirst().message) %
            (others.isEmpty()
                 ? QString()
                 : QStringLiteral(" Also failed: %1%2.")
                       .arg(others.join(QStringLiteral(", ")),
                            unnamed > 0 ? QStringLiteral(" and %1 more").arg(unnamed) : QString()));
    } else if (signature.verified()) {
        result->verdict = Verdict::Verified;
        result->summary = QStringLiteral("Verified: %1 %2 checks passed.").arg(signature.message).arg(passed);
    } else {
        result->verdict = Verdict::NotVerifiable;
        result->summary = QStringLiteral("Not verifiable: %1").arg(signature.message);
    }
}

} // namespace tokenchecks

TokenVerification verifyStandalone(const QByteArray& token, const JwkSet& keys, const Secret& secret,
                                   const tokenchecks::Clock& clock)
{
    const CompactJws jws = CompactJws::parse(token);
    SignaturePolicy policy;
    policy.clientSecret = secret;
    const SignatureResult signature = verifySignature(jws, keys, policy);
    TokenVerification result;
    result.checks = signature.checks;
    if (jws.ok() && jws.payloadIsObject) {
        result.claims = jws.payload;
        tokenchecks::checkClaimTypes(jws.payload, QStringLiteral("RFC 7519 §4.1"), &result.checks);
        tokenchecks::checkTimes(jws.payload, clock, false, false, 365 * 86'400,
                                QStringLiteral("RFC 7519 §4.1.4"), &result.checks);
    }
    tokenchecks::conclude(&result, signature);
    return result;
}

} // namespace oauth2dbg
