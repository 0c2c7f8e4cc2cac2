#!/usr/bin/env bash
# Regenerates the README's screenshots: the GUI tests drive the real window against the local providers under
# Xvfb and save what it shows (QWidget::grab) into resources/screenshots/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/deps.sh"
cmake --preset dev >/dev/null
cmake --build --preset dev --target tst_mainwindow tst_profiles tst_hostilewindow tst_runs tst_editor tst_environments \
    tst_secondserverwindow tst_clientkeywindow tst_clientcertwindow tst_devicewindow tst_grantwindow

run=$(mktemp -d)
stop() {
    for p in a b tls; do sh tests/provider/ctl.sh stop "$run/$p" >/dev/null; done
    node tests/provider/glewlwyd.mjs stop "$run/glewlwyd" >/dev/null
    rm -rf "$run"
}
trap stop EXIT
sh tests/provider/ctl.sh start "$run/a" --test-shapes >/dev/null
sh tests/provider/ctl.sh start "$run/b" --issuer-path /tenant-b >/dev/null
sh tests/provider/ctl.sh start "$run/tls" --tls >/dev/null
node tests/provider/glewlwyd.mjs start "$run/glewlwyd" >/dev/null

mkdir -p resources/screenshots
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_PROVIDER_B_INFO="$run/b/info.json" \
    OAUTH2DBG_PROVIDER_TLS_INFO="$run/tls/info.json" \
    OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' build/dev/tests/gui/tst_mainwindow
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' build/dev/tests/gui/tst_hostilewindow
# Kept runs, the history and its comparison, the next step in the toolbar.
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' build/dev/tests/gui/tst_runs
# The profile views: with a private keychain, and once without one; the dark appearance.
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' sh tests/keyring/run-with-keyring.sh build/dev/tests/gui/tst_profiles
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' sh tests/keyring/run-with-keyring.sh build/dev/tests/gui/tst_editor
# Environments of a profile: the editor's tab and the toolbar's picker.
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' sh tests/keyring/run-with-keyring.sh build/dev/tests/gui/tst_environments
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    OAUTH2DBG_EXPECT_NO_DBUS=1 DBUS_SESSION_BUS_ADDRESS= \
    xvfb-run -a -s '-screen 0 1280x800x24' build/dev/tests/gui/tst_profiles typedSecretWithoutKeychain
# A refused client's explanation, on the second server (glewlwyd).
OAUTH2DBG_GLEWLWYD_INFO="$run/glewlwyd/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" \
    QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1280x800x24' build/dev/tests/gui/tst_secondserverwindow
# A private_key_jwt client: its key row, the public key to register, the token step signing with it.
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' sh tests/keyring/run-with-keyring.sh build/dev/tests/gui/tst_clientkeywindow
# A mutual-TLS client: its certificate row, what to register, the token step presenting it.
OAUTH2DBG_PROVIDER_TLS_INFO="$run/tls/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" \
    QT_QPA_PLATFORM=xcb xvfb-run -a -s '-screen 0 1280x800x24' \
    sh tests/keyring/run-with-keyring.sh build/dev/tests/gui/tst_clientcertwindow
# The device grant: the user code and its QR code while the polls go on.
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' build/dev/tests/gui/tst_devicewindow
# The other grants: the JWT bearer assertion decoded before sending, a token exchanged.
OAUTH2DBG_PROVIDER_INFO="$run/a/info.json" OAUTH2DBG_SCREENSHOT_DIR="$root/resources/screenshots" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s '-screen 0 1280x800x24' build/dev/tests/gui/tst_grantwindow
ls -l resources/screenshots
