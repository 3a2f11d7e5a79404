#!/bin/bash
# Describe the simulator's objects with the real kubectl 1.33 and with ours, and show the
# differences (event and pod ages aside: the real client counts them from today).
# Usage: bash scripts/golden/describe/check.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
KUBECTL=${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}
work=$(mktemp -d)
trap 'kill $stub 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/script.sh" <<'SH'
kubectl create deploy web --image=nginx:1.27 --replicas=2 >/dev/null
kubectl expose deploy web --port=80 --type=NodePort >/dev/null
kubectl run bb --image=busybox:1.36 --env=A=1 --labels=app=bb -- sh -c 'sleep 3600' >/dev/null
sleep 20
kubectl set image deploy/web nginx=nginx:1.28 >/dev/null
sleep 20
for r in events services endpoints replicasets.apps deployments.apps endpointslices.discovery.k8s.io nodes; do echo "@@$r"; kubectl get $r -o json; done
echo "@@leases"; kubectl get leases -n kube-node-lease -o json
echo "@@allpods"; kubectl get pods -A -o json
echo "@@ours-deploy"; kubectl describe deploy web
echo "@@ours-rs"; kubectl describe rs $(kubectl get rs -o name | head -1 | cut -d/ -f2)
echo "@@ours-svc"; kubectl describe svc web
echo "@@ours-pod"; kubectl describe pod bb
echo "@@ours-node"; kubectl describe node cka02
echo "@@end"
SH
npx tsx src/cli/sim.ts --script "$work/script.sh" 2>/dev/null > "$work/dump.txt"
python3 - "$work" <<'PY'
import re, sys
w = sys.argv[1]
parts = re.split(r'^@@(\S+)\n', open(f'{w}/dump.txt').read(), flags=re.M)
for name, body in zip(parts[1::2], parts[2::2]):
    open(f'{w}/d-{name}.' + ('txt' if name.startswith('ours') or name == 'end' else 'json'), 'w').write(body)
PY
printf 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:18095"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {}}]\ncurrent-context: c\n' > "$work/kc"
python3 scripts/golden/describe/stub.py 18095 "$work/d-" & stub=$!
sleep 1
rs=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['items'][0]['metadata']['name'])" "$work/d-replicasets.apps.json")
# Ages differ (the real client counts from today), and with them the widths of their columns.
norm() { sed -E 's/ +/ /g; s/ [0-9][0-9smhd]*( \(x[0-9]+ over [0-9][0-9smhd]*\))? (default-scheduler|kubelet|deployment-controller|replicaset-controller|node-controller) / AGE \2 /; s/ [0-9][0-9smhd]*$/ AGE/'; }
status=0
for what in "deploy web" "rs $rs" "svc web" "pod bb" "node cka02"; do
  kind=${what%% *}
  KUBECONFIG="$work/kc" "$KUBECTL" describe $what > "$work/real.txt" 2>&1 || true
  if diff <(norm < "$work/real.txt") <(norm < "$work/d-ours-$kind.txt") > "$work/diff.txt"; then echo "describe $what: same"; else echo "describe $what: differs"; cat "$work/diff.txt"; status=1; fi
done
exit $status
