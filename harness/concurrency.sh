#!/usr/bin/env bash
# Concurrent clerks: WRITERS processes each add ADDS survey responses, one `iku survey add` at a
# time, while one more process runs `iku report` in a loop. Passes when every response is there,
# no command failed (no "database is locked"), and `iku check` and `iku audit verify` are clean.
#
# Usage: harness/concurrency.sh [WRITERS=8] [ADDS=250]     (IKU_BIN=path/to/iku to skip the build)
set -euo pipefail
writers=${1:-8}
adds=${2:-250}
source "$(dirname "$0")/lib.sh"

reporter() {
    local runs=0 failures=0
    while [ ! -e "$work/stop" ]; do
        if ! "$IKU_BIN" report --year 2025 >/dev/null 2>>"$work/report.err"; then failures=$((failures + 1)); fi
        runs=$((runs + 1))
    done
    echo "$runs $failures" >"$work/report.counts"
}

writer() {
    local clerk=$1 failures=0
    for i in $(seq 1 "$adds"); do
        local month=$(( (i % 12) + 1 )) day=$(( (i % 28) + 1 ))
        if ! "$IKU_BIN" survey add --actor "clerk$clerk" --date "$(printf '2025-%02d-%02d' "$month" "$day")" \
            --service "Layanan $clerk" --scores "4,3,4,$(( (i % 4) + 1 )),3,4,4,3,4" >/dev/null 2>>"$work/writer$clerk.err"; then
            failures=$((failures + 1))
        fi
    done
    echo "$failures" >"$work/writer$clerk.failures"
}

start=$(date +%s.%N)
reporter &
reporter_pid=$!
pids=()
for clerk in $(seq 1 "$writers"); do
    writer "$clerk" &
    pids+=($!)
done
wait "${pids[@]}"
touch "$work/stop"
wait "$reporter_pid"
elapsed=$(echo "$(date +%s.%N) - $start" | bc)

expected=$((writers * adds))
stored=$(sqlite3 "$IKU_DB" "SELECT count(*) FROM current_survey_responses WHERE voided = 0")
write_failures=$(cat "$work"/writer*.failures | paste -sd+ | bc)
locked=$(cat "$work"/*.err 2>/dev/null | grep -ci -e 'locked' -e 'busy' || true)
read -r report_runs report_failures <"$work/report.counts"
check=$("$IKU_BIN" check 2>&1 || true)
verify=$("$IKU_BIN" audit verify 2>&1 || true)

printf 'writers %s x %s adds in %.1f s\n' "$writers" "$adds" "$elapsed"
echo "responses stored: $stored of $expected"
echo "failed adds: $write_failures; 'locked'/'busy' messages: $locked"
echo "report runs: $report_runs, failed: $report_failures"
echo "check: $check"
echo "audit verify: $verify"
if [ "$stored" -eq "$expected" ] && [ "$write_failures" -eq 0 ] && [ "$locked" -eq 0 ] \
    && [ "$report_failures" -eq 0 ] && [ "$check" = "ok" ] && [[ "$verify" == ok:* ]]; then
    echo "PASS"
else
    cat "$work"/*.err 2>/dev/null | sort | uniq -c | head -20
    echo "FAIL"
    exit 1
fi
