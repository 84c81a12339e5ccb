#!/bin/sh
# Copies the workspace's manifests and stand-ins for its target roots (src/lib.rs,
# src/main.rs, tests/*.rs, ...) from SRC to OUT, so the image's dependency layer is built from
# what changes rarely and stays cached while the source changes. Used by the Dockerfile's
# builder; POSIX sh so it runs in any rust image.
#
# Usage: cargo-skeleton.sh SRC OUT
set -eu
src=$1
out=$2
mkdir -p "$out"
cp "$src/Cargo.toml" "$src/Cargo.lock" "$out/"
cd "$src"
find crates -name Cargo.toml | while read -r manifest; do
  mkdir -p "$out/${manifest%/*}"
  cp "$manifest" "$out/$manifest"
done
# Cargo refuses a manifest whose declared targets have no file, so every target root gets a
# stand-in: binaries need a main, libraries and tests may be empty. Module files are left out,
# so adding one does not invalidate the dependency layer.
find crates -type f -name '*.rs' | while read -r file; do
  rel=${file#crates/*/}
  case "$rel" in
    src/main.rs | build.rs | src/bin/*/main.rs | examples/*/main.rs) stub='fn main() {}' ;;
    src/bin/*/* | examples/*/* | tests/*/*/* | benches/*/*/*) continue ;;
    src/bin/*.rs | examples/*.rs) stub='fn main() {}' ;;
    src/lib.rs | tests/*/main.rs | benches/*/main.rs) stub='' ;;
    tests/*/* | benches/*/*) continue ;;
    tests/*.rs | benches/*.rs) stub='' ;;
    *) continue ;;
  esac
  mkdir -p "$out/${file%/*}"
  printf '%s\n' "$stub" > "$out/$file"
done
