#pragma once

#include "TokenClient.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <optional>

namespace oauth2dbg {

class HttpCall;
class NetworkAccess;

// The answer of userinfo, introspection or revocation: one line to show, each rule applied, the body.
struct OperationResult {
    enum class Kind { UserInfo, Introspection, Revocation, ApiCall };
    Kind kind = Kind::UserInfo;
    QString summary;
    Findings checks;
    QJsonObject body; // userinfo claims / introspection answer / an API's JSON object (empty for revocation)
    bool active = false; // introspection: the server's "active", when it said so with a boolean
    int status = 0;      // ApiCall: the answer's HTTP status, its body (at most 1 MiB) and its type
    QByteArray rawBody;
    QByteArray contentType;
    EngineError error;
    quint64 exchangeId = 0;

    [[nodiscard]] bool ok() const { return !error.isError() && !hasErrors(checks); }
};

// What a client does with its tokens after the token endpoint: ask for the user's claims (OIDC Core §5.3),
// ask the server about a token (RFC 7662), and revoke one (RFC 7009). Each goes through the traffic log with
// the client's own authentication (introspection, revocation) or the access token (userinfo).
class TokenOperations final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenOperations)

public:
    explicit TokenOperations(NetworkAccess* network, QObject* parent = nullptr);
    ~TokenOperations() override;

    // `expectedSub`: the ID token's sub, which the userinfo sub must equal (OIDC Core §5.3.2); empty if none.
    void userInfo(const QUrl& endpoint, const TokenEndpointConfig& client, const Secret& accessToken,
                  const QString& tokenType, const QString& expectedSub);
    // `hint`: "access_token" or "refresh_token" (or empty).
    void introspect(const QUrl& endpoint, const TokenEndpointConfig& client, const Secret& token,
                    const QString& hint);
    void revoke(const QUrl& endpoint, const TokenEndpointConfig& client, const Secret& token,
                const QString& hint);
    // Any request to a resource server with the access token (RFC 6750 §2.1, RFC 9449 §7.1): the URL the user
    // typed is the consent to send the token there; https only (http for a local test server).
    void callApi(const HttpRequest& request, const TokenEndpointConfig& client, const Secret& accessToken,
                 const QString& tokenType);
    void cancel();

    [[nodiscard]] bool isBusy() const;

Q_SIGNALS:
    void finished(const oauth2dbg::OperationResult& result);

private:
    [[nodiscard]] bool refuseUnsafe(const QUrl& endpoint, const TokenEndpointConfig& client,
                                    OperationResult::Kind kind, const QString& what);
    void post(const QUrl& endpoint, const TokenEndpointConfig& client, FormPairs body,
              OperationResult::Kind kind);
    // `sent`: how the client authenticated (introspection, revocation), for the diagnosis of a refusal.
    void finish(const HttpExchange& exchange, OperationResult::Kind kind,
                const std::optional<ClientCredentialsSent>& sent = std::nullopt, const Findings& dpop = {});
    // Userinfo or an API with the access token; a DPoP-bound one with a proof (RFC 9449 §7.1), sent once
    // more when the server asks for its nonce (`retried`).
    void sendWithToken(OperationResult::Kind kind, HttpRequest request, const TokenEndpointConfig& client,
                       const Secret& accessToken, const QString& tokenType, bool retried);

    NetworkAccess* m_network;
    QPointer<HttpCall> m_call;
    QString m_expectedSub;
    QString m_jkt; // the run's DPoP key, which an introspected token's cnf.jkt must name
};

} // namespace oauth2dbg

Q_DECLARE_METATYPE(oauth2dbg::OperationResult)
