/**
 * Writes the API server must refuse as kube-apiserver 1.33 does, through kubectl: patches whose
 * result does not decode, numbers Go's integer fields cannot hold, and a claim's
 * volumeAttributesClassName (its feature gate is off). record.ts runs them with the real kubectl
 * 1.33 against our cluster served over HTTP; test/sim/apiserver/patch-decode-kubectl.test.ts runs
 * them through our kubectl and compares.
 */

/** Files in the working directory of every case. */
export const FILES: Record<string, string> = {
  'big.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: big
spec:
  replicas: 3000000000
  selector:
    matchLabels: {app: big}
  template:
    metadata:
      labels: {app: big}
    spec:
      containers:
      - name: nginx
        image: nginx
`,
  'web-string.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "3"
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
`,
  'web-unknown.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  zeta: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx
        colour: red
`,
  'deadline.yaml': `apiVersion: v1
kind: Pod
metadata:
  name: deadline
spec:
  activeDeadlineSeconds: 10000000000000000000
  containers:
  - name: c
    image: busybox
`,
  'surge.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: surge
spec:
  strategy:
    rollingUpdate: {maxSurge: 3000000000}
  selector:
    matchLabels: {app: surge}
  template:
    metadata:
      labels: {app: surge}
    spec:
      containers:
      - name: nginx
        image: nginx
`,
  'claim.yaml': `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: c1
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests: {storage: 1Gi}
  volumeAttributesClassName: gold
`,
  'volume.yaml': `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteOnce]
  hostPath: {path: /data}
  volumeAttributesClassName: gold
`,
};

/** The world every case starts from: a Deployment rolled out, so that nothing changes it any more. */
export const SETUP = `kubectl create deployment web --image=nginx >/dev/null
kubectl rollout status deployment web >/dev/null
`;

/** Case name → command line (none of them changes the world). */
export const CASES: Record<string, string> = {
  'smp-string': `kubectl patch deploy web -p '{"spec":{"replicas":"3"}}'`,
  'smp-fraction': `kubectl patch deploy web -p '{"spec":{"replicas":1.5}}'`,
  'smp-int32-overflow': `kubectl patch deploy web -p '{"spec":{"replicas":3000000000}}'`,
  'smp-container-port': `kubectl patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":"80"}]}]}}}}'`,
  'smp-selector-string': `kubectl patch deploy web -p '{"spec":{"selector":"app"}}'`,
  'smp-label-number': `kubectl patch deploy web -p '{"metadata":{"labels":{"tier":1}}}'`,
  'merge-string': `kubectl patch deploy web --type=merge -p '{"spec":{"replicas":"3"}}'`,
  'merge-int32-overflow': `kubectl patch deploy web --type=merge -p '{"spec":{"replicas":3000000000}}'`,
  'merge-new-object': `kubectl patch deploy web --type=merge -p '{"spec":{"template":{"spec":{"securityContext":{"runAsUser":"me","fsGroup":2000}}}}}'`,
  'json-string': `kubectl patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":"3"}]'`,
  'json-label-number': `kubectl patch deploy web --type=json -p '[{"op":"add","path":"/metadata/labels/tier","value":1}]'`,
  'create-int32-overflow': 'kubectl create -f big.yaml',
  'apply-int32-overflow': 'kubectl apply -f big.yaml',
  'apply-string-over-existing': 'kubectl apply -f web-string.yaml',
  'apply-unknown-fields-over-existing': 'kubectl apply -f web-unknown.yaml',
  'create-int64-overflow': 'kubectl create -f deadline.yaml',
  'create-intorstring-overflow': 'kubectl create -f surge.yaml',
  // Flags past their Go integer: pflag's strconv.ParseInt, before anything is sent.
  'flag-int32-replicas': 'kubectl create deployment x --image=nginx --replicas=3000000000',
  'flag-int32-autoscale': 'kubectl autoscale deploy web --max=2147483648',
  'flag-int32-priorityclass': 'kubectl create priorityclass p --value=-2147483649',
  'flag-int64-scale': 'kubectl scale deploy web --replicas=9223372036854775808',
  'flag-int32-bound-dry-run': 'kubectl create deployment x --image=nginx --replicas=2147483647 --dry-run=client -o yaml | grep replicas',
  // The scale subresource: a patched Scale that does not decode is refused by the patch handler.
  'scale-int32-overflow': 'kubectl scale deploy web --replicas=3000000000',
  'scale-patch-string': `kubectl patch deploy web --subresource=scale --type=merge -p '{"spec":{"replicas":"3"}}'`,
  'scale-patch-float': `kubectl patch deploy web --subresource=scale --type=merge -p '{"spec":{"replicas":2.5}}'`,
  'scale-json-patch-overflow': `kubectl patch deploy web --subresource=scale --type=json -p '[{"op":"replace","path":"/spec/replicas","value":3000000000}]'`,
};

/**
 * A claim and a volume that name a VolumeAttributesClass, the feature gate off (v1.33): one
 * session in a fresh world, each step seeing what the ones before it did.
 */
export const CLAIM_STEPS: string[] = [
  'kubectl apply -f claim.yaml',
  'kubectl get pvc c1 -o yaml',
  'kubectl apply -f claim.yaml',
  'kubectl get pvc c1 -o custom-columns=NAME:.metadata.name,CLASS:.spec.volumeAttributesClassName',
  `kubectl patch pvc c1 -p '{"spec":{"volumeAttributesClassName":"silver"}}'`,
  'kubectl create -f volume.yaml',
  "kubectl get pv pv1 -o jsonpath='{.spec}'",
];
