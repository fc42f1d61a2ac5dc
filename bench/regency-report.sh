#!/usr/bin/env bash
# The regency's report for 21 offices (a regency) and for 7,277 (the nation), one year, a few
# hundred responses each: `iku-regency report --year 2025` and `--format json` timed (median of RUNS),
# with its peak memory, beside psql running the report's IKU 1 aggregate alone over the same rows
# in the same run (the part PostgreSQL does; the rest is the offices' IKU 2 and 3 by their own
# queries). Goal (issue 10): the national report under 5 s on this machine.
#
# The offices: one real office (`iku`: RESPONSES imported responses, 7 villages with their
# documents, 10 activities, targets) exported and ingested as usual; the others are its rows
# copied in PostgreSQL under other kecamatan codes, each office's answers to U1 and U2 redrawn
# with its own seed, so every office has its own figures.
#
# Usage: scripts/with-postgres.sh bench/regency-report.sh [RESPONSES=300] [RUNS=3]
#        (BIN=path/to/binaries to use a build at hand; default: the release build; PLAN=1 prints
#        PostgreSQL's plan of the IKU 1 aggregate)
set -euo pipefail
responses=${1:-300}
runs=${2:-3}
cd "$(dirname "$0")/.."
source scripts/regency-fixture.sh
source bench/lib.sh
: "${IKU_TEST_POSTGRES:?run under scripts/with-postgres.sh}"
bench_require
if [ -z "${BIN:-}" ]; then
    swift build -c release --product iku >&2
    swift build -c release --product iku-regency >&2
    BIN=$(swift build -c release --show-bin-path)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql() { command psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }

echo "one real office: $responses responses, villages, documents, activities…" >&2
regency_fixture "$work" "$responses" bench bench_report
for n in 1 2 3 4 5 6 7; do
    "$BIN/iku" village add --code "35.08.01.200$n" --name "Desa $n" --actor bench >/dev/null
    for document in rkpdesa:2026:2025-09-2 apbdesa:2026:2025-12-2 lppdesa:2024:2025-03-2; do
        IFS=: read -r kind year date <<<"$document"
        "$BIN/iku" submission add --village "35.08.01.200$n" --document "$kind" --year "$year" --date "$date$n" \
            --actor bench >/dev/null
    done
done
for n in 1 2 3 4 5 6 7 8 9 10; do
    id=$("$BIN/iku" facilitation add --date "2025-0$(( (n % 9) + 1 ))-1$(( n % 10 ))" --kind koordinasi --institution "Dinas $n" \
        --subject "Rapat $n" --actor bench | grep -o '[0-9]*' | head -1)
    if [ $(( n % 3 )) -ne 0 ]; then
        "$BIN/iku" facilitation follow-up "$id" --date "2025-10-1$(( n % 10 ))" --action "Surat $n" --actor bench >/dev/null
    fi
done
"$BIN/iku" target set --indicator ikm --year 2025 --value 82 --actor bench >/dev/null
"$BIN/iku" export --key "$work/office.key" --output "$work/full.iku-bundle" >/dev/null
"$BIN/iku-regency" ingest "$work/full.iku-bundle" >/dev/null

