#!/usr/bin/env bash
# Checks that every CSV iku writes for a spreadsheet (`--excel`) opens in a real spreadsheet as
# text, never as a formula (run on demand, not in CI). Seeds a temporary database through iku's
# own commands with stored text that starts like a formula (=, +, -, @, a tab, a carriage
# return; a suggestion `=HYPERLINK("http://…","klik")`), writes every list, `survey show`,
# `audit log` and the report with `--format csv --excel`, opens each file with LibreOffice Calc
# headless (Debian's libreoffice-calc-nogui, installed when missing) with formula evaluation on,
# saves it as a flat ODF spreadsheet and reads every cell back: no cell may hold a formula, and
# each hostile text must come back as text, exactly as stored (Calc takes the leading ' as the
# text marker) or with that '. As a control, the same listing in plain `--format csv` must come
# back with formulas: that shows the check can see one.
#
#   scripts/check-excel-csv.sh               # files left in ./excel-csv-check (or $OUT)
#
# Exit codes: 0 passed; 1 a check failed; 2 cannot run here (no LibreOffice).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-$PWD/excel-csv-check}
fail() { echo "check-excel-csv: FAIL: $*" >&2; exit 1; }
cannot() { echo "check-excel-csv: $*" >&2; exit 2; }

ensure_libreoffice() {
    command -v soffice >/dev/null && return
    echo "installing libreoffice-calc-nogui from Debian's packages…" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || cannot "LibreOffice is missing; install it with: apt-get install -y libreoffice-calc-nogui"
        sudo=sudo
    fi
    if ! $sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui >&2; then
        $sudo apt-get update >&2
        $sudo apt-get install -y --no-install-recommends libreoffice-calc-nogui >&2 || cannot "could not install LibreOffice"
    fi
}

ensure_libreoffice
echo "building iku…" >&2
swift build --product iku >&2
IKU=$(swift build --show-bin-path)/iku

WORK=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
rm -rf "$OUT"
mkdir -p "$OUT"
export IKU_DB="$WORK/check.sqlite" IKU_ACTOR="@petugas" IKU_NOW=2026-04-01T02:00:00Z
export HOME="$WORK/home"   # LibreOffice's profile, away from the user's

TAB=$'\t'
CR=$'\r'
HYPERLINK='=HYPERLINK("http://example.invalid/","klik")'
"$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari >/dev/null
"$IKU" village add --code 35.08.01.2005 --name=-Tempursari >/dev/null
"$IKU" village add --code 35.08.01.2001 --name "+Tegalrejo" >/dev/null
"$IKU" submission add --village 35.08.01.2005 --document rkpdesa --year 2027 --date 2026-03-30 \
    --reference "@Perdes 5/2026" --note "=1+1" >/dev/null
"$IKU" facilitation add --date 2026-03-02 --kind koordinasi --institution "+Puskesmas" --subject "=2*3" \
    --result=-hasil >/dev/null
"$IKU" survey add --date 2026-03-02 --service KTP --scores 4,3,4,4,3,4,4,3,4 --suggestion "$HYPERLINK" >/dev/null
"$IKU" survey add --date 2026-03-03 --service "@KK" --scores 3,3,3,3,3,3,3,3,3 --suggestion "=SUM(1;2)" >/dev/null
printf 'date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,suggestion\n2026-03-04,KTP,4,4,4,4,4,4,4,4,4,"%s=1+1"\n2026-03-04,KTP,4,4,4,4,4,4,4,4,4,"%s=1+1"\n' \
    "$TAB" "$CR" > "$WORK/tab.csv"
"$IKU" survey import "$WORK/tab.csv" >/dev/null

# The stored texts that start like a formula: each must come back as text.
EXPECTED="$WORK/expected.txt"
printf '%s\n' "-Tempursari" "+Tegalrejo" "@Perdes 5/2026" "=1+1" "+Puskesmas" "=2*3" "-hasil" \
    "$HYPERLINK" "@KK" "=SUM(1;2)" "@petugas" > "$EXPECTED"

