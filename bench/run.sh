#!/usr/bin/env bash
# The benchmark (run on demand, never in CI): builds the release iku, generates its data, runs
# each measurement side by side with the sqlite3 shell doing the same work on the same kind of
# file in the same run, and prints one table:
#
#   1. survey import: `iku survey import` of a generated CSV vs `.import` of the same file into a
#      bare table with the same columns (rows/s);
#   2. `iku report --year Y` on RESPONSES survey responses vs iku's IKM aggregate written by hand
#      in sqlite3 on the same file (mean of RUNS after a warm-up); and the printable reports
#      (`--format html` and `md`, with the trend of every year) against the json report;
#   3. one `iku survey add` vs `sqlite3 FILE "INSERT …"` of the same row into a bare table with the
#      same columns (both WAL, synchronous FULL), process start included, median of ADDS each;
#   4. the peak memory (GNU time -v, maximum resident set size) of every iku and sqlite3 command.
#
#   bench/run.sh
#   ROWS=200000 RESPONSES=200000 ADDS=30 RUNS=3 bench/run.sh     # a shorter run
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

ROWS=${ROWS:-1000000}
RESPONSES=${RESPONSES:-1000000}
YEAR=${YEAR:-2021}
ADDS=${ADDS:-100}
RUNS=${RUNS:-5}

bench_require
bench_build
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
export IKU_ACTOR=bench
unset IKU_DB IKU_NOW

new_iku_database() {
    "$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari --db "$1" >/dev/null
}

# 1. Survey import.
echo "1/3 survey import of $ROWS rows…" >&2
csv="$work/survey.csv"
bench_survey_csv "$ROWS" "$csv"
new_iku_database "$work/import.sqlite"
bench_timed "$work/import-iku.time" "$IKU" survey import "$csv" --db "$work/import.sqlite"
sqlite3 "$work/import-shell.sqlite" "$BENCH_BARE_SURVEY_TABLE"
bench_timed "$work/import-shell.time" sqlite3 "$work/import-shell.sqlite" ".import --csv --skip 1 $csv survey"
imported=$(sqlite3 "$work/import.sqlite" "SELECT count(*) FROM survey_response_versions")
shell_rows=$(sqlite3 "$work/import-shell.sqlite" "SELECT count(*) FROM survey")
[ "$imported" = "$ROWS" ] && [ "$shell_rows" = "$ROWS" ] || { echo "import row counts differ: iku $imported, sqlite3 $shell_rows" >&2; exit 1; }
rm -f "$csv" "$work"/import*.sqlite*

# 2. Report on RESPONSES responses.
echo "2/3 report --year $YEAR on $RESPONSES responses…" >&2
db="$work/report.sqlite"
new_iku_database "$db"
bench_fill_responses "$db" "$RESPONSES"
bench_hand_ikm_sql "$YEAR" > "$work/hand.sql"
report=("$IKU" report --year "$YEAR" --format json --db "$db")
hand=(sqlite3 -readonly "$db" ".read $work/hand.sql")
iku_ikm=$("$IKU" report --year "$YEAR" --format csv --db "$db" | sed -n 's/^ikm,value,,//p')
hand_ikm=$("${hand[@]}")
awk -v a="$iku_ikm" -v b="${hand_ikm#*|}" 'BEGIN { d = a - b; exit !(d < 1e-9 && d > -1e-9) }' \
    || { echo "IKM differs: iku $iku_ikm, sqlite3 ${hand_ikm#*|}" >&2; exit 1; }
bench_timed "$work/report-iku.time" "${report[@]}"
bench_timed "$work/report-shell.time" "${hand[@]}"
mean_seconds() {
    local start end
    start=$(bench_now)
    for _ in $(seq "$RUNS"); do "$@" >/dev/null; done
    end=$(bench_now)
    awk -v s="$start" -v e="$end" -v n="$RUNS" 'BEGIN { printf "%.4f", (e - s) / n }'
}
report_iku=$(mean_seconds "${report[@]}")
report_shell=$(mean_seconds "${hand[@]}")
html=("${report[@]}")
html[5]=html
md=("${report[@]}")
md[5]=md
"${html[@]}" >/dev/null
computed_html=$(mean_seconds "${html[@]}")
computed_md=$(mean_seconds "${md[@]}")
# At year end the office stores each closed year's figures (`iku recompute`); the trend then
# reads every year whose snapshot still holds instead of computing it.
for year in $(seq 2016 2025); do "$IKU" recompute --year "$year" --db "$db" >/dev/null; done
"${html[@]}" >/dev/null
report_html=$(mean_seconds "${html[@]}")
report_md=$(mean_seconds "${md[@]}")
rm -f "$db"*

