#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine with only the Rust toolchain lacks, and nothing
# that is already there. Each check looks for the very thing that is used, never a look-alike:
#
# - libclang, loaded by bindgen (through clang-sys) while oxigraph's RocksDB bindings compile.
#   Found the way clang-sys 1.x finds it: `LIBCLANG_PATH` alone when it is set, otherwise
#   `llvm-config --prefix`, `LD_LIBRARY_PATH`, `LIBRARY_PATH` and the /usr/lib*, /usr/local/lib*
#   patterns; file names libclang.so, libclang-*.so, libclang.so.*, libclang-*.so.*, never
#   anything with "-cpp." in it (libclang-cpp is clang's C++ interface, not the C library
#   bindgen loads), and only a 64-bit ELF file. Debian's `libclang-dev` brings it, and clang's
#   builtin headers beside it.
# - pyshacl 0.40.1, run by the tests as `python3 -m pyshacl`: checked by running exactly that.
# - oxigraph server 0.5.13, which the `ckg push` tests start: the `oxigraph` binary of the PyPI
#   wheel `oxigraph==0.5.13`, in a venv at ~/.cache/conflict-kg/oxigraph-0.5.13 (or
#   $XDG_CACHE_HOME/conflict-kg/…), or wherever CKG_OXIGRAPH points. Checked by running
#   `oxigraph --version` and reading "oxigraph 0.5.13".
# - Virtuoso Open Source 7, which the `ckg push` tests start: `virtuoso-t` (CKG_VIRTUOSO) and
#   `isql-vt` (CKG_ISQL), from Debian's virtuoso-opensource-7-bin (installed with
#   --no-install-recommends: the binaries only, no service, no password prompt). Checked by
#   running `virtuoso-t +help` (banner "Virtuoso Open Source Edition", "Version 7.") and
#   `isql-vt -?` (banner "Interactive SQL (Virtuoso)").
# - Chromium and its WebDriver, which the `ckg serve` browser test drives headless: `chromium`
#   (CKG_CHROMIUM) and `chromedriver` (CKG_CHROMEDRIVER), from Debian's chromium and
#   chromium-driver. Checked by running `chromium --version` ("Chromium N…") and
#   `chromedriver --version` ("ChromeDriver N…"), with the same major version N (a driver
#   drives only its own browser version).
#
# Usage: scripts/deps.sh           check, install what is missing, check again
#        scripts/deps.sh --check   check only; exit 1 naming what is missing
#
# CKG_DEPS_ROOT=DIR makes the libclang search look under DIR instead of / (the tests lay out
# fake trees there to prove the detection on a machine that has, or lacks, the library);
# CKG_OXIGRAPH, CKG_VIRTUOSO, CKG_ISQL, CKG_CHROMIUM and CKG_CHROMEDRIVER name the binaries (the tests point them at
# missing files and look-alikes to prove those checks).
# Exit codes: 0 everything present; 1 something is missing and could not be installed.
set -euo pipefail

root="${CKG_DEPS_ROOT:-}"
pyshacl_version="0.40.1"
oxigraph_version="0.5.13"
oxigraph_venv="${XDG_CACHE_HOME:-$HOME/.cache}/conflict-kg/oxigraph-$oxigraph_version"
oxigraph_bin="${CKG_OXIGRAPH:-$oxigraph_venv/bin/oxigraph}"
virtuoso_bin="${CKG_VIRTUOSO:-virtuoso-t}"
isql_bin="${CKG_ISQL:-isql-vt}"
chromium_bin="${CKG_CHROMIUM:-chromium}"
chromedriver_bin="${CKG_CHROMEDRIVER:-chromedriver}"
check_only=false
case "${1:-}" in
  --check) check_only=true ;;
  "") ;;
  -h | --help)
    sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "scripts/deps.sh: unknown argument '$1' (try --help)" >&2
    exit 2
    ;;
esac

say() { echo "scripts/deps.sh: $*" >&2; }

