/**
 * The kubernetes.io page a question points to, as the exam allows one browser tab on the docs: the
 * kinds a question's checks grade, and the topics its text names (etcd backup, kubeadm upgrade,
 * draining a node…). Pure data: the page shows the links; nothing is fetched.
 */
import type { Check, Task } from '../labs/schema';

export interface DocsLink {
  title: string;
  url: string;
}

const DOCS = 'https://kubernetes.io/docs/';

/** By kind, the concept page (what the real docs' search finds first). */
const KIND_PAGES: Record<string, string> = {
  Deployment: 'concepts/workloads/controllers/deployment/',
  ReplicaSet: 'concepts/workloads/controllers/replicaset/',
  StatefulSet: 'concepts/workloads/controllers/statefulset/',
  DaemonSet: 'concepts/workloads/controllers/daemonset/',
  Job: 'concepts/workloads/controllers/job/',
  CronJob: 'concepts/workloads/controllers/cron-jobs/',
  Pod: 'concepts/workloads/pods/',
  Service: 'concepts/services-networking/service/',
  Endpoints: 'concepts/services-networking/service/',
  Ingress: 'concepts/services-networking/ingress/',
  IngressClass: 'concepts/services-networking/ingress/',
  NetworkPolicy: 'concepts/services-networking/network-policies/',
  Gateway: 'concepts/services-networking/gateway/',
  HTTPRoute: 'concepts/services-networking/gateway/',
  Namespace: 'concepts/overview/working-with-objects/namespaces/',
  ServiceAccount: 'concepts/security/service-accounts/',
  Role: 'reference/access-authn-authz/rbac/',
  ClusterRole: 'reference/access-authn-authz/rbac/',
  RoleBinding: 'reference/access-authn-authz/rbac/',
  ClusterRoleBinding: 'reference/access-authn-authz/rbac/',
  ConfigMap: 'concepts/configuration/configmap/',
  Secret: 'concepts/configuration/secret/',
  PersistentVolume: 'concepts/storage/persistent-volumes/',
  PersistentVolumeClaim: 'concepts/storage/persistent-volumes/',
  StorageClass: 'concepts/storage/storage-classes/',
  HorizontalPodAutoscaler: 'tasks/run-application/horizontal-pod-autoscale/',
  PriorityClass: 'concepts/scheduling-eviction/pod-priority-preemption/',
  Node: 'concepts/architecture/nodes/',
};

/** Topics named in a task's text (English), each with its page (relative to kubernetes.io/docs/). */
const TOPICS: { pattern: RegExp; title: string; page: string }[] = [
  { pattern: /\betcd\b/i, title: 'Operating etcd clusters for Kubernetes', page: 'tasks/administer-cluster/configure-upgrade-etcd/' },
  { pattern: /\bkubeadm upgrade|\bupgrade\b.*\b(control plane|cluster|kubelet)/i, title: 'Upgrading kubeadm clusters', page: 'tasks/administer-cluster/kubeadm/kubeadm-upgrade/' },
  { pattern: /\bdrain|\bcordon/i, title: 'Safely Drain a Node', page: 'tasks/administer-cluster/safely-drain-node/' },
  { pattern: /\btaint|\btolerat/i, title: 'Taints and Tolerations', page: 'concepts/scheduling-eviction/taint-and-toleration/' },
  { pattern: /\bkubeadm (init|join)/i, title: 'Creating a cluster with kubeadm', page: 'setup/production-environment/tools/kubeadm/create-cluster-kubeadm/' },
  // Helm's own docs are the reference the exam allows for it.
  { pattern: /\bhelm\b/i, title: 'Helm', page: 'https://helm.sh/docs/' },
  { pattern: /\bkustomiz/i, title: 'Declarative Management of Kubernetes Objects Using Kustomize', page: 'tasks/manage-kubernetes-objects/kustomization/' },
  { pattern: /\bkubelet\b/i, title: 'Troubleshooting Clusters', page: 'tasks/debug/debug-cluster/' },
  { pattern: /\brollout|\broll back|\brollback/i, title: 'Deployments: Rolling Back a Deployment', page: 'concepts/workloads/controllers/deployment/#rolling-back-a-deployment' },
];

function kindsOf(checks: readonly Check[]): string[] {
  const kinds: string[] = [];
  for (const c of checks) {
    if (c.type === 'object') kinds.push(c.kind);
    else if (c.type === 'pods') kinds.push('Pod');
    else if (c.type === 'node') kinds.push('Node');
  }
  return kinds;
}

/** The docs pages a task names, most specific first, each page once. */
export function docsLinksFor(task: Pick<Task, 'checks' | 'text'>): DocsLink[] {
  const out: DocsLink[] = [];
  const seen = new Set<string>();
  const add = (title: string, page: string) => {
    const url = page.startsWith('https://') ? page : DOCS + page;
    if (seen.has(url.split('#')[0])) return;
    seen.add(url.split('#')[0]);
    out.push({ title, url });
  };
  for (const t of TOPICS) if (t.pattern.test(task.text.en)) add(t.title, t.page);
  for (const kind of kindsOf(task.checks)) if (KIND_PAGES[kind]) add(kind, KIND_PAGES[kind]);
  return out;
}
