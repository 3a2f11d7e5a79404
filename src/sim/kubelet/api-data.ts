/**
 * The API data a Pod's volumes hold, as the kubelet's ConfigMap and Secret managers give it: each
 * object's data (a Secret's values as their bytes: UTF-8 text as text, other bytes as the shell
 * carries them), and when the object was last written, which decides the sync that shows a change.
 */
import type { ApiClient } from '../apiserver/client';
import type { KubeObject } from '../apiserver/types';
import type { ExecContext } from './exec';
import { bytesToText } from '../../shell/commands/lib/byte-text';
import { decodeBase64 } from '../../shell/commands/base64';

const RESOURCES = { configmap: 'configmaps', secret: 'secrets' } as const;

export function apiDataLookup(client: ApiClient | undefined, namespace: string | undefined): Pick<ExecContext, 'lookup' | 'lookupChangedAt'> {
  const read = (kind: 'configmap' | 'secret', name: string): KubeObject | undefined => {
    const r = client?.get({ group: '', version: 'v1', resource: RESOURCES[kind] }, namespace, name, { readOnly: true });
    return r && r.code === 200 ? (r.body as KubeObject) : undefined;
  };
  return {
    lookup: (kind, name) => {
      const obj = read(kind, name);
      if (!obj) return undefined;
      const data = (obj.data ?? {}) as Record<string, string>;
      if (kind === 'configmap') return { ...data };
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(data)) out[k] = bytesToText(decodeBase64(v, false).bytes);
      return out;
    },
    lookupChangedAt: (kind, name) => lastWrite(read(kind, name)),
  };
}

/** When an object was last written: the latest time among its managedFields (seconds), 0 when none say. */
function lastWrite(obj: KubeObject | undefined): number {
  let latest = 0;
  for (const e of (obj?.metadata?.managedFields ?? []) as { time?: string }[]) {
    const t = e.time ? Date.parse(e.time) : NaN;
    if (t > latest) latest = t;
  }
  return latest;
}
