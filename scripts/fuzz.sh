#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for SECONDS (default 60) from the seed
# corpus. Exits non-zero on a crash, leaving the input in .build-fuzz-crashes/ for a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
root=$PWD
mkdir -p .build-fuzz-crashes
# The working corpora grow to thousands of inputs: they go when the script ends, however it ends.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for target in FuzzLoader FuzzUnderstanding; do
  (cd Fuzz && swift build -c release --scratch-path "$root/.build-fuzz" --product "$target" \
      --sanitize fuzzer --sanitize address >/dev/null)
  corpus="$scratch/$target"
  mkdir "$corpus"
  cp Fuzz/corpus/* "$corpus/"
  echo "fuzz: $target for ${seconds}s"
  (cd .build-fuzz-crashes && "$root/.build-fuzz/release/$target" "$corpus" -max_total_time="$seconds" \
      -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 2>&1 | grep -E "stat::|ERROR|SUMMARY|Done" || true)
  if ls .build-fuzz-crashes/crash-* .build-fuzz-crashes/timeout-* .build-fuzz-crashes/oom-* .build-fuzz-crashes/leak-* >/dev/null 2>&1; then
    echo "fuzz: $target found a crashing input:" .build-fuzz-crashes/*
    exit 1
  fi
done
