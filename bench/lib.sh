# Shared helpers of the benchmark scripts (sourced, not run): tools, the release build, timing
# and peak memory with GNU time, the survey data, and the hand-written sqlite3 equivalents.

# Fails unless the sqlite3 shell, GNU time and python3 are there (installs GNU time when missing).
bench_require() {
    command -v sqlite3 >/dev/null || { echo "bench: needs the sqlite3 shell (apt-get install -y sqlite3)" >&2; exit 1; }
    command -v python3 >/dev/null || { echo "bench: needs python3" >&2; exit 1; }
    if [ ! -x /usr/bin/time ]; then apt-get install -y time >/dev/null; fi
}

# Builds the release iku as scripts/install.sh does (Swift runtime linked statically, and iku
# a static-pie executable, the way users run it) and sets IKU to its path.
bench_build() {
    echo "building release (as scripts/install.sh does)…" >&2
    local build=(swift build -c release --static-swift-stdlib --scratch-path .build/static-pie --disable-local-rpath
                 -Xswiftc -use-ld=lld -Xswiftc -Xclang-linker -Xswiftc -static-pie
                 -Xlinker -z -Xlinker pack-relative-relocs)
    "${build[@]}" --product iku >&2
    IKU="$("${build[@]}" --show-bin-path)/iku"
}

# bench_timed OUT COMMAND...: runs COMMAND (stdout discarded) under GNU time -v, which writes to OUT.
bench_timed() {
    local out=$1
    shift
    /usr/bin/time -v -o "$out" "$@" >/dev/null
}

# bench_seconds FILE: the wall-clock seconds GNU time -v recorded.
bench_seconds() {
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"
}

# bench_peak_mib FILE: the peak resident memory (MiB) GNU time -v recorded.
bench_peak_mib() {
    awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"
}

# bench_now: seconds since the epoch with microseconds, without starting a process.
bench_now() {
    echo "${EPOCHREALTIME/,/.}"
}

# bench_median NUMBER...: the median.
bench_median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_survey_csv ROWS FILE: a survey CSV of ROWS rows with every column.
bench_survey_csv() {
    python3 "$(dirname "${BASH_SOURCE[0]}")/generate-survey-csv.py" "$1" "$2"
}

# The survey columns of iku's survey_response_versions as a bare table: no constraints, no indexes.
BENCH_BARE_SURVEY_TABLE="CREATE TABLE survey (date TEXT, service TEXT, u1 INTEGER, u2 INTEGER, u3 INTEGER,
    u4 INTEGER, u5 INTEGER, u6 INTEGER, u7 INTEGER, u8 INTEGER, u9 INTEGER, gender TEXT, age INTEGER,
    education TEXT, occupation TEXT, suggestion TEXT);"

# bench_fill_responses DB N: N survey responses over 2016–2025 written straight into an iku
# database as one imported change, through the sqlite3 shell.
bench_fill_responses() {
    local db=$1 responses=$2
    sqlite3 -bail "$db" <<SQL
BEGIN IMMEDIATE;
INSERT INTO changes (recorded_at, actor, kind, action, summary)
VALUES ('2026-01-15T08:00:00.000Z', 'bench', 'survey', 'import', 'benchmark: $responses survey responses');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $responses)
INSERT INTO survey_responses (id) SELECT i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $responses)
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
}

# bench_hand_ikm_sql YEAR: iku's IKM aggregate written by hand: each response's live version (as
# of every change), unvoided, surveyed in YEAR; NRR per element = sum / answered; IKM = 25 × ΣNRR / 9.
bench_hand_ikm_sql() {
    local year=$1
    cat <<SQL
SELECT count(*), 25.0 * (1.0 * sum(u1) / count(u1) + 1.0 * sum(u2) / count(u2) + 1.0 * sum(u3) / count(u3)
  + 1.0 * sum(u4) / count(u4) + 1.0 * sum(u5) / count(u5) + 1.0 * sum(u6) / count(u6) + 1.0 * sum(u7) / count(u7)
  + 1.0 * sum(u8) / count(u8) + 1.0 * sum(u9) / count(u9)) / 9
FROM survey_response_versions AS v
WHERE v.survey_date BETWEEN '$year-01-01' AND '$year-12-31' AND v.change_id <= 9223372036854775807 AND v.voided = 0
  AND NOT EXISTS (SELECT 1 FROM survey_response_versions AS w
                  WHERE w.response_id = v.response_id AND w.version > v.version AND w.change_id <= 9223372036854775807);
SQL
}
