#pragma once

#include <QString>

namespace oauth2dbg {

// A module of the product's own, loaded from where the product puts them: beside the executable (a build
// tree) or in the package's library folder, relative to the executable (OAUTH2DBG_MODULE_DIR). Nothing else
// is searched, so no environment or working directory can slip another library in. Returns the symbol's
// address (the module stays loaded for the life of the process), or null with what was tried and why in
// `error`.
void* resolveModuleSymbol(const QString& fileName, const char* symbol, QString* error);

} // namespace oauth2dbg
