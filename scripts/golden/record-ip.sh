#!/usr/bin/env bash
# Records the real ip (iproute2) on this machine into test/golden/ip/: machine.json describes the
# machine's links and routes (ip -j), and each case file is `$ ip ARGS`, then stdout+stderr, then
# `[exit N]`. test/shell/ip.test.ts gives our ip the same links and routes and expects the same
# text. Run as root (route get reports the uid) with COLORFGBG unset (ip -c's light palette).
set -u
out="$(dirname "$0")/../../test/golden/ip"
mkdir -p "$out"
unset COLORFGBG
{ printf '{"links":'; ip -j addr; printf ',"routes":'; ip -j route; printf '}\n'; } > "$out/machine.json"
cases=(
  'a' 'addr' 'address show' '-br a' '-br link' '-o a' '-o link' '-4 a' '-6 a' '-4 -o a' '-br -4 a' '-br -6 a'
  'link' 'link show lo' 'a show dev lo' 'a s lo' '-br link show lo'
  'a show foo' 'link show foo' 'foo' '-x a' 'a foo bar' 'a show lo eth0'
  'r' 'route show' 'ro list' 'route get 8.8.8.8' '-o route get 8.8.8.8' 'route get 127.0.0.1' 'route get foo' 'route get'
  'r foo' 'route show dev foo' 'neigh show dev foo' '-c a show lo' '-c -br a' '-c r'
)
i=0
for c in "${cases[@]}"; do
  i=$((i + 1))
  f="$out/$(printf '%02d' "$i").txt"
  { printf '$ ip %s\n' "$c"; eval "ip $c" 2>&1; echo "[exit $?]"; } > "$f"
done
{ printf '$ ss -s\n'; ss -s; echo "[exit $?]"; } > "$out/ss-s.txt"