declare -A FILES=(
    [village-list]="village list"
    [submission-list]="submission list"
    [facilitation-list]="facilitation list"
    [survey-list]="survey list"
    [survey-show]="survey show 1"
    [audit-log]="audit log"
    [report]="report --year 2026"
)
for name in "${!FILES[@]}"; do
    # shellcheck disable=SC2086
    "$IKU" ${FILES[$name]} --format csv --excel > "$OUT/$name.excel.csv"
done
"$IKU" survey list --format csv > "$OUT/control.plain.csv"

# Calc's CSV import: separator, quote, UTF-8, from line 1, …, token 13 "evaluate formulas" on.
convert() {
    local file=$1 separator=$2
    soffice --headless --norestore \
        --infilter="Text - txt - csv (StarCalc):$separator,34,76,1,,1033,false,false,false,false,false,-1,true" \
        --convert-to fods --outdir "$OUT" "$file" >/dev/null 2>&1 \
        || fail "LibreOffice could not open $file"
    [ -s "${file%.csv}.fods" ] || fail "LibreOffice wrote no spreadsheet for $file"
}
for name in "${!FILES[@]}"; do convert "$OUT/$name.excel.csv" 59; done
convert "$OUT/control.plain.csv" 44

python3 - "$OUT" "$EXPECTED" <<'PY'
import sys, xml.etree.ElementTree as ET
from pathlib import Path

out, expected_file = Path(sys.argv[1]), sys.argv[2]
expected = [line for line in open(expected_file, encoding="utf-8").read().split("\n") if line]
expected += ["\t=1+1", "\r=1+1"]
T = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"

def cells(path):
    """Every cell: (formula or None, value type, text as Calc holds it)."""
    for cell in ET.parse(path).iter(f"{{{T}}}table-cell"):
        paragraphs = cell.findall(f"{{{TEXT}}}p")
        def text(node):
            parts = [node.text or ""]
            for child in node:
                if child.tag == f"{{{TEXT}}}s":
                    parts.append(" " * int(child.get(f"{{{TEXT}}}c", "1")))
                elif child.tag == f"{{{TEXT}}}tab":
                    parts.append("\t")
                elif child.tag == f"{{{TEXT}}}line-break":
                    parts.append("\n")
                else:
                    parts.append(text(child))
                parts.append(child.tail or "")
            return "".join(parts)
        repeat = int(cell.get(f"{{{T}}}number-columns-repeated", "1"))
        for _ in range(min(repeat, 64)):
            yield cell.get(f"{{{T}}}formula"), cell.get(f"{{{OFFICE}}}value-type"), "\n".join(text(p) for p in paragraphs)

failures, seen = [], set()
for path in sorted(out.glob("*.excel.fods")):
    count = 0
    for formula, kind, text in cells(path):
        count += 1
        if formula:
            failures.append(f"{path.name}: a cell holds the formula {formula!r}")
        for original in expected:
            stripped = original.lstrip("\t\r")
            if text in (original, "'" + original) or (stripped != original and text.lstrip("'").lstrip("\t\r\n ") == stripped and kind == "string"):
                seen.add(original)
    print(f"{path.name}: {count} cells, no formula" if not any(f.startswith(path.name) for f in failures) else f"{path.name}: FORMULAS")
missing = [text for text in expected if text not in seen]
if missing:
    failures.append(f"stored texts not read back as text: {missing!r}")
control = [formula for formula, _, _ in cells(out / "control.plain.fods") if formula]
print(f"control (plain csv, not for spreadsheets): {len(control)} cells read as formulas, e.g. {control[:2]}")
if not control:
    failures.append("the control file shows no formula: this LibreOffice does not evaluate CSV formulas, so the check proves nothing")
for failure in failures:
    print("check-excel-csv: FAIL:", failure, file=sys.stderr)
if failures:
    sys.exit(1)
print(f"check-excel-csv: ok: {len(expected)} hostile texts read back as text from every --excel file")
PY
echo "files left in $OUT" >&2
