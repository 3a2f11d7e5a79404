/**
 * The members of the stacked etcd cluster (what `etcdctl member list` shows). kubeadm init starts
 * it with the first control plane; `kubeadm join --control-plane` announces each new member
 * (MemberAdd) before writing its etcd manifest; `kubeadm reset` removes it. Kept with the world
 * (its 'etcd-members' part) so that it survives a reload.
 */
import type { World } from '../world';
import { clusterOf } from '../cluster/attach';
import { kubeletNodeName } from '../kubelet/flags';

export interface EtcdMember {
  name: string;
  ip: string;
}

const PART = 'etcd-members';

class MemberList {
  constructor(readonly members: EtcdMember[]) {}
  toJSON(): EtcdMember[] {
    return this.members;
  }
}

function list(world: World): MemberList | undefined {
  const part = world.attachments.get(PART);
  if (part instanceof MemberList) return part;
  const saved = world.savedAttachment(PART) as EtcdMember[] | undefined;
  if (!saved) return undefined;
  const restored = new MemberList([...saved]);
  world.attach(PART, restored);
  return restored;
}

/** The members, the control plane's own etcd alone unless more joined. */
export function etcdMembers(world: World): EtcdMember[] {
  const known = list(world);
  if (known) return known.members;
  const cluster = clusterOf(world);
  const cp = cluster ? world.machines.get(cluster.opts.controlPlane) : undefined;
  // etcd's member name is the node name (--name=<node> in its manifest), which the kubelet's flags tell.
  return cp ? [{ name: kubeletNodeName(cp), ip: cp.ip }] : [];
}

export function addEtcdMember(world: World, member: EtcdMember): void {
  const members = etcdMembers(world).filter((m) => m.name !== member.name);
  world.attach(PART, new MemberList([...members, member]));
}

export function removeEtcdMember(world: World, name: string): void {
  if (!list(world)) return;
  world.attach(PART, new MemberList(etcdMembers(world).filter((m) => m.name !== name)));
}

/** The member ID etcd derives (stable per member name). */
export function etcdMemberId(name: string): string {
  let h = 0x8e9e05c5;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `${h.toString(16).padStart(8, '0')}${((h ^ 0x2164694d) >>> 0).toString(16).padStart(8, '0')}`.slice(0, 16);
}
