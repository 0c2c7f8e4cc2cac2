#pragma once

#include "Jws.h"
#include "common/Finding.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace oauth2dbg {

// The verdict on one token with every rule applied: what the badge says and the checklist behind it. A check
// that passed is Info, one that failed is Error, one that did not apply is Skipped — each with its reason and
// the spec step it comes from.
struct TokenVerification {
    Verdict verdict = Verdict::NotVerifiable;
    QString summary;
    Findings checks;
    QJsonObject claims;         // as read (strictly), for the caller that wants them
    bool noMatchingKey = false; // a newer key set may hold the signing key

    [[nodiscard]] bool verified() const { return verdict == Verdict::Verified; }
    [[nodiscard]] qsizetype failures() const;
};

namespace tokenchecks {

struct Clock {
    QDateTime now;
    qint64 skewSeconds = 30;
};

Finding pass(const QString& rule, const QString& field, const QString& message);
Finding fail(const QString& rule, const QString& field, const QString& message);
Finding warn(const QString& rule, const QString& field, const QString& message);
Finding skip(const QString& rule, const QString& field, const QString& message);

// RFC 7519 §4.1 / RFC 8725 §3.x types: exp, iat, nbf, auth_time numbers; iss, sub strings; aud a string or
// strings. Appends a failure per wrong type; returns false if any.
bool checkClaimTypes(const QJsonObject& claims, const QString& rule, Findings* checks);
// exp (required or not), nbf, and iat (required or not, with a warning beyond `iatWindowSeconds` of now).
void checkTimes(const QJsonObject& claims, const Clock& clock, bool expRequired, bool iatRequired,
                qint64 iatWindowSeconds, const QString& rule, Findings* checks);
// The local time of a NumericDate, for messages.
QString timeText(double seconds);
// The audiences of "aud" (a string or an array).
QStringList audiences(const QJsonObject& claims);
// Verdict and one-line summary from the checklist and the signature's outcome.
void conclude(TokenVerification* result, const SignatureResult& signature);

} // namespace tokenchecks

// Any JWS, with no flow behind it (a pasted token, `decode --jwks`): the signature against `keys` (or, for
// HS*, the secret), the claim types and exp/nbf. Nothing about who it was meant for.
[[nodiscard]] TokenVerification verifyStandalone(const QByteArray& token, const JwkSet& keys,
                                                 const Secret& secret, const tokenchecks::Clock& clock);

} // namespace oauth2dbg
