set -u
f() { echo "${1:-none}"; }
f
echo ok
