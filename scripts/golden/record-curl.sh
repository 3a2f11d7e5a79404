#!/usr/bin/env bash
# Records curl's usage errors from the real curl into test/golden/curl/ (one case a file:
# `$ curl ARGS`, then stdout+stderr, then `[exit N]`). Cases need no network.
set -u
out="$(dirname "$0")/../../test/golden/curl"
mkdir -p "$out"
cases=(
  ''
  '-s'
  '-o'
  '-sSLo'
  '-X'
  '-w'
  '--bogus http://x'
  '-Z9 http://x'
  '--output=x http://x'
  '-m abc http://x'
  '--connect-timeout x http://x'
  '-d x -I http://x'
  'ftp2://x'
  '-s ftp2://x'
  '-sS ftp2://x'
  'http://'
)
i=0
for c in "${cases[@]}"; do
  i=$((i + 1))
  f="$out/$(printf '%02d' "$i").txt"
  { printf '$ curl %s\n' "$c"; eval "curl $c" 2>&1; echo "[exit $?]"; } > "$f"
done
