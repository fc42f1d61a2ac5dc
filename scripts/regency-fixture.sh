# Shared set-up of the regency's bench and harness scripts (sourced, not run).

# regency_fixture WORK ROWS ACTOR DATABASE: an office database in WORK with ROWS imported survey
# responses (dated in 2025, a past year) and its key, exported whole to WORK/all.iku-bundle; then
# a fresh regency database DATABASE on the throwaway server of scripts/with-postgres.sh, initialised
# for Lumajang with the office registered. Needs BIN (the built iku and iku-regency) and
# IKU_TEST_POSTGRES; exports IKU_DB and IKU_REGENCY_POSTGRES and sets `key` to the public key.
regency_fixture() {
    local work=$1 rows=$2 actor=$3 database=$4
    export IKU_DB="$work/office.sqlite"
    "$BIN/iku" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari --actor "$actor" >/dev/null
    "$BIN/iku" key init --key "$work/office.key" --actor "$actor" >/dev/null
    python3 bench/generate-survey-csv.py "$rows" "$work/survey.csv"
    sed -i 's/^2026-/2025-/' "$work/survey.csv"
    "$BIN/iku" survey import "$work/survey.csv" --actor "$actor" >/dev/null
    "$BIN/iku" export --key "$work/office.key" --output "$work/all.iku-bundle" >/dev/null
    key=$("$BIN/iku" key show --key "$work/office.key" | tail -1)
    regency_database "$database"
}

# regency_database DATABASE: a fresh regency database DATABASE on the throwaway server, initialised
# for Lumajang with the office of `key` registered; exports IKU_REGENCY_POSTGRES for it.
regency_database() {
    local database=$1
    command psql -X -q -t -A -v ON_ERROR_STOP=1 "$IKU_TEST_POSTGRES" -c "CREATE DATABASE $database"
    export IKU_REGENCY_POSTGRES="${IKU_TEST_POSTGRES%/*}/$database"
    "$BIN/iku-regency" init --code 35.08 --name Lumajang >/dev/null
    "$BIN/iku-regency" office add --code 35.08.01 --name Tempursari --public-key "$key" >/dev/null
}
