/**
 * Who is talking to the API server, from the identity on the request — the same identities a real
 * cluster's components use (RBAC subjects): kubectl with kubeadm's admin.conf is `kubernetes-admin`,
 * the scheduler `system:kube-scheduler`, a kubelet `system:node:<name>`, controllers their service
 * accounts in kube-system (`system:serviceaccount:kube-system:deployment-controller`).
 */
export type ActorKind = 'kubectl' | 'apiserver' | 'etcd' | 'controller-manager' | 'scheduler' | 'kubelet' | 'kube-proxy' | 'client';

export interface Actor {
  kind: ActorKind;
  /** The node of a kubelet or kube-proxy; the controller's name inside the controller-manager. */
  detail?: string;
}

export function actorOf(username: string | undefined): Actor {
  if (!username || username === 'system:apiserver') return { kind: 'apiserver' };
  if (username === 'system:kube-scheduler') return { kind: 'scheduler' };
  if (username === 'system:kube-controller-manager') return { kind: 'controller-manager' };
  if (username === 'system:kube-proxy') return { kind: 'kube-proxy' };
  const node = /^system:node:(.+)$/.exec(username);
  if (node) return { kind: 'kubelet', detail: node[1] };
  const sa = /^system:serviceaccount:kube-system:(.+)$/.exec(username);
  if (sa) {
    if (sa[1] === 'kube-proxy') return { kind: 'kube-proxy' };
    // controller-manager runs each controller with its own service account (--use-service-account-credentials).
    if (/-controller$|^generic-garbage-collector$|^namespace-controller$/.test(sa[1])) return { kind: 'controller-manager', detail: sa[1] };
    return { kind: 'client', detail: username };
  }
  if (username === 'kubernetes-admin' || username === 'kubernetes-super-admin' || !username.startsWith('system:')) return { kind: 'kubectl', detail: username };
  return { kind: 'client', detail: username };
}

/** A stable id for a diagram box: `kubelet:cka02`, `scheduler`. */
export function actorId(a: Actor): string {
  return (a.kind === 'kubelet' || a.kind === 'kube-proxy') && a.detail ? `${a.kind}:${a.detail}` : a.kind;
}
