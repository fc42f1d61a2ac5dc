#!/usr/bin/env bash
# Runs COMMAND... against a throwaway PostgreSQL cluster: initdb into a temporary directory owned
# by the postgres user, listening only on 127.0.0.1 at a free port with trust authentication for
# loopback (the cluster lives only as long as the command), IKU_TEST_POSTGRES exported for the
# command; the cluster is stopped and removed on exit, also on failure.
#
# Usage: scripts/with-postgres.sh swift test
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/with-postgres.sh COMMAND..." >&2; exit 2; }

bin="${IKU_POSTGRES_BIN:-}"
if [ -z "$bin" ]; then
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
fi
[ -x "$bin/initdb" ] || { echo "with-postgres: no PostgreSQL server binaries (apt-get install postgresql, or set IKU_POSTGRES_BIN)" >&2; exit 1; }

# PostgreSQL refuses to run as root: as root the cluster belongs to the postgres user.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "with-postgres: running as root needs the postgres user (apt-get install postgresql creates it)" >&2; exit 1; }
    as_owner=(runuser -u postgres --)
fi

cluster=$(mktemp -d /tmp/iku-postgres.XXXXXX)
chmod 0755 "$cluster"
[ "${#as_owner[@]}" -eq 0 ] || chown postgres: "$cluster"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
    "${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
    || { cat "$cluster/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$cluster -c max_connections=200 -c fsync=on" \
    start >/dev/null || { cat "$cluster/server.log" >&2; exit 1; }

export IKU_TEST_POSTGRES="postgres://postgres@127.0.0.1:$port/postgres"
export IKU_TEST_POSTGRES_DATA="$cluster/data"
export IKU_TEST_POSTGRES_BIN="$bin"
echo "with-postgres: throwaway PostgreSQL at $IKU_TEST_POSTGRES" >&2
status=0
"$@" || status=$?
exit $status
