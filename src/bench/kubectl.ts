/**
 * kubectl benchmarks: `kubectl get pods -A` over 1k and 10k pods (discovery, list, table
 * printing, all included) and `kubectl apply -f` of a Deployment, against the simulated API server.
 */
import { createKubectl } from '../kubectl';
import { createApiServer } from '../sim/apiserver';
import { SimClock } from '../sim/clock';
import { SeededRandom } from '../sim/random';
import { FsError, type CommandContext, type FileAccess } from '../shell/command';
import type { BenchResult } from '../cli/bench';
import type { KubeObject } from '../sim/apiserver/types';
import { renderTable } from '../kubectl/printers/table';
import { medianCpuMs, medianMs, result } from './_measure';

const SERVER = 'https://192.168.6.171:6443';
const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster: {server: ${SERVER}}
  name: kubernetes
contexts:
- context: {cluster: kubernetes, user: admin}
  name: admin@kubernetes
current-context: admin@kubernetes
users:
- name: admin
  user: {token: admin}
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`;

/** Just enough of a filesystem for kubectl: a few files in memory. */
function memoryFiles(files: Record<string, string>): FileAccess {
  const missing = (p: string): never => {
    throw new FsError('ENOENT', p);
  };
  const abs = (p: string) => (p.startsWith('/') ? p : `/root/${p}`);
  return {
    resolve: abs,
    readFile: (p) => files[abs(p)] ?? missing(p),
    writeFile: (p, d) => void (files[abs(p)] = d),
    stat: (p) => (files[abs(p)] !== undefined ? { type: 'file', size: files[abs(p)].length, mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, nlink: 1 } : null),
    lstat: (p) => (files[abs(p)] !== undefined ? { type: 'file', size: files[abs(p)].length, mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, nlink: 1 } : null),
    readdir: () => [],
    mkdir: () => {},
    remove: (p) => void delete files[abs(p)],
    rename: () => {},
    symlink: () => {},
    chmod: () => {},
    chown: () => {},
  };
}

function setup(pods: number) {
  const clock = new SimClock();
  const server = createApiServer({ clock, random: new SeededRandom(7) });
  // No serviceaccount controller runs here; admission needs the default accounts to exist.
  for (const namespace of ['default', 'kube-system']) {
    server.request({ verb: 'create', group: '', version: 'v1', resource: 'serviceaccounts', namespace, body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } } });
  }
  let created = 0;
  for (let i = 0; i < pods; i++) {
    server.request({
      verb: 'create', group: '', version: 'v1', resource: 'pods', namespace: i % 2 ? 'default' : 'kube-system',
      body: {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, labels: { app: `a${i % 10}` } },
        spec: { nodeName: `cka0${1 + (i % 3)}`, containers: [{ name: 'c', image: 'nginx' }] },
      },
    }).code < 300 && created++;
  }
  if (created !== pods) throw new Error(`bench setup created ${created} of ${pods} pods`);
  const fs = memoryFiles({ '/root/.kube/config': KUBECONFIG, '/root/deploy.yaml': DEPLOYMENT });
  const kubectl = createKubectl({ connect: (url) => (url === SERVER ? server : null) });
  let sink = 0;
  const run = async (line: string) => {
    const ctx: CommandContext = {
      argv: line.split(' '),
      env: { HOME: '/root' },
      cwd: '/root',
      stdin: { read: async () => null, readAll: async () => '' },
      stdout: { write: (s) => void (sink += s.length) },
      stderr: { write: (s) => void (sink += s.length) },
      columns: 120,
      isTTY: false,
      signal: new AbortController().signal,
      user: { name: 'root', uid: 0, gid: 0, home: '/root', groups: ['root'] },
      host: 'cka01',
      clock,
      fs,
      machine: undefined,
      world: undefined,
    };
    return kubectl(ctx);
  };
  return { run, server };
}

export async function run(): Promise<BenchResult[]> {
  const small = setup(1000);
  const get1k = await medianMs(() => small.run('kubectl get pods -A'));
  const large = setup(10000);
  const get10k = await medianMs(() => large.run('kubectl get pods -A'), 5, 1);
  const get1kCpu = await medianCpuMs(() => small.run('kubectl get pods -A'));
  const get10kCpu = await medianCpuMs(() => large.run('kubectl get pods -A'), 5, 1);
  const apply = setup(0);
  let n = 0;
  const applyMs = await medianMs(async () => {
    await apply.run('kubectl apply -f deploy.yaml');
    if (++n % 2 === 0) await apply.run('kubectl delete deploy web --wait=false');
  });
  // kubectl's own share: the table of 10k pods from one list response (the rest is the server's list).
  const listed = large.server.request({ verb: 'list', group: '', version: 'v1', resource: 'pods' }).body as { items: KubeObject[] };
  const podsMapping = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, singular: 'pod', shortNames: ['po'], verbs: [] };
  const print10k = await medianMs(() =>
    renderTable(listed.items, podsMapping, { wide: false, withNamespace: true, withKind: false, showLabels: false, labelColumns: [], noHeaders: false, now: Date.UTC(2026, 0, 15, 8) }),
  5, 1);
  const serverList10k = await medianMs(() => large.server.request({ verb: 'list', group: '', version: 'v1', resource: 'pods' }), 5, 1);
  return [
    result('kubectl.get_pods_1k', get1k, 'ms', 16),
    result('kubectl.get_pods_10k', get10k, 'ms', 50),
    result('kubectl.get_pods_1k_cpu', get1kCpu, 'ms', 16),
    result('kubectl.get_pods_10k_cpu', get10kCpu, 'ms', 50),
    result('kubectl.apply_deploy', applyMs, 'ms'),
    result('kubectl.print_pods_10k', print10k, 'ms'),
    result('kubectl.server_list_pods_10k', serverList10k, 'ms'),
  ];
}
