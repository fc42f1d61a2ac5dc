#!/usr/bin/env bash
# Regency ingest against PostgreSQL's own COPY of the same rows: an office with ROWS survey
# responses (one import) is exported; `iku-regency ingest` of the bundle (verify + write in one
# transaction) into a fresh regency database is timed, then `COPY` of the same rows (table,
# rowid, change, the row as jsonb, prepared beforehand as a TSV file) into a fresh plain table of
# the same shape (its primary key only), in the same run; RUNS times (default 3) alternately, so
# load from elsewhere falls on both. Prints each run and the median of the ratios; and, for
# where the time goes, the same COPY into a table shaped like office_rows (its second index and
# its deferred foreign key to office_changes, in one transaction): what the server alone needs.
#
# Usage: scripts/with-postgres.sh bench/regency-ingest.sh [ROWS=200000]
#        (RUNS=N for N runs; BIN=path/to/binaries to use a build at hand; default: the release build)
set -euo pipefail
rows=${1:-200000}
runs=${RUNS:-3}
cd "$(dirname "$0")/.."
source scripts/regency-fixture.sh
: "${IKU_TEST_POSTGRES:?run under scripts/with-postgres.sh}"
if [ -z "${BIN:-}" ]; then
    swift build -c release --product iku >&2
    swift build -c release --product iku-regency >&2
    BIN=$(swift build -c release --show-bin-path)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql() { command psql -X -q -t -A -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s%N; }

regency_fixture "$work" "$rows" bench bench_regency_1

# The same rows as COPY reads them: table, rowid, change id, the other columns as a JSON object.
python3 - "$work/all.iku-bundle" "$work/rows.tsv" <<'PY'
import json, sys
header = None
change = 0
with open(sys.argv[1]) as bundle, open(sys.argv[2], "w") as out:
    for line in bundle:
        value = json.loads(line)
        if header is None:
            header = value["tables"]
        elif "change" in value:
            change = value["change"][0]
        elif "row" in value:
            columns = header[value["table"]]
            row = dict(zip(columns[1:], value["row"][1:]))
            text = json.dumps(row, ensure_ascii=False).replace("\\", "\\\\")
            out.write(f"{value['table']}\t{value['row'][0]}\t{change}\t{text}\n")
PY
copied=$(wc -l < "$work/rows.tsv")
echo "bundle: $(wc -c < "$work/all.iku-bundle") bytes, $copied rows; build: $BIN" >&2

results=()
for run in $(seq "$runs"); do
    [ "$run" -eq 1 ] || regency_database "bench_regency_$run"
    sync
    start=$(now)
    "$BIN/iku-regency" ingest "$work/all.iku-bundle" >/dev/null
    ingest_ns=$(( $(now) - start ))
    held=$(psql "$IKU_REGENCY_POSTGRES" -c "SELECT count(*) FROM office_rows")

    psql "$IKU_REGENCY_POSTGRES" -c "CREATE TABLE copy_rows (kecamatan_code text NOT NULL DEFAULT '35.08.01', table_name text NOT NULL,
        row_id bigint NOT NULL, change_id bigint NOT NULL, row_values jsonb NOT NULL,
        PRIMARY KEY (kecamatan_code, table_name, row_id))"
    sync
    start=$(now)
    psql "$IKU_REGENCY_POSTGRES" -c "\\copy copy_rows (table_name, row_id, change_id, row_values) FROM '$work/rows.tsv'"
    copy_ns=$(( $(now) - start ))

    # What the server alone needs for office_rows: the same COPY into a table with its second
    # index and its deferred foreign key to the changes just ingested, in one transaction.
    psql "$IKU_REGENCY_POSTGRES" -c "CREATE TABLE copy_rows_shaped (LIKE office_rows INCLUDING ALL);
        ALTER TABLE copy_rows_shaped ALTER kecamatan_code SET DEFAULT '35.08.01',
            ADD FOREIGN KEY (kecamatan_code, change_id) REFERENCES office_changes (kecamatan_code, change_id)
            DEFERRABLE INITIALLY DEFERRED"
    sync
    start=$(now)
    psql "$IKU_REGENCY_POSTGRES" -1 -c "\\copy copy_rows_shaped (table_name, row_id, change_id, row_values) FROM '$work/rows.tsv'"
    shaped_ns=$(( $(now) - start ))
    results+=("$held $ingest_ns $copied $copy_ns $shaped_ns")
done

python3 - "${results[@]}" <<'PY'
import statistics, sys
ratios, ceilings = [], []
for index, run in enumerate(sys.argv[1:], 1):
    held, ingest, copied, copy, shaped = run.split()
    held, ingest, copied, copy, shaped = int(held), int(ingest) / 1e9, int(copied), int(copy) / 1e9, int(shaped) / 1e9
    ratio = (held / ingest) / (copied / copy)
    ratios.append(ratio)
    ceilings.append(copy / shaped)
    print(f"run {index}: iku-regency ingest (verify + write): {held:,} rows in {ingest:.2f} s = {held / ingest:,.0f} rows/s; "
          f"COPY of the same rows: {copied:,} rows in {copy:.2f} s = {copied / copy:,.0f} rows/s; ratio {ratio:.2f}; "
          f"COPY into office_rows' shape (its two indexes, its deferred foreign key): {shaped:.2f} s = {copied / shaped:,.0f} rows/s, "
          f"{copy / shaped:.2f} of COPY")
print(f"ingest / COPY = {statistics.median(ratios):.2f} (median of {len(ratios)}; goal: at least 0.5); "
      f"the server alone writing office_rows: {statistics.median(ceilings):.2f} of COPY")
PY
