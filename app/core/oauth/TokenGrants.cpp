#include "TokenGrants.h"

namespace oauth2dbg::TokenGrants {

namespace {
const QString kTypePrefix = QStringLiteral("urn:ietf:params:oauth:token-type:");

const QStringList kTypeNames = {QStringLiteral("access_token"), QStringLiteral("refresh_token"),
                                QStringLiteral("id_token"),     QStringLiteral("jwt"),
                                QStringLiteral("saml1"),        QStringLiteral("saml2")};

Finding pass(const QString& rule, const QString& field, const QString& message)
{
    return {Severity::Info, rule, field, message};
}
} // namespace

QStringList tokenTypeNames()
{
    return kTypeNames;
}

QString tokenTypeUri(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.contains(u':'))
        return trimmed; // a URI of the server's own, or one of RFC 8693's written out
    return kTypeNames.contains(trimmed) ? kTypePrefix + trimmed : QString();
}

FormPairs exchangeBody(const Exchange& e, QString* problem)
{
    const QString subjectType = tokenTypeUri(e.subjectTokenType);
    const QString actorType = tokenTypeUri(e.actorTokenType);
    const QString requested = tokenTypeUri(e.requestedTokenType);
    const auto unknown = [](const QString& what, const QString& given) {
        return QStringLiteral("%1 \"%2\" is not a token type: use one of %3, or a full URI.")
            .arg(what, given.left(80), kTypeNames.join(QStringLiteral(", ")));
    };
    if (e.subjectToken.isEmpty())
        *problem = QStringLiteral("Token exchange needs a subject token (RFC 8693 §2.1): this run has none "
                                  "of that type yet, and none was given.");
    else if (subjectType.isEmpty())
        *problem = e.subjectTokenType.trimmed().isEmpty()
                       ? QStringLiteral("The subject token needs its type (subject_token_type).")
                       : unknown(QStringLiteral("subject_token_type"), e.subjectTokenType);
    else if (!e.actorToken.isEmpty() && actorType.isEmpty())
        *problem = e.actorTokenType.trimmed().isEmpty()
                       ? QStringLiteral("An actor token needs its type (actor_token_type, RFC 8693 §2.1).")
                       : unknown(QStringLiteral("actor_token_type"), e.actorTokenType);
    else if (!e.requestedTokenType.trimmed().isEmpty() && requested.isEmpty())
        *problem = unknown(QStringLiteral("requested_token_type"), e.requestedTokenType);
    if (!problem->isEmpty())
        return {};
    FormPairs body = {{QStringLiteral("grant_type"), QString::fromLatin1(kTokenExchange)}};
    for (const QString& resource : e.resources)
        body.append({QStringLiteral("resource"), resource});
    for (const QString& audience : e.audiences)
        body.append({QStringLiteral("audience"), audience});
    if (!e.scope.trimmed().isEmpty())
        body.append({QStringLiteral("scope"), e.scope.simplified()});
    if (!requested.isEmpty())
        body.append({QStringLiteral("requested_token_type"), requested});
    body.append({QStringLiteral("subject_token"), QString::fromUtf8(e.subjectToken.reveal())});
    body.append({QStringLiteral("subject_token_type"), subjectType});
    if (!e.actorToken.isEmpty()) {
        body.append({QStringLiteral("actor_token"), QString::fromUtf8(e.actorToken.reveal())});
        body.append({QStringLiteral("actor_token_type"), actorType});
    }
    return body;
}

QString bearerProblem(const BearerClaims& c)
{
    if (c.issuer.trimmed().isEmpty())
        return QStringLiteral("The assertion needs an issuer (iss, RFC 7523 §3): who made it, usually the "
                              "client_id.");
    if (c.subject.trimmed().isEmpty())
        return QStringLiteral("The assertion needs a subject (sub, RFC 7523 §3): the user or service the "
                              "token is for.");
    if (c.audience.trimmed().isEmpty())
        return QStringLiteral("The assertion needs an audience (aud, RFC 7523 §3): the issuer or the token "
                              "endpoint.");
    if (c.lifetime <= 0)
        return QStringLiteral("The assertion's lifetime must be a positive number of seconds (exp, RFC 7523 "
                              "§3).");
    return {};
}