# True when $1 is a 64-bit ELF file (what clang-sys's validate_library accepts on x86_64/aarch64).
is_elf64() {
  [ -f "$1" ] && [ -r "$1" ] || return 1
  local magic
  magic=$(head -c 5 -- "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')
  [ "$magic" = "7f454c4602" ]
}

# Prints the libclang files clang-sys would accept in directory $1, one a line.
libclang_in_dir() {
  local dir=$1 f name
  [ -d "$dir" ] || return 0
  for f in "$dir"/libclang.so "$dir"/libclang-*.so "$dir"/libclang.so.* "$dir"/libclang-*.so.*; do
    [ -e "$f" ] || continue
    name=${f##*/}
    case "$name" in *-cpp.*) continue ;; esac
    is_elf64 "$f" && printf '%s\n' "$f"
  done
  return 0
}

# Prints every libclang clang-sys would accept, in its order of search.
find_libclang() {
  if [ -n "${LIBCLANG_PATH:-}" ]; then
    # clang-sys searches only LIBCLANG_PATH when it is set: a file, or a directory.
    if [ -f "$LIBCLANG_PATH" ]; then
      libclang_in_dir "$(dirname -- "$LIBCLANG_PATH")" | grep -Fx -- "$LIBCLANG_PATH" || true
    else
      libclang_in_dir "$LIBCLANG_PATH"
    fi
    return 0
  fi
  local llvm_config=${LLVM_CONFIG_PATH:-llvm-config} prefix d
  if prefix=$("$llvm_config" --prefix 2>/dev/null); then
    prefix=$(printf '%s\n' "$prefix" | head -n 1)
    for d in "$prefix/bin" "$prefix/lib" "$prefix/lib64"; do libclang_in_dir "$d"; done
  fi
  local IFS=:
  for d in ${LD_LIBRARY_PATH:-} ${LIBRARY_PATH:-}; do libclang_in_dir "$d"; done
  unset IFS
  shopt -s nullglob
  for d in "$root"/usr/local/llvm*/lib* "$root"/usr/local/lib*/*/* "$root"/usr/local/lib*/* \
    "$root"/usr/local/lib* "$root"/usr/lib*/*/* "$root"/usr/lib*/* "$root"/usr/lib*; do
    libclang_in_dir "$d"
  done
  shopt -u nullglob
}

# Sets libclang_status to "ok: PATH" or to why it is missing.
check_libclang() {
  local found
  found=$(find_libclang)
  if [ -z "$found" ]; then
    libclang_status="no libclang that bindgen accepts (libclang.so, libclang-N.so, libclang.so.N; not libclang-cpp)"
    return 1
  fi
  libclang_status="ok: $(head -n 1 <<<"$found")"
}

check_pyshacl() {
  local out
  if ! out=$(python3 -m pyshacl --version 2>&1); then
    pyshacl_status="'python3 -m pyshacl' does not run"
    return 1
  fi
  case "$out" in
    *"$pyshacl_version"*) pyshacl_status="ok: pyshacl $pyshacl_version" ;;
    *)
      pyshacl_status="'python3 -m pyshacl' is $out, the tests pin $pyshacl_version"
      return 1
      ;;
  esac
}

check_oxigraph() {
  local out
  if ! command -v "$oxigraph_bin" >/dev/null 2>&1; then
    oxigraph_status="no oxigraph at $oxigraph_bin"
    return 1
  fi
  if ! out=$("$oxigraph_bin" --version 2>&1); then
    oxigraph_status="'$oxigraph_bin --version' does not run"
    return 1
  fi
  case "$out" in
    "oxigraph $oxigraph_version"*) oxigraph_status="ok: $oxigraph_bin ($out)" ;;
    *)
      oxigraph_status="'$oxigraph_bin --version' says '$out', the tests pin oxigraph $oxigraph_version"
      return 1
      ;;
  esac
}

check_virtuoso() {
  local out
  if ! command -v "$virtuoso_bin" >/dev/null 2>&1; then
    virtuoso_status="no $virtuoso_bin (not on PATH, or no such file)"
    return 1
  fi
  if ! command -v "$isql_bin" >/dev/null 2>&1; then
    virtuoso_status="no $isql_bin (not on PATH, or no such file); the tests stop Virtuoso with it"
    return 1
  fi
  # `virtuoso-t +help` prints its banner and usage, and exits 1.
  out=$("$virtuoso_bin" +help 2>&1 | head -n 2) || true
  case "$out" in
    *"Virtuoso Open Source Edition"*"Version 7."*) ;;
    "")
      virtuoso_status="'$virtuoso_bin +help' does not run"
      return 1
      ;;
    *)
      virtuoso_status="'$virtuoso_bin +help' is not Virtuoso Open Source 7: $(head -n 1 <<<"$out")"
      return 1
      ;;
  esac
  local isql
  if ! isql=$("$isql_bin" -? 2>&1 | head -n 2) || [[ "$isql" != *"Interactive SQL (Virtuoso)"* ]]; then
    virtuoso_status="'$isql_bin -?' does not run as Virtuoso's isql (it stops the test servers)"
    return 1
  fi
  virtuoso_status="ok: $(command -v "$virtuoso_bin") ($(sed -n 2p <<<"$out")), $(command -v "$isql_bin")"
}

