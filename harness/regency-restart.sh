#!/usr/bin/env bash
# PostgreSQL restarted under a running ingest: `iku-regency ingest` of a ROWS-row bundle is
# started, the server is restarted (pg_ctl restart -m fast) while it runs; the ingest must fail
# with a clear one-line error (exit 3), leave nothing of the bundle, and a rerun must complete.
# Prints the ingest's rows/s of the rerun.
#
# Usage: scripts/with-postgres.sh harness/regency-restart.sh [ROWS=200000]
#        (BIN=path/to/binaries to skip the build; needs the throwaway cluster of with-postgres.sh)
set -euo pipefail
rows=${1:-200000}
cd "$(dirname "$0")/.."
source scripts/regency-fixture.sh
: "${IKU_TEST_POSTGRES_DATA:?run under scripts/with-postgres.sh}"
if [ -z "${BIN:-}" ]; then
    swift build --product iku >&2
    swift build --product iku-regency >&2
    BIN=$(swift build --show-bin-path)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
as_owner=()
[ "$(id -u)" -ne 0 ] || as_owner=(runuser -u postgres --)
psql() { command psql -X -q -t -A "$@"; }

regency_fixture "$work" "$rows" setup regency_restart

count() { psql "$IKU_REGENCY_POSTGRES" -c "SELECT count(*) FROM office_rows"; }

"$BIN/iku-regency" ingest "$work/all.iku-bundle" >"$work/ingest.out" 2>"$work/ingest.err" &
pid=$!
sleep 2
kill -0 "$pid" 2>/dev/null || { echo "FAIL: the ingest finished before the restart; use more rows" >&2; exit 1; }
"${as_owner[@]}" "$IKU_TEST_POSTGRES_BIN/pg_ctl" -D "$IKU_TEST_POSTGRES_DATA" -m fast -w restart >/dev/null
status=0
for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$pid" 2>/dev/null; then
    kill -KILL "$pid"
    echo "FAIL: the interrupted ingest hung for 120 s after the restart" >&2
    exit 1
fi
wait "$pid" || status=$?
echo "interrupted ingest: exit $status: $(cat "$work/ingest.err")"
[ "$status" -eq 3 ] || { echo "FAIL: expected exit 3" >&2; exit 1; }
[ "$(wc -l < "$work/ingest.err")" -eq 1 ] || { echo "FAIL: expected one line" >&2; exit 1; }
grep -q "was lost" "$work/ingest.err" || { echo "FAIL: expected the connection to be named as lost" >&2; exit 1; }
[ "$(count)" -eq 0 ] || { echo "FAIL: rows of the interrupted bundle were kept" >&2; exit 1; }

start=$(date +%s%N)
"$BIN/iku-regency" ingest "$work/all.iku-bundle"
end=$(date +%s%N)
held=$(count)
python3 -c "import sys; r, s = int(sys.argv[1]), int(sys.argv[2]) / 1e9; print(f'rerun: {r} rows in {s:.2f} s = {r / s:,.0f} rows/s')" "$held" "$((end - start))"
echo "OK: the restart gave a clear error, kept nothing, and the rerun completed"
