# Shared set-up of the harness scripts (sourced, not run): the release iku (or $IKU_BIN), a
# temporary folder removed on exit, and a fresh database there as $IKU_DB.
# Sets IKU_BIN and work.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ -z "${IKU_BIN:-}" ]; then
    swift build -c release --product iku >&2
    IKU_BIN="$(swift build -c release --show-bin-path)/iku"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export IKU_DB="$work/iku.sqlite"
"$IKU_BIN" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari --actor setup >/dev/null
