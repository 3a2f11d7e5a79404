/**
 * The cases of the verbose-log audit (kubectl -v=N): each a script of commands run in a fresh
 * `cluster` world, recorded from the real kubectl 1.33 by verbose-record.ts and replayed by ours in
 * verbose.test.ts. Most cases start with a silent command that fills the discovery cache in
 * $HOME/.kube/cache, so that the logs show the commands' own requests, as on a machine where
 * kubectl has run in the last 6 hours (discovery-v6 starts without).
 *
 * What differs between two runs of the real client, and how both sides are normalised before
 * they are compared (normalise()):
 * - klog headers: the time and pid (the real ones are the machine's);
 * - `milliseconds=N` and the other timings of a response;
 * - the Audit-Id and Date of each answer (random per request, the wall clock);
 * - the feature gates: Go ranges over their map from a random start, so the five lines come in a
 *   rotation of one order: put back in that order;
 * - the curl command's headers, and the terms of describe's event search: in Go's map order,
 *   random: sorted;
 * - a watch's resourceVersion (simulated time runs on while the bridge serves a watch);
 * - the recorder's own setting: its loopback URL and kubeconfig path, Node's Connection and
 *   Keep-Alive headers, and the real client's release (v1.33.1, ours is the cluster's v1.33.4).
 * Response bodies (-v=8) are the simulated server's JSON as the bridge serves it, key order
 * included, so they compare as they are.
 */
import type { KubeObject } from '../../src/sim/apiserver/types';
import type { WriteCase } from './writes-world';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: p1
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\ndata:\n  a: b\n';

/** A Deployment `web` (label app=web), created before the case. */
const WEB: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
};

/** A kubeconfig naming a port where nothing listens, with a token (its Authorization header is logged masked). */
const REFUSED_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://127.0.0.1:1
  name: k
contexts:
- context:
    cluster: k
    user: u
  name: k
current-context: k
users:
- name: u
  user:
    token: abc
