#!/bin/bash
# Describe the simulator's objects with the real kubectl 1.33 and with ours, and show the
# differences (event and pod ages aside: the real client counts them from today).
# Usage: [SHOW='netpol mixed'] bash scripts/golden/describe/check.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
KUBECTL=${KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}
work=$(mktemp -d)
trap 'kill $stub 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/script.sh" <<'SH'
kubectl create deploy web --image=nginx:1.27 --replicas=2 >/dev/null
kubectl expose deploy web --port=80 --type=NodePort >/dev/null
kubectl run bb --image=busybox:1.36 --env=A=1 --labels=app=bb -- sh -c 'sleep 3600' >/dev/null
kubectl run crash --image=busybox:1.36 -- sh -c 'echo boom; exit 3' >/dev/null
kubectl run badimg --image=nginx:9.99 >/dev/null
kubectl run huge --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"huge","image":"nginx:1.27","resources":{"requests":{"cpu":"64"}}}]}}' >/dev/null
kubectl create job pi --image=busybox:1.36 -- echo done >/dev/null
kubectl create cronjob tick --image=busybox:1.36 --schedule='*/5 * * * *' -- date >/dev/null
kubectl create cm app --from-literal=mode=blue >/dev/null
kubectl create secret generic creds --from-literal=user=admin >/dev/null
kubectl create sa robot >/dev/null
kubectl create role reader --verb=get,list --resource=pods >/dev/null
kubectl create rolebinding reader --role=reader --serviceaccount=default:robot >/dev/null
kubectl create ingress web --rule='example.com/=web:80' >/dev/null
kubectl autoscale deploy web --min=2 --max=4 --cpu-percent=60 >/dev/null
kubectl create quota q --hard=pods=10,requests.cpu=2 >/dev/null
kubectl create pdb web --selector=app=web --min-available=1 >/dev/null
kubectl create priorityclass high --value=1000 --description='important' >/dev/null
kubectl create clusterrolebinding robot-view --clusterrole=view --serviceaccount=default:robot >/dev/null
openssl genrsa -out jane.key 2048 2>/dev/null
openssl req -new -key jane.key -subj "/CN=jane/O=dev" -out jane.csr
kubectl apply -f - >/dev/null <<Y
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: jane}
spec: {request: $(base64 -w0 jane.csr), signerName: kubernetes.io/kube-apiserver-client, expirationSeconds: 86400, usages: [client auth]}
Y
kubectl certificate approve jane >/dev/null
openssl req -new -key jane.key -subj "/C=CN/ST=BJ/L=Beijing/O=dev/O=ops/OU=k8s/CN=web" -addext "subjectAltName=DNS:web.local,DNS:web,IP:10.0.0.5" -out web.csr
kubectl create -f - >/dev/null <<Y
apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: web, labels: {team: a}}
spec: {request: $(base64 -w0 web.csr), signerName: example.com/web, usages: [server auth]}
Y
kubectl certificate deny web >/dev/null
kubectl apply -f - >/dev/null <<'Y'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny}
spec: {podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress], ingress: [{from: [{podSelector: {matchLabels: {app: bb}}}], ports: [{port: 80}]}]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: mixed, labels: {team: a}}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - namespaceSelector: {matchLabels: {env: prod}}
      podSelector: {matchLabels: {role: fe}}
    - ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24, 10.0.2.0/24]}
    ports: [{port: 80}, {protocol: UDP, port: 53}]
  - {}
  egress:
  - to: [{namespaceSelector: {}}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: egress-only}
spec: {podSelector: {matchLabels: {app: bb}}, policyTypes: [Egress]}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: slow, annotations: {storageclass.kubernetes.io/is-default-class: "false"}}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: nginx}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: v1
kind: LimitRange
metadata: {name: limits}
spec: {limits: [{type: Container, default: {cpu: 500m, memory: 256Mi}, defaultRequest: {cpu: 100m}, max: {cpu: "1"}}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: nginx:1.27}]}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv1}
spec: {capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data/pv1}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: claim}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 500Mi}}, storageClassName: ""}
Y
sleep 20
kubectl set image deploy/web nginx=nginx:1.28 >/dev/null
sleep 20
echo "@@events"; kubectl get events -A -o json
# kubectl events right after the dump it is compared on: controllers keep adding events.
echo "@@events-table"; kubectl events
echo "@@events-for"; kubectl events --for pod/bb
for r in services endpoints replicasets.apps deployments.apps daemonsets.apps endpointslices.discovery.k8s.io nodes jobs.batch cronjobs.batch configmaps secrets serviceaccounts roles.rbac.authorization.k8s.io rolebindings.rbac.authorization.k8s.io ingresses.networking.k8s.io networkpolicies.networking.k8s.io ingressclasses.networking.k8s.io horizontalpodautoscalers.autoscaling persistentvolumes persistentvolumeclaims statefulsets.apps resourcequotas limitranges poddisruptionbudgets.policy priorityclasses.scheduling.k8s.io clusterroles.rbac.authorization.k8s.io clusterrolebindings.rbac.authorization.k8s.io namespaces storageclasses.storage.k8s.io certificatesigningrequests.certificates.k8s.io; do echo "@@$r"; kubectl get $r -A -o json; done
echo "@@leases.coordination.k8s.io"; kubectl get leases -A -o json
echo "@@pods"; kubectl get pods -A -o json
for what in "deploy web" "rs $(kubectl get rs -o name | head -1 | cut -d/ -f2)" "svc web" "pod bb" "pod crash" "pod badimg" "pod huge" "node cka02" "ds kube-proxy -n kube-system" "job pi" "cronjob tick" "cm app" "secret creds" "sa robot" "role reader" "rolebinding reader" "ingress web" "netpol deny" "netpol mixed" "netpol egress-only" "pv pv1" "pvc claim" "sts db" "hpa web" "quota q" "limits limits" "pdb web" "priorityclass high" "clusterrole view" "clusterrolebinding robot-view" "ns default" "endpoints web" "storageclass slow" "ingressclass nginx" "lease cka02 -n kube-node-lease" "csr jane" "csr web"; do echo "@@ours $what"; kubectl describe $what; done
echo "@@end"
SH
npx tsx src/cli/sim.ts --script "$work/script.sh" 2>/dev/null > "$work/dump.txt"
python3 - "$work" <<'PY'
import re, sys
w = sys.argv[1]
parts = re.split(r'^@@(.+)\n', open(f'{w}/dump.txt').read(), flags=re.M)
whats = []
for name, body in zip(parts[1::2], parts[2::2]):
    if name.startswith('ours '):
        whats.append(name[5:])
        open(f'{w}/ours-{len(whats)}.txt', 'w').write(body)
    elif name.startswith('events-'):
        open(f'{w}/{name}.txt', 'w').write(body)
    elif name != 'end':
        open(f'{w}/d-{name}.json', 'w').write(body)
