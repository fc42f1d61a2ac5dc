#!/usr/bin/env bash
# Checks the blank questionnaire (`iku survey template --format html`) in a real browser:
# renders it with headless Chromium (Debian's chromium, installed when missing) to PNG
# (1240×1754, one A4 page at 150 dpi) and PDF, and fails on any console message (a script
# error or a resource the Content-Security-Policy blocked), a page that refers to the network,
# fewer than 9 questions with 4 answers each, or a PDF of more than one A4 page. The files are
# left in ./survey-template-check (or $OUT) to look at.
#
#   scripts/check-survey-template.sh
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${OUT:-$PWD/survey-template-check}
fail() { echo "check-survey-template: FAIL: $*" >&2; exit 1; }

if ! command -v chromium >/dev/null; then
    echo "installing chromium from Debian's packages…" >&2
    apt-get install -y chromium >&2 || { apt-get update >&2 && apt-get install -y chromium >&2; } \
        || { echo "check-survey-template: could not install chromium" >&2; exit 2; }
fi
echo "building iku…" >&2
swift build --product iku >&2
IKU=$(swift build --show-bin-path)/iku

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
export IKU_DB="$WORK/t.sqlite" IKU_ACTOR=check-survey-template IKU_NOW=2026-12-02T03:00:00Z
"$IKU" init --kecamatan-code 35.08.01 --kecamatan-name Tempursari >/dev/null
printf ':layanan KTP\n434434434\n:layanan KK\n444444444\n:layanan Akta Kelahiran\n333333333\n' \
    | "$IKU" survey entry --date 2026-12-01 >/dev/null
"$IKU" survey template --format html --output "$OUT/kuesioner.html" --force

browser=(timeout 180 chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --no-first-run)
url="file://$OUT/kuesioner.html"
"${browser[@]}" --enable-logging=stderr --v=0 --dump-dom "$url" >"$WORK/dom.html" 2>"$WORK/dom.log" \
    || fail "chromium could not load the page (see $WORK/dom.log)"
if grep -E ':CONSOLE|Uncaught|Refused to' "$WORK/dom.log" >&2; then fail "the browser console reported the messages above"; fi
if grep -Eq 'https?://' "$WORK/dom.html"; then fail "the page refers to the network"; fi
questions=$(grep -o '<li><p class="q">' "$WORK/dom.html" | wc -l)
answers=$(grep -o '<span class="box">[a-d]\. ' "$WORK/dom.html" | wc -l)
[ "$questions" -eq 9 ] && [ "$answers" -eq 36 ] || fail "$questions questions and $answers answers (9 and 36 expected)"
for service in KTP KK "Akta Kelahiran"; do
    grep -q "<span class=\"box\">$service</span>" "$WORK/dom.html" || fail "the service $service is not offered"
done
"${browser[@]}" --screenshot="$OUT/kuesioner.png" --window-size=1240,1754 "$url" >/dev/null 2>&1 || fail "no screenshot"
"${browser[@]}" --print-to-pdf="$OUT/kuesioner.pdf" --no-pdf-header-footer "$url" >/dev/null 2>&1 || fail "no PDF"
pages=$(python3 -c 'import re, sys; print(len(re.findall(rb"/Type\s*/Page(?!s)", open(sys.argv[1], "rb").read())))' "$OUT/kuesioner.pdf")
[ "$pages" -eq 1 ] || fail "the PDF has $pages pages (one A4 page expected)"
echo "ok: 9 questions with 36 answers, 3 services offered, no console messages, one A4 page; files in $OUT"
