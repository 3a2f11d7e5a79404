/** etcdctl get, put and del (ctlv3/command/{get,put,del}_command.go): argument checks before the client, then the simple printer. */
import type { EtcdStore, KeyValue } from '../../sim/etcd';
import { etcdMembers } from '../../sim/kubeadm/etcd-members';
import { out, worldOf } from '../lib/context';
import { EXIT, type Invocation } from './invocation';
import { getFields } from './fields-printer';
import { header, rangeResponse } from './json-printer';
import { printKV, putByHand, storedBytes, storedTexts } from './stored-bytes';

/** The keys a get or del names: one key, a prefix, [key, range_end) (a range_end of "\\0": every key from key on), or --from-key. */
function keysInRange(store: EtcdStore, key: string, rangeEnd: string | undefined, prefix: boolean, fromKey: boolean): KeyValue[] {
  if (!fromKey && rangeEnd === undefined) return prefix ? store.range(key, { prefix: true }).kvs : store.range(key).kvs;
  const end = fromKey || rangeEnd === '\0' ? undefined : rangeEnd;
  return store.range('', { prefix: true }).kvs.filter((kv) => kv.key >= key && (end === undefined || kv.key < end));
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
  const order = inv.flag('order');
  if (!['', 'ASCEND', 'DESCEND'].includes(order)) return inv.fail(EXIT.badFeature, `bad sort order ${order}`);
  const sortBy = inv.flag('sort-by');
  if (!['', 'CREATE', 'KEY', 'MODIFY', 'VALUE', 'VERSION'].includes(sortBy)) return inv.fail(EXIT.badFeature, `bad sort target ${sortBy}`);
  const conn = await inv.client();
  if (typeof conn === 'number') return conn;
  if (countOnly && inv.write !== 'fields') return inv.fail(EXIT.badArgs, '--count-only is only for `--write-out=fields`');
  const valueOnly = inv.bool('print-value-only');
  if (valueOnly && inv.write !== 'simple') return inv.fail(EXIT.badArgs, 'print-value-only is only for `--write-out=simple`');
  const [key, rangeEnd] = args;
  let kvs = keysInRange(conn.store, key, rangeEnd, prefix, fromKey);
  if (order === 'DESCEND') kvs = [...kvs].reverse();
  const count = kvs.length;
  const limit = Number(inv.flag('limit'));
  if (limit > 0) kvs = kvs.slice(0, limit);
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
