/**
 * The cases of the writes audit: each a small script of kubectl commands that write, with the files
 * they read, run in a fresh `cluster` world after the same setup (objects created through the API,
 * so both worlds start identical). writes-record.ts runs each script with the real kubectl 1.33
 * against the world served over HTTP (writes-bridge.ts); writes.test.ts runs it with ours.
 */
import { bootWorld } from '../../src/runtime/session';
import { clusterOf } from '../../src/sim/cluster/attach';
import { ApiClient, gvr, resourceFor } from '../../src/sim/apiserver/client';
import { goJson } from '../../src/sim/go-json';
import type { ApiRequest, KubeObject } from '../../src/sim/apiserver/types';
import type { World } from '../../src/sim/world';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { APPLY_PATCH_CASES } from './writes-apply-cases';
import { METHOD_OF_VERB, requestLine } from '../../src/kubectl/client/request-line';

export interface WriteCase {
  name: string;
  /** Objects created through the API before the case (not compared), then time for controllers to act. */
  setup?: KubeObject[];
  /** Files of the working directory, by name. */
  files?: Record<string, string>;
  /** Command lines, each run and compared on its own. */
  commands: string[];
  /** Whether each command's transcript also holds the bodies of the PATCH requests it sent. */
  recordPatches?: boolean;
  /**
   * Whether each command's transcript also holds the requests it sent that change something (every
   * method but GET) and the reads of a subresource (scale's preconditions read …/scale): method,
   * path and query, a PATCH's media type, and the body of a PATCH, PUT or POST.
   */
  recordRequests?: boolean;
}

/** Where the commands run on cka01 (the recorder runs them in a temporary directory). */
export const WORKDIR = '/root/writes';

/** A Deployment `web` (label app=web, one container `web`) as a manifest file holds it. */
const DEPLOYMENT = (replicas: number, image = 'nginx:1.27') => {
  // A new object each time: the same one twice would be written as a YAML anchor and alias.
  const labels = () => ({ app: 'web' });
  const spec = { replicas, selector: { matchLabels: labels() }, template: { metadata: { labels: labels() }, spec: { containers: [{ name: 'web', image }] } } };
  return stringifyYaml({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: labels() }, spec });
};

