#!/usr/bin/env bash
# A bounded load run of the kiosk on loopback: CLIENTS (20) respondents submit TOTAL (1,000)
# responses to iku-kiosk while a clerk imports IMPORT_ROWS (20,000) survey rows with
# `iku survey import` into the same database. Passes when every acknowledged response is stored
# exactly once, nothing failed, the import stored every row, and `iku check` and
# `iku audit verify` are clean; prints p50/p99 latency of the submissions.
#
# usage: scripts/kiosk-load.sh                 (debug build)
#        CONFIG=release scripts/kiosk-load.sh  (release build, as an office would run it)
#        CLIENTS=20 TOTAL=1000 IMPORT_ROWS=20000 scripts/kiosk-load.sh
#        SCRATCH=.build-release CONFIG=release scripts/kiosk-load.sh  (a separate build directory)
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-debug}
SCRATCH=${SCRATCH:-.build}
CLIENTS=${CLIENTS:-20}
TOTAL=${TOTAL:-1000}
IMPORT_ROWS=${IMPORT_ROWS:-20000}
command -v sqlite3 >/dev/null && command -v python3 >/dev/null || { echo "kiosk-load: needs sqlite3 and python3" >&2; exit 2; }

swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product iku >&2
swift build -c "$CONFIG" --scratch-path "$SCRATCH" --product iku-kiosk >&2
BIN=$(swift build -c "$CONFIG" --scratch-path "$SCRATCH" --show-bin-path)

WORK=$(mktemp -d)
DB="$WORK/iku.sqlite"
KIOSK_PID=
cleanup() {
  if [ -n "$KIOSK_PID" ] && kill -0 "$KIOSK_PID" 2>/dev/null; then kill -TERM "$KIOSK_PID"; wait "$KIOSK_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

IKU_ACTOR=kiosk-load "$BIN/iku" init --db "$DB" --kecamatan-code 35.08.01 --kecamatan-name Tempursari >/dev/null
IKU_ACTOR=kiosk-load "$BIN/iku" service add --db "$DB" --name KTP >/dev/null

"$BIN/iku-kiosk" --db "$DB" --listen 127.0.0.1:0 --device load --rate-limit 0 >"$WORK/kiosk.log" 2>&1 &
KIOSK_PID=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$WORK/kiosk.log" && break
  sleep 0.1
done
URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$WORK/kiosk.log" | head -1)
[ -n "$URL" ] || { echo "kiosk-load: iku-kiosk did not start" >&2; cat "$WORK/kiosk.log" >&2; exit 1; }
echo "iku-kiosk ($CONFIG) at $URL; $CLIENTS clients, $TOTAL responses, clerk import of $IMPORT_ROWS rows"

status=0
python3 scripts/kiosk_load.py "$BIN/iku" "$DB" "$URL" "$CLIENTS" "$TOTAL" "$IMPORT_ROWS" "$WORK" || status=1
kill -TERM "$KIOSK_PID"
wait "$KIOSK_PID" || { echo "kiosk-load: iku-kiosk did not exit 0" >&2; status=1; }
KIOSK_PID=
echo "kiosk log: $(grep -c ' POST / 303 ' "$WORK/kiosk.log") lines 'POST / 303', $(grep -c ' 500 ' "$WORK/kiosk.log" || true) lines with 500"
"$BIN/iku" check --db "$DB" || status=1
"$BIN/iku" audit verify --db "$DB" || status=1
exit $status
