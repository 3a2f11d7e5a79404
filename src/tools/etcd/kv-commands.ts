/** etcdctl get, put and del (ctlv3/command/{get,put,del}_command.go): argument checks before the client, then the simple printer. */
import type { EtcdStore, KeyValue } from '../../sim/etcd';
import { etcdMembers } from '../../sim/kubeadm/etcd-members';
import { out, worldOf } from '../lib/context';
import { EXIT, type Invocation } from './invocation';
import { getFields } from './fields-printer';
import { header, rangeResponse } from './json-printer';
import { printKV, putByHand, storedBytes, storedTexts } from './stored-bytes';

/**
 * The keys a get or del names: one key, a prefix, [key, range_end) (a range_end of "\\0": every key
 * from key on), or --from-key; as they were at `revision` when one is given (get --rev).
 */
function keysInRange(store: EtcdStore, key: string, rangeEnd: string | undefined, prefix: boolean, fromKey: boolean, revision = 0): KeyValue[] {
  if (!fromKey && rangeEnd === undefined) return store.range(key, { prefix, revision }).kvs;
  const end = fromKey || rangeEnd === '\0' ? undefined : rangeEnd;
  return store.range('', { prefix: true, revision }).kvs.filter((kv) => kv.key >= key && (end === undefined || kv.key < end));
}

