#!/usr/bin/env bash
# Builds a statically linked release binary of workspace-mcp on the host and copies it to
# dist/workspace-mcp, for the container image's `prebuilt` stage
# (`docker build --build-arg BUILD_STAGE=prebuilt .`).
#
# musl when its Rust target is installed (plus musl-tools for the C in ring), otherwise glibc
# with `+crt-static`: CI machines have no musl target and rustup cannot download one there.
# Names are resolved by getaddrinfo: a static glibc cannot load NSS modules, but from 2.34 on
# its `files` and `dns` lookups are part of libc itself, which is all a container needs
# (/etc/hosts and /etc/resolv.conf come from the runtime). Older glibc is refused below.
#
# Usage: scripts/build-static.sh            (from anywhere; prints size, build time, proof)
# Env:   CARGO_TARGET_DIR  as usual (default: the workspace's target/)
#        STATIC_TARGET     force a target triple (x86_64-unknown-linux-musl or -gnu)
#        STATIC_FEATURES   cargo features of workspace-mcp to build with (e.g. `valkey`)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

arch="$(uname -m)"
target="${STATIC_TARGET:-}"
if [[ -z "$target" ]]; then
  if rustup target list --installed 2>/dev/null | grep -qx "${arch}-unknown-linux-musl" && command -v musl-gcc >/dev/null; then
    target="${arch}-unknown-linux-musl"
  else
    target="${arch}-unknown-linux-gnu"
  fi
fi

# Only the target's code gets these flags: with --target, build scripts and proc macros are
# host artifacts and stay dynamic (they could not load as static objects).
rustflags="${RUSTFLAGS:-}"
if [[ "$target" == *-gnu ]]; then
  rustflags="$rustflags -C target-feature=+crt-static"
  # rustc links with LLD here; identical code folding merges functions whose machine code is the
  # same (generic copies above all): 167 KB off the binary (BENCHMARKS.md §7).
  rustflags="$rustflags -C link-arg=-Wl,--icf=all"
  # A static-pie carries one 24-byte relocation per pointer in its read-only data (1.4 MB
  # here); packed (RELR, glibc >= 2.36 relocates them itself) they take a few KB.
  glibc="$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')"
  if [[ "$(printf '%s\n' 2.34 "${glibc:-0}" | sort -V | head -1)" != 2.34 ]]; then
    echo "build-static: glibc ${glibc:-unknown} is older than 2.34: a static binary could not resolve host names" >&2
    exit 1
  fi
  # ld's help is read whole before grep looks at it: `ld --help | grep -q` under pipefail fails
  # whenever grep exits before ld has written everything (SIGPIPE), dropping the flag at random.
  ld_help="$(ld --help 2>/dev/null || true)"
  if grep -q 'pack-relative-relocs' <<<"$ld_help" \
    && [[ "$(printf '%s\n' 2.36 "${glibc:-0}" | sort -V | head -1)" == 2.36 ]]; then
    rustflags="$rustflags -C link-arg=-Wl,-z,pack-relative-relocs"
  fi
fi

features=()
[[ -n "${STATIC_FEATURES:-}" ]] && features=(--features "$STATIC_FEATURES")
echo "build-static: cargo build --release --target $target -p workspace-mcp ${features[*]} (RUSTFLAGS='${rustflags# }')"
start=$(date +%s)
RUSTFLAGS="${rustflags# }" cargo build --locked --release --target "$target" -p workspace-mcp "${features[@]}"
elapsed=$(( $(date +%s) - start ))

target_dir="${CARGO_TARGET_DIR:-target}"
bin="$target_dir/$target/release/workspace-mcp"
[[ -x "$bin" ]] || { echo "build-static: no binary at $bin" >&2; exit 1; }

# Prove it is static: the image has no loader and no libc to fall back on.
ldd_out="$(ldd "$bin" 2>&1 || true)"
if ! grep -qE "not a dynamic executable|statically linked" <<<"$ldd_out"; then
  echo "build-static: $bin is dynamically linked:" >&2
  echo "$ldd_out" >&2
  exit 1
fi
if command -v file >/dev/null; then
  file_out="$(file -L "$bin")"
  if grep -q "dynamically linked" <<<"$file_out" && ! grep -q "static-pie" <<<"$file_out"; then
    echo "build-static: file(1) says dynamic: $file_out" >&2
    exit 1
  fi
  echo "build-static: file: ${file_out#*: }"
fi
echo "build-static: ldd: $(tr -d '\t' <<<"$ldd_out")"

mkdir -p dist
# Copy to a temp name then rename, so a concurrent docker build never sees half a file.
cp "$bin" dist/.workspace-mcp.tmp
# The unwind tables (.eh_frame, 1.8 MB) serve only unwinding, which panic = "abort" never does;
# without them a panic still prints its message and aborts, minus the backtrace frames. The
# language-specific tables (.gcc_except_table) are read only while unwinding too.
if command -v objcopy >/dev/null; then
  objcopy --remove-section=.eh_frame --remove-section=.eh_frame_hdr --remove-section=.gcc_except_table dist/.workspace-mcp.tmp
fi
mv -f dist/.workspace-mcp.tmp dist/workspace-mcp
size=$(stat -c %s dist/workspace-mcp)
printf 'build-static: dist/workspace-mcp %s bytes (%.2f MiB), %s, built in %ss\n' \
  "$size" "$(awk "BEGIN{print $size/1048576}")" "$target" "$elapsed"
