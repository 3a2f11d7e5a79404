/**
 * etcdctl -w fields (ctlv3/command/printer_fields.go at v3.5.21): one `"Name" : value` line per
 * field, numbers as fmt prints them, keys and values quoted with %q — so a protobuf value shows its
 * bytes that are not UTF-8 as \xNN.
 */
import type { KeyValue } from '../../sim/etcd';
import { etcdClusterId } from '../../sim/cluster/component-logs/etcd';
import { etcdMemberId } from '../../sim/kubeadm/etcd-members';
import { goQuote } from '../../sim/go-quote';
import { RAFT_TERM, uint64 } from './json-printer';

/** %q of stream text: the escaped bytes that are no UTF-8 (see byte-text) as Go writes them, \xNN. */
function quoteBytes(text: string): string {
  return goQuote(text).replace(/\\udc([89a-f][0-9a-f])/g, '\\x$1');
}

function header(firstMember: string, member: string, revision: number): string {
  return `"ClusterID" : ${uint64(etcdClusterId(etcdMemberId(firstMember)))}\n"MemberID" : ${uint64(etcdMemberId(member))}\n"Revision" : ${revision}\n"RaftTerm" : ${RAFT_TERM}\n`;
}

/** fieldsPrinter.Get; `values`: each key-value's stored bytes as stream text. */
export function getFields(firstMember: string, member: string, revision: number, kvs: KeyValue[], values: string[], more: boolean, count: number): string {
  let out = header(firstMember, member, revision);
  kvs.forEach((kv, i) => {
    out += `"Key" : ${goQuote(kv.key)}\n"CreateRevision" : ${kv.createRevision}\n"ModRevision" : ${kv.modRevision}\n"Version" : ${kv.version}\n`;
    out += `"Value" : ${quoteBytes(values[i] ?? '')}\n"Lease" : 0\n`;
  });
  return `${out}"More" : ${more}\n"Count" : ${count}\n`;
}