ClientAssertion bearerAssertion(const SigningKey& key, const QString& alg, const BearerClaims& c,
                                const QDateTime& now)
{
    if (const QString problem = bearerProblem(c); !problem.isEmpty())
        return {.error = problem};
    const QString chosen = alg.isEmpty() && !key.algorithms().isEmpty() ? key.algorithms().first() : alg;
    const QString jti = ClientAssertions::freshJti();
    if (jti.isEmpty())
        return {.error = QStringLiteral("The system's random generator failed; no assertion was made.")};
    const qint64 iat = now.addSecs(c.clockOffset).toSecsSinceEpoch();
    const QJsonObject claims = {
        {QStringLiteral("iss"), c.issuer.trimmed()},   {QStringLiteral("sub"), c.subject.trimmed()},
        {QStringLiteral("aud"), c.audience.trimmed()}, {QStringLiteral("jti"), jti},
        {QStringLiteral("iat"), double(iat)},          {QStringLiteral("exp"), double(iat + c.lifetime)}};
    return ClientAssertions::signClaims(key, chosen, claims, QStringLiteral("the assertion's"));
}

FormPairs bearerBody(const QByteArray& assertion, const QString& scope)
{
    FormPairs body = {{QStringLiteral("grant_type"), QString::fromLatin1(kJwtBearer)},
                      {QStringLiteral("assertion"), QString::fromLatin1(assertion)}};
    if (!scope.trimmed().isEmpty())
        body.append({QStringLiteral("scope"), scope.simplified()});
    return body;
}

FormPairs passwordBody(const QString& username, const Secret& password, const QString& scope)
{
    FormPairs body = {{QStringLiteral("grant_type"), QString::fromLatin1(kPassword)},
                      {QStringLiteral("username"), username},
                      {QStringLiteral("password"), QString::fromUtf8(password.reveal())}};
    if (!scope.trimmed().isEmpty())
        body.append({QStringLiteral("scope"), scope.simplified()});
    return body;
}

Findings exchangeChecks(const TokenResult& result, const QString& requestedTokenType)
{
    if (!result.ok())
        return {};
    Findings checks;
    const QJsonValue issued = result.tokens.fields.value(u"issued_token_type");
    const QString requested = tokenTypeUri(requestedTokenType);
    if (!issued.isString() || issued.toString().isEmpty()) {
        checks.append({Severity::Error, QStringLiteral("TX-01"), QStringLiteral("issued_token_type"),
                       QStringLiteral("The answer has no issued_token_type, which RFC 8693 §2.2.1 requires: "
                                      "the client cannot tell what kind of token it was given.")});
        return checks;
    }
    const QString type = issued.toString();
    checks.append(pass(QStringLiteral("TX-01"), QStringLiteral("issued_token_type"),
                       QStringLiteral("issued_token_type is %1.").arg(type.left(200))));
    if (!requested.isEmpty() && type != requested)
        checks.append(
            {Severity::Warning, QStringLiteral("TX-02"), QStringLiteral("issued_token_type"),
             QStringLiteral("%1 was asked for and %2 issued: a server may choose (RFC 8693 §2.2.1), "
                            "but the client must use what it got as what it is.")
                 .arg(requested, type.left(200))});
    const bool accessToken = type == kTypePrefix + u"access_token";
    const QString tokenType = result.tokens.tokenType;
    if (!accessToken && tokenType.compare(u"N_A", Qt::CaseInsensitive) != 0 &&
        tokenType.compare(u"Bearer", Qt::CaseInsensitive) != 0)
        checks.append({Severity::Warning, QStringLiteral("TX-02"), QStringLiteral("token_type"),
                       QStringLiteral("token_type \"%1\" for a token that is not an access token: RFC 8693 "
                                      "§2.2.1 says N_A when it cannot be used as one.")
                           .arg(tokenType.left(40))});
    return checks;
}

Finding legacyWarning(const QString& grant)
{
    if (grant == u"password")
        return {Severity::Warning, QStringLiteral("LG-01"), QStringLiteral("grant_type"),
                QStringLiteral("The password grant hands the user's password to the client, cannot do "
                               "multi-factor or single sign-on, and trains users to type passwords where "
                               "they should not; RFC 9700 §2.4 says it MUST NOT be used. Use the "
                               "authorization code grant with PKCE (or the device grant on a device "
                               "without a browser).")};
    return {Severity::Warning, QStringLiteral("LG-02"), QStringLiteral("response_type"),
            QStringLiteral("The implicit grant puts the access token in the URL fragment, where browser "
                           "history, referrers and any script on the page can read it, and it cannot be "
                           "bound to the client; RFC 9700 §2.1.2 says clients SHOULD NOT use it. Use the "
                           "authorization code grant with PKCE.")};
}

} // namespace oauth2dbg::TokenGrants
