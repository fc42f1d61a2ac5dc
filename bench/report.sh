#!/usr/bin/env bash
# Benchmark (run on demand, not a test): `iku report --year Y` on a database holding 1,000,000
# survey responses over ten years, against the same IKM aggregate written by hand in the sqlite3
# shell on the same file. Prints both times and their ratio.
#
#   bench/report.sh                 # 1,000,000 responses, report on 2021
#   RESPONSES=200000 YEAR=2019 RUNS=5 bench/report.sh
#
# Needs sqlite3; uses hyperfine when installed (apt-get install -y hyperfine), else a timing loop.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

RESPONSES=${RESPONSES:-1000000}
YEAR=${YEAR:-2021}
RUNS=${RUNS:-10}

bench_require
bench_build

WORK=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
DB="$WORK/bench.sqlite"
export IKU_DB="$DB" IKU_ACTOR=bench IKU_NOW=2026-01-15T08:00:00Z

"$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari >/dev/null

echo "filling $RESPONSES survey responses over 2016–2025…" >&2
fill_start=$(date +%s.%N)
bench_fill_responses "$DB" "$RESPONSES"
fill_end=$(date +%s.%N)
echo "filled in $(echo "$fill_end - $fill_start" | bc) s; $(du -h "$DB" | cut -f1) on disk" >&2

# The same IKM aggregate by hand (bench/lib.sh).
bench_hand_ikm_sql "$YEAR" > "$WORK/hand.sql"

REPORT=("$IKU" report --year "$YEAR" --format json)
HAND=(sqlite3 -readonly "$DB" ".read $WORK/hand.sql")
# The same, with the 64 MiB page cache iku gives its connections.
HAND_CACHED=(sqlite3 -readonly -cmd "PRAGMA cache_size = -65536" "$DB" ".read $WORK/hand.sql")

iku_ikm=$("$IKU" report --year "$YEAR" --format csv | sed -n 's/^ikm,value,,//p')
hand_out=$("${HAND[@]}")
echo "IKM $YEAR: iku report ${iku_ikm}; sqlite3 by hand ${hand_out#*|} (respondents ${hand_out%%|*})"

if command -v hyperfine >/dev/null; then
    hyperfine --style basic --warmup 2 --runs "$RUNS" --export-json "$WORK/times.json" \
        -n "iku report --year $YEAR" "${REPORT[*]} > /dev/null" \
        -n "sqlite3 IKM aggregate" "sqlite3 -readonly $DB '.read $WORK/hand.sql' > /dev/null" \
        -n "sqlite3 IKM aggregate, 64 MiB cache" \
        "sqlite3 -readonly -cmd 'PRAGMA cache_size = -65536' $DB '.read $WORK/hand.sql' > /dev/null" >&2
    mapfile -t means < <(sed -n 's/^ *"mean": *\([0-9.eE+-]*\),\{0,1\}$/\1/p' "$WORK/times.json")
    iku_mean=${means[0]}
    hand_mean=${means[1]}
    cached_mean=${means[2]}
else
    time_loop() {
        local start end
        "$@" >/dev/null
        start=$(date +%s.%N)
        for _ in $(seq "$RUNS"); do "$@" >/dev/null; done
        end=$(date +%s.%N)
        echo "($end - $start) / $RUNS" | bc -l
    }
    iku_mean=$(time_loop "${REPORT[@]}")
    hand_mean=$(time_loop "${HAND[@]}")
    cached_mean=$(time_loop "${HAND_CACHED[@]}")
fi

printf 'iku report --year %s (all three IKU and every breakdown): %.3f s (mean of %s runs)\n' "$YEAR" "$iku_mean" "$RUNS"
printf 'sqlite3 IKM aggregate (shell defaults):                  %.3f s, ratio iku / sqlite3 %.2f\n' \
    "$hand_mean" "$(echo "$iku_mean / $hand_mean" | bc -l)"
printf 'sqlite3 IKM aggregate (64 MiB page cache, as iku):       %.3f s, ratio iku / sqlite3 %.2f\n' \
    "$cached_mean" "$(echo "$iku_mean / $cached_mean" | bc -l)"
