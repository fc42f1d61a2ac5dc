#!/usr/bin/env bash
# Crash safety: starts `iku survey import` of a ROWS-row file and kills it with SIGKILL at a
# random moment, KILLS times in a row on the same database. After every kill the database must
# pass `iku check` and `iku audit verify` and hold either none or all of each import's rows.
#
# Usage: harness/crash.sh [KILLS=30] [ROWS=100000]     (IKU_BIN=path/to/iku to skip the build)
set -euo pipefail
kills=${1:-30}
rows=${2:-100000}
source "$(dirname "$0")/lib.sh"

python3 - "$work/survey.csv" "$rows" <<'PY'
import random, sys
path, rows = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
with open(path, "w", newline="") as f:
    f.write("date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation,suggestion\r\n")
    for i in range(rows):
        scores = ",".join(str(rng.choice([2, 3, 3, 4, 4])) for _ in range(9))
        f.write(f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d},KTP,{scores},P,{rng.randint(17, 80)},SMA,SWASTA,\r\n")
PY

# How long a full import takes, to spread the kills over it and a little past it.
start=$(date +%s%N)
"$IKU_BIN" survey import "$work/survey.csv" >/dev/null
full_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "a full import of $rows rows takes ${full_ms} ms; killing at random moments up to 1.5 times that"

failures=0
for attempt in $(seq 1 "$kills"); do
    delay_ms=$(( RANDOM % (full_ms * 3 / 2 + 50) ))
    "$IKU_BIN" survey import --allow-duplicate-file "$work/survey.csv" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' "$delay_ms")" 2>/dev/null || sleep "$((delay_ms / 1000))"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    imports=$(sqlite3 "$IKU_DB" "SELECT count(*) FROM imports")
    stored=$(sqlite3 "$IKU_DB" "SELECT count(*) FROM survey_response_versions")
    check=$("$IKU_BIN" check 2>&1 || true)
    verify=$("$IKU_BIN" audit verify 2>&1 || true)
    status="ok"
    if [ "$stored" -ne $((imports * rows)) ] || [ "$check" != "ok" ] || [[ "$verify" != ok:* ]]; then
        status="FAIL"
        failures=$((failures + 1))
    fi
    printf 'kill %2d after %4d ms: %d complete imports, %d rows; check %s; verify %s: %s\n' \
        "$attempt" "$delay_ms" "$imports" "$stored" "$check" "${verify%%;*}" "$status"
done
if [ "$failures" -eq 0 ]; then echo "PASS: $kills kills, never a partial import"; else echo "FAIL: $failures"; exit 1; fi