check_chromium() {
  local out dout
  if ! command -v "$chromium_bin" >/dev/null 2>&1; then
    chromium_status="no $chromium_bin (not on PATH, or no such file)"
    return 1
  fi
  if ! command -v "$chromedriver_bin" >/dev/null 2>&1; then
    chromium_status="no $chromedriver_bin (not on PATH, or no such file); the browser test drives Chromium with it"
    return 1
  fi
  out=$("$chromium_bin" --version 2>/dev/null | grep -m1 '^Chromium ') || true
  if [[ ! "$out" =~ ^Chromium\ ([0-9]+)\. ]]; then
    chromium_status="'$chromium_bin --version' does not say 'Chromium N.…'"
    return 1
  fi
  local major=${BASH_REMATCH[1]}
  dout=$("$chromedriver_bin" --version 2>/dev/null | grep -m1 '^ChromeDriver ') || true
  if [[ ! "$dout" =~ ^ChromeDriver\ ([0-9]+)\. ]]; then
    chromium_status="'$chromedriver_bin --version' does not say 'ChromeDriver N.…'"
    return 1
  fi
  if [ "${BASH_REMATCH[1]}" != "$major" ]; then
    chromium_status="$chromedriver_bin is ChromeDriver ${BASH_REMATCH[1]} but $chromium_bin is Chromium $major; a driver drives only its own version"
    return 1
  fi
  chromium_status="ok: $(command -v "$chromium_bin") ($out), $(command -v "$chromedriver_bin")"
}

# Sets the array sudo to what runs apt as root, or says why it cannot (naming $1) and exits.
need_root() {
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      say "missing $1, and neither root nor password-less sudo to install it; run: sudo apt-get install --no-install-recommends $2"
      exit 1
    fi
  fi
}

apt_updated=false
# apt_install WHAT PACKAGE…: installs Debian packages (no recommends), or exits naming WHAT.
apt_install() {
  local what=$1 log
  shift
  need_root "$what" "$*"
  export DEBIAN_FRONTEND=noninteractive
  if ! $apt_updated; then
    if ! log=$("${sudo[@]}" apt-get update -qq 2>&1); then
      say "missing $what; 'apt-get update' failed ($(tail -n 1 <<<"$log")); run: sudo apt-get install --no-install-recommends $*"
      exit 1
    fi
    apt_updated=true
  fi
  if ! log=$("${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" 2>&1); then
    say "missing $what; 'apt-get install $*' failed ($(tail -n 1 <<<"$log"))"
    exit 1
  fi
}

check_cargo() {
  if command -v cargo >/dev/null 2>&1; then
    cargo_status="ok: $(command -v cargo)"
  else
    cargo_status="cargo is not on PATH"
    return 1
  fi
}

# The direct dependencies of Debian package $1 whose names start with libclang.
clang_deps() {
  dpkg-query -W -f='${Depends}' "$1" 2>/dev/null | tr ',|' '\n\n' | sed 's/^ *//;s/[ (].*//' |
    grep '^libclang' || true
}

missing=()
check_cargo || missing+=(cargo)
check_libclang || missing+=(libclang)
check_pyshacl || missing+=(pyshacl)
check_oxigraph || missing+=(oxigraph)
check_virtuoso || missing+=(virtuoso)
check_chromium || missing+=(chromium)

