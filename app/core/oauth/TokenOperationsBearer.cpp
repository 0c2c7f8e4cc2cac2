// The requests that carry the access token itself (RFC 6750 §2.1, RFC 9449 §7.1): userinfo and an API call,
// as Bearer or as DPoP with a proof, sent once more when a DPoP server asks for its nonce.
#include "TokenOperations.h"

#include "net/HttpCall.h"
#include "net/NetworkAccess.h"

#include <QTimer>

namespace oauth2dbg {

void TokenOperations::userInfo(const QUrl& endpoint, const TokenEndpointConfig& client,
                               const Secret& accessToken, const QString& tokenType,
                               const QString& expectedSub)
{
    if (refuseUnsafe(endpoint, client, OperationResult::Kind::UserInfo,
                     QString::fromUtf8(accessToken.reveal())))
        return;
    m_expectedSub = expectedSub;
    sendWithToken(OperationResult::Kind::UserInfo,
                  {.method = "GET", .url = endpoint, .headers = {{"Accept", "application/json"}}}, client,
                  accessToken, tokenType, false);
}

void TokenOperations::callApi(const HttpRequest& request, const TokenEndpointConfig& client,
                              const Secret& accessToken, const QString& tokenType)
{
    if (refuseUnsafe(request.url, client, OperationResult::Kind::ApiCall,
                     QString::fromUtf8(accessToken.reveal())))
        return;
    sendWithToken(OperationResult::Kind::ApiCall, request, client, accessToken, tokenType, false);
}

void TokenOperations::sendWithToken(OperationResult::Kind kind, HttpRequest request,
                                    const TokenEndpointConfig& client, const Secret& accessToken,
                                    const QString& tokenType, bool retried)
{
    const bool bound = tokenType.compare(u"dpop", Qt::CaseInsensitive) == 0;
    const HttpRequest asked = request;
    Findings proofChecks;
    QByteArray scheme = bound ? "DPoP" : "Bearer";
    if (client.dpop && bound) { // RFC 9449 §7.1: the token as DPoP, with a proof carrying its ath
        QString why;
        const QByteArray proof = client.dpop->proofFor(request.method, request.url, accessToken, &why);
        if (!why.isEmpty()) {
            OperationResult result{.kind = kind, .summary = why};
            result.error = {.kind = ErrorKind::InvalidInput, .message = why};
            QTimer::singleShot(0, this, [this, result] { Q_EMIT finished(result); });
            return;
        }
        if (proof.isEmpty())
            scheme = "Bearer"; // DpopFault::NoProof: what a client that knows nothing of DPoP sends
        else {
            request.headers.append({"DPoP", proof});
            proofChecks = DpopChecks::proof(client.dpop->lastProof(), DpopProofs::htuOf(request.url),
                                            client.dpop->thumbprint(), true);
        }
    }
    request.headers.prepend({"Authorization", scheme + ' ' + accessToken.reveal()});
    request.timeout = client.timeout;
    request.tls = client.tls;
    m_call = m_network->send(request);
    connect(m_call, &HttpCall::finished, this,
            [this, kind, asked, client, accessToken, tokenType, retried,
             proofChecks](const HttpExchange& exchange) {
                const bool nonceAsked =
                    client.dpop && client.dpop->noteResponse(exchange) && DpopContext::asksForNonce(exchange);
                if (nonceAsked && !retried) { // RFC 9449 §9: once, with the resource server's nonce
                    m_call = nullptr;
                    return sendWithToken(kind, asked, client, accessToken, tokenType, true);
                }
                Findings dpop;
                if (client.dpop) {
                    if (retried)
                        dpop << DpopChecks::nonceRetry(kind == OperationResult::Kind::UserInfo
                                                           ? QStringLiteral("userinfo endpoint")
                                                           : QStringLiteral("resource server"),
                                                       nonceAsked);
                    dpop << proofChecks
                         << DpopChecks::refusal(exchange, !proofChecks.isEmpty(), client.dpop->fault());
                }
                finish(exchange, kind, std::nullopt, dpop);
            });
}

} // namespace oauth2dbg
