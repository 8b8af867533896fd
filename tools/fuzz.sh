#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang in build/fuzz and runs each for SECONDS (default 60),
# starting from its seed corpus and dictionary. Fails on any crash, sanitizer report or broken invariant;
# the input that caused it is left in build/fuzz/findings/. Longer runs: docs/fuzzing.md.
#   tools/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  targets=(fuzz_ocpp_frame fuzz_http_router)
fi

build=build/fuzz
jobs="$(nproc)"

CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DPARKGRID_FUZZ=ON -DPARKGRID_BUILD_TESTS=OFF -DPARKGRID_WARNINGS_AS_ERRORS=ON >/dev/null
cmake --build "$build" --target "${targets[@]}" -j "$jobs"

mkdir -p "$build/findings"
for target in "${targets[@]}"; do
  seeds="fuzz/corpus/$target"
  # New inputs go to a scratch corpus so the checked-in seeds stay small and reviewed.
  work="$build/corpus/$target"
  mkdir -p "$work"
  dictionary="fuzz/${target#fuzz_}.dict"
  echo "== $target for ${seconds}s"
  "$build/fuzz/$target" "$work" "$seeds" -dict="$dictionary" -max_total_time="$seconds" -max_len=65536 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/findings/$target-"
done
echo "fuzzing found nothing in ${seconds}s per target"
