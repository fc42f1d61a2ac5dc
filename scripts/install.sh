#!/usr/bin/env bash
# Builds iku the way users should run it and installs it:
#
#   scripts/install.sh              # into /usr/local/bin
#   scripts/install.sh ~/.local     # into ~/.local/bin
#
# A release build with the Swift runtime and Foundation linked statically
# (`--static-swift-stdlib`): the installed binaries need no Swift toolchain, only the system's
# libsqlite3 (Debian: libsqlite3-0), and start in a fraction of the time a dynamically linked
# one takes (README, Performance). `iku` itself, the command clerks run all day, is moreover
# linked as a static position-independent executable (static-pie, with the toolchain's lld):
# SQLite (libsqlite3-dev's libsqlite3.a), libstdc++ and glibc are linked in, so no dynamic
# loader runs at its start (its symbol look-ups were a quarter of one `survey add`), and the
# kernel still loads it at a random address (ASLR). It is built in a scratch path of its own
# (.build/static-pie). Every executable product of the package is installed into PREFIX/bin
# (`iku`, `iku-kiosk`, ...), except the build tools its plugins run at build time
# (MigrationEmbedder, which embeds migrations/*.sql).
set -euo pipefail
cd "$(dirname "$0")/.."

PREFIX=${1:-/usr/local}
case "$PREFIX" in
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac

BUILD=(swift build -c release --static-swift-stdlib)
# iku as a static-pie executable (bench/lib.sh builds it the same way). --disable-local-rpath:
# a static-pie binary must carry no RUNPATH (glibc's start-up asserts it); packed relative
# relocations (DT_RELR, read by the glibc linked in) make its self-relocation at start cheaper.
STATIC_PIE=(swift build -c release --static-swift-stdlib --scratch-path .build/static-pie --disable-local-rpath
            -Xswiftc -use-ld=lld -Xswiftc -Xclang-linker -Xswiftc -static-pie
            -Xlinker -z -Xlinker pack-relative-relocs)
echo "building release (Swift runtime linked statically)…" >&2
"${BUILD[@]}" >&2
BIN=$("${BUILD[@]}" --show-bin-path)
echo "building iku as a static-pie executable…" >&2
"${STATIC_PIE[@]}" --product iku >&2
STATIC_BIN=$("${STATIC_PIE[@]}" --show-bin-path)

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
    from=$BIN
    if [ "$product" = iku ]; then from=$STATIC_BIN; fi
    [ -x "$from/$product" ] || { echo "install: the build made no $from/$product" >&2; exit 1; }
    install -m 0755 "$from/$product" "$PREFIX/bin/$product"
    echo "installed $PREFIX/bin/$product" >&2
done
"$PREFIX/bin/iku" --version >/dev/null
