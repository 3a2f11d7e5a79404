#!/bin/bash
# Record how kubectl 1.33 writes quantities back (resource.Quantity's String(), the form the API
# server stores and serves): `kubectl set resources --local` parses each value into a typed Pod
# and prints it. Writes test/sim/apiserver/quantity-canonical-golden.json ({input: output}).
# Usage: bash scripts/golden/go-cmp/quantity-record.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
KUBECTL=${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n' > "$work/pod.yaml"
inputs=(0 1 3 999 1000 1023 1024 1025 2048 1Ki 1024Ki 1536Ki 1000Ki 1Mi 1024Mi 1500Mi 2048Mi 1Gi 1.5Gi 0.5Gi 0.25Ki 2.5Mi
  100000Gi 1Ti 1024Ti 1Pi 64Ki 1000Mi 8Gi 16Gi 500Mi 1k 1000 1000k 1500k 1M 1000M 1500M 1G 100M 0.1 0.001 1m 1500m 1000m
  1u 1n 1.25 2.5G 1e3 1e6 1e2 1E3 12345678901234567890 1.5e3 0.5 5e-3 100m 10G 1Ei 0.1Ki)
{
  echo '{'
  sep=''
  for q in "${inputs[@]}"; do
    out=$("$KUBECTL" set resources -f "$work/pod.yaml" --local --limits="memory=$q" -o jsonpath='{.spec.containers[0].resources.limits.memory}')
    printf '%s  "%s": "%s"' "$sep" "$q" "$out"
    sep=$',\n'
  done
  printf '\n}\n'
} > test/sim/apiserver/quantity-canonical-golden.json
echo "wrote test/sim/apiserver/quantity-canonical-golden.json"
