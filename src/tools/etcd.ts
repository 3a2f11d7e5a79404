/**
 * etcdctl (v3 API; Ubuntu's etcd-client 3.3 defaults to v2 unless ETCDCTL_API=3) and etcdutl
 * against the cluster's etcd (the API server's store): snapshot save/status, member list,
 * endpoint health/status, get --prefix --keys-only, compaction, defrag; etcdutl snapshot
 * status/restore.
 */
import type { CommandContext, Program } from '../shell/command';
import { EtcdStore } from '../sim/etcd';
import { clusterOf } from '../sim/cluster/attach';
import { packagesState } from '../sim/packages/db';
import { machineOf, out, worldOf } from './lib/context';
import { humanizeBytes } from '../sim/etcd/humanize';
import { dbSizes, defragment } from '../sim/etcd/db-size';
import { narrateDefragmentation } from '../sim/cluster/component-logs/etcd-maintenance';
import { etcdMemberId, etcdMembers } from '../sim/kubeadm/etcd-members';

const ETCD_VERSION = '3.5.21';

interface EtcdFlags {
  endpoints: string[];
  cacert?: string;
  cert?: string;
  key?: string;
  write: string;
  prefix: boolean;
  keysOnly: boolean;
  dataDir?: string;
  rest: string[];
}

/**
 * etcdctl's flags; every global flag can also come from the environment as ETCDCTL_<FLAG>
 * (ETCDCTL_ENDPOINTS, ETCDCTL_CACERT, …), the command line winning, as in etcdctl 3.4 and later.
 */
function parse(argv: string[], env: Record<string, string> = {}): EtcdFlags {
  const f: EtcdFlags = {
    endpoints: env.ETCDCTL_ENDPOINTS ? env.ETCDCTL_ENDPOINTS.split(',') : ['127.0.0.1:2379'],
    cacert: env.ETCDCTL_CACERT || undefined,
    cert: env.ETCDCTL_CERT || undefined,
    key: env.ETCDCTL_KEY || undefined,
    write: env.ETCDCTL_WRITE_OUT || 'simple',
    prefix: false,
    keysOnly: false,
    rest: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (name === '--endpoints') f.endpoints = value().split(',');
    else if (name === '--cacert') f.cacert = value();
    else if (name === '--cert') f.cert = value();
    else if (name === '--key') f.key = value();
    else if (name === '-w' || name === '--write-out') f.write = value();
    else if (name === '--data-dir') f.dataDir = value();
    else if (name === '--prefix') f.prefix = true;
    else if (name === '--keys-only') f.keysOnly = true;
    else if (name === '--dial-timeout' || name === '--command-timeout' || name === '--name' || name === '--initial-cluster' || name === '--initial-advertise-peer-urls' || name === '--initial-cluster-token' || name === '--skip-hash-check') {
      if (inline === undefined && name !== '--skip-hash-check') i++;
    } else f.rest.push(a);
  }
  return f;
}

function bytesToString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

function stringToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** zap's timestamp as etcdctl 3.5.21 prints it: UTC with microseconds ("2025-08-04T08:15:23.920801Z"). */
function zapTs(ms: number, micros = 0): string {
  const at = ms + Math.floor(micros / 1000);
  return `${new Date(at).toISOString().slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

/** The member machine an endpoint names (localhost: the client's own machine), if it runs etcd. */
function memberAt(ctx: CommandContext, endpoint: string): { host: string; ip: string } | undefined {
  const world = worldOf(ctx);
  const cluster = world ? clusterOf(world) : undefined;
  if (!world || !cluster) return undefined;
  const [host] = endpoint.replace(/^https?:\/\//, '').split(':');
  const local = host === '127.0.0.1' || host === 'localhost';
  const member = etcdMembers(world).find((x) => (local ? x.name === ctx.host || world.machines.get(ctx.host)?.ip === x.ip : x.ip === host || x.name === host));
  if (!member) return undefined;
  const machine = [...world.machines.values()].find((x) => x.hostname === member.name || x.ip === member.ip);
  if (!machine || !cluster.runtimes.get(machine.hostname)?.isRunning('etcd')) return undefined;
  return { host: machine.hostname, ip: member.ip };
}

/** The store behind an endpoint, or why it cannot be reached (no server, or TLS without the client certificate). */
function connect(ctx: CommandContext, f: EtcdFlags, endpoint = f.endpoints[0]): { store: EtcdStore; memberHost: string; memberIp: string } | 'unreachable' | 'tls' {
  const world = worldOf(ctx);
  const cluster = world ? clusterOf(world) : undefined;
  if (!cluster) return 'unreachable';
  const member = memberAt(ctx, endpoint);
  // The stacked etcd serves only while a majority of its members runs (and the API's store with it).
  if (!member || !cluster.apiServer) return 'unreachable';
  const fs = machineOf(ctx).rootFs;
  const ok = (p?: string) => !!p && !!fs.stat(ctx.fs.resolve(p));
  const etcdCa = (p?: string) => !!p && /etcd\/ca\.crt$/.test(p);
  if (!endpoint.startsWith('https://') || !ok(f.cacert) || !ok(f.cert) || !ok(f.key) || !etcdCa(f.cacert)) return 'tls';
  return { store: cluster.apiServer.etcd, memberHost: member.host, memberIp: member.ip };
}

async function failDeadline(ctx: CommandContext, f: EtcdFlags): Promise<number> {
  await ctx.clock.sleep(5_000);
  const ep = f.endpoints[0];
  out(ctx.stderr, `{"level":"warn","ts":"${zapTs(ctx.clock.now())}","logger":"etcd-client","caller":"v3@v3.5.21/retry_interceptor.go:63","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc0001f6000/${ep.replace(/^https?:\/\//, '')}","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \\"transport: authentication handshake failed: context deadline exceeded\\""}`);
  out(ctx.stderr, 'Error: context deadline exceeded');
  return 1;
}

/** `endpoint health` over several endpoints: the healthy ones first, the unreachable after their timeout. */
async function endpointHealth(ctx: CommandContext, f: EtcdFlags): Promise<number> {
  const healthy: string[] = [];
  const unhealthy: string[] = [];
  for (const ep of f.endpoints) (typeof connect(ctx, f, ep) === 'object' ? healthy : unhealthy).push(ep);
  for (const ep of healthy) out(ctx.stdout, `${ep} is healthy: successfully committed proposal: took = 9.582351ms`);
  if (!unhealthy.length) return 0;
  await ctx.clock.sleep(5_000);
  for (const ep of unhealthy) {
    out(ctx.stderr, `{"level":"warn","ts":"${zapTs(ctx.clock.now())}","logger":"client","caller":"v3@v3.5.21/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000380a80/${ep.replace(/^https?:\/\//, '')}","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}`);
    out(ctx.stderr, `${ep} is unhealthy: failed to commit proposal: context deadline exceeded`);
  }
  out(ctx.stderr, 'Error: unhealthy cluster');
  return 1;
}

function table(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = '+' + w.map((x) => '-'.repeat(x + 2)).join('+') + '+';
  const center = (s: string, x: number) => ' '.repeat(Math.floor((x - s.length) / 2)) + s + ' '.repeat(Math.ceil((x - s.length) / 2));
  const fmt = (r: string[], head: boolean) => '|' + r.map((c, i) => ` ${head ? center(c, w[i]) : c.padStart(w[i])} `).join('|') + '|';
  return [line, fmt(header, true), line, ...rows.map((r) => fmt(r, false)), line].join('\n') + '\n';
}

