#!/usr/bin/env bash
# Benchmark (not a test) of issue 11's two ways in:
# 1. `iku survey import --form` of a generated Google-Forms-style export against the plain
#    `iku survey import` of the same rows in iku's own columns (rows/s, ratio; target >= 0.50);
# 2. `iku survey entry`: LINES piped lines of paper forms, each stored in its own transaction;
#    the time per line is (time with LINES lines - time with none) / LINES, median of RUNS.
#
#   bench/form-import.sh                 # 100,000 rows, 200 lines, 5 runs
#   ROWS=20000 LINES=100 RUNS=3 bench/form-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

rows=${ROWS:-100000}
lines=${LINES:-200}
runs=${RUNS:-5}
bench_require
bench_build

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/generate-form-csv.py "$rows" "$work/form.csv" "$work/plain.csv"
echo "files: $rows rows; form $(du -h "$work/form.csv" | cut -f1), plain $(du -h "$work/plain.csv" | cut -f1)"

fresh() {
    rm -f "$1" "$1-wal" "$1-shm"
    IKU_NOW=2026-12-01T00:00:00Z "$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari \
        --db "$1" --actor bench >/dev/null
}

fresh "$work/plain.sqlite"
bench_timed "$work/plain.time" "$IKU" survey import "$work/plain.csv" --db "$work/plain.sqlite" --actor bench
fresh "$work/form.sqlite"
bench_timed "$work/form.time" "$IKU" survey import "$work/form.csv" --form --db "$work/form.sqlite" --actor bench

# Both imports stored the very same responses.
columns="survey_date, service, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, suggestion"
plain_digest=$(sqlite3 "$work/plain.sqlite" "SELECT $columns FROM survey_response_versions ORDER BY row_id" | sha256sum)
form_digest=$(sqlite3 "$work/form.sqlite" "SELECT $columns FROM survey_response_versions ORDER BY row_id" | sha256sum)
[ "$plain_digest" = "$form_digest" ] || { echo "the two imports stored different responses" >&2; exit 1; }

plain_seconds=$(bench_seconds "$work/plain.time")
form_seconds=$(bench_seconds "$work/form.time")
awk -v rows="$rows" -v ps="$plain_seconds" -v fs="$form_seconds" -v pp="$(bench_peak_mib "$work/plain.time")" \
    -v fp="$(bench_peak_mib "$work/form.time")" 'BEGIN {
    printf "survey import (own columns) : %6.2f s  %9d rows/s  peak %6.1f MiB\n", ps, rows / ps, pp
    printf "survey import --form        : %6.2f s  %9d rows/s  peak %6.1f MiB\n", fs, rows / fs, fp
    printf "ratio form/plain            : %.2f (target >= 0.50)\n", (rows / fs) / (rows / ps)
}'

# Entry: the same session with LINES lines and with none; the difference is the work per line.
python3 - "$lines" > "$work/entry.txt" <<'PY'
import random, sys
rng = random.Random(11)
for i in range(int(sys.argv[1])):
    print("".join(str(rng.randint(1, 4)) for _ in range(9)), rng.choice("LP"), rng.randint(17, 80),
          rng.choice(["SD", "SMP", "SMA", "S1"]), rng.choice(["PNS", "SWASTA", "WIRAUSAHA", "LAINNYA"]))
PY
with_lines=()
without=()
for _ in $(seq "$runs"); do
    fresh "$work/entry.sqlite"
    start=$(bench_now)
    "$IKU" survey entry --date 2025-06-02 --service KTP --db "$work/entry.sqlite" --actor bench < "$work/entry.txt" >/dev/null
    end=$(bench_now)
    with_lines+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
    start=$(bench_now)
    "$IKU" survey entry --date 2025-06-02 --service KTP --db "$work/entry.sqlite" --actor bench < /dev/null >/dev/null
    end=$(bench_now)
    without+=("$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")
done
stored=$(sqlite3 "$work/entry.sqlite" "SELECT count(*) FROM survey_response_versions")
[ "$stored" = "$lines" ] || { echo "entry stored $stored of $lines lines" >&2; exit 1; }
awk -v lines="$lines" -v w="$(bench_median "${with_lines[@]}")" -v o="$(bench_median "${without[@]}")" 'BEGIN {
    printf "survey entry, %d lines      : %6.3f s (session alone %.3f s)\n", lines, w, o
    printf "per stored line             : %6.2f ms (target well under 50 ms)\n", (w - o) * 1000 / lines
}'
