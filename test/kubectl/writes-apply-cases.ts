/**
 * Client-side apply and edit cases of the writes audit, with the PATCH bodies recorded
 * (recordPatches): a Deployment re-applied through a chain of edits (each file one change on top
 * of the last), a Service, a ConfigMap, a Pod (one change allowed, one Forbidden), a custom
 * resource, and kubectl edit (its editor a sed command) of a Deployment and a custom resource. The
 * real kubectl sends a strategic merge patch for built-in kinds, a JSON merge patch for custom
 * resources; ours must send the same bytes.
 */
import { stringify as stringifyYaml } from 'yaml';
import type { KubeObject } from '../../src/sim/apiserver/types';
import type { WriteCase } from './writes-world';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The first file: a Deployment with two containers (env, a port, a mount) and two volumes. */
const BASE_DEPLOYMENT: Obj = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80 }],
            env: [
              { name: 'MODE', value: 'prod' },
              { name: 'LEVEL', value: '1' },
            ],
            volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
          },
          { name: 'sidecar', image: 'busybox:1.36', command: ['sleep', '3600'] },
        ],
        volumes: [
          { name: 'cache', emptyDir: {} },
          { name: 'scratch', emptyDir: {} },
        ],
      },
    },
  },
};

const podSpec = (d: Obj): Obj => d.spec.template.spec;
const container = (d: Obj, name: string): Obj => podSpec(d).containers.find((c: Obj) => c.name === name);

/** Each step's file: the previous step's object with one change. */
const DEPLOYMENT_STEPS: [string, (d: Obj) => void][] = [
  ['image', (d) => (container(d, 'web').image = 'nginx:1.28')],
  ['env-added', (d) => container(d, 'web').env.push({ name: 'DEBUG', value: 'true' })],
  ['env-removed', (d) => (container(d, 'web').env = container(d, 'web').env.filter((e: Obj) => e.name !== 'LEVEL'))],
  ['container-added', (d) => podSpec(d).containers.push({ name: 'logger', image: 'busybox:1.36', command: ['sleep', '3600'] })],
  ['container-removed', (d) => (podSpec(d).containers = podSpec(d).containers.filter((c: Obj) => c.name !== 'sidecar'))],
  ['label-removed', (d) => delete d.metadata.labels.tier],
  ['port-changed', (d) => (container(d, 'web').ports[0].containerPort = 8080)],
  ['volume-removed', (d) => (podSpec(d).volumes = podSpec(d).volumes.filter((v: Obj) => v.name !== 'scratch'))],
  ['toleration-added', (d) => (podSpec(d).tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }])],
  ['strategy-recreate', (d) => (d.spec.strategy = { type: 'Recreate' })],
  ['finalizer-added', (d) => (d.metadata.finalizers = ['example.com/keep'])],
  ['finalizer-removed', (d) => delete d.metadata.finalizers],
  ['replicas-removed', (d) => delete d.spec.replicas],
  ['image-again', (d) => (container(d, 'web').image = 'nginx:1.29')],
];

function deploymentFiles(): Record<string, string> {
  const files: Record<string, string> = { 'deploy-0.yaml': stringifyYaml(BASE_DEPLOYMENT) };
  const d = JSON.parse(JSON.stringify(BASE_DEPLOYMENT)) as Obj;
  DEPLOYMENT_STEPS.forEach(([name, change], i) => {
    change(d);
    files[`deploy-${i + 1}-${name}.yaml`] = stringifyYaml(d);
  });
  return files;
}

/** The first file with its second container's name left out. */
function withoutSidecarName(): Obj {
  const d = JSON.parse(JSON.stringify(BASE_DEPLOYMENT)) as Obj;
  delete podSpec(d).containers[1].name;
  return d;
}

const stepFile = (name: string) => `deploy-${DEPLOYMENT_STEPS.findIndex(([n]) => n === name) + 1}-${name}.yaml`;
const applyStep = (name: string) => `kubectl apply -f ${stepFile(name)}`;

const SHOW_DEPLOYMENT = 'kubectl get deploy web -o jsonpath={.metadata.labels}/{.metadata.finalizers}/{.spec.replicas}/{.spec.strategy}/{.spec.template.spec.containers}/{.spec.template.spec.volumes}/{.spec.template.spec.tolerations}';

const service = (ports: Obj[]) => stringifyYaml({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports } });

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  color: blue
  size: "3"
  shape: round
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: sleeper
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
    env:
    - name: MODE
      value: slow
`;

/** A CustomResourceDefinition (Widget) whose objects kubectl patches with a JSON merge patch. */
const CRD: KubeObject = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.lab.example.com' },
  spec: {
    group: 'lab.example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
};

const WIDGET = `apiVersion: lab.example.com/v1
kind: Widget
metadata:
  name: gear
  labels:
    team: ops
spec:
  size: 2
  color: red
  parts: [axle, wheel]
  finish:
    coat: matte
    layers: 2
