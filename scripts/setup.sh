#!/usr/bin/env bash
# Installs what reportgen needs that a fresh Debian/Ubuntu machine with Swift 6 lacks
# (Debian's libcmark-dev and pkg-config), then builds the sample site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
dpkg -s libcmark-dev >/dev/null 2>&1 || need+=(libcmark-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
scripts/build-release.sh
.build/release/reportgen build
