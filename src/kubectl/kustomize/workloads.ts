/**
 * Where the pieces of workload kinds live: pod templates (with their metadata and pod spec) and
 * label selectors, for the transformers that reach inside them.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { isObj, kindOf, type Obj } from './types';

const TEMPLATE_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ReplicationController', 'Job']);

function at(o: unknown, path: string[]): unknown {
  let cur = o;
  for (const p of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[p];
  }
  return cur;
}

/** The pod template objects ({metadata, spec}) of a workload, creating none. */
export function podTemplates(obj: KubeObject): Obj[] {
  const path = TEMPLATE_KINDS.has(kindOf(obj)) ? ['spec', 'template'] : obj.kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : obj.kind === 'PodTemplate' ? ['template'] : undefined;
  if (!path) return [];
  const t = at(obj, path);
  return isObj(t) ? [t] : [];
}

/** Every pod spec in an object (a Pod's own spec or its templates'). */
export function podSpecs(obj: KubeObject): Obj[] {
  if (obj.kind === 'Pod') return isObj(obj.spec) ? [obj.spec as Obj] : [];
  return podTemplates(obj).map((t) => t.spec).filter(isObj);
}

/** Containers, init containers and ephemeral containers of a pod spec. */
export function containersOf(spec: Obj): Obj[] {
  const out: Obj[] = [];
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = spec[key];
    if (Array.isArray(list)) out.push(...list.filter(isObj));
  }
  return out;
}

/** The map at `path` under `root`, created (with its parents) when `create` is set. */
export function mapAt(root: Obj, path: string[], create: boolean): Obj | undefined {
  let cur: Obj = root;
  for (const p of path) {
    let next = cur[p];
    if (!isObj(next)) {
      if (!create || (next !== undefined && next !== null)) return undefined;
      next = {};
      cur[p] = next;
    }
    cur = next as Obj;
  }
  return cur;
}
