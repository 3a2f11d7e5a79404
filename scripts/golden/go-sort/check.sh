#!/bin/bash
# Compare src/sim/go-sort.ts with the real kubectl 1.33's sort.Sort: a stub API server lists pods
# p000… whose label k holds generated keys; `kubectl get pods --sort-by=.metadata.labels.k` orders
# them, and so does goSorted. Usage: bash scripts/golden/go-sort/check.sh [cases]
set -euo pipefail
cd "$(dirname "$0")/../../.."
KUBECTL=${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}
work=$(mktemp -d)
trap 'kill $stub 2>/dev/null; rm -rf "$work"' EXIT
printf 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:18099"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {}}]\ncurrent-context: c\n' > "$work/kc"
echo '[0]' > "$work/keys.json"
python3 scripts/golden/go-sort/stub.py 18099 "$work/keys.json" & stub=$!
cat > "$work/mine.ts" <<TS
import { goSorted } from '$PWD/src/sim/go-sort';
import { readFileSync } from 'node:fs';
const keys: number[] = JSON.parse(readFileSync('$work/keys.json', 'utf8'));
console.log(goSorted(keys.map((k, i) => ({ k, name: 'p' + String(i).padStart(3, '0') })), (a, b) => a.k < b.k).map((x) => x.name).join(' '));
TS
node_modules/.bin/esbuild "$work/mine.ts" --bundle --platform=node --format=esm --outfile="$work/mine.mjs" --log-level=warning
sleep 1
ok=0; bad=0
for seed in $(seq 1 "${1:-120}"); do
  python3 - "$seed" "$work/keys.json" <<'PY'
import json, random, sys
random.seed(int(sys.argv[1]))
n = random.choice([13, 14, 20, 33, 35, 49, 50, 51, 64, 100, 150, 257, 400])
r = random.choice([1, 2, 3, 5, 10, 1000])
mode = random.choice(['rand', 'asc', 'desc', 'saw', 'org'])
ks = {'rand': lambda: [random.randrange(r) for _ in range(n)],
      'asc': lambda: sorted(random.randrange(r) for _ in range(n)),
      'desc': lambda: sorted((random.randrange(r) for _ in range(n)), reverse=True),
      'org': lambda: [(i * i) % (r + 3) for i in range(n)],
      'saw': lambda: [(i % 7) % r for i in range(n)]}[mode]()
json.dump(ks, open(sys.argv[2], 'w'))
PY
  real=$(KUBECONFIG="$work/kc" "$KUBECTL" get pods --sort-by=.metadata.labels.k --no-headers | tr '\n' ' ' | sed 's/ $//')
  mine=$(node "$work/mine.mjs")
  if [ "$real" = "$mine" ]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "differs: seed $seed"; fi
done
echo "same order: $ok, different: $bad"
[ "$bad" = 0 ]