open(f'{w}/whats.txt', 'w').write('\n'.join(whats) + '\n')
# Our CSRs carry their own encoding, which the real client cannot parse: serve it a real PKCS#10
# request (this machine's openssl) with the same subject in its place, and in last-applied.
import base64, json, subprocess
p = f'{w}/d-certificatesigningrequests.certificates.k8s.io.json'
d = json.load(open(p))
for item in d['items']:
    fake = item['spec']['request']
    body = ''.join(l for l in base64.b64decode(fake).decode().splitlines() if not l.startswith('-----'))
    subject = json.loads(base64.b64decode(body))['subject']
    attrs = subject.get('attributes') or [['CN', subject['commonName']]] + [['O', o] for o in subject['organizations']]
    sans = [e['value'] for e in json.loads(base64.b64decode(body)).get('extensions', []) if e['name'] == 'subjectAltName']
    addext = ['-addext', 'subjectAltName=' + sans[0].replace('IP Address:', 'IP:').replace(', ', ',')] if sans else []
    real = subprocess.run(['openssl', 'req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', ''.join(f'/{k}={v}' for k, v in attrs), *addext], capture_output=True, text=True, check=True).stdout
    real64 = base64.b64encode(real.encode()).decode()
    item['spec']['request'] = real64
    for k, v in (item['metadata'].get('annotations') or {}).items():
        item['metadata']['annotations'][k] = v.replace(fake, real64)
json.dump(d, open(p, 'w'))
PY
printf 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "http://127.0.0.1:18095"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {}}]\ncurrent-context: c\n' > "$work/kc"
python3 scripts/golden/describe/stub.py 18095 "$work/d-" & stub=$!
sleep 1
# Ages differ (the real client counts from today), and with them the widths of their columns.
# A CSR's request is the real client's own key (see above), in last-applied too.
norm() { sed -E 's/"request":"[^"]*"/"request":"REQUEST"/; s/ +/ /g; s/ [0-9][0-9smhd]*( \(x[0-9]+ over [0-9][0-9smhd]*\))? (default-scheduler|kubelet|deployment-controller|replicaset-controller|node-controller|daemonset-controller|statefulset-controller|job-controller|cronjob-controller|persistentvolume-controller|horizontal-pod-autoscaler) / AGE \2 /; s/ [0-9][0-9smhd]*$/ AGE/'; }
status=0
n=0
while read -r what; do
  n=$((n + 1))
  KUBECONFIG="$work/kc" "$KUBECTL" describe $what > "$work/real.txt" 2>&1 || true
  # SHOW="netpol mixed" prints the real client's output for that object (for a golden test).
  if [ "${SHOW:-}" = "$what" ]; then echo "<<<"; cat "$work/real.txt"; echo ">>>"; fi
  # A LimitRange's rows come from a Go map in kubectl: their order varies between its runs.
  order=cat; case $what in limits*|ns*) order=sort ;; esac
  if diff <(norm < "$work/real.txt" | $order) <(norm < "$work/ours-$n.txt" | $order) > "$work/diff.txt"; then echo "describe $what: same"; else echo "describe $what: differs"; cat "$work/diff.txt"; status=1; fi
done < "$work/whats.txt"
# kubectl events: its LAST SEEN column (first) counts from now too.
evnorm() { sed -E 's/^[0-9][0-9smhd]* +/AGE /; s/over [0-9][0-9smhd]*\)/over AGE)/; s/ +/ /g'; }
for what in "events-table:" "events-for:--for pod/bb"; do
  file=${what%%:*}; args=${what#*:}
  KUBECONFIG="$work/kc" "$KUBECTL" events $args > "$work/real.txt" 2>&1 || true
  if diff <(evnorm < "$work/real.txt") <(evnorm < "$work/$file.txt") > "$work/diff.txt"; then echo "events $args: same"; else echo "events $args: differs"; cat "$work/diff.txt"; status=1; fi
done
exit $status
