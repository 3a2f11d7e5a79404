/**
 * `kubectl exec`: a small command set run inside a container's own view of files — what its
 * image and volumes put there (/etc/resolv.conf, /etc/hosts, the service-account token,
 * configMap and secret volumes, hostPath volumes onto the node, nginx's html) — and its
 * environment. Enough for the checks learners do (cat a mounted file, env, nslookup, wget/curl
 * a Service); anything else fails like an executable missing from the image.
 */
import type { KubeObject } from '../apiserver/types';
import type { Machine } from '../machine';
import type { ClusterNetwork } from '../network/network';
import { NGINX_VERSION, NGINX_WELCOME } from '../network/responses';
import { normalizeImage } from '../runtime/images';
import { spec, status, type Obj } from '../controllers/machinery/objects';

export interface ExecContext {
  pod: KubeObject;
  container: Obj;
  env: Record<string, string>;
  /** configMap/secret data by kind and name (for volumes). */
  lookup(kind: 'configmap' | 'secret', name: string): Record<string, string> | undefined;
  machine?: Machine;
  network?: ClusterNetwork;
  now: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The files a container sees, as a path → content map (directories implied). */
export function containerFiles(ctx: ExecContext): Map<string, string> {
  const files = new Map<string, string>();
  const pod = ctx.pod;
  const name = pod.metadata!.name!;
  const ip = String(status(pod).podIP ?? '');
  files.set('/etc/hostname', `${spec(pod).hostname ?? name}\n`);
  files.set('/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${name}\n`);
  if (ctx.network) files.set('/etc/resolv.conf', ctx.network.resolvConf(pod));
  const repo = normalizeImage(String(ctx.container.image ?? '')).repository;
  if (repo.endsWith('/nginx')) files.set('/usr/share/nginx/html/index.html', NGINX_WELCOME);
  const volumes = new Map(((spec(pod).volumes ?? []) as Obj[]).map((v) => [v.name, v]));
  for (const m of (ctx.container.volumeMounts ?? []) as Obj[]) {
    const v = volumes.get(m.name);
    if (!v) continue;
    const base = String(m.mountPath).replace(/\/$/, '');
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

function fakeToken(pod: KubeObject, now: number): string {
  const header = btoa(JSON.stringify({ alg: 'RS256', kid: 'cka-lab' })).replace(/=+$/, '');
  const payload = btoa(JSON.stringify({ aud: ['https://kubernetes.default.svc.cluster.local'], iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 3607, sub: `system:serviceaccount:${pod.metadata?.namespace}:${spec(pod).serviceAccountName ?? 'default'}` })).replace(/=+$/, '');
  return `${header}.${payload}.c2lnbmF0dXJl`;
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
  cat: (argv, _c, files) => {
    let out = '';
    for (const p of argv.slice(1)) {
      const f = files.get(p);
      if (f === undefined) return { stdout: out, stderr: `cat: ${p}: No such file or directory\n`, exitCode: 1 };
      out += f;
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
  id: () => ok('uid=0(root) gid=0(root) groups=0(root)\n'),
  pwd: () => ok('/\n'),
  true: () => ok(''),
  false: () => err('', 1),
  sleep: () => ok(''),
  date: (_a, c) => ok(`${new Date(c.now).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 UTC $4')}\n`),
  nginx: (argv) => (argv[1] === '-v' ? err(`nginx version: nginx/${NGINX_VERSION}\n`, 0) : err('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n', 1)),
  nslookup: (argv, c) => {
    const name = argv.filter((a) => !a.startsWith('-'))[1];
    if (!name) return err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    const a = c.network?.resolve(name, { pod: { namespace: c.pod.metadata!.namespace!, name: c.pod.metadata!.name! } });
    if (!a || !a.ok) {
      if (a?.reason === 'timeout') return { stdout: ';; connection timed out; no servers could be reached\n\n', stderr: '', exitCode: 1 };
      return { stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find ${name}.cluster.local: NXDOMAIN\n\n** server can't find ${name}.svc.cluster.local: NXDOMAIN\n\n** server can't find ${name}.${c.pod.metadata!.namespace}.svc.cluster.local: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
    }
    return ok(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n${a.addresses.map((ip) => `Name:\t${a.name}\nAddress: ${ip}\n`).join('')}\n`);
  },
  wget: (argv, c) => httpFetch(argv, c, 'wget'),
  curl: (argv, c) => httpFetch(argv, c, 'curl'),
};

function httpFetch(argv: string[], c: ExecContext, tool: 'wget' | 'curl'): ExecResult {
  const url = argv.slice(1).filter((a) => !a.startsWith('-') && a !== '-').pop();
  if (!url || !c.network) return err(`${tool}: missing URL\n`);
  const r = c.network.httpGet({ pod: { namespace: c.pod.metadata!.namespace!, name: c.pod.metadata!.name! } }, url);
  const host = url.replace(/^https?:\/\//, '').split(/[/:]/)[0];
  if (r.ok) {
    if (r.status >= 400 && tool === 'wget') return err(`wget: server returned error: HTTP/1.1 ${r.status} ${r.statusText}\n`);
    return ok(r.body);
  }
  if (tool === 'curl') {
    if (r.reason === 'resolve') return err(`curl: (6) Could not resolve host: ${host}\n`, 6);
    if (r.reason === 'refused') return err(`curl: (7) Failed to connect to ${host} port ${r.port} after 0 ms: Couldn't connect to server\n`, 7);
    return err(`curl: (28) Failed to connect to ${host} port ${r.port} after 130000 ms: Connection timed out\n`, 28);
  }
  if (r.reason === 'resolve') return err(`wget: bad address '${host}'\n`);
  if (r.reason === 'refused') return err(`wget: can't connect to remote host (${r.ip}): Connection refused\n`);
  return err(`wget: can't connect to remote host (${r.ip}): Connection timed out\n`);
}

function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Which executables the image has (busybox-like images have nslookup and wget; Debian ones have neither, nginx has curl). */
function hasProgram(image: string, prog: string): boolean {
  const repo = normalizeImage(image).repository;
  const busybox = /\/(busybox|alpine)$/.test(repo);
  if (['nslookup', 'wget'].includes(prog)) return busybox;
  if (prog === 'curl') return /\/(nginx|httpd|ubuntu|debian)$/.test(repo);
  if (prog === 'nginx') return repo.endsWith('/nginx');
  return true;
}

export function runExec(argv: string[], ctx: ExecContext): ExecResult | { notFound: string } {
  const files = containerFiles(ctx);
  const run = (words: string[]): ExecResult | { notFound: string } => {
    const prog = (words[0] ?? '').replace(/^.*\//, '');
    const cmd = COMMANDS[prog];
    if (!cmd || !hasProgram(String(ctx.container.image ?? ''), prog)) return { notFound: words[0] ?? '' };
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
  return run(argv);
}
