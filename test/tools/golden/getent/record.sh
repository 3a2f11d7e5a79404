#!/usr/bin/env bash
# Records what real glibc getent prints for the hosts file below (run as root: it bind-mounts the
# file over /etc/hosts in a private mount namespace). Output: cases.txt, one case per block:
#   $ getent ARGS / stdout / [stderr] / rc=N
set -euo pipefail
cd "$(dirname "$0")"
cat > hosts <<'HOSTS'
127.0.0.1 localhost
127.0.1.1 cka01

# The following lines are desirable for IPv6 capable hosts
::1     ip6-localhost ip6-loopback
fe00::0 ip6-localnet
192.168.6.171 cka01
192.168.6.172 cka02 node2 n2
192.168.6.173 cka03
HOSTS
cases=('hosts cka01' 'hosts cka02' 'hosts n2' 'hosts localhost' 'hosts ip6-localhost' 'hosts 192.168.6.172' 'hosts nope' 'hosts cka01 nope cka03' 'hosts' 'ahosts cka01' 'foo' '' 'passwd root' 'passwd 0' 'group 0 27' 'passwd nobodyx')
unshare -m bash -c '
  mount --bind "$PWD/hosts" /etc/hosts
  for c in "$@"; do
    echo "\$ getent $c"
    # shellcheck disable=SC2086
    out=$(getent $c 2>/tmp/getent.err; echo "rc=$?")
    echo "$out"
    sed "s/^/! /" /tmp/getent.err
    echo "%%"
  done' _ "${cases[@]}" > cases.txt