`;

const WARM = 'kubectl get pods >/dev/null 2>&1';

export const VERBOSE_CASES: WriteCase[] = [
  { name: 'get-v6', commands: [WARM, 'kubectl get pods -v=6', 'kubectl get nodes -v=6', 'kubectl get pod nope -v=6', 'kubectl get pods -A --v 6'] },
  { name: 'levels', commands: [WARM, 'kubectl get nodes -v=1', 'kubectl get nodes -v=5', 'kubectl get nodes -v=7', 'kubectl get ns default -o yaml -v=8', 'kubectl get ns kube-public -o json -v=9'] },
  {
    name: 'writes-v6',
    files: { 'pod.yaml': POD },
    commands: [WARM, 'kubectl create deployment web --image=nginx:1.27 -v=6', 'kubectl apply -f pod.yaml -v=6', 'kubectl delete pod p1 --grace-period=0 --force -v=6', 'kubectl delete deployment web -v=6'],
  },
  {
    name: 'writes-v8',
    setup: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' }, data: { a: 'b' } }],
    commands: [WARM, 'kubectl label configmap c1 x=y -v=7', 'kubectl get configmap c1 -o json -v=8', 'kubectl delete configmap c1 -v=8'],
  },
  {
    // Which client each command's requests go through, as -v=7 shows it: an unstructured builder asks
    // for JSON, one with kubectl's scheme for JSON or anything, a generated clientset for protobuf.
    name: 'clients-v7',
    setup: [WEB],
    commands: [
      WARM,
      'kubectl run p --image=nginx -v=7',
      'kubectl expose deploy web --port=80 -v=7',
      'kubectl cordon cka02 -v=7',
      'kubectl rollout restart deploy web -v=7',
      'kubectl scale deploy web --replicas=2 -v=7',
      'kubectl create configmap c --from-literal=a=b -v=7',
      'kubectl create ns x -v=7',
      'kubectl logs deploy/web -v=7',
      'kubectl rollout history deploy web -v=7',
      'kubectl taint node cka03 a=b:NoSchedule -v=7',
      'kubectl set image deploy/web web=nginx:2 -v=7',
      'kubectl autoscale deploy web --max=3 -v=7',
      'kubectl rollout undo deploy web -v=7',
      'kubectl annotate deploy web a=b -v=7',
      `kubectl patch deploy web -p '{"metadata":{"labels":{"b":"c"}}}' -v=7`,
      'kubectl get pod a b -v=6',
      'kubectl delete cm nope -v=6',
    ],
  },
  {
    // Which requests each describer makes (their output holds ages from two clocks: left out).
    name: 'describe-v6',
    setup: [WEB, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }],
    commands: [
      WARM,
      'kubectl describe pods -v=6 >/dev/null',
      'kubectl describe node cka02 -v=6 >/dev/null',
      'kubectl describe svc web -v=6 >/dev/null',
      'kubectl describe rs -v=6 >/dev/null',
      'kubectl describe ns default -v=6 >/dev/null',
      'kubectl describe deploy web -v=6 >/dev/null',
      'kubectl describe cm kube-root-ca.crt -v=6 >/dev/null',
      'kubectl describe pod nope -v=6',
    ],
  },
  {
    // No cache at first: discovery (aggregated, two requests), then the commands that ask it afresh
    // or read other documents.
    name: 'discovery-v6',
    commands: [
      'kubectl get pods -v=6',
      'kubectl get pods -v=6',
      'kubectl api-versions -v=6 >/dev/null',
      'kubectl api-resources -v=6 >/dev/null',
      'kubectl api-resources --cached -v=6 >/dev/null',
      'kubectl version -v=6 | tail -1',
      'kubectl get --raw /healthz -v=6',
      'kubectl get --raw /apis -v=6 >/dev/null',
      'kubectl explain deploy.spec -v=6 >/dev/null',
      'kubectl auth can-i get pods -v=6',
      'kubectl auth can-i create deployments -A -v=6',
    ],
  },
  {
    // Nothing listens where the kubeconfig points: discovery's tries, each with its lines at every level.
    name: 'refused',
    files: { kc: REFUSED_KUBECONFIG },
    commands: [1, 3, 4, 6, 7, 8, 9].map((v) => `kubectl --kubeconfig=kc get pods -v=${v}`),
  },
  {
    // A watch is logged as it starts (its events are not); a single object's is left out: the real
    // client watches it from resourceVersion 0, ours from the object's.
    name: 'watch-v6',
    setup: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' }, data: { a: 'b' } }],
    commands: [WARM, 'timeout 2 kubectl get cm -w -v=6', 'timeout 2 kubectl get cm -l a=b -w -v=7'],
  },
  {
    // config commands log their kubeconfig files once a load, and some load more than once.
    name: 'config-v6',
    files: { kc: REFUSED_KUBECONFIG },
    commands: [
      'kubectl --kubeconfig=kc config view -v=6 >/dev/null',
      'kubectl --kubeconfig=kc config get-contexts -v=6',
      'kubectl --kubeconfig=kc config use-context k -v=6',
      'kubectl --kubeconfig=kc config set-context --current --namespace=dev -v=6',
      'kubectl --kubeconfig=kc config set-credentials u2 --token=t -v=6',
      'kubectl --kubeconfig=kc config unset users.u2 -v=6',
      'kubectl --kubeconfig=kc config rename-context k k2 -v=6',
      'kubectl --kubeconfig=kc config current-context -v=6',
      'KUBECONFIG=missing kubectl config view -v=1',
      'KUBECONFIG=missing:kc kubectl get pods --request-timeout=1 -v=6 2>&1 | head -1',
    ],
  },
  { name: 'create-file-v8', files: { 'cm.yaml': CM }, commands: [WARM, 'kubectl create -f cm.yaml -v=8'] },
];

const FEATURE_GATES = ['InOrderInformers', 'WatchListClient', 'ClientsAllowCBOR', 'ClientsPreferCBOR', 'InformerResourceVersion'];

/** A transcript with what varies from run to run (see above) made alike. */
export function normalise(text: string): string {
  let out = text
    .replace(/^([IWEF])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1MMDD hh:mm:ss.uuuuuu PID ')
    .replace(/([a-zA-Z]*[mM]illiseconds)=\d+/g, '$1=N')
    .replace(/^\tAudit-Id: .*$/gm, '\tAudit-Id: AUDIT-ID')
    .replace(/^\tDate: .*$/gm, '\tDate: DATE')
    .replace(/^\t(Connection|Keep-Alive): .*\n/gm, '')
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'https://192.168.6.171:6443')
    .replace(/address="127\.0\.0\.1:\d+"/g, 'address="192.168.6.171:6443"')
    .replace(/kubectl\/v1\.33\.\d+ \(linux\/amd64\) kubernetes\/[0-9a-f]{7}/g, 'kubectl/VERSION (linux/amd64) kubernetes/COMMIT')
    .replace(/Config loaded from file: {2}\S+/g, 'Config loaded from file:  KUBECONFIG')
    // A watch's resourceVersion: the bridge moves simulated time on while a watch is open (writes-bridge.ts), ours does not.
    .replace(/resourceVersion=\d+&watch=true/g, 'resourceVersion=RV&watch=true')
    // The hash of an OpenAPI document (a digest of the real server's document; ours is made up).
    .replace(/hash=[0-9A-F]{128}/g, 'hash=HASH');
  // Feature gates: one block of five lines, back in one order.
  out = out.replace(/(^.*envvar\.go:172\] "Feature gate default state" feature="\w+" enabled=\w+\n){5}/gm, (block) => {
    const lines = block.split('\n').filter(Boolean);
    const at = (l: string) => FEATURE_GATES.indexOf(/feature="(\w+)"/.exec(l)![1]);
    return `${lines.sort((a, b) => at(a) - at(b)).join('\n')}\n`;
  });
  // The event search's field selector: its terms come from a Go map (fields.Set), in random order: sorted.
  out = out.replace(/(\/events\?fieldSelector=)([^&"]*)/g, (_m, head: string, terms: string) => `${head}${terms.split('%2C').sort().join('%2C')}`);
  // curl's headers: sorted.
  out = out.replace(/^(\tcurl -v -X\w+ )((?: -H "(?:[^"\\]|\\.)*")*)( '.*)$/gm, (_m, head: string, headers: string, tail: string) => {
    const hs = headers.match(/ -H "(?:[^"\\]|\\.)*"/g) ?? [];
    return `${head}${hs.sort().join('')}${tail}`;
  });
  return out;
}
