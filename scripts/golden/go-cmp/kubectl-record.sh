#!/bin/bash
# Record how the real kubectl 1.33 prints our API server's refusals of claim updates: a stub
# server (stub.py) serves the claim and answers every PATCH with the Status our server sent
# (sim-refusals.ts). For each case: `kubectl patch`'s stderr and exit status, and `kubectl edit`'s
# reopened file (an editor that changes the file once, then keeps what it is shown and empties it;
# --validate=false: the stub serves no OpenAPI schema to validate the edited object against).
# Writes test/sim/apiserver/kubectl-refusals-golden.json. Usage: bash scripts/golden/go-cmp/kubectl-record.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
KUBECTL=${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}
work=$(mktemp -d)
stub=
trap 'kill $stub 2>/dev/null; rm -rf "$work"' EXIT
npx tsx scripts/golden/go-cmp/sim-refusals.ts "$work" 2>/dev/null
printf 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:18098"}}]\ncontexts: [{name: c, context: {cluster: c, user: u, namespace: default}}]\nusers: [{name: u, user: {}}]\ncurrent-context: c\n' > "$work/kc"
cat > "$work/editor.sh" <<SH
#!/bin/bash
# First call: the case's change, so that kubectl sends a patch. Then: keep the reopened file, empty it.
if [ -e "$work/edited" ]; then cp "\$1" "$work/reopened.txt"; : > "\$1"; else sed -i "\$(cat "$work/sed")" "\$1"; touch "$work/edited"; fi
SH
chmod +x "$work/editor.sh"
for name in $(cat "$work/cases"); do
  python3 scripts/golden/go-cmp/stub.py 18098 "$work/claim.json" "$work/$name.json" & stub=$!
  sleep 1
  status=0
  KUBECONFIG="$work/kc" "$KUBECTL" patch pvc c1 --type=merge -p "$(cat "$work/$name.patch")" 2> "$work/$name.patch.err" || status=$?
  echo "$status" > "$work/$name.patch.rc"
  rm -f "$work/edited" "$work/reopened.txt"
  cp "$work/$name.sed" "$work/sed"
  status=0
  KUBECONFIG="$work/kc" KUBE_EDITOR="$work/editor.sh" "$KUBECTL" edit pvc c1 --validate=false 2> "$work/$name.edit.err" || status=$?
  echo "$status" > "$work/$name.edit.rc"
  cp "$work/reopened.txt" "$work/$name.reopened" 2>/dev/null || : > "$work/$name.reopened"
  kill $stub; wait $stub 2>/dev/null || true
done
python3 - "$work" > test/sim/apiserver/kubectl-refusals-golden.json <<'PY'
import json, re, sys
w = sys.argv[1]
# The binary's name and the temporary file's random digits are no part of what is compared.
read = lambda f: re.sub(r"/tmp/kubectl-edit-\d+\.yaml", "/tmp/kubectl-edit-N.yaml", open(f"{w}/{f}").read().replace("kubectl.1.33", "kubectl"))
out = {}
for name in open(f"{w}/cases").read().split():
    out[name] = {
        "patch": {"stderr": read(f"{name}.patch.err"), "exit": int(read(f"{name}.patch.rc"))},
        "edit": {"stderr": read(f"{name}.edit.err"), "exit": int(read(f"{name}.edit.rc")), "reopened": read(f"{name}.reopened")},
    }
print(json.dumps(out, indent=1, ensure_ascii=False))
PY
echo "wrote test/sim/apiserver/kubectl-refusals-golden.json"