`;

export const APPLY_PATCH_CASES: WriteCase[] = [
  {
    name: 'apply-strategic-deployment',
    recordPatches: true,
    files: deploymentFiles(),
    commands: [
      'kubectl apply -f deploy-0.yaml',
      ...['image', 'env-added', 'env-removed', 'container-added', 'container-removed', 'label-removed', 'port-changed', 'volume-removed', 'toleration-added', 'strategy-recreate', 'finalizer-added', 'finalizer-removed'].map(applyStep),
      SHOW_DEPLOYMENT,
      'kubectl scale deploy web --replicas=5',
      applyStep('replicas-removed'),
      'kubectl get deploy web -o jsonpath={.spec.replicas}',
      'kubectl set env deploy/web FROM_SET=yes',
      applyStep('image-again'),
      applyStep('image-again'),
      SHOW_DEPLOYMENT,
    ],
  },
  {
    name: 'apply-strategic-service-configmap',
    recordPatches: true,
    files: {
      'svc.yaml': service([
        { name: 'http', port: 80, targetPort: 8080 },
        { name: 'metrics', port: 9090 },
      ]),
      'svc-ports.yaml': service([
        { name: 'http', port: 80, targetPort: 8081 },
        { name: 'https', port: 443, targetPort: 8443 },
      ]),
      'cm.yaml': CONFIGMAP,
      'cm-less.yaml': CONFIGMAP.replace('  size: "3"\n', '').replace('blue', 'green'),
    },
    commands: [
      'kubectl apply -f svc.yaml',
      'kubectl apply -f svc-ports.yaml',
      'kubectl get svc web -o jsonpath={.spec.ports}',
      'kubectl apply -f cm.yaml',
      'kubectl apply -f cm-less.yaml',
      'kubectl get cm settings -o jsonpath={.data}',
    ],
  },
  {
    name: 'apply-strategic-pod',
    recordPatches: true,
    files: {
      'pod.yaml': POD,
      'pod-image.yaml': POD.replace('busybox:1.36', 'busybox:1.37'),
      'pod-env.yaml': POD.replace('busybox:1.36', 'busybox:1.37').replace('value: slow', 'value: fast'),
    },
    commands: [
      'kubectl apply -f pod.yaml',
      'kubectl apply -f pod-image.yaml',
      'kubectl apply -f pod-env.yaml',
      'kubectl get pod sleeper -o jsonpath={.spec.containers[0].image}/{.spec.containers[0].env}',
    ],
  },
  {
    name: 'apply-json-merge-custom-resource',
    recordPatches: true,
    setup: [CRD],
    files: {
      'widget.yaml': WIDGET,
      'widget-changed.yaml': WIDGET.replace('  size: 2\n', '').replace('red', 'blue').replace('[axle, wheel]', '[wheel, bolt]').replace('    layers: 2\n', '').replace('    team: ops\n', '    team: ops\n    tier: batch\n'),
    },
    commands: [
      'kubectl apply -f widget.yaml',
      'kubectl apply -f widget-changed.yaml',
      'kubectl apply -f widget-changed.yaml',
      'kubectl get widget gear -o jsonpath={.metadata.labels}/{.spec}',
    ],
  },
  {
    name: 'edit-patches',
    recordPatches: true,
    setup: [BASE_DEPLOYMENT as KubeObject, CRD],
    files: { 'widget.yaml': WIDGET },
    commands: [
      "KUBE_EDITOR='sed -i s/nginx:1.27/nginx:1.28/' kubectl edit deploy web",
      'KUBE_EDITOR=true kubectl edit deploy web',
      'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[*].image}',
      'kubectl create -f widget.yaml',
      "KUBE_EDITOR='sed -i s/red/green/' kubectl edit widget gear",
      'kubectl get widget gear -o jsonpath={.spec}',
    ],
  },
  {
    // kubectl diff asks the server for the merged object with the patch apply would send (dry run);
    // its output names temporary directories, so only its status and the patch are compared.
    name: 'diff-patches',
    recordPatches: true,
    files: deploymentFiles(),
    commands: [
      'kubectl apply -f deploy-0.yaml',
      'kubectl diff -f deploy-0.yaml',
      `kubectl diff -f ${stepFile('env-removed')} >/dev/null`,
      `kubectl diff -f ${stepFile('container-removed')} >/dev/null`,
      'kubectl get deploy web -o jsonpath={.spec.template.spec.containers[*].name}',
    ],
  },
  {
    // A container without its merge key: the patch cannot be computed, and nothing is sent.
    name: 'apply-patch-error',
    recordPatches: true,
    files: { 'deploy.yaml': stringifyYaml(BASE_DEPLOYMENT), 'nameless.yaml': stringifyYaml(withoutSidecarName()) },
    commands: ['kubectl apply -f deploy.yaml', 'kubectl apply -f nameless.yaml --validate=false'],
  },
];
