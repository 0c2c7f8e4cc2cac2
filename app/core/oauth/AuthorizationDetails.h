#pragma once

#include "common/Finding.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace oauth2dbg {

// Rich authorization requests (RFC 9396): authorization_details, a JSON array of objects each naming its
// type, sent in the authorization request (or a token request) and granted back in the token response.
namespace AuthorizationDetails {

// RA-01: `json` is an array of objects, each with a non-empty string type and the common fields of §2.2 in
// their shapes; RA-02: each type is one the server lists (authorization_details_types_supported). `parsed`
// gets the array when it reads.
[[nodiscard]] Findings check(const QString& json, const QJsonObject& metadata, QJsonArray* parsed = nullptr);
// RA-03: what the token response (or introspection) says was granted, against what was asked for.
[[nodiscard]] Findings granted(const QJsonArray& asked, const QJsonValue& answered);
// The array as the parameter carries it: as written, trimmed; empty for text that is not one.
[[nodiscard]] QString compact(const QString& json);

} // namespace AuthorizationDetails
} // namespace oauth2dbg
