#!/usr/bin/env bash
# Checks the printable report (`iku report --format html`) in a real headless browser: renders it
# in Indonesian and English to PNG (one A4 page at 150 dpi, 1240×1754) and to PDF with Chromium
# from Debian's packages, and fails on a console message (a script error or a blocked resource
# load) or an empty chart (fewer than 9 NRR bars, no trend line) in the DOM Chromium built, or
# when the signature block (place and date, position, name, rank, NIP) is not whole on the last
# page of the A4 PDF (pdftotext from poppler-utils, page by page).
#
#   scripts/check-html-report.sh                      # seeds a temporary database for 2025 and 2026
#   scripts/check-html-report.sh iku.sqlite 2026      # an existing database (read only), year 2026
#   OUT=/tmp/check scripts/check-html-report.sh       # where the HTML, PNG and PDF files are left
#
# Seeding uses iku's own record commands (village, submission, facilitation, survey import), so
# the audit chain of the seeded database verifies; without them, give a database. Installs
# chromium and poppler-utils with apt-get when they are missing. Exit codes: 0 checks passed; 1 a check failed;
# 2 cannot run here (no record commands and no database given, or no chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-$PWD/html-report-check}
DATABASE=${1:-}
YEAR=${2:-}

fail() { echo "check-html-report: FAIL: $*" >&2; exit 1; }
cannot() { echo "check-html-report: $*" >&2; exit 2; }

# ensure_package COMMAND PACKAGE: installs the Debian PACKAGE when COMMAND is missing.
ensure_package() {
    local command=$1 package=$2
    command -v "$command" >/dev/null && return
    echo "installing $package from Debian's packages…" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || cannot "$command is missing; install it with: apt-get install -y $package"
        sudo=sudo
    fi
    if ! $sudo apt-get install -y "$package" >&2; then
        $sudo apt-get update >&2
        $sudo apt-get install -y "$package" >&2 || cannot "could not install $package"
    fi
}

ensure_package chromium chromium
ensure_package pdftotext poppler-utils
echo "building iku…" >&2
swift build --product iku >&2
IKU=$(swift build --show-bin-path)/iku

WORK=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "keeping $WORK" >&2; else trap 'rm -rf "$WORK"' EXIT; fi
mkdir -p "$OUT"

# The seeded database: Kecamatan Tempursari's seven villages, 2025 and 2026.
# has_command [PARENT…] NAME: whether `iku PARENT… --help` lists the subcommand NAME.
has_command() {
    local name=${*: -1}
    "$IKU" "${@:1:$#-1}" --help 2>/dev/null | grep -qE "^  $name( |$)"
}

