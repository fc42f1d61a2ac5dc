#!/usr/bin/env bash
# Benchmark (not a test): `iku survey import` of a generated survey CSV against the sqlite3 shell's
# `.import` of the same file into an equivalent bare table (same columns, no constraints, no
# indexes), on the same machine in the same run. Prints rows/s for both, the ratio and peak memory.
#
#   bench/survey-import.sh            # 1,000,000 rows
#   ROWS=200000 bench/survey-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

rows=${ROWS:-1000000}
bench_require
bench_build

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/survey.csv"
bench_survey_csv "$rows" "$csv"
echo "file: $rows rows, $(du -h "$csv" | cut -f1)"

# iku: full validation, append-only schema with its CHECKs, foreign keys and indexes, one transaction.
IKU_NOW=2026-12-01T00:00:00Z "$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari \
    --db "$work/iku.sqlite" --actor bench >/dev/null
bench_timed "$work/iku.time" "$IKU" survey import "$csv" --db "$work/iku.sqlite" --actor bench

# sqlite3 shell: the same file into a bare table with the same columns.
sqlite3 "$work/shell.sqlite" "$BENCH_BARE_SURVEY_TABLE"
bench_timed "$work/shell.time" sqlite3 "$work/shell.sqlite" ".import --csv --skip 1 $csv survey"

imported=$(sqlite3 "$work/iku.sqlite" "SELECT count(*) FROM survey_response_versions")
shell_rows=$(sqlite3 "$work/shell.sqlite" "SELECT count(*) FROM survey")
[ "$imported" = "$rows" ] && [ "$shell_rows" = "$rows" ] || { echo "row counts differ: iku $imported, sqlite3 $shell_rows" >&2; exit 1; }

iku_seconds=$(bench_seconds "$work/iku.time")
shell_seconds=$(bench_seconds "$work/shell.time")
awk -v rows="$rows" -v is="$iku_seconds" -v ss="$shell_seconds" -v ip="$(bench_peak_mib "$work/iku.time")" \
    -v sp="$(bench_peak_mib "$work/shell.time")" 'BEGIN {
    printf "iku survey import : %7.2f s  %10d rows/s  peak %6.1f MiB\n", is, rows / is, ip
    printf "sqlite3 .import   : %7.2f s  %10d rows/s  peak %6.1f MiB\n", ss, rows / ss, sp
    printf "ratio iku/sqlite3 : %.2f (target >= 0.50)\n", (rows / is) / (rows / ss)
}'
