/** Small typed accessors over plain Kubernetes JSON objects, shared by controllers and kubelet. */
import type { KubeObject, OwnerReference } from '../../apiserver/types';

export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const spec = (o: KubeObject): Obj => (o.spec ?? {}) as Obj;
export const status = (o: KubeObject): Obj => (o.status ?? {}) as Obj;

export function controllerOf(o: KubeObject): OwnerReference | undefined {
  return o.metadata?.ownerReferences?.find((r) => r.controller);
}

export function isOwnedBy(o: KubeObject, owner: KubeObject): boolean {
  return controllerOf(o)?.uid === owner.metadata?.uid;
}

export function ownerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/**
 * JSON.stringify(a) === JSON.stringify(b), and true at once for the same value: informers hand out
 * frozen versions that share every part a write left alone, so most parts compared are the same.
 */
export function sameJsonText(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Stable JSON (sorted keys) for hashing and comparisons. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const keys = Object.keys(v as Obj).filter((k) => (v as Obj)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Obj)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * canonical(a) === canonical(b), without building either string: equal JSON values, key order and
 * undefined-valued keys aside.
 */
export function sameCanonical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const aObj = !!a && typeof a === 'object';
  const bObj = !!b && typeof b === 'object';
  if (!aObj || !bObj) return !aObj && !bObj && JSON.stringify(a) === JSON.stringify(b);
  const aArr = Array.isArray(a);
  if (aArr !== Array.isArray(b)) return false;
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    // Items undefined print as nothing ([undefined] prints as []): arrays of different lengths may still print alike.
    if (x.length !== y.length) return (x.includes(undefined) || y.includes(undefined)) && canonical(a) === canonical(b);
    for (let i = 0; i < x.length; i++) {
      // canonical() prints nothing for an undefined item (between its commas): equal only to another.
      const xu = x[i] === undefined;
      const yu = y[i] === undefined;
      if (xu || yu) {
        if (!(xu && yu) && canonical(x[i]) !== canonical(y[i])) return false;
        continue;
      }
      if (!sameCanonical(x[i], y[i])) return false;
    }
    return true;
  }
  const x = a as Obj;
  const y = b as Obj;
  let defined = 0;
  for (const k of Object.keys(x)) {
    if (x[k] === undefined) continue;
    defined++;
    if (!Object.prototype.hasOwnProperty.call(y, k) || !sameCanonical(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) defined--;
  return defined === 0;
}

export function isPodActive(p: KubeObject): boolean {
  const phase = status(p).phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata?.deletionTimestamp;
}

export function podCondition(p: KubeObject, type: string): Obj | undefined {
  return (status(p).conditions as Obj[] | undefined)?.find((c) => c.type === type);
}

export function isPodReady(p: KubeObject): boolean {
  return podCondition(p, 'Ready')?.status === 'True';
}

/** Ready for at least minReadySeconds at `nowMs`. */
export function isPodAvailable(p: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  const c = podCondition(p, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = Date.parse(String(c.lastTransitionTime ?? ''));
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= nowMs;
}

/** Does a label set match a LabelSelector object (matchLabels + matchExpressions)? */
export function selectorMatches(selector: Obj | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries((selector.matchLabels ?? {}) as Record<string, string>)) if (l[k] !== v) return false;
  for (const e of (selector.matchExpressions ?? []) as Obj[]) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const values = (e.values ?? []) as string[];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(l[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(l[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A selector with no requirements selects everything, except for controllers where it selects nothing. */
export function isEmptySelector(selector: Obj | undefined): boolean {
  return !selector || (!Object.keys(selector.matchLabels ?? {}).length && !(selector.matchExpressions ?? []).length);
}

/** intstr: 25% of total (rounded up or down), or an integer. */
export function scaledValue(v: unknown, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.endsWith('%')) {
    const pct = Number(v.slice(0, -1));
    const x = (pct * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return 0;
}
