#!/usr/bin/env bash
# Builds iku the way users should run it and installs it:
#
#   scripts/install.sh              # into /usr/local/bin
#   scripts/install.sh ~/.local     # into ~/.local/bin
#
# A release build with the Swift runtime and Foundation linked statically
# (`--static-swift-stdlib`): the installed `iku` needs no Swift toolchain, only the system's
# libsqlite3 (Debian: libsqlite3-0), and starts in a fraction of the time a dynamically linked
# one takes (README, Performance). Every executable product of the package is installed into
# PREFIX/bin (`iku`, `iku-kiosk`, ...), except the build tools its plugins run at build time
# (MigrationEmbedder, which embeds migrations/*.sql).
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=${1:-/usr/local}
case "$PREFIX" in
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

BUILD=(swift build -c release --static-swift-stdlib)
echo "building release (Swift runtime linked statically)…" >&2
"${BUILD[@]}" >&2
BIN=$("${BUILD[@]}" --show-bin-path)

# The package's executable products (`swift package describe`), less its plugins' build tools.
mapfile -t PRODUCTS < <(swift package describe --type json | python3 -c '
import json, sys
package = json.load(sys.stdin)
tools = {name for target in package["targets"] if target["type"] == "plugin"
         for name in target.get("target_dependencies") or []}
for product in package["products"]:
    if "executable" in product["type"] and product["name"] not in tools:
        print(product["name"])
')
[ "${#PRODUCTS[@]}" -gt 0 ] || { echo "install: the package declares no executable product" >&2; exit 1; }

mkdir -p "$PREFIX/bin"
for product in "${PRODUCTS[@]}"; do
    [ -x "$BIN/$product" ] || { echo "install: the build made no $BIN/$product" >&2; exit 1; }
    install -m 0755 "$BIN/$product" "$PREFIX/bin/$product"
    echo "installed $PREFIX/bin/$product" >&2
done
"$PREFIX/bin/iku" --version >/dev/null