# 3. One record added, process start included: alternately iku and sqlite3, ADDS times each.
echo "3/3 $ADDS single-record adds each…" >&2
db="$work/add.sqlite"
bare="$work/add-shell.sqlite"
new_iku_database "$db"
sqlite3 "$bare" "PRAGMA journal_mode = WAL; $BENCH_BARE_SURVEY_TABLE" >/dev/null
add=("$IKU" survey add --db "$db" --date 2026-03-02 --service KTP --scores 4,3,4,4,3,4,4,3,4
     --gender P --age 34 --education SMA --occupation SWASTA --suggestion "Antrean lebih cepat")
insert=(sqlite3 -cmd "PRAGMA synchronous = FULL" "$bare" "INSERT INTO survey (date, service, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age,
    education, occupation, suggestion) VALUES ('2026-03-02', 'KTP', 4, 3, 4, 4, 3, 4, 4, 3, 4, 'P', 34, 'SMA',
    'SWASTA', 'Antrean lebih cepat')")
iku_ms=()
shell_ms=()
for _ in $(seq "$ADDS"); do
    start=$(bench_now); "${add[@]}" >/dev/null; end=$(bench_now)
    iku_ms+=("$(awk -v s="$start" -v e="$end" 'BEGIN { print (e - s) * 1000 }')")
    start=$(bench_now); "${insert[@]}" >/dev/null; end=$(bench_now)
    shell_ms+=("$(awk -v s="$start" -v e="$end" 'BEGIN { print (e - s) * 1000 }')")
done
bench_timed "$work/add-iku.time" "${add[@]}"
bench_timed "$work/add-shell.time" "${insert[@]}"
added=$(sqlite3 "$db" "SELECT count(*) FROM survey_response_versions")
inserted=$(sqlite3 "$bare" "SELECT count(*) FROM survey")
[ "$added" = $((ADDS + 1)) ] && [ "$inserted" = $((ADDS + 1)) ] || { echo "add counts differ: iku $added, sqlite3 $inserted" >&2; exit 1; }
add_iku=$(bench_median "${iku_ms[@]}")
add_shell=$(bench_median "${shell_ms[@]}")

# The table.
model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
echo
echo "iku benchmark, $(date -u +%Y-%m-%dT%H:%MZ), iku $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "machine: $model, $(nproc) cores; SQLite: shell $(sqlite3 --version | cut -d' ' -f1), library $(pkg-config --modversion sqlite3 2>/dev/null || echo '?')"
echo
import_iku=$(bench_seconds "$work/import-iku.time")
import_shell=$(bench_seconds "$work/import-shell.time")
awk -v rows="$ROWS" -v responses="$RESPONSES" -v year="$YEAR" -v adds="$ADDS" -v runs="$RUNS" \
    -v ii="$import_iku" -v is="$import_shell" -v ri="$report_iku" -v rs="$report_shell" -v ai="$add_iku" -v as="$add_shell" \
    -v iim="$(bench_peak_mib "$work/import-iku.time")" -v ism="$(bench_peak_mib "$work/import-shell.time")" \
    -v rim="$(bench_peak_mib "$work/report-iku.time")" -v rsm="$(bench_peak_mib "$work/report-shell.time")" \
    -v aim="$(bench_peak_mib "$work/add-iku.time")" -v asm="$(bench_peak_mib "$work/add-shell.time")" 'BEGIN {
    row = "| %-50s | %-14s | %-24s | %-16s | %9s | %12s |\n"
    printf row, "measurement", "iku", "sqlite3 shell", "iku vs sqlite3", "iku peak", "sqlite3 peak"
    printf row, "---", "---", "---", "---", "---:", "---:"
    printf row, sprintf("survey import, %d rows", rows), sprintf("%d rows/s", rows / ii), sprintf("%d rows/s (.import)", rows / is),
        sprintf("%.2f× the rows/s", is / ii), iim " MiB", ism " MiB"
    printf row, sprintf("report --year %d, %d responses (mean of %d)", year, responses, runs), sprintf("%.3f s", ri),
        sprintf("%.3f s (IKM by hand)", rs), sprintf("%.1f× the time", ri / rs), rim " MiB", rsm " MiB"
    printf row, sprintf("survey add, one record (median of %d)", adds), sprintf("%.1f ms", ai), sprintf("%.1f ms (INSERT)", as),
        sprintf("%.2f× the time", ai / as), aim " MiB", asm " MiB"
}'
echo
awk -v ai="$add_iku" -v as="$add_shell" -v j="$report_iku" -v h="$report_html" -v m="$report_md" \
    -v ch="$computed_html" -v cm="$computed_md" 'BEGIN {
    printf "one survey add against sqlite3 INSERT (both WAL, synchronous FULL, process start included): %.2f× (goal ≤ 1.5×)\n", ai / as
    printf "report json: %.3f s; html: %.3f s (%.2f×), md: %.3f s (%.2f×) with the closed years'"'"' snapshots stored (goal ≤ 1.5×)\n", j, h, h / j, m, m / j
    printf "          without snapshots, every year computed: html %.3f s (%.2f×), md %.3f s (%.2f×)\n", ch, ch / j, cm, cm / j
}'
