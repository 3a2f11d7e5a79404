/**
 * The ControllerRevision history of a DaemonSet or StatefulSet, as their controllers keep it
 * (daemon/update.go constructHistory, statefulset's getStatefulSetRevisions): the revision of the
 * current template is found by its name (owner name and template hash) or created numbered one
 * past the others; a revision found again (a rollback, `kubectl rollout undo`) is renumbered one
 * past the others, so that `rollout history` lists it as the latest and its old number is gone.
 */
import type { ApiClient } from '../../apiserver/client';
import type { KubeObject, OwnerReference } from '../../apiserver/types';
import { controllerOf, type Obj } from './objects';

const REVISIONS = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };

export interface RevisionSpec {
  owner: KubeObject;
  /** `<owner name>-<hash>`. */
  name: string;
  labels: Record<string, string>;
  data: Obj;
  ownerReference: OwnerReference;
}

export function ensureRevision(client: ApiClient, r: RevisionSpec): void {
  const namespace = r.owner.metadata!.namespace;
  const list = client.list(REVISIONS, namespace, { readOnly: true });
  const all = list.code === 200 ? (list.body as { items: KubeObject[] }).items : [];
  // A revision of that name left by another owner (a set deleted with orphans) is not taken over.
  if (all.some((x) => x.metadata?.name === r.name && controllerOf(x)?.uid !== r.owner.metadata!.uid)) return;
  const mine = all.filter((x) => controllerOf(x)?.uid === r.owner.metadata!.uid);
  const current = mine.find((x) => x.metadata?.name === r.name);
  const next = mine.reduce((m, x) => (x === current ? m : Math.max(m, Number((x as Obj).revision ?? 0))), 0) + 1;
  if (current) {
    if (Number((current as Obj).revision ?? 0) < next) client.update(REVISIONS, namespace, { ...(current as Obj), revision: next } as KubeObject);
    return;
  }
  client.create(REVISIONS, namespace, {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name: r.name, namespace, labels: r.labels, ownerReferences: [r.ownerReference] },
    data: r.data,
    revision: next,
  });
}
