#!/usr/bin/env bash
# Benchmark (not a test): `iku survey import` of a generated survey CSV against the sqlite3 shell's
# `.import` of the same file into an equivalent bare table (same columns, no constraints, no
# indexes), on the same machine in the same run. Prints rows/s for both, the ratio and peak memory.
#
#   bench/survey-import.sh            # 1,000,000 rows
#   ROWS=200000 bench/survey-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${ROWS:-1000000}
if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed: apt-get install -y sqlite3" >&2; exit 1; }

swift build -c release >/dev/null
iku="$(swift build -c release --show-bin-path)/iku"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv="$work/survey.csv"
python3 bench/generate-survey-csv.py "$rows" "$csv"
echo "file: $rows rows, $(du -h "$csv" | cut -f1)"

# iku: full validation, append-only schema with its CHECKs, foreign keys and indexes, one transaction.
IKU_NOW=2026-12-01T00:00:00Z "$iku" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari \
    --db "$work/iku.sqlite" --actor bench >/dev/null
/usr/bin/time -v -o "$work/iku.time" "$iku" survey import "$csv" --db "$work/iku.sqlite" --actor bench >/dev/null

# sqlite3 shell: the same file into a bare table with the same columns.
sqlite3 "$work/shell.sqlite" "CREATE TABLE survey (date TEXT, service TEXT, u1 INTEGER, u2 INTEGER, u3 INTEGER,
    u4 INTEGER, u5 INTEGER, u6 INTEGER, u7 INTEGER, u8 INTEGER, u9 INTEGER, gender TEXT, age INTEGER,
    education TEXT, occupation TEXT, suggestion TEXT);"
/usr/bin/time -v -o "$work/shell.time" sqlite3 "$work/shell.sqlite" ".import --csv --skip 1 $csv survey"

imported=$(sqlite3 "$work/iku.sqlite" "SELECT count(*) FROM survey_response_versions")
shell_rows=$(sqlite3 "$work/shell.sqlite" "SELECT count(*) FROM survey")
[ "$imported" = "$rows" ] && [ "$shell_rows" = "$rows" ] || { echo "row counts differ: iku $imported, sqlite3 $shell_rows" >&2; exit 1; }

python3 - "$rows" "$work/iku.time" "$work/shell.time" <<'EOF'
import re
import sys

def measure(path):
    text = open(path).read()
    clock = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)", text)
    hours, minutes, seconds = clock.groups()
    elapsed = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return elapsed, peak

rows = int(sys.argv[1])
iku_seconds, iku_peak = measure(sys.argv[2])
shell_seconds, shell_peak = measure(sys.argv[3])
iku_rate, shell_rate = rows / iku_seconds, rows / shell_seconds
print(f"iku survey import : {iku_seconds:7.2f} s  {iku_rate:10,.0f} rows/s  peak {iku_peak / 1024:6.1f} MiB")
print(f"sqlite3 .import   : {shell_seconds:7.2f} s  {shell_rate:10,.0f} rows/s  peak {shell_peak / 1024:6.1f} MiB")
print(f"ratio iku/sqlite3 : {iku_rate / shell_rate:.2f} (target >= 0.50)")
EOF
