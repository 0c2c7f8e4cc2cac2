#include "TokenClient.h"

#include "DeviceAuthorization.h"
#include "DiscoveryUrl.h"
#include "RefusalDiagnosis.h"
#include "net/ClientCertificate.h"
#include "net/HttpCall.h"
#include "net/NetworkAccess.h"

#include <QJsonDocument>
#include <QTimer>

namespace oauth2dbg {

TokenClient::TokenClient(NetworkAccess* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{}

TokenClient::~TokenClient()
{
    if (m_call)
        m_call->disconnect(this);
}

void TokenClient::refuse(const QString& message)
{
    // Answered from the event loop, like every other outcome.
    QTimer::singleShot(0, this, [this, message] {
        TokenResult result;
        result.error = {.kind = ErrorKind::InvalidInput, .message = message};
        Q_EMIT finished(result);
    });
}

void TokenClient::exchangeCode(const TokenEndpointConfig& config, const QString& code,
                               const QString& redirectUri, const QByteArray& codeVerifier)
{
    if (m_codesSent.contains(code)) // AZ-10: a code is single-use
        return refuse(
            QStringLiteral("This authorization code was already sent once; a code is single-use. Start a "
                           "new authorization for a fresh one."));
    FormPairs body = {{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                      {QStringLiteral("code"), code},
                      // RFC 6749 §4.1.3: identical to the one in the authorization request (NA-08)
                      {QStringLiteral("redirect_uri"), redirectUri}};
    if (!codeVerifier.isEmpty())
        body.append({QStringLiteral("code_verifier"), QString::fromLatin1(codeVerifier)});
    if (m_busy)
        return refuse(QStringLiteral("A token request is already running; wait for it or cancel it."));
    m_codesSent.insert(code);
    send(config, body, QStringLiteral("authorization_code"));
}

void TokenClient::clientCredentials(const TokenEndpointConfig& config, const QString& scope,
                                    const QStringList& resources, const QString& audience)
{
    FormPairs body = {{QStringLiteral("grant_type"), QStringLiteral("client_credentials")}};
    if (!scope.isEmpty())
        body.append({QStringLiteral("scope"), scope});
    for (const QString& resource : resources)
        body.append({QStringLiteral("resource"), resource});
    if (!audience.isEmpty())
        body.append({QStringLiteral("audience"), audience});
    if (m_busy)
        return refuse(QStringLiteral("A token request is already running; wait for it or cancel it."));
    send(config, body, QStringLiteral("client_credentials"));
}

void TokenClient::refresh(const TokenEndpointConfig& config, const Secret& refreshToken, const QString& scope)
{
    if (refreshToken.isEmpty())
        return refuse(QStringLiteral("There is no refresh token to use."));
    // TE-07: two refreshes of one profile never run at once; with rotation the second would spend a dead
    // token.
    if (m_busy)
        return refuse(
            QStringLiteral("A refresh (or another token request) is already running for this profile."));
    FormPairs body = {{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                      {QStringLiteral("refresh_token"), QString::fromUtf8(refreshToken.reveal())}};
    if (!scope.isEmpty())
        body.append({QStringLiteral("scope"), scope});
    send(config, body, QStringLiteral("refresh_token"));
}

void TokenClient::grant(const TokenEndpointConfig& config, const FormPairs& body)
{
    if (m_busy)
        return refuse(QStringLiteral("A token request is already running; wait for it or cancel it."));
    if (body.isEmpty() || body.first().first != u"grant_type")
        return refuse(QStringLiteral("A token request needs its grant_type."));
    send(config, body, body.first().second);
}

void TokenClient::cancel()
{
    if (m_call)
        m_call->cancel();
}

ClientCredentialsSent credentialsSent(const TokenEndpointConfig& config, const QString& endpoint,
                                      const QString& grant)
{
    ClientCredentialsSent sent{
        .endpoint = endpoint,
        .grant = grant,
        .clientId = config.clientId,
        .method = config.method,
        .basicForm = config.basicForm,
        .secretSent = config.method != ClientAuthMethod::None && !config.clientSecret.isEmpty(),
        .formsDiffer = ClientAuthentication::basicFormsDiffer(config.clientId, config.clientSecret),
        .serverMethods = config.serverMethods.value(
            endpoint == u"device_authorization" ? QStringLiteral("token") : endpoint)};
    if (ClientAuthentication::usesCertificate(config.method) && !config.tls.clientCertificate.isEmpty()) {
        const ClientCertificate certificate =
            ClientCertificate::fromPem(config.tls.clientCertificate, config.tls.clientKey);
        sent.certificateSubject = certificate.subject;
        sent.certificateIssuer = certificate.issuer;
        sent.certificateThumbprint = certificate.thumbprint;
        sent.secretSent = false;
    }
    return sent;
}

ClientAssertion assertionFor(const TokenEndpointConfig& config, const QUrl& endpoint,
                             ClientCredentialsSent* sent, QString* refusal)
{
    if (config.resendAssertion.ok()) {
        const ClientAssertion& again = config.resendAssertion;
        sent->assertionAlg = again.header.value(u"alg").toString();
        sent->assertionKid = again.header.value(u"kid").toString();
        sent->assertionAudience = again.claims.value(u"aud").toString();
        sent->assertionIssuedAt = qint64(again.claims.value(u"iat").toDouble());
        sent->assertionExpires = qint64(again.claims.value(u"exp").toDouble());
        sent->assertionResent = true;
        return again;
    }
    const bool withKey = config.method == ClientAuthMethod::PrivateKeyJwt;
    const SigningKey key = withKey ? SigningKey::fromFile(config.clientKey) : SigningKey();
    if (withKey && !key.usable()) {
        *refusal =
            config.clientKey.isEmpty()
                ? QStringLiteral("private_key_jwt needs the client's private key, and none is at hand.")
                : QStringLiteral("The client's private key cannot sign: %1").arg(key.problem);
        return {};
    }
    QString why;
    const QStringList candidates =
        withKey ? key.algorithms()
                : QStringList{QStringLiteral("HS256"), QStringLiteral("HS384"), QStringLiteral("HS512")};
    if (!config.assertionAlgorithm.isEmpty() && !candidates.contains(config.assertionAlgorithm)) {
        *refusal = QStringLiteral("The profile signs assertions with %1, which %2 cannot make (it makes %3). "
                                  "Nothing was sent.")
                       .arg(config.assertionAlgorithm,
                            withKey ? QStringLiteral("a %1 key").arg(key.description)
                                    : QStringLiteral("client_secret_jwt"),
                            candidates.join(QStringLiteral(", ")));
        return {};
    }
    const QString alg = config.assertionAlgorithm.isEmpty()
                            ? ClientAssertions::chooseAlgorithm(candidates, config.signingAlgorithms, &why)
                            : config.assertionAlgorithm;
    if (alg.isEmpty()) {
        *refusal = why + QStringLiteral(" Nothing was sent.");
        return {};
    }
    const QString endpointUrl = endpoint.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
    const QString audience = config.assertionAudience == u"issuer" && !config.issuer.isEmpty() ? config.issuer
                             : config.assertionAudience.contains(u':') ? config.assertionAudience
                                                                       : endpointUrl;
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(config.assertionClockOffset);
    ClientAssertion assertion =
        withKey ? ClientAssertions::withKey(key, alg, config.clientId, audience, now)
                : ClientAssertions::withSecret(config.clientSecret, alg, config.clientId, audience, now);
    if (!assertion.ok()) {
        *refusal = assertion.error;
        return {};
    }
    sent->assertionAlg = alg;
    sent->assertionKid = key.kid;
    sent->assertionAudience = audience;
    sent->assertionAudienceOwn = audience != endpointUrl && audience != config.issuer;
    sent->assertionIssuedAt = qint64(assertion.claims.value(u"iat").toDouble());
    sent->assertionExpires = qint64(assertion.claims.value(u"exp").toDouble());
    return assertion;
}

QString unapprovedHostRefusal(const TokenEndpointConfig& config, const QUrl& endpoint)
{
    const QString host = endpoint.host().toLower();
    if (config.issuerHost.isEmpty() || host == config.issuerHost.toLower() ||
        config.approvedHosts.contains(host))
        return {};
    return QStringLiteral(
               "Nothing was sent to %1: it is not the issuer's host (%2), and this profile has not "
               "approved it to receive the client's credentials. Approve it when the window asks "
               "(or in the profile's Advanced tab), or pass --allow-endpoint-host %1.")
        .arg(host, config.issuerHost);
}

HttpCall* TokenClient::post(const TokenEndpointConfig& config, const QUrl& url, FormPairs body,
                            const QString& endpoint, const QString& grant, ClientCredentialsSent* sentOut)
{
    m_assertion = {};
    m_sent = {};
    const QString words = endpoint == u"token" ? QStringLiteral("token endpoint")
                                               : QStringLiteral("%1 endpoint").arg(endpoint.left(40));
    if (!DiscoveryUrl::isAllowedTarget(url, config.allowHttp)) { // TE-10
        refuse(QStringLiteral("The %1 \"%2\" is not an https URL (http is allowed only for a local test "
                              "server on this machine). Credentials were not sent.")
                   .arg(words, url.toDisplayString()));
        return nullptr;
    }
    if (const QString refusal = unapprovedHostRefusal(config, url); !refusal.isEmpty()) {
        refuse(refusal);
        return nullptr;
    }
    body.append(config.extraParameters);
    HttpHeaders headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                           {"Accept", "application/json"}};
    ClientCredentialsSent sent = credentialsSent(config, endpoint, grant);
    ClientAssertion assertion;
    if (ClientAuthentication::signsAssertion(config.method)) {
        QString refusal;
        assertion = assertionFor(config, url, &sent, &refusal);
        if (!refusal.isEmpty()) {
            refuse(refusal);
            return nullptr;
        }
    }
    ClientAuthentication::apply(config.method, config.clientId, config.clientSecret, body, headers,
                                config.basicForm, assertion.jwt);
    m_dpopChecks = {};
    if (config.dpop) { // RFC 9449 §5: a fresh proof for this one request
        QString why;
        const QByteArray proof = config.dpop->proofFor("POST", url, {}, &why);
        if (!why.isEmpty()) {
            refuse(QStringLiteral("No DPoP proof could be made, so nothing was sent: %1").arg(why));
            return nullptr;
        }
        if (!proof.isEmpty()) {
            headers.append({"DPoP", proof});
            m_dpopChecks = DpopChecks::proof(config.dpop->lastProof(), DpopProofs::htuOf(url),
                                             config.dpop->thumbprint(), false);
        }
    }
    m_explanation =
        ClientAuthentication::explain(config.method, config.clientId, config.clientSecret, config.basicForm);
    if (config.method == ClientAuthMethod::None && grant.endsWith(u":device_code"))
        m_explanation =
            endpoint == u"token"
                ? QStringLiteral("none: a public client sends only its client_id; the device_code "
                                 "stands for the user's sign-in elsewhere (RFC 8628 §3.4).")
                : QStringLiteral("none: a public client sends only its client_id (RFC 8628 §3.1).");
    else if (config.method == ClientAuthMethod::None && grant.endsWith(u":jwt-bearer"))
        m_explanation = QStringLiteral("none: the client sends only its client_id; the signed assertion is "
                                       "what the server trusts (RFC 7523 §2.1, §3.1).");
    else if (config.method == ClientAuthMethod::None && grant != u"authorization_code")
        m_explanation = QStringLiteral("none: a public client sends only its client_id.");
    if (!sent.certificateSubject.isEmpty())
        m_explanation +=
            QStringLiteral("\nClient certificate: %1, issued by %2, SHA-256 thumbprint %3.")
                .arg(sent.certificateSubject, sent.certificateIssuer, sent.certificateThumbprint);
    if (assertion.ok() && sent.assertionResent)
        m_explanation += QStringLiteral("\nThe assertion sent before, sent again as it was (jti %1): a "
                                        "server that detects replays refuses it.")
                             .arg(assertion.claims.value(u"jti").toString());
    else if (assertion.ok())
        m_explanation +=
            QStringLiteral("\nSigned %1.\nHeader: %2\nClaims: %3")
                .arg(assertion.signedWith,
                     QString::fromUtf8(QJsonDocument(assertion.header).toJson(QJsonDocument::Compact)),
                     QString::fromUtf8(QJsonDocument(assertion.claims).toJson(QJsonDocument::Compact)));
    m_assertion = assertion;
    m_sent = sent;
    *sentOut = sent;
    m_busy = true;
    m_call = m_network->send({.method = "POST",
                              .url = url,
                              .headers = headers,
                              .body = FormEncoding::encode(body),
                              .timeout = config.timeout,
                              .tls = config.tls});
    return m_call;
}

void TokenClient::deviceAuthorization(const TokenEndpointConfig& config, const QUrl& endpoint,
                                      const QString& scope)
{
    if (m_busy)
        return refuse(QStringLiteral("A token request is already running; wait for it or cancel it."));
    FormPairs body;
    if (!scope.isEmpty())
        body.append({QStringLiteral("scope"), scope});
    ClientCredentialsSent sent;
    HttpCall* call = post(config, endpoint, body, QStringLiteral("device_authorization"),
                          QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"), &sent);
    if (!call)
        return;
    connect(call, &HttpCall::finished, this, [this, sent](const HttpExchange& exchange) {
        m_busy = false;
        m_call = nullptr;
        DeviceAuthorization answer = DeviceAuthorizationResponse::interpret(exchange);
        if (answer.error.isError() && RefusalDiagnosis::isClientRefusal(answer.error)) {
            const Findings diagnosis =
                RefusalDiagnosis::clientRefusal(RefusalDiagnosis::answered(sent, exchange), answer.error);
            answer.checks << diagnosis;
            answer.error.detail = RefusalDiagnosis::clientRefusalSummary(diagnosis);
        }
        Q_EMIT deviceAuthorized(answer);
    });
}

void TokenClient::deviceCode(const TokenEndpointConfig& config, const Secret& deviceCode)
{
    if (m_busy)
        return refuse(QStringLiteral("A token request is already running; wait for it or cancel it."));
    // RFC 8628 §3.4
    send(config,
         {{QStringLiteral("grant_type"), QStringLiteral("urn:ietf:params:oauth:grant-type:device_code")},
          {QStringLiteral("device_code"), QString::fromUtf8(deviceCode.reveal())}},
         QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"));
}

void TokenClient::send(const TokenEndpointConfig& config, FormPairs body, const QString& grant, bool retried)
{
    ClientCredentialsSent sent;
    const FormPairs asked = body;
    if (!post(config, config.tokenEndpoint, std::move(body), QStringLiteral("token"), grant, &sent))
        return;
    const Findings proofChecks = m_dpopChecks;
    connect(
        m_call, &HttpCall::finished, this,
        [this, config, asked, grant, sent, retried, proofChecks](const HttpExchange& exchange) {
            m_busy = false;
            m_call = nullptr;
            const bool nonceAsked =
                config.dpop && config.dpop->noteResponse(exchange) && DpopContext::asksForNonce(exchange);
            if (nonceAsked && !retried) // RFC 9449 §8: once, with the nonce it gave
                return send(config, asked, grant, true);
            TokenResult result = TokenResponse::interpret(exchange);
            if (config.dpop) {
                const Finding nonce = DpopChecks::nonceRetry(QStringLiteral("token endpoint"), nonceAsked);
                if (retried)
                    result.checks << nonce;
                result.checks << proofChecks;
                const Findings refusal = DpopChecks::refusal(
                    exchange, config.dpop->fault() != DpopFault::NoProof, config.dpop->fault());
                result.checks << (result.error.isError() ? refusal
                                                         : DpopChecks::tokenType(result.tokens.tokenType));
                if (!refusal.isEmpty() && result.error.isError() && !nonceAsked)
                    result.error.detail = refusal.first().message;
                if (nonceAsked)
                    result.error.detail = nonce.message;
            }
            if (!result.error.isError() || !RefusalDiagnosis::isClientRefusal(result.error))
                result.checks << RefusalDiagnosis::methodNotListed(
                    sent); // a refusal's diagnosis says it first
            if (result.error.isError() && RefusalDiagnosis::isClientRefusal(result.error)) {
                const Findings diagnosis =
                    RefusalDiagnosis::clientRefusal(RefusalDiagnosis::answered(sent, exchange), result.error);
                result.checks << diagnosis;
                result.error.detail = RefusalDiagnosis::clientRefusalSummary(diagnosis);
            }
            if (result.ambiguous && grant == u"refresh_token")
                result.error.detail =
                    QStringLiteral("The refresh request may have reached the server. It was "
                                   "not sent again: a server that rotates "
                                   "refresh tokens treats a second use as theft and revokes "
                                   "the grant. Refresh once more only if you "
                                   "accept that risk; otherwise start a new authorization.");
            Q_EMIT finished(result);
        });
}

} // namespace oauth2dbg
