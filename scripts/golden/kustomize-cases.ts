import { CLASSIC_CASES } from './goyaml-cases';

/**
 * Kustomizations recorded by kustomize-record.ts: each case is a set of files (paths relative to
 * the working directory, which is /root in the tests) and a command run there.
 */
export interface KustomizeCase {
  name: string;
  files: Record<string, string>;
  /** Defaults to `kubectl kustomize k`. */
  command?: string;
  /** A file the command writes, recorded after it runs. */
  readBack?: string;
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      serviceAccountName: runner
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
        envFrom:
        - configMapRef:
            name: settings
        env:
        - name: PASSWORD
          valueFrom:
            secretKeyRef:
              name: creds
              key: password
        volumeMounts:
        - name: conf
          mountPath: /etc/conf
      - name: sidecar
        image: busybox
        command: ["sh", "-c", "sleep 3600"]
      initContainers:
      - name: init
        image: docker.io/library/busybox:1.36@sha256:abc
      volumes:
      - name: conf
        configMap:
          name: settings
      - name: data
        persistentVolumeClaim:
          claimName: data
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
`;

const EXTRA = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: runner
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader-binding
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: reader
subjects:
- kind: ServiceAccount
  name: runner
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  tls:
  - hosts: [web.example.com]
    secretName: creds
  rules:
  - host: web.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: web
  minReplicas: 1
  maxReplicas: 5
---
apiVersion: v1
kind: Namespace
metadata:
  name: zeta
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: viewer
rules: []
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: busybox
            envFrom:
            - secretRef:
                name: creds
`;

const base = (k: string, more: Record<string, string> = {}): Record<string, string> => ({
  'k/deploy.yaml': DEPLOY,
  'k/service.yaml': SERVICE,
  'k/kustomization.yaml': k,
  ...more,
});

/** Deterministic pseudo-random literals for the hash cases (a small LCG, fixed seed). */
function literalSets(count: number): string {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const alphabet = 'abcXYZ019 _-.:=<>&"\'!é€/\\{}[]';
  const gens: string[] = [];
  for (let i = 0; i < count; i++) {
    const lines: string[] = [];
    const n = 1 + (next() % 4);
    for (let j = 0; j < n; j++) {
      let v = '';
      const len = next() % 12;
      for (let c = 0; c < len; c++) v += alphabet[next() % alphabet.length];
      lines.push(`  - ${JSON.stringify(`key${j}_${next() % 100}=${v}`)}`);
    }
    gens.push(`- name: gen${i}\n  literals:\n${lines.join('\n')}`);
  }
  return gens.join('\n');
}

export const KUSTOMIZE_CASES: KustomizeCase[] = [
  { name: 'plain resources', files: base('resources:\n- deploy.yaml\n- service.yaml\n') },
  { name: 'kustomization.yml name', files: { 'k/kustomization.yml': 'resources:\n- s.yaml\n', 'k/s.yaml': SERVICE } },
  { name: 'Kustomization name', files: { 'k/Kustomization': 'resources:\n- s.yaml\n', 'k/s.yaml': SERVICE } },
  {
    name: 'namespace prefix suffix and references',
    files: base(
      'namespace: prod\nnamePrefix: dev-\nnameSuffix: -v2\nresources:\n- deploy.yaml\n- service.yaml\n- extra.yaml\nconfigMapGenerator:\n- name: settings\n  literals:\n  - MODE=prod\nsecretGenerator:\n- name: creds\n  literals:\n  - password=s3cr3t\n',
      { 'k/extra.yaml': EXTRA },
    ),
  },
  { name: 'commonLabels reach selectors', files: base('commonLabels:\n  team: blue\n  tier: web\nresources:\n- deploy.yaml\n- service.yaml\n- extra.yaml\n', { 'k/extra.yaml': EXTRA }) },
  {
    name: 'labels without selectors',
    files: base('labels:\n- pairs:\n    team: blue\n- pairs:\n    env: dev\n  includeSelectors: true\n- pairs:\n    tmpl: yes\n  includeTemplates: true\nresources:\n- deploy.yaml\n- service.yaml\n'),
  },
  {
    name: 'labels with templates',
    files: base('labels:\n- pairs:\n    tmpl: "yes"\n  includeTemplates: true\nresources:\n- deploy.yaml\n- service.yaml\n- extra.yaml\n', { 'k/extra.yaml': EXTRA }),
  },
  { name: 'commonAnnotations', files: base('commonAnnotations:\n  owner: ops\n  note: "multi word"\nresources:\n- deploy.yaml\n- service.yaml\n- extra.yaml\n', { 'k/extra.yaml': EXTRA }) },
  {
    name: 'images',
    files: base(
      'resources:\n- deploy.yaml\n- extra.yaml\nimages:\n- name: nginx\n  newName: registry.local/nginx\n  newTag: "1.27"\n- name: busybox\n  newTag: "1.37"\n- name: docker.io/library/busybox\n  digest: sha256:0123456789abcdef\n',
      { 'k/extra.yaml': EXTRA },
    ),
  },
  { name: 'replicas', files: base('resources:\n- deploy.yaml\nreplicas:\n- name: web\n  count: 4\n') },
  {
    name: 'configMapGenerator sources',
    files: {
      'k/kustomization.yaml':
        'configMapGenerator:\n- name: files\n  files:\n  - index.html\n  - custom=index.html\n- name: envs\n  envs:\n  - app.env\n  literals:\n  - \'Q="quoted"\'\n  - EMPTY=\n- name: plain\n  literals:\n  - a=1\n  - b=true\n  - c=yes\n  - d=1.5\n  - e=with spaces\n',
      'k/index.html': '<h1>hello</h1>\nworld\n',
      'k/app.env': 'A=1\n# comment\n\nB="x y"\nC\nD=a=b\n',
    },
  },
  {
    name: 'secretGenerator and generatorOptions',
    files: {
      'k/kustomization.yaml':
        'generatorOptions:\n  labels:\n    gen: "yes"\n  annotations:\n    a: b\nsecretGenerator:\n- name: tls\n  type: kubernetes.io/tls\n  literals:\n  - tls.crt=abc\n  - tls.key=def\n  options:\n    disableNameSuffixHash: true\n    immutable: true\n- name: files\n  files:\n  - token.txt\n  envs:\n  - s.env\nconfigMapGenerator:\n- name: c\n  literals:\n  - x=y\n  options:\n    labels:\n      own: label\n',
      'k/token.txt': 'tok-123\n',
      'k/s.env': 'USER=admin\nPASS=p@ss\n',
    },
  },
  { name: 'disableNameSuffixHash globally', files: { 'k/kustomization.yaml': 'generatorOptions:\n  disableNameSuffixHash: true\nconfigMapGenerator:\n- name: c\n  literals:\n  - x=y\n' } },
  { name: 'hash of many literal sets', files: { 'k/kustomization.yaml': `configMapGenerator:\n${literalSets(30)}\nsecretGenerator:\n${literalSets(10).replace(/name: gen/g, 'name: sec')}\n` } },
  {
    name: 'nested bases',
    files: {
      'k/base/kustomization.yaml': 'namePrefix: base-\ncommonLabels:\n  layer: base\nresources:\n- deploy.yaml\n- service.yaml\nconfigMapGenerator:\n- name: settings\n  literals:\n  - MODE=base\n',
      'k/base/deploy.yaml': DEPLOY,
      'k/base/service.yaml': SERVICE,
      'k/overlays/prod/kustomization.yaml':
        'namespace: prod\nnamePrefix: prod-\nresources:\n- ../../base\nconfigMapGenerator:\n- name: settings\n  behavior: merge\n  literals:\n  - MODE=prod\n  - EXTRA=1\nreplicas:\n- name: base-web\n  count: 3\nimages:\n- name: nginx\n  newTag: "1.27"\n',
    },
    command: 'kubectl kustomize k/overlays/prod',
  },
  {
    name: 'overlay patches a base resource by its base name',
    files: {
      'k/base/kustomization.yaml': 'nameSuffix: -b\nresources:\n- deploy.yaml\n- extra.yaml\nsecretGenerator:\n- name: creds\n  literals:\n  - password=x\n',
      'k/base/deploy.yaml': DEPLOY,
      'k/base/extra.yaml': EXTRA,
      'k/kustomization.yaml':
        'namePrefix: o-\nresources:\n- base\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web-b\n    spec:\n      template:\n        spec:\n          containers:\n          - name: sidecar\n            image: busybox:1.37\n',
    },
  },
  {
    name: 'patches strategic merge',
    files: base(
      'resources:\n- deploy.yaml\n- service.yaml\npatches:\n- path: patch.yaml\n- patch: |-\n    apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n    spec:\n      type: NodePort\n',
      { 'k/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: nginx\n        resources:\n          limits:\n            memory: 128Mi\n      - name: extra\n        image: redis\n' },
    ),
  },
  {
    name: 'patches json6902 with target',
    files: base(
      'resources:\n- deploy.yaml\n- service.yaml\npatches:\n- target:\n    kind: Deployment\n    name: web\n  patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 5\n    - op: add\n      path: /metadata/annotations\n      value:\n        patched: "true"\n- target:\n    kind: Service\n  path: svc-patch.yaml\n',
      { 'k/svc-patch.yaml': '- op: add\n  path: /spec/type\n  value: NodePort\n' },
    ),
  },
  {
    name: 'patch with label selector target',
    files: base('resources:\n- deploy.yaml\n- service.yaml\npatches:\n- target:\n    labelSelector: app=web\n  patch: |-\n    - op: add\n      path: /metadata/labels/selected\n      value: "yes"\n'),
  },
  {
    name: 'patchesStrategicMerge deprecated',
    files: base('resources:\n- deploy.yaml\npatchesStrategicMerge:\n- p.yaml\n', { 'k/p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n' }),
  },
  {
    name: 'patchesJson6902 deprecated',
    files: base('resources:\n- service.yaml\npatchesJson6902:\n- target:\n    version: v1\n    kind: Service\n    name: web\n  patch: |-\n    - op: add\n      path: /spec/type\n      value: NodePort\n'),
  },
  { name: 'all deprecated fields', files: base('bases: []\nresources:\n- service.yaml\ncommonLabels: {a: b}\nvars: []\nimageTags: []\n') },
  { name: 'legacy order', files: { 'k/kustomization.yaml': 'resources:\n- extra.yaml\n- deploy.yaml\n- service.yaml\n', 'k/extra.yaml': EXTRA, 'k/deploy.yaml': DEPLOY, 'k/service.yaml': SERVICE } },
  { name: 'no kustomization', files: { 'k/x.yaml': SERVICE } },
  { name: 'missing directory', files: {}, command: 'kubectl kustomize nope' },
  { name: 'path is a file', files: { 'k/x.yaml': SERVICE }, command: 'kubectl kustomize k/x.yaml' },
  { name: 'unknown field', files: { 'k/kustomization.yaml': 'resources: []\nfoo: bar\n' } },
  { name: 'bad yaml', files: { 'k/kustomization.yaml': 'resources: [\n' } },
  { name: 'empty kustomization', files: { 'k/kustomization.yaml': '\n' } },
  { name: 'missing resource file', files: { 'k/kustomization.yaml': 'resources:\n- nope.yaml\n' } },
  { name: 'resource dir without kustomization', files: { 'k/kustomization.yaml': 'resources:\n- ../other\n', 'other/x.yaml': SERVICE } },
  { name: 'error inside a base', files: { 'k/kustomization.yaml': 'resources:\n- base\n', 'k/base/kustomization.yaml': 'resources:\n- gone.yaml\n' } },
  { name: 'duplicate resource', files: base('resources:\n- service.yaml\n- service.yaml\n') },
  { name: 'resource without kind', files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\n', 'k/x.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n' } },
  { name: 'malformed resource yaml', files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\n', 'k/x.yaml': 'kind: [\n' } },
  { name: 'strategic patch without target match', files: base('resources:\n- deploy.yaml\npatches:\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: nope\n    spec:\n      replicas: 3\n') },
  { name: 'missing patch file', files: base('resources:\n- deploy.yaml\npatches:\n- path: missing.yaml\n') },
  { name: 'json patch on missing path', files: base('resources:\n- deploy.yaml\npatches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: replace\n      path: /spec/nothere/x\n      value: 3\n') },
  { name: 'generator key collision', files: { 'k/kustomization.yaml': 'configMapGenerator:\n- name: c\n  literals:\n  - a=1\n  - a=2\n' } },
  { name: 'two paths', files: base('resources:\n- service.yaml\n'), command: 'kubectl kustomize k k' },
  { name: 'default directory', files: { 'kustomization.yaml': 'resources:\n- s.yaml\n', 's.yaml': SERVICE }, command: 'kubectl kustomize' },
  { name: 'output to file', files: base('resources:\n- service.yaml\n'), command: 'kubectl kustomize k -o out.yaml', readBack: 'out.yaml' },
  { name: 'apply -k with -f', files: base('resources:\n- service.yaml\n'), command: 'kubectl apply -k k -f k/service.yaml' },
  { name: 'apply -k with -R', files: base('resources:\n- service.yaml\n'), command: 'kubectl apply -k k -R' },
  { name: 'get -k error', files: { 'k/kustomization.yaml': 'foo: 1\n' }, command: 'kubectl get -k k' },
  { name: 'delete -k error', files: { 'k/kustomization.yaml': 'foo: 1\n' }, command: 'kubectl delete -k k' },
  { name: 'create -k error', files: {}, command: 'kubectl create -k k' },
  { name: 'diff -k error', files: { 'k/kustomization.yaml': 'foo: 1\n' }, command: 'kubectl diff -k k' },
  { name: 'replace -k error', files: { 'k/kustomization.yaml': 'foo: 1\n' }, command: 'kubectl replace -k k' },
  { name: 'wrong field type', files: { 'k/kustomization.yaml': 'namePrefix:\n- a\n' } },
  { name: 'wrong nested type', files: { 'k/kustomization.yaml': 'images:\n- name: nginx\n  newTag: 1.27\n' } },
  { name: 'unknown nested field', files: { 'k/kustomization.yaml': 'images:\n- name: nginx\n  tag: x\n' } },
  { name: 'namespace object is not renamed', files: { 'k/kustomization.yaml': 'namespace: other\nnamePrefix: p-\nresources:\n- extra.yaml\n', 'k/extra.yaml': EXTRA } },
  { name: 'resource file outside the root', files: { 'k/kustomization.yaml': 'resources:\n- ../other/s.yaml\n', 'other/s.yaml': SERVICE } },
  { name: 'load restrictions none', files: { 'k/kustomization.yaml': 'resources:\n- ../other/s.yaml\n', 'other/s.yaml': SERVICE }, command: 'kubectl kustomize k --load-restrictor=LoadRestrictionsNone' },
  { name: 'illegal load restrictor', files: base('resources:\n- service.yaml\n'), command: 'kubectl kustomize k --load-restrictor=foo' },
  { name: 'generator file outside the root', files: { 'k/kustomization.yaml': 'configMapGenerator:\n- name: x\n  files:\n  - ../other/a.txt\n', 'other/a.txt': 'a\n' } },
  { name: 'generator env file outside the root', files: { 'k/kustomization.yaml': 'configMapGenerator:\n- name: x\n  envs:\n  - ../other/a.env\n', 'other/a.env': 'A=1\n' } },
  { name: 'missing generator files', files: { 'k/kustomization.yaml': 'configMapGenerator:\n- name: x\n  files:\n  - here.txt\n  - nope.txt\n', 'k/here.txt': 'x\n' } },
  { name: 'missing env file', files: { 'k/kustomization.yaml': 'secretGenerator:\n- name: x\n  envs:\n  - nope.env\n' } },
  {
    name: 'components',
    files: {
      'k/kustomization.yaml': 'resources:\n- deploy.yaml\ncomponents:\n- ../comp\nnamePrefix: app-\n',
      'k/deploy.yaml': DEPLOY,
      'comp/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n- extra-svc.yaml\nconfigMapGenerator:\n- name: settings\n  literals:\n  - FEATURE=on\npatches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: add\n      path: /spec/template/metadata/annotations\n      value:\n        feature: "on"\n',
      'comp/extra-svc.yaml': SERVICE,
    },
  },
  { name: 'component listed as a resource', files: { 'k/kustomization.yaml': 'resources:\n- ../comp\n', 'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n' } },
  { name: 'non-empty component listed as a resource', files: { 'k/kustomization.yaml': 'resources:\n- ../comp\n', 'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamePrefix: x-\n' } },
  { name: 'kustomization listed as a component', files: { 'k/kustomization.yaml': 'components:\n- ../c2\n', 'c2/kustomization.yaml': 'resources: []\n' } },
  {
    name: 'secret from files and configmap merge in overlay with labels option',
    files: {
      'k/base/kustomization.yaml': 'configMapGenerator:\n- name: app\n  literals:\n  - LEVEL=info\n  - COLOR=blue\n',
      'k/kustomization.yaml':
        'resources:\n- base\nconfigMapGenerator:\n- name: app\n  behavior: replace\n  literals:\n  - LEVEL=debug\nsecretGenerator:\n- name: tls\n  type: kubernetes.io/tls\n  files:\n  - tls.crt\n  - tls.key\n  - exact.txt\n  literals:\n  - long=' + 'y'.repeat(120) + '\n',
      'k/tls.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      'k/tls.key': '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
      'k/exact.txt': 'x'.repeat(51),
    },
  },
  {
    name: 'yaml scalars as kustomize prints them',
    files: {
      'k/kustomization.yaml': 'resources:\n- cm.yaml\n',
      'k/cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tricky\n  annotations:\n    "key with space": v\n    "*star": x\ndata:\n  on: "on"\n  yes: "yes"\n  num: "1e3"\n  oct: "0755"\n  nul: "null"\n  tilde: "~"\n  empty: ""\n  colon: "a: b"\n  hash: "a #b"\n  lead: " lead"\n  trail: "trail "\n  star: "*x"\n  amp: "&x"\n  bang: "!x"\n  quote: "\'q\'"\n  dq: \'"d"\'\n  multi: "line1\\nline2\\n"\n  multinotrail: "line1\\nline2"\n  trailspace: "a \\nb\\n"\n  tab: "a\\tb"\n  long: "' + 'word '.repeat(40).trim() + '"\n  unicode: "héllo ✓"\n  dash: "- x"\n  brace: "{a}"\n  pct: "%x"\n  at: "@x"\n  backtick: "`x"\n  date: "2024-01-01"\n  float: "1.0"\n  hex: "0x1F"\n  plus: "+1"\n  dot: ".5"\n  inf: ".inf"\n  nan: ".nan"\n  bool: "True"\n  ylow: "y"\n  n: "n"\n  off: "Off"\n',
    },
  },
  {
    name: 'json, lists, comments and custom resources',
    files: {
      'k/kustomization.yaml':
        'namespace: team\nnamePrefix: t-\nresources:\n- svc.json\n- list.yaml\n- crd-obj.yaml\n- rbac.yaml\npatches:\n- patch: |-\n    apiVersion: example.com/v1\n    kind: Widget\n    metadata:\n      name: w\n    spec:\n      sizes: [3]\n      color: red\n',
      'k/svc.json': '{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "js"}, "spec": {"ports": [{"port": 8080}]}}\n',
      'k/list.yaml': '# a comment\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n  data:\n    a: "1"\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: two\n---\n',
      'k/crd-obj.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  sizes: [1, 2]\n  shape: round\n',
      'k/rbac.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: reader\nrules: []\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: reader\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: reader\nsubjects:\n- kind: ServiceAccount\n  name: default\n  namespace: other\n',
    },
  },
  {
    name: 'replacements',
    files: base(
      'namePrefix: p-\nresources:\n- deploy.yaml\n- service.yaml\nimages:\n- name: nginx\n  newTag: "1.27"\nreplacements:\n- source:\n    kind: Deployment\n    name: web\n    fieldPath: spec.template.spec.containers.0.image\n  targets:\n  - select:\n      kind: Service\n    fieldPaths:\n    - metadata.annotations.image\n    options:\n      create: true\n- source:\n    kind: Service\n    fieldPath: metadata.name\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.[name=nginx].env.[name=PASSWORD].valueFrom.secretKeyRef.name\n    - spec.template.metadata.labels.svc\n    options:\n      create: true\n- source:\n    kind: Deployment\n    fieldPath: metadata.name\n  targets:\n  - select:\n      kind: Deployment\n    fieldPaths:\n    - spec.template.spec.containers.1.command.2\n    options:\n      delimiter: " "\n      index: 1\n',
    ),
  },
  { name: 'replacement source missing', files: base('resources:\n- service.yaml\nreplacements:\n- source:\n    kind: ConfigMap\n    name: nope\n  targets:\n  - select:\n      kind: Service\n    fieldPaths:\n    - metadata.name\n') },
  { name: 'helm charts need enable-helm', files: { 'k/kustomization.yaml': 'helmCharts:\n- name: nginx\n  repo: https://charts.bitnami.com/bitnami\n  version: 1.0.0\n  releaseName: web\n' } },
  {
    name: 'vars',
    files: base(
      'namePrefix: p-\nresources:\n- deploy.yaml\n- service.yaml\nvars:\n- name: SVC\n  objref:\n    kind: Service\n    name: web\n    apiVersion: v1\n- name: IMG\n  objref:\n    kind: Deployment\n    name: web\n    apiVersion: apps/v1\n  fieldref:\n    fieldpath: spec.template.spec.containers[0].image\n',
      { 'k/deploy.yaml': DEPLOY.replace('command: ["sh", "-c", "sleep 3600"]', 'command: ["sh", "-c", "echo $(SVC); sleep 3600"]\n        args: ["$(SVC)", "$(NOPE)"]').replace('        - name: PASSWORD\n', '        - name: TARGET\n          value: http://$(SVC):80\n        - name: PASSWORD\n') },
    ),
  },
  { name: 'sortOptions fifo', files: { 'k/kustomization.yaml': 'sortOptions:\n  order: fifo\nresources:\n- deploy.yaml\n- extra.yaml\n- service.yaml\n', 'k/extra.yaml': EXTRA, 'k/deploy.yaml': DEPLOY, 'k/service.yaml': SERVICE } },
  { name: 'sortOptions legacy with order', files: { 'k/kustomization.yaml': 'sortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [Service]\n    orderLast: [Namespace]\nresources:\n- deploy.yaml\n- extra.yaml\n- service.yaml\n', 'k/extra.yaml': EXTRA, 'k/deploy.yaml': DEPLOY, 'k/service.yaml': SERVICE } },
  // go-yaml's errors: a resource read by kyaml (yaml.v3: the context's line first, a scanner two
  // tokens ahead), the kustomization by sigs.k8s.io/yaml (yaml.v2).
  ...['key-one-space-too-far', 'tab-indents-key', 'flow-map-unclosed', 'double-quote-unclosed', 'missing-colon', 'list-item-wrong-column', 'stray-colon-in-value', 'bad-escape', 'separator-then-broken', 'dash-no-space'].map((name) => ({
    name: `resource yaml ${name}`,
    files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\n', 'k/x.yaml': CLASSIC_CASES.find((c) => c.name === name)!.content },
  })),
  { name: 'resource yaml second document broken', files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\n', 'k/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  - c\n' } },
  { name: 'kustomization yaml nested bad key', files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\nlabels:\n  a: 1\n  - c\n' } },
  { name: 'kustomization yaml tab', files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\nnamePrefix:\n\tp-\n' } },
  { name: 'kustomization yaml unclosed quote', files: { 'k/kustomization.yaml': 'namePrefix: "p-\nresources:\n- x.yaml\n' } },
  { name: 'kustomization yaml missing space', files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\nnamePrefix:p-\nnameSuffix: -s\n' } },
  // A key twice in one mapping: yaml.v3's unmarshal errors, at the lines of kyaml's re-encoding.
  ...(
    [
      ['data', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n  y: "2"\n  x: "3"\n'],
      ['second document', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  x: "1"\n  x: "3"\n'],
      ['two mappings', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata:\n  x: "1"\n  x: "3"\n'],
      ['three times', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  x: 1\n  x: 1\n  x: 1\n'],
      ['under a duplicate', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels:\n    a: b\n    a: c\n  labels: {}\n'],
      ['in a list item', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  ports:\n  - port: 1\n    port: 2\n'],
      ['blank lines', 'apiVersion: v1\nkind: ConfigMap\n\nmetadata:\n  name: a\n\n  name: b\n'],
      ['comments', '# top\napiVersion: v1\nkind: ConfigMap\n# c\nmetadata:\n  name: a\n  # c2\n  name: b\n'],
      ['after a literal block', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: |\n    x\n\n    y\n\n  b: "1"\n  a: z\n'],
      ['flow over two lines', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {x: "1",\n    x: "2"}\n  annotations:\n    q: r\n    q: s\n'],
      ['quoted and plain', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  "x": 1\n  x: 2\n  1: a\n  "1": b\n'],
      ['leading separator', '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n'],
      ['v1 List item', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n    name: b\n'],
      ['merge key is no duplicate', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata: &d\n  x: "1"\nbinaryData:\n  <<: *d\n  x: eA==\n'],
      ['annotations rewritten', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    x: "1"\n    x: "2"\ndata:\n  q: r\n  q: s\n'],
      ['annotations move to the end of metadata', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    x: "1"\n    y: "0"\n  labels:\n    q: r\n    q: s\n  name: a\n'],
      ['annotations only', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    x: "1"\n    y: "0"\n    x: "2"\n  name: a\n'],
      ['labels and annotations', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    x: "1"\n    x: "2"\n  annotations:\n    q: r\n    q: s\n'],
      ['duplicate resource first', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n'],
    ] as const
  ).map(([name, x]) => ({ name: `resource duplicate key ${name}`, files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\n', 'k/x.yaml': x } })),
  // yaml.v3 decodes timestamps into time.Time (written back in RFC 3339), annotations aside.
  {
    name: 'resource timestamps',
    files: {
      'k/kustomization.yaml': 'resources:\n- x.yaml\n',
      'k/x.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    t: 2001-12-14\n  labels:\n    t: 2001-12-14\ndata:\n  a: 2001-12-14\n  b: 2001-12-14T21:59:43.10-05:00\n  c: 2001-12-14 21:59:43.10\n  d: 2001-12-14t21:59:43Z\n  e: "2001-12-14"\n  f: 2001-1-2\n  g: !!timestamp 2001-12-14\n  h: 2001-12-14T21:59:43.123456789+01:30\n  i: 2001-12-14 21:59:43.10 -5\n  j: 2002-02-30\n  k: [2001-12-14]\n  l: 1999-01-01T00:00:00.000Z\n  m: 2001-12-14T21:59:43+00:00\n',
    },
  },
  { name: 'resource tag does not fit', files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\n', 'k/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata:\n  a: !!timestamp x\n  b: !!int 1\n' } },
  { name: 'resource int tag does not fit', files: { 'k/kustomization.yaml': 'resources:\n- x.yaml\n', 'k/x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  b: !!int one\n' } },
];