function snapshotStatus(ctx: CommandContext, f: EtcdFlags, file: string | undefined): number {
  if (!file) {
    ctx.stderr.write('Error: snapshot status requires exactly one argument\n');
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = stringToBytes(ctx.fs.readFile(file));
  } catch {
    ctx.stderr.write(`Error: stat ${file}: no such file or directory\n`);
    return 1;
  }
  let st;
  try {
    st = EtcdStore.snapshotStatus(bytes);
  } catch {
    ctx.stderr.write('Error: snapshot file integrity check failed\n');
    return 1;
  }
  const row = [st.hash.toString(16).padStart(8, '0'), String(st.revision), String(st.totalKeys), humanizeBytes(st.totalSize)];
  if (f.write === 'table') ctx.stdout.write(table(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE'], [row]));
  else if (f.write === 'json') out(ctx.stdout, JSON.stringify({ hash: st.hash, revision: st.revision, totalKey: st.totalKeys, totalSize: st.totalSize }));
  else out(ctx.stdout, row.join(', '));
  return 0;
}

export const etcdctl: Program = async (ctx) => {
  const f = parse(ctx.argv.slice(1), ctx.env);
  const [cmd, sub, arg] = f.rest;
  const fromUbuntu = !!packagesState(machineOf(ctx)).installed['etcd-client'];
  const api = ctx.env.ETCDCTL_API ?? (fromUbuntu ? '2' : '3');
  if (cmd === 'version' || cmd === '--version') {
    out(ctx.stdout, fromUbuntu ? `etcdctl version: 3.3.25\nAPI version: ${api === '3' ? '3.3' : '2'}` : `etcdctl version: ${ETCD_VERSION}\nAPI version: 3.5`);
    return 0;
  }
  if (api !== '3') {
    ctx.stderr.write(`No help topic for '${cmd ?? ''}'\n`);
    return 3;
  }
  if (cmd === 'snapshot' && sub === 'status') {
    ctx.stderr.write('Deprecated: Use `etcdutl snapshot status` instead.\n\n');
    return snapshotStatus(ctx, f, arg);
  }
  const known = ['snapshot', 'member', 'endpoint', 'get', 'put', 'del', 'compaction', 'defrag'];
  if (!cmd || !known.includes(cmd)) {
    ctx.stderr.write(`Error: unknown command "${cmd ?? ''}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`);
    return 1;
  }
  // compaction checks its argument before it makes a client.
  let compactTo: number | undefined;
  if (cmd === 'compaction') {
    if (f.rest.length !== 2) {
      out(ctx.stderr, 'Error: compaction command needs 1 argument');
      return 128;
    }
    if (!/^[+-]?\d+$/.test(sub!)) {
      out(ctx.stderr, `Error: strconv.ParseInt: parsing ${JSON.stringify(sub)}: invalid syntax`);
      return 1;
    }
    compactTo = Number(sub);
  }
  if (cmd === 'endpoint' && sub === 'health' && f.endpoints.length > 1) return endpointHealth(ctx, f);
  const conn = connect(ctx, f);
  if (conn === 'unreachable' || conn === 'tls') {
    if (cmd === 'endpoint' && sub === 'health') {
      await ctx.clock.sleep(5_000);
      out(ctx.stderr, `{"level":"warn","ts":"${zapTs(ctx.clock.now())}","logger":"client","caller":"v3@v3.5.21/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000380a80/${f.endpoints[0].replace(/^https?:\/\//, '')}","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}`);
      out(ctx.stderr, `${f.endpoints[0]} is unhealthy: failed to commit proposal: context deadline exceeded\nError: unhealthy cluster`);
      return 1;
    }
    return failDeadline(ctx, f);
  }
  const { store } = conn;
  if (compactTo !== undefined) {
    try {
      store.compact(compactTo);
    } catch (e) {
      out(ctx.stderr, `Error: ${(e as Error).message}`);
      return 1;
    }
    out(ctx.stdout, `compacted revision ${compactTo}`);
    return 0;
  }
  if (cmd === 'defrag') {
    const { before, after } = defragment(store);
    narrateDefragmentation(clusterOf(worldOf(ctx)!)!, before, after);
    for (const ep of f.endpoints) out(ctx.stdout, `Finished defragmenting etcd member[${ep}]`);
    return 0;
  }
  if (cmd === 'snapshot' && sub === 'save') {
    if (!arg) {
      ctx.stderr.write('Error: snapshot save expects one argument\n');
      return 1;
    }
    const bytes = store.snapshot();
    const now = ctx.clock.now();
    // The client logs each step of the download a few microseconds to milliseconds apart.
    const [created, opened, fetching, read, fetched, saved] = [801, 7524, 7572, 9130, 9187, 9342].map((us) => zapTs(now, us));
    const ep = f.endpoints[0];
    try {
      ctx.fs.writeFile(`${arg}.part`, '');
      ctx.fs.writeFile(arg, bytesToString(bytes));
      ctx.fs.remove(`${arg}.part`);
    } catch {
      ctx.stderr.write(`Error: could not open ${arg}.part (open ${arg}.part: no such file or directory)\n`);
      return 1;
    }
    const lines = [
      `{"level":"info","ts":"${created}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"${arg}.part"}`,
      `{"level":"info","ts":"${opened}","logger":"client","caller":"v3@v3.5.21/maintenance.go:212","msg":"opened snapshot stream; downloading"}`,
      `{"level":"info","ts":"${fetching}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"${ep}"}`,
      `{"level":"info","ts":"${read}","logger":"client","caller":"v3@v3.5.21/maintenance.go:220","msg":"completed snapshot read; closing"}`,
      `{"level":"info","ts":"${fetched}","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"${ep}","size":"${humanizeBytes(bytes.length)}","took":"now"}`,
      `{"level":"info","ts":"${saved}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"${arg}"}`,
    ];
    out(ctx.stderr, lines.join('\n'));
    out(ctx.stdout, `Snapshot saved at ${arg}`);
    return 0;
  }
  const id = etcdMemberId(conn.memberHost);
  if (cmd === 'member' && sub === 'list') {
    const rows = etcdMembers(worldOf(ctx)!).map((mb) => [etcdMemberId(mb.name), 'started', mb.name, `https://${mb.ip}:2380`, `https://${mb.ip}:2379`, 'false']);
    if (f.write === 'table') ctx.stdout.write(table(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], rows));
    else out(ctx.stdout, rows.map((row) => row.join(', ')).join('\n'));
    return 0;
  }
  if (cmd === 'endpoint' && sub === 'health') {
    out(ctx.stdout, `${f.endpoints[0]} is healthy: successfully committed proposal: took = 9.582351ms`);
    return 0;
  }
  if (cmd === 'endpoint' && sub === 'status') {
    const row = [f.endpoints[0], id, ETCD_VERSION, humanizeBytes(dbSizes(store).size), 'true', 'false', '2', String(store.revision), String(store.revision), ''];
    if (f.write === 'table') ctx.stdout.write(table(['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'], [row]));
    else out(ctx.stdout, row.join(', '));
    return 0;
  }
  if (cmd === 'get') {
    const key = sub ?? '';
    const kvs = store.range(key, { prefix: f.prefix, keysOnly: f.keysOnly }).kvs;
    let text = '';
    for (const kv of kvs) text += f.keysOnly ? `${kv.key}\n\n` : `${kv.key}\n${kv.value}\n`;
    ctx.stdout.write(text);
    return 0;
  }
  ctx.stderr.write(`Error: unknown command "${sub ?? ''}" for "etcdctl ${cmd}"\n`);
  return 1;
};

export const etcdutl: Program = async (ctx) => {
  const f = parse(ctx.argv.slice(1));
  const [cmd, sub, file] = f.rest;
  if (cmd === 'version') {
    out(ctx.stdout, `etcdutl version: ${ETCD_VERSION}\nAPI version: 3.5`);
    return 0;
  }
  if (cmd !== 'snapshot' || (sub !== 'status' && sub !== 'restore')) {
    ctx.stderr.write(`Error: unknown command "${[cmd, sub].filter(Boolean).join(' ')}" for "etcdutl"\n`);
    return 1;
  }
  if (sub === 'status') return snapshotStatus(ctx, f, file);
  if (!file) {
    ctx.stderr.write('Error: snapshot restore requires exactly one argument\n');
    return 1;
  }
  let bytes: Uint8Array;
  try {
    bytes = stringToBytes(ctx.fs.readFile(file));
    EtcdStore.restore(bytes);
  } catch {
    ctx.stderr.write(`Error: open ${file}: no such file or directory\n`);
    return 1;
  }
  const dataDir = f.dataDir ?? 'default.etcd';
  if (ctx.fs.stat(`${dataDir}/member`)) {
    ctx.stderr.write(`Error: data-dir "${dataDir}" not empty or could not be read\n`);
    return 1;
  }
  const ts = zapTs(ctx.clock.now()).replace(/\.\d+Z$/, 'Z');
  const meta = `{"path": "${file}", "wal-dir": "${dataDir}/member/wal", "data-dir": "${dataDir}", "snap-dir": "${dataDir}/member/snap", "initial-memory-map-size": 10737418240}`;
  try {
    ctx.fs.mkdir(`${dataDir}/member/snap`, { recursive: true });
    ctx.fs.mkdir(`${dataDir}/member/wal`, { recursive: true });
    ctx.fs.writeFile(`${dataDir}/member/snap/db`, bytesToString(bytes));
  } catch {
    ctx.stderr.write(`Error: mkdir ${dataDir}: permission denied\n`);
    return 1;
  }
  out(ctx.stderr, `${ts}\tinfo\tsnapshot/v3_snapshot.go:265\trestoring snapshot\t${meta}`);
  out(ctx.stderr, `${ts}\tinfo\tmembership/store.go:141\tTrimming membership information from the backend...`);
  out(ctx.stderr, `${ts}\tinfo\tmembership/cluster.go:421\tadded member\t{"cluster-id": "cdf818194e3a8c32", "local-member-id": "0", "added-peer-id": "8e9e05c52164694d", "added-peer-peer-urls": ["http://localhost:2380"]}`);
  out(ctx.stderr, `${ts}\tinfo\tsnapshot/v3_snapshot.go:293\trestored snapshot\t${meta}`);
  return 0;
};
