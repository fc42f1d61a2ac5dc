#!/usr/bin/env bash
# One `iku survey add` against `sqlite3 FILE "INSERT …"` of the same row into a bare table with
# the same columns (both WAL, synchronous FULL), process start included, run alternately ADDS
# times each; prints both medians and the ratio (goal: at most 1.5×). The same measurement as
# part 3 of bench/run.sh, alone, plus the instruction counts of one run of each under
# `valgrind --tool=callgrind` when valgrind is installed (stable on a loaded machine, unlike
# wall times) and `hyperfine` medians when it is installed.
#
#   bench/add.sh                    # builds the release iku as scripts/install.sh does
#   IKU=/path/to/iku bench/add.sh   # measures that binary instead (no build)
#   ADDS=200 bench/add.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

ADDS=${ADDS:-100}

bench_require
if [ -z "${IKU:-}" ]; then bench_build; fi
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "keeping $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
export IKU_ACTOR=bench
unset IKU_DB IKU_NOW

db="$work/add.sqlite"
bare="$work/add-shell.sqlite"
"$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari --db "$db" >/dev/null
sqlite3 "$bare" "PRAGMA journal_mode = WAL; $BENCH_BARE_SURVEY_TABLE" >/dev/null
add=("$IKU" survey add --db "$db" --date 2026-03-02 --service KTP --scores 4,3,4,4,3,4,4,3,4
     --gender P --age 34 --education SMA --occupation SWASTA --suggestion "Antrean lebih cepat")
# One line: hyperfine reads the command as shell words.
insert=(sqlite3 -cmd "PRAGMA synchronous = FULL" "$bare" "INSERT INTO survey (date, service, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, suggestion) VALUES ('2026-03-02', 'KTP', 4, 3, 4, 4, 3, 4, 4, 3, 4, 'P', 34, 'SMA', 'SWASTA', 'Antrean lebih cepat')")

"${add[@]}" >/dev/null
"${insert[@]}" >/dev/null
iku_ms=()
shell_ms=()
for _ in $(seq "$ADDS"); do
    start=$(bench_now); "${add[@]}" >/dev/null; end=$(bench_now)
    iku_ms+=("$(awk -v s="$start" -v e="$end" 'BEGIN { print (e - s) * 1000 }')")
    start=$(bench_now); "${insert[@]}" >/dev/null; end=$(bench_now)
    shell_ms+=("$(awk -v s="$start" -v e="$end" 'BEGIN { print (e - s) * 1000 }')")
done
added=$(sqlite3 "$db" "SELECT count(*) FROM survey_response_versions")
inserted=$(sqlite3 "$bare" "SELECT count(*) FROM survey")
[ "$added" = $((ADDS + 1)) ] && [ "$inserted" = $((ADDS + 1)) ] || { echo "add counts differ: iku $added, sqlite3 $inserted" >&2; exit 1; }
add_iku=$(bench_median "${iku_ms[@]}")
add_shell=$(bench_median "${shell_ms[@]}")

echo "survey add, $(date -u +%Y-%m-%dT%H:%MZ), iku $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v ai="$add_iku" -v as="$add_shell" -v n="$ADDS" 'BEGIN {
    printf "median of %d alternating runs: iku %.1f ms, sqlite3 INSERT %.1f ms: %.2f× (goal ≤ 1.5×)\n", n, ai, as, ai / as
}'

if command -v valgrind >/dev/null; then
    # Valgrind cannot read the DWARF of the static binary; a copy without it runs the same code.
    nodebug="$work/iku-nodebug"
    objcopy --strip-debug "$IKU" "$nodebug"
    count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected :/ { print $NF }'; }
    iku_ir=$(count "$nodebug" "${add[@]:1}")
    shell_ir=$(count "${insert[@]}")
    awk -v a="$iku_ir" -v s="$shell_ir" 'BEGIN {
        printf "instructions (callgrind, one run each): iku %.1f M, sqlite3 %.1f M: %.1f×\n", a / 1e6, s / 1e6, a / s
    }'
fi

if command -v hyperfine >/dev/null; then
    quoted() { printf '%q ' "$@"; }
    hyperfine -N --warmup 3 --runs "$ADDS" --export-json "$work/hyperfine.json" \
        "$(quoted "${add[@]}")" "$(quoted "${insert[@]}")" >/dev/null 2>"$work/hyperfine.err" \
        || { cat "$work/hyperfine.err" >&2; exit 1; }
    python3 - "$work/hyperfine.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
i, s = r[0]["median"] * 1000, r[1]["median"] * 1000
print(f"hyperfine medians (not alternating): iku {i:.1f} ms, sqlite3 {s:.1f} ms: {i / s:.2f}×; "
      f"user+sys iku {(r[0]['user'] + r[0]['system']) * 1000:.1f} ms, sqlite3 {(r[1]['user'] + r[1]['system']) * 1000:.1f} ms (means)")
PY
fi
