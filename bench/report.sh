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

RESPONSES=${RESPONSES:-1000000}
YEAR=${YEAR:-2021}
RUNS=${RUNS:-10}

command -v sqlite3 >/dev/null || { echo "bench: needs the sqlite3 shell (apt-get install -y sqlite3)" >&2; exit 1; }

echo "building release…" >&2
swift build -c release --product iku >&2
IKU=$(swift build -c release --show-bin-path)/iku

WORK=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
DB="$WORK/bench.sqlite"
export IKU_DB="$DB" IKU_ACTOR=bench IKU_NOW=2026-01-15T08:00:00Z

"$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari >/dev/null

echo "filling $RESPONSES survey responses over 2016–2025…" >&2
fill_start=$(date +%s.%N)
sqlite3 -bail "$DB" <<SQL
BEGIN IMMEDIATE;
INSERT INTO changes (recorded_at, actor, kind, action, summary)
VALUES ('2026-01-15T08:00:00.000Z', 'bench', 'survey', 'import', 'benchmark: $RESPONSES survey responses');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $RESPONSES)
INSERT INTO survey_responses (id) SELECT i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $RESPONSES)
INSERT INTO survey_response_versions (response_id, version, change_id, survey_date, service,
    u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation)
SELECT i, 1, (SELECT max(id) FROM changes),
       date('2016-01-01', '+' || (i % 3653) || ' days'),
       CASE i % 5 WHEN 0 THEN 'KTP' WHEN 1 THEN 'KK' WHEN 2 THEN 'Akta Kelahiran' WHEN 3 THEN 'Surat Pindah' ELSE 'IMB' END,
       1 + (i * 7) % 4, 1 + (i * 11) % 4, 1 + (i * 13) % 4, 1 + (i * 17) % 4,
       CASE WHEN i % 23 = 0 THEN NULL ELSE 1 + (i * 19) % 4 END,
       1 + (i * 29) % 4, 1 + (i * 31) % 4,
       CASE WHEN i % 17 = 0 THEN NULL ELSE 1 + (i * 37) % 4 END,
       1 + (i * 41) % 4,
       CASE i % 2 WHEN 0 THEN 'L' ELSE 'P' END, 17 + i % 60,
       CASE i % 7 WHEN 0 THEN 'SD' WHEN 1 THEN 'SMP' WHEN 2 THEN 'SMA' WHEN 3 THEN 'D1-D3' WHEN 4 THEN 'D4/S1' WHEN 5 THEN 'S2' ELSE 'S3' END,
       CASE i % 6 WHEN 0 THEN 'PNS' WHEN 1 THEN 'TNI' WHEN 2 THEN 'POLRI' WHEN 3 THEN 'SWASTA' WHEN 4 THEN 'WIRAUSAHA' ELSE 'LAINNYA' END
FROM n;
COMMIT;
SQL
fill_end=$(date +%s.%N)
echo "filled in $(echo "$fill_end - $fill_start" | bc) s; $(du -h "$DB" | cut -f1) on disk" >&2

# The same IKM aggregate by hand: each response's live version (as of every change), unvoided,
# surveyed in the year; NRR per element = sum / answered; IKM = 25 × ΣNRR / 9.
HAND_SQL="SELECT count(*), 25.0 * (1.0 * sum(u1) / count(u1) + 1.0 * sum(u2) / count(u2) + 1.0 * sum(u3) / count(u3)
  + 1.0 * sum(u4) / count(u4) + 1.0 * sum(u5) / count(u5) + 1.0 * sum(u6) / count(u6) + 1.0 * sum(u7) / count(u7)
  + 1.0 * sum(u8) / count(u8) + 1.0 * sum(u9) / count(u9)) / 9
FROM survey_response_versions AS v
WHERE v.survey_date BETWEEN '$YEAR-01-01' AND '$YEAR-12-31' AND v.change_id <= 9223372036854775807 AND v.voided = 0
  AND NOT EXISTS (SELECT 1 FROM survey_response_versions AS w
                  WHERE w.response_id = v.response_id AND w.version > v.version AND w.change_id <= 9223372036854775807);"
echo "$HAND_SQL" > "$WORK/hand.sql"

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
