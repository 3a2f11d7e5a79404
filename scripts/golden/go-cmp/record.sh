#!/bin/bash
# Record go-cmp v0.7.0's diffs (what ValidatePersistentVolumeClaimUpdate and
# ValidatePersistentVolumeUpdate put in their Forbidden messages) for the cases in cases.json,
# into test/sim/apiserver/go-cmp-golden.json, and for random-cases.py's pairs into
# go-cmp-golden-random.json. Offline: go-cmp comes from the fetched mirror
# (/work/.mirror/google+go-cmp/repo, tag v0.7.0) through a go.mod replace; no module proxy.
# Usage: bash scripts/golden/go-cmp/record.sh   (needs Go: apt-get install golang-go)
set -euo pipefail
cd "$(dirname "$0")/../../.."
MIRROR=${GO_CMP_MIRROR:-/work/.mirror/google+go-cmp/repo}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$MIRROR" archive v0.7.0 | tar -x -C "$work" --one-top-level=go-cmp
cp -r scripts/golden/go-cmp/oracle "$work/oracle"
cd "$work/oracle"
go mod edit -replace github.com/google/go-cmp=../go-cmp
export GOPROXY=off GOFLAGS=-mod=mod GONOSUMDB=* GOSUMDB=off GOTOOLCHAIN=local
go build -o oracle . 
cd - >/dev/null
python3 scripts/golden/go-cmp/random-cases.py > scripts/golden/go-cmp/cases-random.json
# A run in a second whose random bit picks U+00A0 exits 3: wait for the next second and retry.
record() {
  local cases=$1 out=$2 status
  for try in 1 2 3 4 5 6 7 8 9 10; do
    status=0
    "$work/oracle/oracle" < "$cases" > "$work/out.json" || status=$?
    [ "$status" = 0 ] && break
    [ "$status" = 3 ] || exit "$status"
    sleep 1
  done
  [ "$status" = 0 ] || { echo "no deterministic run in 10 tries" >&2; exit 1; }
  cp "$work/out.json" "$out"
  echo "wrote $out"
}
record scripts/golden/go-cmp/cases.json test/sim/apiserver/go-cmp-golden.json
record scripts/golden/go-cmp/cases-random.json test/sim/apiserver/go-cmp-golden-random.json
