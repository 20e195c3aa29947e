#!/usr/bin/env bash
# Installs what a fresh machine with only the Rust toolchain lacks, and nothing when it is there:
# - libclang (Debian's libclang-dev), used by bindgen when oxigraph's RocksDB bindings compile;
# - pyshacl (PyPI), the SHACL engine tests/shacl.rs runs to check the built graph against
#   ontology/shapes.ttl (there is no maintained SHACL engine in Rust).
set -euo pipefail

if ! python3 -c 'import pyshacl' 2>/dev/null; then
  echo "scripts/deps.sh: installing pyshacl (SHACL validation in the tests)…" >&2
  python3 -m pip install --quiet --disable-pip-version-check 'pyshacl==0.40.1'
fi

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
