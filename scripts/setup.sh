#!/usr/bin/env bash
# Installs what reportgen needs that a fresh Debian/Ubuntu machine with Swift 6 lacks
# (Debian's libcmark-dev and pkg-config, and libmimalloc-dev, the faster allocator the release
# build links when it is there), then builds the sample site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
dpkg -s libcmark-dev >/dev/null 2>&1 || need+=(libcmark-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
dpkg -s libmimalloc-dev >/dev/null 2>&1 || need+=(libmimalloc-dev)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  # libmimalloc-dev is optional (Ubuntu has it in universe): without it the build uses glibc's allocator.
  if ! DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null 2>&1; then
    required=()
    for package in "${need[@]}"; do [ "$package" = libmimalloc-dev ] || required+=("$package"); done
    [ ${#required[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${required[@]}" >/dev/null
  fi
fi
scripts/build-release.sh
.build/release/reportgen build
