#pragma once

#include "oauth/DeviceAuthorization.h"

#include <QStringList>

namespace oauth2dbg::CliDeviceCode {

// What a person at another device needs, at once and on stderr (stdout keeps the report, one JSON document
// with --json): the user code, where to enter it, and a QR code of the complete URI — UTF-8 half blocks, in
// ANSI colours at a terminal that takes them; a line instead of it where the terminal is not UTF-8.
void show(const DeviceAuthorization& device);

// The lines show() prints; `utf8` and `colours` as the terminal allows.
[[nodiscard]] QStringList lines(const DeviceAuthorization& device, bool utf8, bool colours);

} // namespace oauth2dbg::CliDeviceCode