if $check_only; then
  echo "cargo: $cargo_status"
  echo "libclang: $libclang_status"
  echo "pyshacl: $pyshacl_status"
  echo "oxigraph: $oxigraph_status"
  echo "virtuoso: $virtuoso_status"
  echo "chromium: $chromium_status"
  [ ${#missing[@]} -eq 0 ]
  exit $?
fi

[ ${#missing[@]} -eq 0 ] && exit 0

for m in "${missing[@]}"; do
  case "$m" in
    cargo)
      say "$cargo_status; install the Rust toolchain first (rustup), then run this again"
      exit 1
      ;;
    libclang)
      sudo=()
      if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
          sudo=(sudo -n)
        else
          say "missing libclang, and neither root nor password-less sudo to install it; run: sudo apt-get install libclang-dev"
          exit 1
        fi
      fi
      say "$libclang_status: installing Debian's libclang-dev…"
      export DEBIAN_FRONTEND=noninteractive
      if ! log=$("${sudo[@]}" apt-get update -qq 2>&1); then
        say "missing libclang; 'apt-get update' failed ($(tail -n 1 <<<"$log")); run: sudo apt-get install libclang-dev"
        exit 1
      fi
      if ! log=$("${sudo[@]}" apt-get install -y -qq libclang-dev 2>&1); then
        say "missing libclang; 'apt-get install libclang-dev' failed ($(tail -n 1 <<<"$log"))"
        exit 1
      fi
      if ! check_libclang; then
        # Installed in dpkg's eyes but the files are gone: reinstall the packages that hold them
        # (libclang-dev → libclang-N-dev → libclang1-N, libclang-common-N-dev).
        pkgs=(libclang-dev)
        for p in libclang-dev $(clang_deps libclang-dev); do pkgs+=($(clang_deps "$p")); done
        "${sudo[@]}" apt-get install -y -qq --reinstall "${pkgs[@]}" >/dev/null 2>&1 || true
        if ! check_libclang; then
          say "libclang-dev is installed but still: $libclang_status; set LIBCLANG_PATH to the directory of libclang.so"
          exit 1
        fi
      fi
      say "libclang: $libclang_status"
      ;;
    pyshacl)
      say "$pyshacl_status: installing pyshacl $pyshacl_version (SHACL validation in the tests)…"
      if ! log=$(python3 -m pip install --quiet --disable-pip-version-check "pyshacl==$pyshacl_version" 2>&1); then
        if grep -q externally-managed <<<"$log"; then
          say "missing pyshacl; this python3 is managed by the system (PEP 668); run: python3 -m pip install --user --break-system-packages 'pyshacl==$pyshacl_version', or put a virtualenv's python3 first on PATH"
        else
          say "missing pyshacl; pip failed ($(tail -n 1 <<<"$log")); run: python3 -m pip install 'pyshacl==$pyshacl_version'"
        fi
        exit 1
      fi
      if ! check_pyshacl; then
        say "pyshacl installed but still: $pyshacl_status"
        exit 1
      fi
      ;;
    oxigraph)
      if [ -n "${CKG_OXIGRAPH:-}" ]; then
        say "$oxigraph_status; CKG_OXIGRAPH points there, so nothing is installed: unset it to get oxigraph $oxigraph_version in $oxigraph_venv"
        exit 1
      fi
      say "$oxigraph_status: installing oxigraph $oxigraph_version (PyPI wheel with the server binary) into $oxigraph_venv…"
      if [ ! -x "$oxigraph_venv/bin/pip" ]; then
        if ! log=$(python3 -m venv --clear "$oxigraph_venv" 2>&1); then
          if grep -q ensurepip <<<"$log"; then
            # Debian's python3 makes venvs only with python3-venv.
            apt_install "oxigraph (python3 -m venv needs python3-venv)" python3-venv
            log=$(python3 -m venv --clear "$oxigraph_venv" 2>&1) || {
              say "missing oxigraph; 'python3 -m venv $oxigraph_venv' failed ($(tail -n 1 <<<"$log"))"
              exit 1
            }
          else
            say "missing oxigraph; 'python3 -m venv $oxigraph_venv' failed ($(tail -n 1 <<<"$log"))"
            exit 1
          fi
        fi
      fi
      if ! log=$("$oxigraph_venv/bin/pip" install --quiet --disable-pip-version-check "oxigraph==$oxigraph_version" 2>&1); then
        say "missing oxigraph; pip failed ($(tail -n 1 <<<"$log")); run: $oxigraph_venv/bin/pip install 'oxigraph==$oxigraph_version'"
        exit 1
      fi
      if ! check_oxigraph; then
        say "oxigraph installed but still: $oxigraph_status"
        exit 1
      fi
      ;;
    virtuoso)
      if [ -n "${CKG_VIRTUOSO:-}${CKG_ISQL:-}" ]; then
        say "$virtuoso_status; CKG_VIRTUOSO/CKG_ISQL point there, so nothing is installed"
        exit 1
      fi
      say "$virtuoso_status: installing Debian's virtuoso-opensource-7-bin (the binaries only)…"
      apt_install "Virtuoso (virtuoso-t, isql-vt)" virtuoso-opensource-7-bin
      if ! check_virtuoso; then
        say "virtuoso-opensource-7-bin is installed but still: $virtuoso_status"
        exit 1
      fi
      ;;
    chromium)
      if [ -n "${CKG_CHROMIUM:-}${CKG_CHROMEDRIVER:-}" ]; then
        say "$chromium_status; CKG_CHROMIUM/CKG_CHROMEDRIVER point there, so nothing is installed"
        exit 1
      fi
      say "$chromium_status: installing Debian's chromium and chromium-driver (the ckg serve browser test)…"
      apt_install "Chromium (chromium, chromedriver)" chromium chromium-driver
      if ! check_chromium; then
        say "chromium and chromium-driver are installed but still: $chromium_status"
        exit 1
      fi
      ;;
  esac
done
exit 0
