/**
 * `kubectl exec`: a process started in a running container. The container's own view of files
 * (what its image and volumes put there: /etc/resolv.conf, /etc/hosts, the service-account token,
 * configMap and secret volumes, hostPath volumes onto the node, nginx's html) and its environment
 * are assembled here; the process itself runs in the container's shell (container-shell.ts),
 * streamed to the client through `run`. An executable missing from the image fails as the OCI
 * runtime reports it.
 *
 * Clients that cannot stream (they read stdout/stderr/exitCode at once, e.g. `kubectl cp`) get
 * the answer of a small synchronous command table over the same container filesystem.
 */
import type { KubeObject } from '../apiserver/types';
import type { Machine } from '../machine';
import type { ClusterNetwork } from '../network/network';
import { nginxVersionOf, NGINX_WELCOME } from '../network/responses';
import { normalizeImage } from '../runtime/images';
import { spec, status, type Obj } from '../controllers/machinery/objects';
import type { SimClock } from '../clock';
import { containerRoot, hasExecutable, runInContainer, type ContainerIo } from './container-shell';
import { networkTool } from './container-shell-network';
import { flattenTool } from '../../shell/commands/lib/tool-run';
import { isPayloadVolume } from './payload-volumes';
import { fakeToken } from './service-account-token';
import { findUser, groupsOf } from '../machine/users';

export interface ExecContext {
  pod: KubeObject;
  container: Obj;
  env: Record<string, string>;
  /** configMap/secret data by kind and name (for volumes). */
  lookup(kind: 'configmap' | 'secret', name: string): Record<string, string> | undefined;
  /** When that object was last written (ms; its managedFields' latest time): a volume shows it from the next sync on. */
  lookupChangedAt?(kind: 'configmap' | 'secret', name: string): number | undefined;
  machine?: Machine;
  network?: ClusterNetwork;
  now: number;
  /** The world's clock: `sleep` in the container waits on it. */
  clock?: SimClock;
  /** The runtime id of the container instance (its root filesystem lives as long as it). */
  containerId?: string;
  /** Files the Pod's processes have written (a log its loop appends to), by path in this container, as they are now. */
  writtenFiles?: () => Map<string, string>;
  /** The process is the container's own command (PID 1), not one an exec started (main-process.ts). */
  mainProcess?: boolean;
}