/** What get --sort-by compares (the server's kvSortBy* sorters), keys in order breaking ties. */
const SORT_KEYS: Record<string, (a: KeyValue, b: KeyValue) => number> = {
  KEY: () => 0,
  CREATE: (a, b) => a.createRevision - b.createRevision,
  MODIFY: (a, b) => a.modRevision - b.modRevision,
  VERSION: (a, b) => a.version - b.version,
  VALUE: (a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
};

/**
 * The server's sort and limit (etcdserver/apply.go Range). A target other than KEY sorts ascending
 * unless told; KEY needs no sort (the store's order). A range asked for in an order is read whole,
 * then sorted and cut; one without reads one more than the limit in key order first (so
 * --sort-by alone sorts only those).
 */
function sortAndLimit(kvs: KeyValue[], order: string, sortBy: string, limit: number): { kvs: KeyValue[]; count: number } {
  const count = kvs.length;
  const target = sortBy || 'KEY';
  const direction = order === '' && target !== 'KEY' ? 'ASCEND' : order;
  let read = order === '' && limit > 0 ? kvs.slice(0, limit + 1) : kvs;
  if (direction === 'ASCEND' || direction === 'DESCEND') {
    const byTarget = SORT_KEYS[target];
    const sign = direction === 'DESCEND' ? -1 : 1;
    read = [...read].sort((a, b) => sign * (byTarget(a, b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
  }
  return { kvs: limit > 0 ? read.slice(0, limit) : read, count };
}

export async function getCommand(inv: Invocation): Promise<number> {
  const { args } = inv;
  const prefix = inv.bool('prefix');
  const fromKey = inv.bool('from-key');
  const keysOnly = inv.bool('keys-only');
  const countOnly = inv.bool('count-only');
  if (!args.length) return inv.fail(EXIT.badArgs, 'get command needs one argument as key and an optional argument as range_end');
  if (prefix && fromKey) return inv.fail(EXIT.badArgs, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  if (keysOnly && countOnly) return inv.fail(EXIT.badArgs, '`--keys-only` and `--count-only` cannot be set at the same time, choose one');
  const consistency = inv.flag('consistency');
  if (consistency !== 'l' && consistency !== 's') return inv.fail(EXIT.badFeature, `unknown consistency flag ${JSON.stringify(consistency)}`);
  if (args.length > 1 && (prefix || fromKey)) return inv.fail(EXIT.badArgs, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set');
  // get_command.go upper-cases both before it checks them, and names them as they were typed.
  const order = inv.flag('order').toUpperCase();
  if (!['', 'ASCEND', 'DESCEND'].includes(order)) return inv.fail(EXIT.badFeature, `bad sort order ${inv.flag('order')}`);
  const sortBy = inv.flag('sort-by').toUpperCase();
  if (!['', 'CREATE', 'KEY', 'MODIFY', 'VALUE', 'VERSION'].includes(sortBy)) return inv.fail(EXIT.badFeature, `bad sort target ${inv.flag('sort-by')}`);
  const conn = await inv.client();
  if (typeof conn === 'number') return conn;
  if (countOnly && inv.write !== 'fields') return inv.fail(EXIT.badArgs, '--count-only is only for `--write-out=fields`');
  const valueOnly = inv.bool('print-value-only');
  if (valueOnly && inv.write !== 'simple') return inv.fail(EXIT.badArgs, 'print-value-only is only for `--write-out=simple`');
  const [key, rangeEnd] = args;
  let inRange: KeyValue[];
  try {
    inRange = keysInRange(conn.store, key, rangeEnd, prefix, fromKey, Number(inv.flag('rev')));
  } catch (e) {
    return inv.fail(EXIT.error, (e as Error).message);
  }
  const { kvs, count } = sortAndLimit(inRange, order, sortBy, Number(inv.flag('limit')));
  if (inv.write === 'json') {
    const first = etcdMembers(worldOf(inv.ctx)!)[0]?.name ?? conn.memberHost;
    const values = keysOnly ? [] : await storedBytes(conn.store, kvs);
    out(inv.ctx.stdout, rangeResponse(header(first, conn.memberHost, conn.store.revision), kvs, values, keysOnly, kvs.length < count, count));
    return 0;
  }
  if (inv.write === 'fields') {
    const first = etcdMembers(worldOf(inv.ctx)!)[0]?.name ?? conn.memberHost;
    const values = keysOnly || countOnly ? [] : await storedTexts(conn.store, kvs);
    inv.ctx.stdout.write(getFields(first, conn.memberHost, conn.store.revision, countOnly ? [] : kvs, values, !countOnly && kvs.length < count, count));
    return 0;
  }
  if (inv.write === 'table') return inv.fail(EXIT.badFeature, 'table not supported as output format');
  if (inv.write !== 'simple') return inv.fail(EXIT.error, `-w ${inv.write} of get is not available in the simulated cluster`);
  const values = keysOnly ? [] : await storedBytes(conn.store, kvs);
  const hex = inv.bool('hex');
  let text = '';
  kvs.forEach((kv, i) => (text += printKV(hex, valueOnly, kv.key, values[i] ?? new Uint8Array())));
  inv.ctx.stdout.write(text);
  return 0;
}

export async function putCommand(inv: Invocation): Promise<number> {
  const { args } = inv;
  const needs = 'put command needs 1 argument and input from stdin or 2 arguments';
  if (!args.length) return inv.fail(EXIT.badArgs, needs);
  const ignoreValue = inv.bool('ignore-value');
  if (ignoreValue && args.length > 1) return inv.fail(EXIT.badArgs, "put command needs only 1 argument when 'ignore-value' is set");
  let value = args[1];
  if (!ignoreValue && value === undefined) {
    const stdin = await inv.ctx.stdin.readAll();
    if (!stdin) return inv.fail(EXIT.badArgs, needs);
    value = stdin;
  }
  const lease = inv.flag('lease');
  if (!/^[+-]?[0-9a-fA-F]+$/.test(lease)) return inv.fail(EXIT.badArgs, `bad lease ID (strconv.ParseInt: parsing ${JSON.stringify(lease)}: invalid syntax), expecting ID in Hex`);
  const conn = await inv.client();
  if (typeof conn === 'number') return conn;
  const previous = conn.store.get(args[0]);
  if (ignoreValue && !previous) return inv.fail(EXIT.error, 'etcdserver: key not found');
  const prevBytes = previous && inv.bool('prev-kv') ? (await storedBytes(conn.store, [previous]))[0] : undefined;
  await putByHand(conn.store, args[0], ignoreValue ? undefined : value);
  out(inv.ctx.stdout, 'OK');
  if (prevBytes !== undefined) inv.ctx.stdout.write(printKV(inv.bool('hex'), false, previous!.key, prevBytes));
  return 0;
}

export async function delCommand(inv: Invocation): Promise<number> {
  const { args } = inv;
  const prefix = inv.bool('prefix');
  const fromKey = inv.bool('from-key');
  if (!args.length || args.length > 2) return inv.fail(EXIT.badArgs, 'del command needs one argument as key and an optional argument as range_end');
  if (prefix && fromKey) return inv.fail(EXIT.badArgs, '`--prefix` and `--from-key` cannot be set at the same time, choose one');
  if (args.length > 1 && (prefix || fromKey)) return inv.fail(EXIT.badArgs, 'too many arguments, only accept one argument when `--prefix` or `--from-key` is set');
  const conn = await inv.client();
  if (typeof conn === 'number') return conn;
  const [key, rangeEnd] = args;
  const doomed = keysInRange(conn.store, key, rangeEnd, prefix, fromKey);
  const prevValues = inv.bool('prev-kv') ? await storedBytes(conn.store, doomed) : [];
  for (const kv of doomed) conn.store.delete(kv.key);
  out(inv.ctx.stdout, String(doomed.length));
  doomed.forEach((kv, i) => i < prevValues.length && inv.ctx.stdout.write(printKV(inv.bool('hex'), false, kv.key, prevValues[i])));
  return 0;
}
