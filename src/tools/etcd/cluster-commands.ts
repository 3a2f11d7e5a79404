/** etcdctl member list, endpoint health/status/hashkv, compaction, defrag and alarm list/disarm over the cluster's etcd. */
import { clusterOf } from '../../sim/cluster/attach';
import { narrateDefragmentation } from '../../sim/cluster/component-logs/etcd-maintenance';
import { dbSizes, defragment } from '../../sim/etcd/db-size';
import { humanizeBytes } from '../../sim/etcd/humanize';
import { etcdMemberId, etcdMembers } from '../../sim/kubeadm/etcd-members';
import { out, worldOf } from '../lib/context';
import { connect, tlsFilesError, zapTs } from './connection';
import { EXIT, type Invocation } from './invocation';
import { asciiTable } from './table';
import { ETCD_VERSION } from './usage';
import { header, memberListResponse, statusResponse } from './json-printer';

/** The first member's name: the cluster's ID in a response header derives from it. */
function firstMember(inv: Invocation, fallback: string): string {
  return etcdMembers(worldOf(inv.ctx)!)[0]?.name ?? fallback;
}

/** Printers other than simple, table and json are not modelled: said plainly rather than guessed. */
function unmodelled(inv: Invocation): number | undefined {
  return ['simple', 'table', 'json'].includes(inv.write) ? undefined : inv.fail(EXIT.error, `-w ${inv.write} of ${inv.cmd.path.replace(/^etcdctl /, '')} is not available in the simulated cluster`);
}

export async function memberList(inv: Invocation): Promise<number> {
  const refused = unmodelled(inv);
  if (refused !== undefined) return refused;
  const conn = await inv.client();
  if (typeof conn === 'number') return conn;
  const members = etcdMembers(worldOf(inv.ctx)!);
  if (inv.write === 'json') return out(inv.ctx.stdout, memberListResponse(header(firstMember(inv, conn.memberHost), conn.memberHost), members)), 0;
  const rows = members.map((mb) => [etcdMemberId(mb.name), 'started', mb.name, `https://${mb.ip}:2380`, `https://${mb.ip}:2379`, 'false']);
  if (inv.write === 'table') inv.ctx.stdout.write(asciiTable(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], rows));
  else out(inv.ctx.stdout, rows.map((row) => row.join(', ')).join('\n'));
  return 0;
}

/** The endpoints a maintenance command visits: --endpoints, or with --cluster every member's client URL. */
function endpointsOf(inv: Invocation): string[] {
  if (!inv.bool('cluster')) return inv.endpoints;
  return etcdMembers(worldOf(inv.ctx)!).map((mb) => `https://${mb.ip}:2379`);
}

/** Each endpoint on its own client: the healthy ones first, the others after the command timeout. */
export async function endpointHealth(inv: Invocation): Promise<number> {
  const tls = inv.tls();
  const bad = tlsFilesError(inv.ctx, tls);
  if (bad) return inv.fail(EXIT.badArgs, bad);
  const refused = unmodelled(inv);
  if (refused !== undefined) return refused;
  const healthy: string[] = [];
  const unhealthy: string[] = [];
  for (const ep of endpointsOf(inv)) (typeof connect(inv.ctx, tls, ep) === 'object' ? healthy : unhealthy).push(ep);
  const took = '9.582351ms';
  if (!unhealthy.length && inv.write === 'json') return out(inv.ctx.stdout, `[${healthy.map((ep) => `{"endpoint":${JSON.stringify(ep)},"health":true,"took":"${took}"}`).join(',')}]`), 0;
  if (!unhealthy.length && inv.write === 'table') return inv.ctx.stdout.write(asciiTable(['ENDPOINT', 'HEALTH', 'TOOK', 'ERROR'], healthy.map((ep) => [ep, 'true', took, '']))), 0;
  for (const ep of healthy) out(inv.ctx.stdout, `${ep} is healthy: successfully committed proposal: took = ${took}`);
  if (!unhealthy.length) return 0;
  await inv.ctx.clock.sleep(5_000);
  for (const ep of unhealthy) {
    out(inv.ctx.stderr, `{"level":"warn","ts":"${zapTs(inv.ctx.clock.now())}","logger":"client","caller":"v3@v3.5.21/retry_interceptor.go:62","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000380a80/${ep.replace(/^[a-z]+:\/\//, '')}","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = context deadline exceeded"}`);
    out(inv.ctx.stderr, `${ep} is unhealthy: failed to commit proposal: context deadline exceeded`);
  }
  out(inv.ctx.stderr, 'Error: unhealthy cluster');
  return 1;
}