/** The hostname a container sees: its node's when it shares the node's network (and so its UTS namespace). */
export function podHostname(ctx: ExecContext): string {
  if (spec(ctx.pod).hostNetwork === true && ctx.machine) return ctx.machine.hostname;
  return String(spec(ctx.pod).hostname ?? ctx.pod.metadata?.name ?? 'localhost');
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * The files a container sees, as a path → content map (directories implied). With liveVolumes
 * false, emptyDir and hostPath volumes are left out (the container root mounts them as shared
 * directories instead of copies).
 */
export function containerFiles(ctx: ExecContext, opts: { liveVolumes?: boolean } = {}): Map<string, string> {
  const live = opts.liveVolumes ?? true;
  const files = new Map<string, string>();
  const pod = ctx.pod;
  const name = pod.metadata!.name!;
  const ip = String(status(pod).podIP ?? '');
  files.set('/etc/hostname', `${podHostname(ctx)}\n`);
  files.set('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${name}\n`);
  if (ctx.network) files.set('/etc/resolv.conf', ctx.network.resolvConf(pod));
  const repo = normalizeImage(String(ctx.container.image ?? '')).repository;
  if (repo.endsWith('/nginx')) files.set('/usr/share/nginx/html/index.html', NGINX_WELCOME);
  const volumes = new Map(((spec(pod).volumes ?? []) as Obj[]).map((v) => [v.name, v]));
  for (const m of (ctx.container.volumeMounts ?? []) as Obj[]) {
    const v = volumes.get(m.name);
    if (!v) continue;
    const base = String(m.mountPath).replace(/\/$/, '');
    // The container root mounts whole configMap, secret and projected volumes as the kubelet's
    // shared directories (payload-volumes.ts); a subPath is a copy made when the container starts.
    if (!live && !m.subPath && isPayloadVolume(v)) continue;
    const put = (data: Record<string, string>, items?: Obj[]) => {
      if (items?.length) for (const it of items) data[it.key] !== undefined && files.set(`${base}/${it.path}`, data[it.key]);
      else for (const [k, val] of Object.entries(data)) files.set(m.subPath ? base : `${base}/${k}`, m.subPath ? (data[m.subPath] ?? '') : val);
    };
    if (v.configMap) put(ctx.lookup('configmap', v.configMap.name) ?? {}, v.configMap.items);
    else if (v.secret) put(ctx.lookup('secret', v.secret.secretName) ?? {}, v.secret.items);
    else if (v.projected) {
      for (const src of (v.projected.sources ?? []) as Obj[]) {
        if (src.serviceAccountToken) files.set(`${base}/${src.serviceAccountToken.path}`, fakeToken(pod, ctx.now));
        if (src.configMap) put(ctx.lookup('configmap', src.configMap.name) ?? {}, src.configMap.items);
        if (src.secret) put(ctx.lookup('secret', src.secret.name) ?? {}, src.secret.items);
        if (src.downwardAPI) for (const it of (src.downwardAPI.items ?? []) as Obj[]) if (it.fieldRef?.fieldPath === 'metadata.namespace') files.set(`${base}/${it.path}`, pod.metadata!.namespace!);
      }
    } else if (!live) {
      continue;
    } else if (v.hostPath && ctx.machine) {
      collectHost(ctx.machine, String(v.hostPath.path), base, files);
    } else if (v.emptyDir) files.set(`${base}/.`, '');
  }
  return files;
}

function collectHost(machine: Machine, hostPath: string, base: string, files: Map<string, string>, depth = 0): void {
  const fs = machine.rootFs;
  const st = fs.stat(hostPath);
  if (!st || depth > 3) return;
  if (st.type === 'file') {
    files.set(base, fs.readFile(hostPath));
    return;
  }
  if (st.type !== 'dir') return;
  files.set(`${base}/.`, '');
  for (const entry of fs.readdir(hostPath)) collectHost(machine, `${hostPath}/${entry}`, `${base}/${entry}`, files, depth + 1);
}

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const err = (stderr: string, exitCode = 1): ExecResult => ({ stdout: '', stderr, exitCode });

function ls(files: Map<string, string>, dir: string): string[] | undefined {
  const d = dir.replace(/\/$/, '') || '';
  const names = new Set<string>();
  for (const path of files.keys()) {
    if (!path.startsWith(`${d}/`)) continue;
    const rest = path.slice(d.length + 1).split('/')[0];
    if (rest && rest !== '.') names.add(rest);
  }
  if (!names.size && !files.has(`${d}/.`)) return undefined;
  return [...names].sort();
}

type Cmd = (argv: string[], ctx: ExecContext, files: Map<string, string>) => ExecResult;

const COMMANDS: Record<string, Cmd> = {
  cat: (argv, c) => {
    const fs = containerRoot(c).machine.fs.admin;
    let out = '';
    for (const p of argv.slice(1)) {
      if (fs.stat(p)?.type !== 'file') return { stdout: out, stderr: `cat: ${p}: ${fs.stat(p) ? 'Is a directory' : 'No such file or directory'}\n`, exitCode: 1 };
      out += fs.readFile(p);
    }
    return ok(out);
  },
  ls: (argv, _c, files) => {
    const dirs = argv.slice(1).filter((a) => !a.startsWith('-'));
    const target = dirs[0] ?? '/';
    if (files.has(target)) return ok(`${target}\n`);
    const names = ls(files, target);
    if (!names) return err(`ls: ${target}: No such file or directory\n`);
    return ok(names.map((n) => `${n}\n`).join(''));
  },
  echo: (argv) => ok(`${argv.slice(1).join(' ')}\n`),
  env: (_a, c) => ok(Object.entries(c.env).map(([k, v]) => `${k}=${v}\n`).join('')),
  // printenv NAME…: each value found, in order; status 1 when any is missing.
  printenv: (argv, c) => {
    const names = argv.slice(1);
    if (!names.length) return COMMANDS.env(argv, c, new Map());
    const found = names.filter((n) => c.env[n] !== undefined);
    const out = found.map((n) => `${c.env[n]}\n`).join('');
    return found.length === names.length ? ok(out) : { ...err('', 1), stdout: out };
  },
  hostname: (_a, c) => ok(`${spec(c.pod).hostname ?? c.pod.metadata!.name}\n`),
  whoami: () => ok('root\n'),
  // root's groups as the image's /etc/group lists them (busybox's buildroot group puts root in wheel).
  id: (_a, c) => {
    const fs = containerRoot(c).machine.fs.admin;
    const root = findUser(fs, 0);
    const groups = root ? groupsOf(fs, root) : [{ gid: 0, name: 'root' }];
    return ok(`uid=0(root) gid=0(root) groups=${groups.map((g) => `${g.gid}(${g.name})`).join(',')}\n`);
  },
  pwd: () => ok('/\n'),
  true: () => ok(''),
  false: () => err('', 1),
  sleep: () => ok(''),
  date: (_a, c) => ok(`${new Date(c.now).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 UTC $4')}\n`),
  nginx: (argv, c) => (argv[1] === '-v' ? err(`nginx version: nginx/${nginxVersionOf(String(c.container.image ?? ''))}\n`, 0) : err('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n', 1)),
  nslookup: (argv, c, files) => net(argv, c, files),
  wget: (argv, c, files) => net(argv, c, files),
  curl: (argv, c, files) => net(argv, c, files),
};

/** A network tool over the container's files, its output at once. */
function net(argv: string[], c: ExecContext, files: Map<string, string>): ExecResult {
  const run = networkTool(c, { exists: (p) => files.has(p), writeFile: (p, t) => files.set(p, t), readFile: (p) => {
    const text = files.get(p);
    if (text === undefined) throw new Error(`${p}: No such file or directory`);
    return text;
  } })(argv);
  return run ? flattenTool(run) : err(`${argv[0]}: not found\n`, 127);
}

function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** What the exec subresource answers: the process to stream, and its output at once for clients that cannot stream. */
export type ExecOutcome = ExecResult & {
  /** Run the process with the client's streams; resolves with its exit status. */
  run(io: ContainerIo): Promise<number>;
};

export function runExec(argv: string[], ctx: ExecContext): ExecOutcome | { notFound: string } {
  if (!argv[0] || !hasExecutable(ctx, argv[0])) return { notFound: argv[0] ?? '' };
  let sync: ExecResult | undefined;
  const once = () => (sync ??= syncExec(argv, ctx));
  const outcome = { run: (io: ContainerIo) => runInContainer(ctx, argv, io) } as ExecOutcome;
  // Computed only when read: a streaming client never pays for the synchronous answer.
  Object.defineProperties(outcome, {
    stdout: { enumerable: true, get: () => once().stdout },
    stderr: { enumerable: true, get: () => once().stderr },
    exitCode: { enumerable: true, get: () => once().exitCode },
  });
  return outcome;
}

/** The synchronous answer: a few commands, `sh -c` split on `;` and `&&`. */
function syncExec(argv: string[], ctx: ExecContext): ExecResult {
  const files = containerFiles(ctx);
  const run = (words: string[]): ExecResult | { notFound: string } => {
    const prog = (words[0] ?? '').replace(/^.*\//, '');
    const cmd = COMMANDS[prog];
    if (!cmd || !hasExecutable(ctx, prog)) return { notFound: words[0] ?? '' };
    return cmd(words.map((w) => w.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, k: string) => ctx.env[k] ?? '')), ctx, files);
  };
  const prog = (argv[0] ?? '').replace(/^.*\//, '');
  if ((prog === 'sh' || prog === 'bash') && argv[1] === '-c') {
    let out = '';
    let errText = '';
    let code = 0;
    for (const part of (argv[2] ?? '').split(/\s*(?:;|&&|\n)\s*/).filter(Boolean)) {
      const r = run(splitWords(part));
      if ('notFound' in r) return { stdout: out, stderr: `${errText}sh: ${r.notFound}: not found\n`, exitCode: 127 };
      out += r.stdout;
      errText += r.stderr;
      code = r.exitCode;
    }
    return { stdout: out, stderr: errText, exitCode: code };
  }
  if (prog === 'sh' || prog === 'bash') return ok('');
  const r = run(argv);
  return 'notFound' in r ? err(`${prog}: not found\n`, 127) : r;
}
