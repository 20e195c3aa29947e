#!/usr/bin/env bash
# Installs the one system package the build needs and a fresh machine lacks: libclang, used by
# bindgen when oxigraph's RocksDB bindings are compiled. Does nothing when it is already there.
set -euo pipefail

have_libclang() {
  compgen -G '/usr/lib/llvm-*/lib/libclang*.so*' >/dev/null ||
    compgen -G '/usr/lib/x86_64-linux-gnu/libclang*.so*' >/dev/null ||
    { [ -n "${LIBCLANG_PATH:-}" ] && compgen -G "$LIBCLANG_PATH/libclang*.so*" >/dev/null; }
}

if have_libclang && command -v cargo >/dev/null; then
  exit 0
fi
if ! command -v cargo >/dev/null; then
  echo "scripts/deps.sh: cargo is not on PATH; install the Rust toolchain first (https://rustup.rs)" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
echo "scripts/deps.sh: installing libclang-dev (needed to build RocksDB's bindings)…" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq libclang-dev >/dev/null
have_libclang || { echo "scripts/deps.sh: libclang still not found after install" >&2; exit 1; }
