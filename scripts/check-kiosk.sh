#!/usr/bin/env bash
# Checks the kiosk in a real browser: installs Debian's chromium when missing, builds iku and
# iku-kiosk, makes a demo database with the office's services, starts iku-kiosk on loopback and
# has headless Chromium fill and submit the questionnaire like a respondent (taps on the answers,
# typed age and suggestion), land on the thank-you page and open the results page, with a
# screenshot of each page. Then checks the response is stored by kiosk:chromium, with the
# suggestion exactly as typed, and that the audit chain verifies.
#
# usage: scripts/check-kiosk.sh            (screenshots in ./kiosk-check, or $OUT)
#        WIDTH=1240 HEIGHT=1754 scripts/check-kiosk.sh   (a tablet-sized page; default 412x915, a phone)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-kiosk-check}
WIDTH=${WIDTH:-412}
HEIGHT=${HEIGHT:-915}

if ! command -v chromium >/dev/null; then
  echo "installing chromium from Debian..." >&2
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
for tool in sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "check-kiosk: needs $tool" >&2; exit 2; }
done

swift build --product iku >&2
swift build --product iku-kiosk >&2
BIN=$(swift build --show-bin-path)

mkdir -p "$OUT"
WORK=$(mktemp -d)
DB="$WORK/iku.sqlite"
KIOSK_PID=
cleanup() {
  if [ -n "$KIOSK_PID" ] && kill -0 "$KIOSK_PID" 2>/dev/null; then kill -TERM "$KIOSK_PID"; wait "$KIOSK_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

IKU_ACTOR=check-kiosk "$BIN/iku" demo --db "$DB" >/dev/null
for service in KTP "Kartu Keluarga" "Akta Kelahiran" SKTM "Surat Pindah" Legalisasi "IMB/PBG"; do
  IKU_ACTOR=check-kiosk "$BIN/iku" service add --db "$DB" --name "$service" >/dev/null
done

"$BIN/iku-kiosk" --db "$DB" --listen 127.0.0.1:0 --device chromium >"$WORK/kiosk.log" 2>&1 &
KIOSK_PID=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$WORK/kiosk.log" && break
  kill -0 "$KIOSK_PID" 2>/dev/null || { cat "$WORK/kiosk.log" >&2; exit 1; }
  sleep 0.1
done
URL=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$WORK/kiosk.log" | head -1)
[ -n "$URL" ] || { echo "check-kiosk: iku-kiosk did not start" >&2; cat "$WORK/kiosk.log" >&2; exit 1; }
echo "iku-kiosk at $URL"

python3 scripts/kiosk_browser.py "$(command -v chromium)" "$URL" "$OUT" "$WIDTH" "$HEIGHT"

stored=$(sqlite3 "$DB" "SELECT count(*) FROM survey_response_versions v JOIN changes c ON c.id = v.change_id
                        WHERE c.actor = 'kiosk:chromium' AND v.u1 = 4 AND v.u8 = 2 AND v.u9 = 3 AND v.gender = 'P'
                          AND v.age = 42 AND v.suggestion = 'Ruang tunggu sudah nyaman, terima kasih <b>petugas</b>!'")
[ "$stored" = 1 ] || { echo "check-kiosk: expected the browser's response stored once by kiosk:chromium, found $stored" >&2; exit 1; }
echo "stored: 1 response by kiosk:chromium, suggestion as typed"
"$BIN/iku" audit verify --db "$DB"
kill -TERM "$KIOSK_PID"
wait "$KIOSK_PID"
echo "iku-kiosk stopped with exit status $?"
echo "kiosk log:"
cat "$WORK/kiosk.log"
KIOSK_PID=
echo "screenshots in $OUT: $(ls "$OUT" | tr '\n' ' ')"
