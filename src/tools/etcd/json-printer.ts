/**
 * etcdctl -w json: the gRPC responses as Go's encoding/json marshals the generated structs
 * (api/etcdserverpb/rpc.pb.go, mvccpb/kv.pb.go at v3.5.21): snake_case header fields,
 * camelCase member and status fields, every field omitempty, IDs as uint64 numbers, keys and
 * values as base64 of their bytes.
 */
import type { EtcdStore, KeyValue } from '../../sim/etcd';
import { etcdClusterId } from '../../sim/cluster/component-logs/etcd';
import { etcdMemberId } from '../../sim/kubeadm/etcd-members';
import { textToBytes } from '../../shell/commands/lib/byte-text';

/** The raft term every member reports here (one election at start-up). */
export const RAFT_TERM = 2;

/** A 64-bit ID printed in hex (types.ID) as the decimal uint64 json.Marshal (and fmt) writes. */
export function uint64(hex: string): string {
  return BigInt(`0x${hex}`).toString();
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}


/** Raw JSON pieces in Go's field order, omitempty applied (undefined, 0, '', false and [] left out). */
function object(fields: [string, string | number | boolean | undefined][]): string {
  const kept = fields.filter(([, v]) => v !== undefined && v !== 0 && v !== '' && v !== false && v !== '0' && v !== '[]');
  return `{${kept.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

/** ResponseHeader: the cluster, the member that answered, the store's revision (KV and status calls), the term. */
export function header(firstMember: string, member: string, revision?: number): string {
  return object([
    ['cluster_id', uint64(etcdClusterId(etcdMemberId(firstMember)))],
    ['member_id', uint64(etcdMemberId(member))],
    ['revision', revision],
    ['raft_term', RAFT_TERM],
  ]);
}

/** `values`: each key-value's stored bytes (see stored-bytes). */
export function rangeResponse(head: string, kvs: KeyValue[], values: Uint8Array[], keysOnly: boolean, more: boolean, count: number): string {
  const items = kvs.map((kv, i) =>
    object([
      ['key', JSON.stringify(base64(textToBytes(kv.key)))],
      ['create_revision', kv.createRevision],
      ['mod_revision', kv.modRevision],
      ['version', kv.version],
      ['value', keysOnly || !values[i].length ? undefined : JSON.stringify(base64(values[i]))],
    ]),
  );
  return object([
    ['header', head],
    ['kvs', items.length ? `[${items.join(',')}]` : undefined],
    ['more', more || undefined],
    ['count', count],
  ]);
}

export function memberListResponse(head: string, members: { name: string; ip: string }[]): string {
  const items = members.map((m) =>
    object([
      ['ID', uint64(etcdMemberId(m.name))],
      ['name', JSON.stringify(m.name)],
      ['peerURLs', JSON.stringify([`https://${m.ip}:2380`])],
      ['clientURLs', JSON.stringify([`https://${m.ip}:2379`])],
    ]),
  );
  return object([
    ['header', head],
    ['members', `[${items.join(',')}]`],
  ]);
}

export function statusResponse(head: string, store: EtcdStore, version: string, leader: string, dbSize: number, dbSizeInUse: number): string {
  return object([
    ['header', head],
    ['version', JSON.stringify(version)],
    ['dbSize', dbSize],
    ['leader', uint64(etcdMemberId(leader))],
    ['raftIndex', store.revision],
    ['raftTerm', RAFT_TERM],
    ['raftAppliedIndex', store.revision],
    ['dbSizeInUse', dbSizeInUse],
  ]);
}