export async function endpointStatus(inv: Invocation): Promise<number> {
  const refused = unmodelled(inv);
  if (refused !== undefined) return refused;
  const rows: string[][] = [];
  const statuses: string[] = [];
  for (const ep of endpointsOf(inv)) {
    const conn = await inv.client(ep);
    if (typeof conn === 'number') return conn;
    const { store } = conn;
    const first = firstMember(inv, conn.memberHost);
    const sizes = dbSizes(store);
    statuses.push(`{"Endpoint":${JSON.stringify(ep)},"Status":${statusResponse(header(first, conn.memberHost, store.revision), store, ETCD_VERSION, first, sizes.size, sizes.inUse)}}`);
    rows.push([ep, etcdMemberId(conn.memberHost), ETCD_VERSION, humanizeBytes(dbSizes(store).size), 'true', 'false', '2', String(store.revision), String(store.revision), '']);
  }
  if (inv.write === 'json') out(inv.ctx.stdout, `[${statuses.join(',')}]`);
  else if (inv.write === 'table') inv.ctx.stdout.write(asciiTable(['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'], rows));
  else out(inv.ctx.stdout, rows.map((r) => r.join(', ')).join('\n'));
  return 0;
}

export async function compaction(inv: Invocation): Promise<number> {
  if (inv.args.length !== 1) return inv.fail(EXIT.badArgs, 'compaction command needs 1 argument');
  const [rev] = inv.args;
  if (!/^[+-]?\d+$/.test(rev)) return inv.fail(EXIT.error, `strconv.ParseInt: parsing ${JSON.stringify(rev)}: invalid syntax`);
  const conn = await inv.client();
  if (typeof conn === 'number') return conn;
  try {
    conn.store.compact(Number(rev));
  } catch (e) {
    return inv.fail(EXIT.error, (e as Error).message);
  }
  out(inv.ctx.stdout, `compacted revision ${rev}`);
  return 0;
}

export async function defrag(inv: Invocation): Promise<number> {
  const endpoints = endpointsOf(inv);
  const conn = await inv.client(endpoints[0]);
  if (typeof conn === 'number') return conn;
  const { before, after } = defragment(conn.store);
  narrateDefragmentation(clusterOf(worldOf(inv.ctx)!)!, before, after);
  for (const ep of endpoints) out(inv.ctx.stdout, `Finished defragmenting etcd member[${ep}]`);
  return 0;
}

/** No alarm is ever raised here (no member runs out of space): list and disarm print nothing. */
export async function alarm(inv: Invocation): Promise<number> {
  if (inv.args.length) return inv.fail(EXIT.badArgs, `alarm ${inv.cmd.name} command accepts no arguments`);
  const conn = await inv.client();
  return typeof conn === 'number' ? conn : 0;
}

/**
 * kubeadm's etcd never enables authentication: no users, no roles, the auth store's first
 * revision (NewAuthStore commits revision 1). The simple printer's lines; other printers are not modelled.
 */
export function authQuery(print: (out: (line: string) => void) => void): (inv: Invocation) => Promise<number> {
  return async (inv) => {
    if (inv.write !== 'simple') return inv.fail(EXIT.error, `-w ${inv.write} of ${inv.cmd.path.replace(/^etcdctl /, '')} is not available in the simulated cluster`);
    const conn = await inv.client();
    if (typeof conn === 'number') return conn;
    print((line) => out(inv.ctx.stdout, line));
    return 0;
  };
}
