#!/usr/bin/env bash
# ParkGrid set-up for Debian 12. Installs what is missing (Debian packages, npm packages), builds, then
#   tools/bootstrap.sh run [csms flags...]   builds a Release csms and starts it on the embedded SQLite default
#   tools/bootstrap.sh test                  builds with sanitizers and warnings as errors, runs every test,
#                                            then fuzzes each libFuzzer target for 60 s (tools/fuzz.sh)
# Run as root on a fresh machine, or as a user with sudo once packages are installed.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-}"
shift || true

debian_packages=(
  g++ cmake ninja-build ccache pkg-config ca-certificates openssl
  libboost1.81-dev libboost-url1.81-dev nlohmann-json3-dev libsqlite3-dev libssl-dev
  libsimdjson-dev  # reads inbound OCPP frames without building a JSON tree
  libgoogle-perftools-dev  # tcmalloc for csms (PARKGRID_TCMALLOC)
  libglpk-dev  # the simulator's offline-optimum baseline (tools/simulator)
  libhowardhinnant-date-dev tzdata  # site time zones (tariff periods, departure times)
  libxlsxwriter-dev  # XLSX report files
)
test_packages=(libgtest-dev clang python3-openpyxl  # clang: libFuzzer for tools/fuzz.sh; openpyxl reads XLSX back
  chromium fonts-noto-cjk)  # the admin UI's browser tests (playwright-core drives Debian's chromium)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

install_node() {
  if ! command -v node >/dev/null 2>&1; then
    install_missing nodejs npm
  elif ! command -v npm >/dev/null 2>&1; then
    install_missing npm
  fi
}

jobs="$(nproc)"

# The admin UI is plain ES modules; npm fetches the chart library it loads and `npm run build` puts it in
# admin-ui/vendor/, which csms serves. Extra npm flags: `--omit=dev` leaves out the linter when only running.
build_admin_ui() {
  install_node
  npm ci --prefix admin-ui --no-audit --no-fund "$@"
  npm run build --prefix admin-ui
}

case "$mode" in
  run)
    install_missing "${debian_packages[@]}"
    build_admin_ui --omit=dev
    cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DPARKGRID_BUILD_TESTS=OFF
    cmake --build build/release --target csms -j "$jobs"
    echo "Starting csms (Ctrl-C stops it). Flags: build/release/server/csms --help"
    exec build/release/server/csms "$@"
    ;;
  test)
    install_missing "${debian_packages[@]}" "${test_packages[@]}"
    build_admin_ui
    npm ci --prefix tests/e2e --no-audit --no-fund
    npm ci --prefix tests/browser --no-audit --no-fund
    cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DPARKGRID_SANITIZE=ON -DPARKGRID_WARNINGS_AS_ERRORS=ON
    cmake --build build/test -j "$jobs"
    ctest --test-dir build/test --output-on-failure -j "$jobs"
    tools/fuzz.sh 60
    ;;
  *)
    echo "usage: tools/bootstrap.sh run [csms flags...] | tools/bootstrap.sh test" >&2
    exit 2
    ;;
esac