const CONFIGMAP = (name: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
data:
  color: blue
${extra}`;

const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`;

const parse = (yaml: string) => parseYaml(yaml) as KubeObject;
const WEB = [parse(DEPLOYMENT(2))];

/** A workload of `kind` named `name` (label app=NAME, one container NAME): a DaemonSet or a StatefulSet. */
const WORKLOAD = (kind: 'DaemonSet' | 'StatefulSet', name: string, image: string): KubeObject => {
  const labels = () => ({ app: name });
  const template = { metadata: { labels: labels() }, spec: { containers: [{ name, image, command: ['sleep', '3600'] }] } };
  const spec = kind === 'StatefulSet' ? { replicas: 1, serviceName: name, selector: { matchLabels: labels() }, template } : { selector: { matchLabels: labels() }, template };
  return { apiVersion: 'apps/v1', kind, metadata: { name, labels: labels() }, spec };
};

// The files the broken-documents scenarios read: a broken document alone, mixed between good
// ones, an unknown kind, a nameless object, and good objects for the verbs that need them.
const BROKEN_DOCUMENT_FILES: Record<string, string> = {
  'deploy.yaml': DEPLOYMENT(2),
  'bad-syntax.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n',
  'mixed.yaml': `${DEPLOYMENT(2)}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n---\n${DEPLOYMENT(3).replace(/name: web\n/, 'name: web2\n')}`,
  'unknown-kind.yaml': `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\n${DEPLOYMENT(2)}`,
  'noname.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels: {app: x}\n',
  'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: websvc\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
  'rb.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: r\nsubjects: []\n',
};

export const CASES: WriteCase[] = [
  {
    name: 'create-invalid-manifests',
    files: {
      'unknown-field.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  colour: red\ndata:\n  a: b\nspec:\n  x: 1\n`,
      'wrong-type.yaml': DEPLOYMENT(2).replace('replicas: 2', 'replicas: two'),
      'wrong-type-list.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: listy\n  labels: [a, b]\n`,
      'missing-required.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: empty\nspec:\n  containers: []\n`,
      'no-image.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: noimage\nspec:\n  containers:\n  - name: app\n`,
      'bad-name.yaml': CONFIGMAP('Bad_Name'),
      'unterminated.yaml': `${CONFIGMAP('lambda')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "mu\n`,
      'no-name.yaml': `apiVersion: v1\nkind: ConfigMap\ndata:\n  a: b\n`,
      'cm.yaml': CONFIGMAP('settings'),
    },
    commands: [
      'kubectl create -f unknown-field.yaml',
      'kubectl create -f unknown-field.yaml --validate=warn',
      'kubectl create -f wrong-type.yaml',
      'kubectl create -f wrong-type-list.yaml',
      'kubectl create -f missing-required.yaml',
      'kubectl create -f no-image.yaml',
      'kubectl create -f bad-name.yaml',
      'kubectl create -f no-name.yaml',
      'kubectl create -f cm.yaml',
      'kubectl create -f cm.yaml',
      'kubectl create -f cm.yaml --dry-run=server',
      'kubectl create -f cm.yaml --dry-run=server -n kube-public -o name',
    ],
  },
  {
    name: 'create-several-documents',
    files: {
      'many.yaml': `${CONFIGMAP('first')}---\n${CONFIGMAP('Second')}---\n${CONFIGMAP('third')}`,
      'list.yaml': `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: fourth\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: fifth\n  stringData:\n    k: v\n`,
    },
    // A List is validated by kubectl itself from /openapi/v2 (protobuf), which the bridge does not
    // serve: --validate=false leaves the server alone to judge it.
    commands: ['kubectl create -f many.yaml', 'kubectl create -f many.yaml', 'kubectl create -f list.yaml --validate=false', 'kubectl create -f list.yaml --validate=false -o name'],
  },
  {
    name: 'apply-twice-and-edit',
    recordPatches: true,
    files: { 'deploy.yaml': DEPLOYMENT(2), 'deploy-3.yaml': DEPLOYMENT(3), 'cm.yaml': CONFIGMAP('settings'), 'cm-bad.yaml': CONFIGMAP('settings', '  size: 3\n') },
    commands: [
      'kubectl apply -f deploy.yaml',
      'kubectl apply -f deploy.yaml',
      'kubectl apply -f deploy-3.yaml --dry-run=server',
      'kubectl apply -f deploy-3.yaml --dry-run=client',
      'kubectl apply -f deploy-3.yaml',
      'kubectl get deploy web -o jsonpath={.spec.replicas}',
      'kubectl apply -f cm.yaml -f deploy-3.yaml',
      'kubectl apply -f cm-bad.yaml',
      'kubectl create -f cm.yaml',
    ],
  },
  {
    name: 'apply-after-create',
    recordPatches: true,
    setup: WEB,
    files: { 'deploy.yaml': DEPLOYMENT(2) },
    commands: ['kubectl apply -f deploy.yaml', 'kubectl apply -f deploy.yaml', 'kubectl get deploy web -o jsonpath={.metadata.annotations}'],
  },
  {
    name: 'server-side-apply-conflicts',
    files: { 'deploy.yaml': DEPLOYMENT(2), 'deploy-4.yaml': DEPLOYMENT(4), 'deploy-image.yaml': DEPLOYMENT(2, 'nginx:1.28') },
    commands: [
      'kubectl apply --server-side -f deploy.yaml',
      'kubectl apply --server-side -f deploy.yaml',
      'kubectl scale deploy web --replicas=3',
      'kubectl apply --server-side -f deploy-4.yaml',
      'kubectl apply --server-side --field-manager=ci -f deploy-image.yaml',
      'kubectl apply --server-side --force-conflicts -f deploy-4.yaml',
      'kubectl apply --server-side --field-manager=ci --force-conflicts -f deploy-image.yaml',
      'kubectl get deploy web -o jsonpath={.spec.replicas}/{.spec.template.spec.containers[0].image}',
      'kubectl apply --server-side --dry-run=server -f deploy.yaml',
      'kubectl apply -f deploy.yaml',
    ],
  },
  {
    name: 'replace',
    files: { 'cm.yaml': CONFIGMAP('settings'), 'cm-red.yaml': CONFIGMAP('settings').replace('blue', 'red'), 'cm-wrong.yaml': CONFIGMAP('settings', '  size: 3\n'), 'pod.yaml': POD('sleeper') },
    commands: [
      'kubectl replace -f cm.yaml',
      'kubectl create -f cm.yaml',
      'kubectl replace -f cm-red.yaml',
      'kubectl get cm settings -o jsonpath={.data.color}',
      'kubectl replace -f cm-wrong.yaml',
      'kubectl replace --force -f cm.yaml',
      'kubectl get cm settings -o jsonpath={.data.color}',
      'kubectl replace -f cm.yaml --dry-run=server',
      'kubectl create -f pod.yaml',
      'kubectl replace --force --grace-period=0 -f pod.yaml',
    ],
  },
  {
    name: 'patch-types',
    recordPatches: true,
    setup: WEB,
    commands: [
      `kubectl patch deploy web -p '{"spec":{"replicas":3}}'`,
      `kubectl patch deploy web -p '{"spec":{"replicas":3}}'`,
      `kubectl patch deploy web --type=merge -p '{"metadata":{"labels":{"tier":"front"}}}'`,
      `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":1}]'`,
      `kubectl patch deploy web --type=json -p '[{"op":"remove","path":"/spec/nope"}]'`,
      `kubectl patch deploy web --type=json -p '[{"op":"test","path":"/spec/replicas","value":9}]'`,
      `kubectl patch deploy web --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/5","value":{}}]'`,
      `kubectl patch deploy web --type=json -p '{"op":"add"}'`,
      `kubectl patch deploy web --type=merge -p '{"spec":{"replicas":"many"}}'`,
      `kubectl patch deploy web -p '{"spec":{"replicas":-1}}'`,
      `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}'`,
      'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[*].name}',
      `kubectl patch deploy web --type=strategic -p '{"spec":{"bogus":1}}'`,
      `kubectl patch deploy nope -p '{"spec":{"replicas":3}}'`,
      `kubectl patch deploy web --type=foo -p '{}'`,
      `kubectl patch deploy web -p '{bad'`,
      `kubectl patch deploy web -p '{"spec":{"replicas":4}}' --dry-run=server`,
      `kubectl patch deploy web -p '{"spec":{"replicas":7}}' --dry-run=client -o jsonpath={.spec.replicas}`,
      `kubectl patch deploy web -p '{"spec":{"replicas":7}}' --dry-run=client`,
      `kubectl patch deploy web -p '{"metadata":{"labels":{"tier":"front"}}}' --dry-run=client`,
      `kubectl patch deploy web --type=json -p '[{"op":"remove","path":"/spec/nope"}]' --dry-run=client`,
      'kubectl get deploy web -o jsonpath={.spec.replicas}',
      `kubectl patch deploy web --subresource=scale -p '{"spec":{"replicas":2}}'`,
    ],
  },
  {
    name: 'label-annotate',
    recordPatches: true,
    setup: WEB,
    commands: [
      'kubectl label deploy web tier=front',
      'kubectl label deploy web tier=back',
      'kubectl label deploy web tier=back --overwrite',
      'kubectl label deploy web tier=back --overwrite',
      'kubectl label deploy web tier-',
      'kubectl label deploy web tier-',
      'kubectl label deploy web bad=a@b',
      'kubectl label deploy web Bad/Key/x=1',
      'kubectl label deploy web owner=me --dry-run=server',
      'kubectl label deploy web nope=1 --resource-version=1',
      'kubectl annotate deploy web note=hello',
      'kubectl annotate deploy web note=bye',
      'kubectl annotate deploy web note=bye --overwrite',
      'kubectl annotate deploy web note-',
      'kubectl get deploy web -o jsonpath={.metadata.labels}/{.metadata.annotations.note}',
      'kubectl label deploy missing a=b',
    ],
  },
  {
    name: 'scale',
    setup: WEB,
    commands: [
      'kubectl scale deploy web --replicas=3',
      'kubectl scale deploy web --replicas=1 --current-replicas=2',
      'kubectl scale deploy web --replicas=1 --current-replicas=3',
      'kubectl scale deploy web --replicas=-1',
      'kubectl scale deploy missing --replicas=1',
      'kubectl scale deploy web --replicas=5 --dry-run=server',
      'kubectl scale --replicas=2 deploy/web deploy/missing',
      'kubectl get deploy web -o jsonpath={.spec.replicas}',
    ],
  },
  {
    name: 'set-image-env-resources',
    recordPatches: true,
    setup: WEB,
    commands: [
      'kubectl set image deploy/web web=nginx:1.28',
      'kubectl set image deploy/web web=nginx:1.28',
      'kubectl set image deploy/web sidecar=busybox',
      'kubectl set image deploy/web web=',
      'kubectl set env deploy/web MODE=fast',
      'kubectl set env deploy/web MODE=fast',
      'kubectl set env deploy/web MODE-',
      'kubectl set env deploy/web 1BAD=x',
      'kubectl set resources deploy/web --limits=cpu=200m,memory=64Mi --requests=cpu=100m',
      'kubectl set resources deploy/web --limits=cpu=100m --requests=cpu=200m',
      'kubectl set resources deploy/web --limits=cpu=lots',
      'kubectl set image deploy/web web=nginx:1.29 --dry-run=server',
      'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}/{.spec.template.spec.containers[0].resources}',
    ],
  },
  {
    name: 'delete',
    setup: [...WEB, parse(CONFIGMAP('a')), parse(CONFIGMAP('b')), parse(POD('sleeper')), parse(POD('napper'))],
    commands: [
      'kubectl delete configmap a',
      'kubectl delete configmap a',
      'kubectl delete configmap a --ignore-not-found',
      'kubectl delete configmap b --dry-run=server',
      'kubectl delete configmap b a',
      'kubectl delete pod sleeper --grace-period=0 --force',
      'kubectl delete pod napper --now',
      'kubectl delete deploy web --cascade=orphan',
      'kubectl get rs -l app=web -o name',
      'kubectl delete rs -l app=web --cascade=foreground',
      'kubectl delete pod --all --grace-period=0 --force',
      'kubectl delete ns default',
      'kubectl delete ns kube-system --dry-run=server',
    ],
  },
  {
    name: 'create-generators-server-errors',
    commands: [
      'kubectl create service clusterip svc --tcp=0:80',
      'kubectl create service nodeport np --tcp=80:8080 --node-port=20',
      'kubectl create configmap bad --from-literal=bad/key=v',
      'kubectl create secret generic s --from-literal=a=b',
      'kubectl create secret generic s --from-literal=a=b',
      'kubectl create cronjob c --image=busybox --schedule=bad',
      'kubectl create job j --image=busybox --dry-run=server',
      'kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=99999',
      'kubectl create namespace Bad_NS',
      'kubectl create quota q --hard=pods=-1',
      'kubectl create priorityclass low --value=-5',
      'kubectl create role r --verb=get --resource=pods --resource-name=Bad_Name',
      'kubectl create ingress ing --rule=foo.com/=svc:http',
      'kubectl create ingress ing --rule=foo.com/=svc:http',
    ],
  },
  {
    name: 'rollout-undo',
    setup: WEB,
    commands: [
      'kubectl rollout undo deploy/web',
      'kubectl rollout undo deploy/web --to-revision=5',
      'kubectl set image deploy/web web=nginx:1.28',
      'kubectl rollout undo deploy/web --to-revision=5',
      'kubectl rollout undo deploy/web --dry-run=server',
      'kubectl rollout undo deploy/web',
      'kubectl rollout undo deploy/missing',
    ],
  },
  {
    name: 'cordon-taint',
    recordPatches: true,
    commands: [
      'kubectl cordon cka02',
      'kubectl cordon cka02',
      'kubectl uncordon cka02',
      'kubectl uncordon cka02 --dry-run=server',
      'kubectl cordon cka09',
      'kubectl taint nodes cka02 dedicated=gpu:NoSchedule',
      'kubectl taint nodes cka02 dedicated=cpu:NoSchedule',
      'kubectl taint nodes cka02 dedicated=cpu:NoSchedule --overwrite',
      'kubectl taint nodes cka02 dedicated:NoSchedule-',
      'kubectl taint nodes cka02 dedicated:NoSchedule-',
      'kubectl taint nodes cka02 bad=x:Sometimes',
      'kubectl taint nodes cka03 only=me:NoExecute --dry-run=server',
      'kubectl get node cka02 -o jsonpath={.spec}',
    ],
  },
  {
    name: 'server-warnings',
    files: {
      'selector-pod.yaml': `${POD('legacy')}  nodeSelector:\n    beta.kubernetes.io/os: linux\n`,
      'dup-env.yaml': `${POD('dupenv')}    env:\n    - name: A\n      value: "1"\n    - name: A\n      value: "2"\n`,
      'unknown-nested.yaml': `${POD('nested')}    colour: red\n`,
      'fractional.yaml': `${POD('fraction')}    resources:\n      limits:\n        memory: 1500m\n`,
      'template-selector.yaml': DEPLOYMENT(1).replace('    spec:\n      containers:', '    spec:\n      nodeSelector:\n        failure-domain.beta.kubernetes.io/zone: a\n      containers:'),
    },
    commands: [
      'kubectl create -f selector-pod.yaml',
      'kubectl create -f dup-env.yaml',
      'kubectl create -f fractional.yaml --dry-run=server',
      'kubectl create deployment legacy --image=nginx:1.27 --dry-run=server -o name',
      'kubectl apply -f template-selector.yaml',
      'kubectl create -f unknown-nested.yaml',
      'kubectl apply -f unknown-nested.yaml --validate=warn',
      'kubectl apply --server-side -f unknown-nested.yaml',
    ],
  },
  {
    name: 'run-expose-autoscale-token',
    setup: WEB,
    commands: [
      'kubectl run one --image=busybox:1.36 --restart=Never -- sleep 3600',
      'kubectl run one --image=busybox:1.36',
      'kubectl run two --image=busybox:1.36 --port=70000',
      'kubectl run three --image=busybox:1.36 --dry-run=server -o name',
      'kubectl expose deploy web --port=80 --target-port=8080',
      'kubectl expose deploy web --port=80',
      'kubectl expose deploy web --name=other --port=0',
      'kubectl expose deploy web --name=np --port=80 --type=NodePort --dry-run=server -o name',
      'kubectl autoscale deploy web --max=5 --cpu-percent=50',
      'kubectl autoscale deploy web --max=5',
      'kubectl autoscale deploy missing --max=5',
      'kubectl create token default --duration=1s',
      'kubectl create token nobody',
      'kubectl create job manual --from=cronjob/missing',
    ],
  },
  {
    name: 'apply-after-dropped-field',
    recordPatches: true,
    files: { 'unknown-nested.yaml': `${POD('nested')}    colour: red\n` },
    commands: ['kubectl apply -f unknown-nested.yaml --validate=warn', 'kubectl apply -f unknown-nested.yaml --validate=false'],
  },
  ...APPLY_PATCH_CASES,
  {
    // The real rollbackers PATCH: a JSON patch replacing a Deployment's template and annotations,
    // the ControllerRevision's strategic merge patch for a DaemonSet or a StatefulSet.
    name: 'rollout-undo-requests',
    recordRequests: true,
    setup: [...WEB, WORKLOAD('DaemonSet', 'agent', 'busybox:1.36'), WORKLOAD('StatefulSet', 'db', 'busybox:1.36')],
    commands: [
      'kubectl annotate deploy web team=blue',
      'kubectl set image deploy/web web=nginx:1.28',
      'kubectl rollout undo deploy/web --dry-run=server',
      'kubectl rollout undo deploy/web --dry-run=client',
      'kubectl rollout undo deploy/web',
      'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}/{.metadata.annotations}',
      'kubectl rollout undo deploy/web --to-revision=3',
      'kubectl rollout undo deploy/web --to-revision=2',
      'kubectl rollout pause deploy/web',
      'kubectl rollout undo deploy/web',
      'kubectl rollout undo ds/agent',
      'kubectl set image ds/agent agent=busybox:1.37',
      'kubectl rollout undo ds/agent --to-revision=9',
      'kubectl rollout undo ds/agent --dry-run=server',
      'kubectl rollout undo ds/agent --dry-run=client',
      'kubectl rollout undo ds/agent',
      'kubectl rollout undo ds/agent --to-revision=3',
      'kubectl get ds agent -o jsonpath={.spec.template.spec.containers[0].image}',
      'kubectl rollout undo sts/db',
      'kubectl set image sts/db db=busybox:1.37',
      'kubectl rollout undo sts/db --dry-run=server',
      'kubectl rollout undo sts/db',
      'kubectl get sts db -o jsonpath={.spec.template.spec.containers[0].image}',
      'kubectl rollout undo deploy/web --to-revision=-1',
      'kubectl rollout undo svc/kubernetes',
      'kubectl rollout resume deploy/web',
      'kubectl rollout undo deploy/web --to-revision=1',
      'kubectl rollout undo rs -l app=web',
      'kubectl rollout history deploy/web --revision=3',
      'kubectl rollout history ds/agent --revision=2',
      'kubectl rollout history sts/db',
    ],
  },
  {
    // With --current-replicas or --resource-version the real scaler reads …/scale and PUTs it back
    // (the server then checks the resourceVersion); without, it PATCHes …/scale.
    name: 'scale-preconditions',
    recordRequests: true,
    setup: [...WEB, WORKLOAD('StatefulSet', 'db', 'busybox:1.36')],
    commands: [
      'kubectl scale deploy web --replicas=3',
      'kubectl scale deploy web --replicas=1 --current-replicas=2',
      'kubectl scale deploy web --replicas=1 --current-replicas=3',
      'kubectl scale deploy web --replicas=2 --resource-version=1',
      'kubectl scale deploy web --replicas=2 --current-replicas=5 --resource-version=1',
      'kubectl scale deploy web --replicas=2 --current-replicas=1 --dry-run=server',
      'kubectl scale sts/db --replicas=2 --current-replicas=1',
      'kubectl scale deploy/web deploy/missing --replicas=4 --current-replicas=2',
      'kubectl scale deploy/web sts/db --replicas=3 --current-replicas=2',
      // Last: after a command substitution the two runs' clocks had moved apart (later resourceVersions differed).
      'kubectl scale deploy web --replicas=5 --resource-version=$(kubectl get deploy web -o jsonpath={.metadata.resourceVersion})',
      'kubectl scale deploy/web sts/db --replicas=1 --resource-version=5',
      'kubectl get deploy,sts -o jsonpath={.items[*].spec.replicas}',
    ],
  },
  {
    // Numbers in patches: what the real kubectl sends for 3.0 and 2.5 where an integer belongs, and
    // what the server answers.
    name: 'patch-numbers',
    recordRequests: true,
    setup: WEB,
    commands: [
      `kubectl patch deploy web -p '{"spec":{"replicas":3.0}}'`,
      `kubectl patch deploy web -p '{"spec":{"replicas":2.5}}'`,
      `kubectl patch deploy web -p '{"spec":{"replicas":1e0}}'`,
      `kubectl patch deploy web --type=merge -p '{"spec":{"replicas":4.0}}'`,
      `kubectl patch deploy web --type=merge -p '{"spec":{"replicas":1.5}}'`,
      `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2.0}]'`,
      `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":0.5}]'`,
      `kubectl patch deploy web -p 'spec: {replicas: 5.0}'`,
      // Too large for an int32 (replicas that large would have the simulated controllers create pods without end).
      `kubectl patch deploy web -p '{"spec":{"progressDeadlineSeconds":12345678901234567890}}'`,
      `kubectl patch deploy web -p '{"metadata":{"labels":{"n":"1.0"}},"spec":{"minReadySeconds":1.0,"revisionHistoryLimit":3.00}}'`,
      'kubectl get deploy web -o jsonpath={.spec.replicas}/{.spec.progressDeadlineSeconds}/{.spec.minReadySeconds}/{.spec.revisionHistoryLimit}',
      // Patched on the client: a merge patch's 1e6 stays a float64 (jsonpath's %v: 1e+06).
      `kubectl patch deploy web --type=merge -p '{"spec":{"minReadySeconds":1e6},"x":[2.0e6]}' --dry-run=client -o jsonpath='{.spec.minReadySeconds} {.x[0]}'`,
    ],
  },
  {
    // What a typed client prints of the server's answer: numbers through jsonpath as float64, JSON in the type's field order.
    name: 'typed-responses',
    setup: WEB,
    commands: [
      `kubectl run big --image=busybox:1.36 --restart=Never --overrides='{"spec":{"activeDeadlineSeconds":3000000}}' -o jsonpath='{.spec.activeDeadlineSeconds} {.spec.terminationGracePeriodSeconds}'`,
      'kubectl run small --image=busybox:1.36 --restart=Never -o json',
      'kubectl autoscale deploy web --max=3000000 -o jsonpath={.spec.minReplicas}/{.spec.maxReplicas}',
      'kubectl expose deploy web --port=8080 -o json',
      'kubectl get hpa web -o jsonpath={.spec.minReplicas}/{.spec.maxReplicas}',
      'kubectl create deployment many --image=nginx:1.27 --replicas=3000000 --dry-run=server -o jsonpath={.spec.replicas}/{.spec.progressDeadlineSeconds}',
      'kubectl create service clusterip svc1 --tcp=80:8080 -o json',
      "kubectl create job once --image=busybox:1.36 -o jsonpath='{.spec.backoffLimit} {.spec.completions}'",
    ],
  },
  {
    // A broken document among good ones: kubectl's visitors stop a file at a document that fails to
    // parse or validate and go on with the next file; an object that fails to decode or map is one
    // error among the others. Every error is printed at the end, in the order met.
    name: 'broken-documents',
    files: {
      'good-a.yaml': CONFIGMAP('alpha'),
      'bad-syntax.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n',
      'good-b.yaml': CONFIGMAP('beta'),
      'mixed.yaml': `${CONFIGMAP('gamma')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n---\n${CONFIGMAP('delta')}`,
      'kindless.yaml': `${CONFIGMAP('epsilon')}---\napiVersion: v1\nmetadata:\n  name: nokind\n---\n${CONFIGMAP('zeta')}`,
      'unknown-kind.yaml': `${CONFIGMAP('eta')}---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n---\n${CONFIGMAP('theta')}`,
      'not-object.yaml': `${CONFIGMAP('iota')}---\n- just\n- a list\n---\n${CONFIGMAP('kappa')}`,
      'bad-name.yaml': CONFIGMAP('Bad_Name'),
      'unterminated.yaml': `${CONFIGMAP('lambda')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "mu\n`,
      'ns-mixed.yaml': `${CONFIGMAP('zz1')}---\n${CONFIGMAP('zz2').replace('  name: zz2', '  name: zz2\n  namespace: kube-public')}---\n${CONFIGMAP('zz3')}`,
      'dir/1.yaml': CONFIGMAP('one'),
      'dir/2.yaml': 'kind: [\n',
      'dir/3.yaml': CONFIGMAP('three'),
    },
    commands: [
      'kubectl create -f good-a.yaml -f bad-syntax.yaml -f good-b.yaml --dry-run=client -o name',
      'kubectl create -f mixed.yaml --dry-run=client -o name',
      'kubectl create -f kindless.yaml --dry-run=client -o name',
      'kubectl create -f kindless.yaml --validate=false --dry-run=client -o name',
      // An unknown kind with validation on fails the schema download of /openapi/v2, which the
      // bridge does not serve (a real server does, and kubectl skips kinds it has no schema for).
      'kubectl create -f unknown-kind.yaml --validate=false --dry-run=client -o name',
      'kubectl create -f not-object.yaml --dry-run=client -o name',
      'kubectl apply -f dir --dry-run=client',
      'kubectl apply -f unterminated.yaml',
      'kubectl apply -f mixed.yaml -f unknown-kind.yaml --validate=false --dry-run=client',
      'kubectl apply -f dir',
      // The bridge serves no Table (kubectl would print NAME and AGE from the object): columns of our own choosing.
      'kubectl get -f dir -o custom-columns=NAME:.metadata.name,COLOR:.data.color',
      'kubectl get -f unknown-kind.yaml -f dir -o name',
      'kubectl get -f unknown-kind.yaml -o name',
      'kubectl get -f mixed.yaml -o name',
      'kubectl create -f good-a.yaml -f bad-syntax.yaml -f good-b.yaml',
      'kubectl create -f good-a.yaml -f mixed.yaml -f dir -o name',
      'kubectl apply -f mixed.yaml',
      'kubectl get -f mixed.yaml -o name',
      'kubectl apply -f mixed.yaml -f bad-name.yaml -f dir',
      'kubectl apply -f kindless.yaml --validate=false',
      'kubectl apply -f unknown-kind.yaml --server-side --validate=false',
      'kubectl delete -f dir -f good-a.yaml -f bad-syntax.yaml',
      'kubectl delete -f kindless.yaml',
      'kubectl delete -f unknown-kind.yaml',
      'kubectl replace -f mixed.yaml -f dir',
      'kubectl label -f mixed.yaml -f dir tier=web',
      'kubectl annotate -f dir -f unknown-kind.yaml note=x',
      'kubectl describe -f good-b.yaml',
      'kubectl describe -f mixed.yaml -f dir -f dir',
      'kubectl describe -f dir',
      'kubectl get -f dir -f mixed.yaml --ignore-not-found -o name',
      // An object of another namespace than -n is refused in turn with the others' errors (with
      // Latest, once fetched from its own namespace).
      'kubectl create configmap zz2 -n kube-public --from-literal=a=b',
      'kubectl delete -f ns-mixed.yaml -n default',
      'kubectl label -f ns-mixed.yaml -n default a=b',
      'kubectl create -f ns-mixed.yaml -n default --dry-run=client -o name',
      'kubectl get -f ns-mixed.yaml -n default -o name',
      'kubectl get cm -o name',
    ],
  },
  {
    // The other -f verbs past a broken document: each builder's ContinueOnError (or its absence),
    // Latest or not, and whether the verb acts on the objects it read before failing.
    name: 'broken-documents-verbs',
    setup: WEB,
    files: BROKEN_DOCUMENT_FILES,
    commands: [
      // Before anything changes the Deployment: status reads its rollout as the clocks allow.
      'kubectl rollout status -f bad-syntax.yaml -f deploy.yaml',
      'kubectl rollout status -f mixed.yaml',
      'kubectl expose -f mixed.yaml --port=80 --dry-run=client -o name',
      'kubectl expose -f noname.yaml -f deploy.yaml --port=80 --dry-run=client -o name',
      'kubectl expose -f bad-syntax.yaml -f deploy.yaml --port=80 --dry-run=client -o name',
      'kubectl expose -f unknown-kind.yaml --port=80 --dry-run=client -o name',
      'kubectl scale -f mixed.yaml --replicas=3 --dry-run=client',
      'kubectl rollout history -f mixed.yaml',
      'kubectl rollout history -f bad-syntax.yaml -f deploy.yaml',
      'kubectl rollout pause -f mixed.yaml',
      'kubectl rollout resume -f mixed.yaml',
      'kubectl rollout undo -f mixed.yaml --dry-run=client',
      'kubectl set image --local -f mixed.yaml web=nginx:1.28 -o name',
      'kubectl set image --local -f bad-syntax.yaml -f deploy.yaml web=nginx:1.28 -o name',
      'kubectl set env --local -f mixed.yaml A=B -o name',
      'kubectl set resources --local -f mixed.yaml --limits=cpu=1 -o name',
      'kubectl set serviceaccount --local -f mixed.yaml sa1 -o name',
      'kubectl set subject --local -f bad-syntax.yaml -f rb.yaml --user=u -o name',
      'kubectl set image -f mixed.yaml web=nginx:1.28 --dry-run=client -o name',
      'kubectl autoscale -f mixed.yaml --max=3 --dry-run=client -o name',
      'kubectl autoscale -f bad-syntax.yaml -f deploy.yaml --max=3 --dry-run=client -o name',
      'kubectl wait -f bad-syntax.yaml -f deploy.yaml --for=condition=Available --timeout=1s',
      'kubectl wait -f mixed.yaml --for=condition=Available --timeout=1s',
      'kubectl scale -f bad-syntax.yaml -f deploy.yaml --replicas=3',
      'kubectl rollout restart -f bad-syntax.yaml -f unknown-kind.yaml -o name',
      'kubectl rollout history -f unknown-kind.yaml -f noname.yaml',
    ],
  },
  {
    // The same files through scale (a nameless object), set selector --local, and the
    // last-applied commands, which do not continue on error.
    name: 'broken-documents-pending',
    setup: WEB,
    files: BROKEN_DOCUMENT_FILES,
    commands: [
      'kubectl scale -f unknown-kind.yaml -f noname.yaml --replicas=3 --dry-run=client',
      'kubectl set selector --local -f bad-syntax.yaml -f svc.yaml app=x -o name',
      'kubectl apply set-last-applied -f mixed.yaml --create-annotation --dry-run=client -o name',
      'kubectl apply set-last-applied -f bad-syntax.yaml -f deploy.yaml --create-annotation --dry-run=client -o name',
      'kubectl apply view-last-applied -f mixed.yaml',
      'kubectl apply view-last-applied -f bad-syntax.yaml -f deploy.yaml',
    ],
  },
  {
    // apply set-last-applied and view-last-applied on an object created without the annotation.
    name: 'last-applied',
    setup: WEB,
    recordPatches: true,
    files: {
      'deploy.yaml': DEPLOYMENT(2),
      'deploy-4.yaml': DEPLOYMENT(4),
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: websvc\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
    },
    commands: [
      'kubectl apply set-last-applied -f deploy.yaml',
      'kubectl apply view-last-applied deploy web',
      'kubectl apply view-last-applied -f deploy.yaml',
      'kubectl apply set-last-applied -f deploy.yaml --create-annotation --dry-run=client',
      'kubectl apply set-last-applied -f deploy.yaml --create-annotation',
      'kubectl apply view-last-applied deploy web -o json',
      'kubectl apply set-last-applied -f deploy.yaml',
      'kubectl apply set-last-applied -f deploy-4.yaml -o name',
      'kubectl apply view-last-applied -f deploy.yaml',
      'kubectl apply -f deploy-4.yaml',
      'kubectl get deploy web -o jsonpath={.spec.replicas}',
      'kubectl apply view-last-applied cm nothere',
      'kubectl apply set-last-applied -f svc.yaml --create-annotation',
      'kubectl set selector --local -f svc.yaml -o name',
      'kubectl set selector --local -f svc.yaml tier=x -o name',
    ],
  },
];

/** Simulated time the setup gives the controllers (ReplicaSets and pods created, pods running). */
const SETUP_MS = 10_000;

/**
 * Left out, on purpose: an interactive `kubectl edit` (edit-patches runs it with a sed command as
 * its editor), `apply --prune` (it lists
 * every resource type of the cluster to find what to prune, a case of its own), and `kubectl wait`
 * and `rollout status` (they read watches over time, which the bridge serves but the clocks of the
 * two runs do not advance alike).
 */

/** A fresh world with the case's setup done. */
export function buildWriteWorld(c: WriteCase): World {
  const world = bootWorld('cluster');
  if (!c.setup) return world;
  const admin = new ApiClient(clusterOf(world)!.apiServer, undefined, 'kubectl-create');
  for (const obj of c.setup) {
    const r = admin.create(gvr(obj.kind!), resourceFor(obj.kind!)?.namespaced === false ? undefined : 'default', obj);
    if (r.code !== 201) throw new Error(`setup of ${c.name}: ${JSON.stringify(r.body)}`);
  }
  world.clock.advance(SETUP_MS);
  return world;
}

export function goldenName(i: number, c: WriteCase): string {
  return `${String(i).padStart(2, '0')}-${c.name}.txt`;
}

/** A PATCH request as a client sent it: its Content-Type and its body. */
export interface SentPatch {
  contentType: string;
  body: unknown;
}

/**
 * A PATCH body as the goldens write it: JSON in the key order it was sent (compact, as Go writes
 * it), other bodies (apply YAML) as they are.
 */
function patchBody(body: unknown): string {
  if (typeof body !== 'string') return goJson(body, false);
  try {
    return goJson(JSON.parse(body), false);
  } catch {
    return body.replace(/\n$/, '');
  }
}

/** A request as the goldens record it (recordRequests), whichever side sent it. */
export interface SentRequest {
  request: Omit<ApiRequest, 'user'>;
  body?: unknown;
}


/** Whether the goldens record this request: a write, or the read of a subresource. */
export function recordedRequest(r: Omit<ApiRequest, 'user'>): boolean {
  return METHOD_OF_VERB[r.verb] !== 'GET' || (r.verb === 'get' && !!r.subresource);
}

/**
 * A request's body as sent: bytes as they are (a number keeps its spelling: 3.0 is not 3), an
 * object our kubectl hands the server in-process as Go would write it, its keys in their order.
 */
function requestText({ request, body }: SentRequest): string {
  const withBody = ['create', 'update', 'patch'].includes(request.verb) && body !== undefined && body !== '';
  const text = typeof body === 'string' ? body.replace(/\n$/, '') : goJson(body, false);
  return `--- request ${requestLine(request)}\n${withBody ? `${text}\n` : ''}`;
}

/** One command's outcome as the goldens write it (with the PATCH requests it sent, or all its recorded requests, when asked). */
export function transcript(command: string, r: { stdout: string; stderr: string; exit: number }, patches: SentPatch[] = [], requests: SentRequest[] = []): string {
  const sent = patches.map((p) => `--- patch ${p.contentType}\n${patchBody(p.body)}\n`).join('') + requests.map(requestText).join('');
  return `$ ${command}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}${sent}--- exit ${r.exit}\n`;
}
