#!/bin/sh
# Starts and stops the test provider for CTest's fixture (and for scripts/demo.sh).
#
#   ctl.sh start DIR [--tls] [provider.mjs options...]
#                                                start it, wait until it listens, leave DIR/info.json; --tls
#                                                serves https with a fresh self-signed certificate for 127.0.0.1
#   ctl.sh stop DIR                              stop the one started in DIR
set -eu

usage() {
    echo "usage: ctl.sh start DIR [options] | ctl.sh stop DIR" >&2
    exit 2
}
[ $# -ge 2 ] || usage
command=$1
dir=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

# True when $1 is a provider started from this folder (a stale pid file may name someone else's process by now).
is_ours() {
    [ -r "/proc/$1/cmdline" ] || return 1
    tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "$here/provider.mjs"
}

stop_pid() {
    pid=$1
    if [ -d /proc ] && ! is_ours "$pid"; then
        return 0
    fi
    kill "$pid" 2>/dev/null || return 0
    i=0
    while kill -0 "$pid" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 50 ]; then
            kill -9 "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
    done
}

case $command in
start)
    if [ ! -d "$here/node_modules/oidc-provider" ]; then
        echo "ctl.sh: oidc-provider is not installed; run 'npm ci' in $here (scripts/deps.sh does)." >&2
        exit 1
    fi
    mkdir -p "$dir"
    [ -f "$dir/pid" ] && stop_pid "$(cat "$dir/pid")"
    rm -f "$dir/info.json" "$dir/pid"
    if [ "${1:-}" = "--tls" ]; then
        shift
        command -v openssl >/dev/null || { echo "ctl.sh: --tls needs the openssl tool (apt-get install openssl)" >&2; exit 1; }
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 \
            -addext subjectAltName=IP:127.0.0.1 -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
        # Mutual TLS (RFC 8705): a client CA and a certificate it signed (tls_client_auth, also as PKCS#12 with a
        # passphrase), a self-signed one (self_signed_tls_client_auth), and one from a CA the server does not
        # trust. Made fresh at every start; only these test clients ever hold them.
        mtls="$dir/mtls"
        mkdir -p "$mtls"
        ec() { openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "$@" 2>/dev/null; }
        ec -x509 -subj "/CN=debugger test client CA" -keyout "$mtls/ca-key.pem" -out "$mtls/ca.pem"
        ec -x509 -subj "/CN=untrusted client CA" -keyout "$mtls/other-ca-key.pem" -out "$mtls/other-ca.pem"
        ec -x509 -subj /CN=debugger-mtls-self -keyout "$mtls/self-key.pem" -out "$mtls/self.pem"
        for who in client:ca untrusted:other-ca; do
            name=${who%%:*} ca=${who#*:}
            ec -subj /CN=debugger-mtls -keyout "$mtls/$name-key.pem" -out "$mtls/$name.csr"
            openssl x509 -req -in "$mtls/$name.csr" -CA "$mtls/$ca.pem" -CAkey "$mtls/$ca-key.pem" \
                -CAcreateserial -days 2 -out "$mtls/$name.pem" 2>/dev/null
        done
        openssl pkcs12 -export -in "$mtls/client.pem" -inkey "$mtls/client-key.pem" -passout pass:p12-passphrase \
            -out "$mtls/client.p12" 2>/dev/null
        set -- --tls-cert "$dir/cert.pem" --tls-key "$dir/key.pem" --mtls "$mtls" "$@"
    fi
    # Output goes to a file, never to our stdout: CTest waits for every holder of its pipe to exit. A start that
    # hangs (seen twice in hundreds of runs on a loaded machine: the process alive, asleep, never listening) is
    # reported with Node's own diagnostic report (where it waits) and tried again, three times in all.
    attempt=1
    while :; do
        node --report-on-signal --report-signal=SIGUSR2 --report-directory="$dir" \
            "$here/provider.mjs" --info "$dir/info.json" "$@" >"$dir/provider.log" 2>&1 </dev/null &
        pid=$!
        echo "$pid" >"$dir/pid"
        i=0
        while [ ! -s "$dir/info.json" ] && [ $i -le 200 ]; do
            if ! kill -0 "$pid" 2>/dev/null; then
                echo "ctl.sh: the provider exited while starting:" >&2
                cat "$dir/provider.log" >&2
                rm -f "$dir/pid"
                exit 1
            fi
            i=$((i + 1))
            sleep 0.1
        done
        [ -s "$dir/info.json" ] && break
        echo "ctl.sh: the provider (pid $pid) did not start within 20 s (attempt $attempt). Its output:" >&2
        cat "$dir/provider.log" >&2
        [ -r "/proc/$pid/status" ] && grep -E '^(State|VmRSS)' "/proc/$pid/status" >&2
        kill -USR2 "$pid" 2>/dev/null && sleep 1
        for report in "$dir"/report.*.json; do
            [ -f "$report" ] || continue
            echo "ctl.sh: what it was waiting on (from Node's diagnostic report):" >&2
            node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
                console.error("  js stack:", (r.javascriptStack.stack || ["(idle in the event loop)"]).join("\n    "));
                for (const h of r.libuv || []) if (h.is_active && !["async", "check", "prepare", "loop", "signal"].includes(h.type)) console.error("  active", h.type, h.address || "", h.details || "");' \
                "$report" || true
            rm -f "$report"
        done
        stop_pid "$pid"
        rm -f "$dir/pid"
        attempt=$((attempt + 1))
        [ $attempt -le 3 ] || { echo "ctl.sh: giving up after 3 attempts" >&2; exit 1; }
    done
    echo "provider $(sed -n 's/^ISSUER //p' "$dir/provider.log") (pid $pid, $dir/info.json)"
    ;;
stop)
    if [ -f "$dir/pid" ]; then
        stop_pid "$(cat "$dir/pid")"
        rm -f "$dir/pid"
        echo "provider stopped"
    else
        echo "no provider was running in $dir"
    fi
    ;;
*)
    usage
    ;;
esac
