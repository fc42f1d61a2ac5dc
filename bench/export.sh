#!/usr/bin/env bash
# Benchmark (not a test): `iku export` of an office with ROWS imported survey responses (default
# 1,000,000), against the sqlite3 shell writing the same rows as JSON lines (`.mode json`), on the
# same machine in the same run: seconds, MB/s and peak memory of both, for ROWS and ROWS/5 rows,
# which shows the export's memory stays flat as the office grows.
#
#   bench/export.sh
#   ROWS=200000 bench/export.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

rows=${ROWS:-1000000}
bench_require
bench_build

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export IKU_NOW=2026-12-01T00:00:00Z IKU_ACTOR=bench

for count in $((rows / 5)) "$rows"; do
    db="$work/office-$count.sqlite"
    bench_survey_csv "$count" "$work/survey.csv"
    "$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari --db "$db" >/dev/null
    "$IKU" survey import "$work/survey.csv" --db "$db" >/dev/null
    "$IKU" key init --db "$db" --key "$work/office-$count.key" >/dev/null
    bench_timed "$work/iku-$count.time" "$IKU" export --db "$db" --key "$work/office-$count.key" --output "$work/office-$count.bundle"
    bench_timed "$work/shell-$count.time" sqlite3 -json "$db" "SELECT rowid, * FROM survey_response_versions ORDER BY rowid"
    awk -v rows="$count" -v is="$(bench_seconds "$work/iku-$count.time")" -v ss="$(bench_seconds "$work/shell-$count.time")" \
        -v ip="$(bench_peak_mib "$work/iku-$count.time")" -v sp="$(bench_peak_mib "$work/shell-$count.time")" \
        -v size="$(stat -c %s "$work/office-$count.bundle")" 'BEGIN {
        printf "%8d responses: iku export %6.2f s (%5.1f MB, %6.1f MB/s, peak %5.1f MiB) | sqlite3 -json of the rows %6.2f s (peak %5.1f MiB) | %.1fx the time\n",
            rows, is, size / 1e6, size / 1e6 / is, ip, ss, sp, is / ss
    }'
    rm -f "$work/survey.csv"
done