seed() {
    local missing=()
    has_command village || missing+=("village")
    has_command submission || missing+=("submission")
    has_command facilitation || missing+=("facilitation")
    has_command survey import || missing+=("survey import")
    if [ ${#missing[@]} -gt 0 ]; then
        cannot "this iku has no ${missing[*]} commands to seed a database with; give one: $0 DATABASE YEAR"
    fi
    export IKU_DB="$WORK/seed.sqlite" IKU_ACTOR=check-html-report IKU_NOW=2026-12-31T10:00:00Z
    "$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari >/dev/null
    local names=(Tegalrejo Bulurejo Purorejo Tempurejo Tempursari Pundungsari Kaliuling)
    local i
    for i in 1 2 3 4 5 6 7; do
        "$IKU" village add --code "35.08.01.200$i" --name "${names[$((i - 1))]}" >/dev/null
    done
    local year
    for year in 2025 2026; do
        # 80 survey responses a year, deterministic: mostly 3 and 4, element U5 weakest.
        awk -v year="$year" 'BEGIN {
            srand(year); OFS = ","
            split("KTP,KK,Akta Kelahiran,Surat Pindah", services, ",")
            split("SD,SMP,SMA,D1-D3,D4/S1,S2", levels, ",")
            split("PNS,SWASTA,WIRAUSAHA,LAINNYA", jobs, ",")
            print "date,service,u1,u2,u3,u4,u5,u6,u7,u8,u9,gender,age,education,occupation"
            for (n = 0; n < 80; n++) {
                line = sprintf("%d-%02d-%02d,%s", year, 1 + n % 12, 1 + (n * 7) % 28, services[1 + n % 4])
                for (u = 1; u <= 9; u++) {
                    r = rand() - (u == 5 ? 0.25 : 0) + (year - 2025) * 0.05
                    line = line "," (r < 0.05 ? 2 : r < 0.45 ? 3 : 4)
                }
                print line, (n % 2 ? "L" : "P"), 18 + (n * 13) % 50, levels[1 + n % 6], jobs[1 + n % 4]
            }
        }' > "$WORK/skm-$year.csv"
        "$IKU" survey import "$WORK/skm-$year.csv" >/dev/null
        # Four activities a year, the last one not followed up.
        local subjects=("Stunting" "Musrenbangdes" "Kamtibmas" "BUMDes")
        local institutions=("Puskesmas Tempursari" "Dinas PMD" "Polsek Tempursari" "Dinas Koperasi")
        for i in 0 1 2 3; do
            local id
            id=$("$IKU" facilitation add --date "$year-0$((i * 2 + 2))-1$i" --kind "$([ $((i % 2)) -eq 0 ] && echo koordinasi || echo fasilitasi)" \
                --institution "${institutions[$i]}" --subject "${subjects[$i]}" --section Pemerintahan | grep -o '[0-9]\+' | tail -1)
            if [ "$i" -lt 3 ]; then
                "$IKU" facilitation follow-up "$id" --date "$year-0$((i * 2 + 2))-2$i" --action "Surat edaran ke desa" >/dev/null
            fi
        done
        # The documents due in the year: LPPDesa year−1, RKPDesa and APBDesa year+1; some late,
        # Kaliuling's APBDesa 2027 missing.
        for i in 1 2 3 4 5 6 7; do
            local shift=$(( (i * 5 + year) % 11 - 7 ))
            "$IKU" submission add --village "35.08.01.200$i" --document lppdesa --year $((year - 1)) \
                --date "$(date -d "$year-03-31 $shift days" +%F)" >/dev/null
            "$IKU" submission add --village "35.08.01.200$i" --document rkpdesa --year $((year + 1)) \
                --date "$(date -d "$year-09-30 $((shift - 2)) days" +%F)" --reference "Perdes $i/$year" >/dev/null
            if [ "$year" -eq 2026 ] && [ "$i" -eq 7 ]; then continue; fi
            "$IKU" submission add --village "35.08.01.200$i" --document apbdesa --year $((year + 1)) \
                --date "$(date -d "$year-12-31 $((shift - 4)) days" +%F)" >/dev/null
        done
        "$IKU" target set --indicator ikm --year "$year" --value 85 >/dev/null
        "$IKU" target set --indicator facilitation --year "$year" --value 80 >/dev/null
        "$IKU" target set --indicator village-documents --year "$year" --value 75 >/dev/null
    done
    # The letterhead's address and the head of office who signs (a sample).
    if has_command office; then
        "$IKU" office set --address "Jl. Raya Tempursari No. 1, Kecamatan Tempursari, Kabupaten Lumajang" \
            --head-name "Drs. Contoh Nama Camat, M.Si. (data contoh)" --head-nip "19660228 199203 1 012" \
            --head-rank "Pembina Tingkat I (IV/b)" >/dev/null
    fi
    "$IKU" audit verify >/dev/null || fail "the seeded database does not verify"
    DATABASE="$IKU_DB"
    YEAR=2026
}

if [ -z "$DATABASE" ]; then
    seed
else
    [ -f "$DATABASE" ] || cannot "no database at $DATABASE"
    YEAR=${YEAR:-$(date +%Y)}
fi

# check LANG: renders the report in one language and checks it.
check() {
    local lang=$1 name="report-$1"
    local html="$OUT/$name.html"
    "$IKU" report --db "$DATABASE" --year "$YEAR" --format html --lang "$lang" --output "$html" --force
    local url="file://$html"
    local browser=(timeout 180 chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --no-first-run)
    "${browser[@]}" --enable-logging=stderr --v=0 --dump-dom "$url" >"$WORK/$name.dom" 2>"$WORK/$name.log" \
        || fail "chromium could not load $html (see $WORK/$name.log)"
    if grep -E ':CONSOLE|Uncaught|Refused to' "$WORK/$name.log" >&2; then
        fail "$lang: the browser console reported the messages above"
    fi
    local bars lines points
    bars=$(grep -o '<rect class="bar[ "]' "$WORK/$name.dom" | wc -l)
    lines=$(grep -o 'class="trend-line" data-series="[a-z_]*" d="M' "$WORK/$name.dom" | wc -l)
    points=$(grep -o 'class="point" data-series=' "$WORK/$name.dom" | wc -l)
    [ "$bars" -ge 9 ] || fail "$lang: the NRR chart has $bars bars, not 9"
    [ "$lines" -ge 1 ] || fail "$lang: the trend chart has no line"
    [ "$points" -ge 1 ] || fail "$lang: the trend chart has no point"
    grep -q 'class="band-limit"' "$WORK/$name.dom" || fail "$lang: the NRR chart has no band limits"
    grep -q '<table class="matrix">' "$WORK/$name.dom" || fail "$lang: no village × document matrix"
    if grep -Eq 'https?://' "$WORK/$name.dom"; then fail "$lang: the page refers to the network"; fi
    "${browser[@]}" --screenshot="$OUT/$name.png" --window-size=1240,1754 "$url" >/dev/null 2>&1 \
        || fail "$lang: no screenshot"
    "${browser[@]}" --no-pdf-header-footer --print-to-pdf="$OUT/$name.pdf" "$url" >/dev/null 2>&1 \
        || fail "$lang: no PDF"
    [ "$(head -c 8 "$OUT/$name.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || fail "$lang: the PNG is not a PNG"
    [ "$(stat -c %s "$OUT/$name.png")" -gt 50000 ] || fail "$lang: the PNG is nearly empty"
    [ "$(head -c 5 "$OUT/$name.pdf")" = "%PDF-" ] || fail "$lang: the PDF is not a PDF"
    local pages
    pages=$(pdfinfo "$OUT/$name.pdf" | awk '/^Pages:/ { print $2 }')
    check_signature "$lang" "$html" "$OUT/$name.pdf" "$pages"
    echo "$lang: $bars NRR bars, $lines trend lines with $points points, no console messages, $pages A4 pages," \
        "the signature block whole on page $pages"
}

# plain FILE: the text of a page or of HTML lines, unescaped, on one line with single spaces.
plain() {
    sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' "$1" | tr -s ' \n\f' '  '
}

# check_signature LANG HTML PDF PAGES: the first line of the signature block (place and date) and
# its last (the NIP, or what is missing) are printed on the last page, and the first on no other.
check_signature() {
    local lang=$1 html=$2 pdf=$3 pages=$4 page
    sed -n '/<div class="signature"/,/^<\/div>$/p' "$html" | sed -n 's/^<p class="[a-z-]*">\(.*\)<\/p>$/\1/p' \
        >"$WORK/signature-$lang.lines"
    [ "$(wc -l <"$WORK/signature-$lang.lines")" -ge 2 ] || fail "$lang: the page has no signature block"
    head -1 "$WORK/signature-$lang.lines" >"$WORK/first-$lang.line"
    tail -1 "$WORK/signature-$lang.lines" >"$WORK/last-$lang.line"
    local first last
    first=$(plain "$WORK/first-$lang.line"); first=${first% }
    last=$(plain "$WORK/last-$lang.line"); last=${last% }
    for page in $(seq 1 "$pages"); do
        pdftotext -f "$page" -l "$page" -enc UTF-8 "$pdf" "$WORK/page-$lang-$page.txt"
        local text
        text=$(plain "$WORK/page-$lang-$page.txt")
        if [ "$page" -eq "$pages" ]; then
            [[ "$text" == *"$first"* ]] || fail "$lang: \"$first\" is not on the last page ($page)"
            [[ "$text" == *"$last"* ]] || fail "$lang: \"$last\" is not on the last page ($page)"
        elif [[ "$text" == *"$first"* ]]; then
            fail "$lang: the signature block starts on page $page of $pages: it is split or not last"
        fi
    done
}

# The block must hold together wherever it falls: the Indonesian page again with a spacer of 0 to
# 240 mm before the block (steps shorter than the block, so at least one puts it across a page
# end), each printed to PDF and checked like the page itself.
check_signature_at_page_ends() {
    local spacer html pdf pages
    for spacer in 0 40 80 120 160 200 240; do
        html="$WORK/spacer-$spacer.html" pdf="$WORK/spacer-$spacer.pdf"
        sed "s|<div class=\"signature\" id=\"signature\">|<div style=\"height: ${spacer}mm\"></div>&|" \
            "$OUT/report-id.html" >"$html"
        timeout 180 chromium --headless --disable-gpu --no-sandbox --no-first-run --no-pdf-header-footer \
            --print-to-pdf="$pdf" "file://$html" >/dev/null 2>&1 || fail "spacer $spacer mm: no PDF"
        pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
        check_signature "id+${spacer}mm" "$html" "$pdf" "$pages"
    done
    echo "id: with 0 to 240 mm more before it, the signature block is still whole on the last page"
}

check id
check en
check_signature_at_page_ends
echo "ok: look at $OUT/report-id.png, $OUT/report-en.png and the PDFs"
