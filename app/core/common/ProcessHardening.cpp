#include "ProcessHardening.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

namespace oauth2dbg {

void keepSecretsOutOfCoreDumps()
{
    if (qEnvironmentVariableIntValue("OAUTH2DBG_ALLOW_CORE_DUMPS") == 1)
        return;
#if defined(Q_OS_UNIX)
    const rlimit none{0, 0};
    (void)setrlimit(RLIMIT_CORE, &none);
#endif
#if defined(Q_OS_LINUX) && !defined(__SANITIZE_ADDRESS__)
    // A core_pattern pipe (systemd-coredump) ignores RLIMIT_CORE; a process that is not dumpable gives it
    // nothing. (LeakSanitizer must attach to the process at exit, so sanitizer builds keep the limit only.)
    (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

} // namespace oauth2dbg
