#pragma once

#include "common/Finding.h"

#include <QJsonObject>
#include <QString>

namespace oauth2dbg {

// Checks an authorization server's metadata document (RFC 8414 §2, OpenID Connect Discovery §3) before
// anything uses it: the issuer matches exactly (MD-02), each known member has the type the specs give it
// (MD-03), every endpoint is a URL the debugger may talk to (NA-09, TE-10), and endpoints on another origin
// are pointed out (MD-05).
class MetadataValidator final {
public:
    enum class Kind { OpenIdConfiguration, AuthorizationServerMetadata };

    MetadataValidator(QString expectedIssuer, Kind kind, bool allowHttp);

    [[nodiscard]] Findings validate(const QJsonObject& metadata) const;

    // Members whose value must be an endpoint URL.
    [[nodiscard]] static const QStringList& endpointMembers();

private:
    void checkIssuer(const QJsonObject& metadata, Findings& out) const;
    void checkEndpoints(const QJsonObject& metadata, Findings& out) const;
    void checkEndpoint(const QString& member, const QJsonValue& value, Findings& out) const;
    void checkTypes(const QJsonObject& metadata, Findings& out) const;
    void checkRequired(const QJsonObject& metadata, Findings& out) const;
    void checkAdvice(const QJsonObject& metadata, Findings& out) const;

    QString m_expectedIssuer;
    Kind m_kind;
    bool m_allowHttp;
};

} // namespace oauth2dbg