# clone FIRST LAST CODE_EXPRESSION: copies office 35.08.01 as the offices numbered FIRST..LAST
# (i), their code given by CODE_EXPRESSION of i, U1 and U2 redrawn per office.
clone() {
    psql "$IKU_REGENCY_POSTGRES" <<SQL
BEGIN;
CREATE TEMP TABLE clones AS SELECT i, $3 AS code FROM generate_series($1, $2) AS i;
INSERT INTO offices (kecamatan_code, name, public_key)
    SELECT c.code, 'Kecamatan ' || c.i, o.public_key FROM clones AS c, offices AS o WHERE o.kecamatan_code = '35.08.01';
INSERT INTO ingests (kecamatan_code, id, file_name, first_head, last_head, body_sha256, header, changes_added, rows_added)
    OVERRIDING SYSTEM VALUE
    SELECT c.code, g.id, g.file_name, g.first_head, g.last_head, g.body_sha256, g.header, g.changes_added, g.rows_added
    FROM clones AS c, ingests AS g WHERE g.kecamatan_code = '35.08.01';
INSERT INTO office_changes
    SELECT c.code, x.change_id, x.recorded_at, x.actor, x.kind, x.action, x.record_id, x.summary,
           x.content_sha256, x.previous_sha256, x.entry_sha256, x.ingest_id
    FROM clones AS c, office_changes AS x WHERE x.kecamatan_code = '35.08.01';
SELECT setseed(0.5);
INSERT INTO office_rows
    SELECT c.code, r.table_name, r.row_id, r.change_id,
           CASE WHEN r.table_name = 'survey_response_versions'
                THEN r.row_values || jsonb_build_object('u1', 1 + floor(random() * 4)::int, 'u2', 1 + floor(random() * 4)::int)
                ELSE r.row_values END
    FROM clones AS c, office_rows AS r WHERE r.kecamatan_code = '35.08.01';
-- The typed projection of the copies' survey rows, as an ingest writes it (regency migration 0004).
INSERT INTO survey_versions
    SELECT o.kecamatan_code, p.response_id, p.version, o.change_id, p.survey_date, p.voided = 1,
           p.u1, p.u2, p.u3, p.u4, p.u5, p.u6, p.u7, p.u8, p.u9
    FROM clones AS c JOIN office_rows AS o ON o.kecamatan_code = c.code,
         jsonb_populate_record(NULL::survey_version_row, o.row_values) AS p
    WHERE o.table_name = 'survey_response_versions';
COMMIT;
ANALYZE;
SQL
}

# The report's IKU 1 aggregate alone, as psql runs it (the reference): its scope table of every
# office as of its last change, then the query.
tally_sql() {
    echo "BEGIN;"
    sed -n 's/^    static let createScope = "\(.*\)"$/\1;/p' Sources/Regency/KecamatanIKM.swift
    echo "INSERT INTO tally_scope SELECT kecamatan_code, 9223372036854775807 FROM offices;"
    echo "ANALYZE tally_scope;"
    [ -z "${PLAN:-}" ] || echo "EXPLAIN (ANALYZE, BUFFERS)"
    sed -n '/static let surveyTallies = """/,/^        """/p' Sources/Regency/KecamatanIKM.swift | sed '1d;$d' \
        | sed "s/\$1/'2025-01-01'/; s/\$2/'2025-12-31'/"
    echo ";"
    echo "COMMIT;"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

measure() {
    local label=$1 offices report_times=() json_times=() tally_times=()
    offices=$(psql "$IKU_REGENCY_POSTGRES" -c "SELECT count(*) FROM offices")
    (PLAN='' tally_sql) >"$work/tally.sql"
    [ -z "${PLAN:-}" ] || tally_sql | psql "$IKU_REGENCY_POSTGRES" >&2
    for _ in $(seq "$runs"); do
        bench_timed "$work/report.time" "$BIN/iku-regency" report --year 2025
        report_times+=("$(bench_seconds "$work/report.time")")
        bench_timed "$work/json.time" "$BIN/iku-regency" report --year 2025 --format json
        json_times+=("$(bench_seconds "$work/json.time")")
        local start end
        start=$(bench_now)
        psql "$IKU_REGENCY_POSTGRES" -f "$work/tally.sql" >/dev/null
        end=$(bench_now)
        tally_times+=("$(echo "$end - $start" | bc -l)")
    done
    local report json tally
    report=$(printf '%s\n' "${report_times[@]}" | median)
    json=$(printf '%s\n' "${json_times[@]}" | median)
    tally=$(printf '%s\n' "${tally_times[@]}" | median)
    printf '%-9s %6s offices  report %6.2f s (peak %s MiB), --format json %6.2f s (peak %s MiB)  psql IKU 1 aggregate %5.2f s  ratio %4.1f×\n' \
        "$label" "$offices" "$report" "$(bench_peak_mib "$work/report.time")" "$json" "$(bench_peak_mib "$work/json.time")" \
        "$tally" "$(echo "$report / $tally" | bc -l)"
}

echo "21 offices…" >&2
clone 2 21 "'35.08.' || lpad(i::text, 2, '0')"
measure regency
echo "7,277 offices (copying rows)…" >&2
clone 22 7277 "lpad((11 + i / 10000)::text, 2, '0') || '.' || lpad((i / 100 % 100)::text, 2, '0') || '.' || lpad((i % 100)::text, 2, '0')"
rows=$(psql "$IKU_REGENCY_POSTGRES" -c "SELECT count(*) FROM office_rows")
echo "the nation: $rows rows held" >&2
measure nation
