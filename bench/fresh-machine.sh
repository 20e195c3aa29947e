#!/usr/bin/env bash
# Runs the README's two commands on a fresh machine, simulated: a Debian 12 root made with
# debootstrap that holds only what this machine's image has before the project touches it
# (the Rust toolchain, gcc, git, pyenv's Python 3.11 with pip, Debian's libclang-cpp14, the
# library bindgen must not take for libclang), and a clean clone of this repository. No
# target/, no cargo registry, no ~/.cache: whatever the commands need, scripts/deps.sh must
# install. Prints what each command took (wall, CPU, peak memory) and its exit status.
#
#   bench/fresh-machine.sh [ROOT]        (default /work/fresh/root; needs root and ~6 GB)
#   SETUP_ONLY=1 bench/fresh-machine.sh ROOT   makes the root and stops before the commands
#
# What the simulation lacks and a real machine has is copied from this one: the CA
# certificates and pip settings of this network, /etc/hosts (chromedriver reaches Chromium
# at localhost) and the PIP_*/SSL_* variables. pyshacl, owlrl and rdflib are taken out of the
# copied Python, so deps.sh has to install them.
set -euo pipefail
root=${1:-/work/fresh/root}
repo=$(cd "$(dirname "$0")/.." && pwd)
py=/root/.pyenv/versions/3.11.7

[ "$(id -u)" = 0 ] || { echo "fresh-machine: must run as root (debootstrap, chroot)" >&2; exit 2; }
[ ! -e "$root" ] || { echo "fresh-machine: $root exists; remove it or name another" >&2; exit 2; }
command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null

echo "fresh-machine: debootstrap bookworm into $root…"
debootstrap --variant=minbase \
  --include=ca-certificates,git,gcc,g++,make,libc6-dev,curl,procps,sudo,xz-utils,time,python3,libclang-cpp14 \
  bookworm "$root" http://deb.debian.org/debian > "$root.debootstrap.log" 2>&1 \
  || { echo "fresh-machine: debootstrap failed, see $root.debootstrap.log" >&2; exit 1; }

mkdir -p "$root/root/.rustup/toolchains" "$root/root/.cargo" "$root/root/.pyenv/versions"
toolchain=$(rustup show active-toolchain | cut -d' ' -f1)
cp -a "$HOME/.rustup/toolchains/$toolchain" "$root/root/.rustup/toolchains/"
cp -a "$HOME/.rustup/settings.toml" "$root/root/.rustup/"
cp -a "$HOME/.cargo/bin" "$root/root/.cargo/"
cp -a "$py" "$root/root/.pyenv/versions/"
chroot "$root" "$py/bin/pip" uninstall -y -q pyshacl owlrl rdflib prettytable html5rdf >/dev/null 2>&1 || true
cp /etc/resolv.conf /etc/hosts "$root/etc/"
cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/" 2>/dev/null || true
cp /usr/local/share/ca-certificates/* "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
chroot "$root" update-ca-certificates >/dev/null
[ ! -f /etc/pip.conf ] || cp /etc/pip.conf "$root/etc/pip.conf"
env | grep -E '^(PIP_[A-Z_]*|SSL_CERT_DIR|SSL_CERT_FILE|CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE|GIT_SSL_CAINFO|LANG)=' \
  | grep -v '^PIP_FIND_LINKS=' | sed "s/^/export /; s/=\(.*\)$/='\1'/" > "$root/root/machine-env.sh"
git clone -q "$repo" "$root/root/conflict-kg"

for m in proc sys dev dev/pts; do mount --bind "/$m" "$root/$m"; done
mount -t tmpfs tmpfs "$root/dev/shm"
trap 'for m in dev/shm dev/pts dev sys proc; do umount "$root/$m" 2>/dev/null || true; done' EXIT

run() {
  local name=$1 marker=$2
  chroot "$root" bash -c "
    . /root/machine-env.sh
    export HOME=/root PATH=/root/.cargo/bin:$py/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    cd /root/conflict-kg
    cmd=\$(sed -n '/^# $marker/{n;p}' README.md)
    /usr/bin/time -f '%e s wall, %U s user, %S s system, %M KiB peak' -o /root/$name.time \
      bash -c \"\$cmd\" > /root/$name.out 2> /root/$name.err < /dev/null" && rc=0 || rc=$?
  echo "$name: exit $rc, $(cat "$root/root/$name.time" | tail -1)  (output: $root/root/$name.{out,err})"
}
[ -z "${SETUP_ONLY:-}" ] || { echo "fresh-machine: $root is ready (SETUP_ONLY)"; exit 0; }
run first "Build the graph"
run second "Run the whole test suite"
