/**
 * kubectl diff -f FILE: the live object against what applying the file would make of it (a
 * server-side dry run), printed as `diff -u -N` prints it; exit 1 when they differ.
 */
import type { KubeObject } from '../../sim/apiserver/types';
import { connect, namespaceOf } from '../client/connection';
import { statusText } from '../client/status';
import { KubectlError, fail } from '../errors';
import type { Invocation } from '../invocation';
import { toYaml } from '../../sim/go-yaml/emit';
import { fileObjects } from '../resource/objects';
import { threeWayPatch } from '../util/three-way';
import { marshalOrder } from '../util/strategic/values';
import { unifiedDiff } from '../util/unified-diff';
import { withLastApplied } from './apply';
import { LAST_APPLIED } from './create/generator';
import { register } from './registry';
import { hasFileSource } from '../resource/kustomize-source';

function clean(o: KubeObject | undefined): string {
  if (!o) return '';
  const copy = JSON.parse(JSON.stringify(o)) as KubeObject;
  if (copy.metadata) delete copy.metadata.managedFields;
  return toYaml(copy);
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.000000000 +0000`;
}

async function diff(inv: Invocation): Promise<number> {
  if (!hasFileSource(inv)) throw fail('must specify one of -f and -k');
  const conn = connect(inv);
  const objs = await fileObjects(inv, conn, namespaceOf(inv));
  const now = inv.ctx.clock.now();
  const liveDir = `/tmp/LIVE-${String(now % 1e9).padStart(9, '0')}`;
  const mergedDir = `/tmp/MERGED-${String((now * 7) % 1e9).padStart(9, '0')}`;
  let differs = false;
  for (const { object, mapping, namespace } of objs) {
    const name = object.metadata?.name ?? '';
    const base = { group: mapping.group, version: mapping.version, resource: mapping.resource, namespace };
    const liveRes = conn.request<KubeObject>({ ...base, verb: 'get', name });
    const live = liveRes.code < 300 ? (liveRes.body as KubeObject) : undefined;
    if (liveRes.code >= 300 && liveRes.code !== 404) throw new KubectlError(statusText(liveRes.body));
    // GetModifiedConfiguration without the annotation: diff does not save the configuration.
    const modified = JSON.parse(withLastApplied(object).lastApplied) as KubeObject;
    let merged: KubeObject;
    if (!live) {
      const res = conn.request<KubeObject>({ ...base, verb: 'create', body: object, query: { dryRun: 'All', fieldManager: 'kubectl-client-side-apply' } });
      if (res.code >= 300) throw new KubectlError(statusText(res.body));
      merged = res.body as KubeObject;
    } else {
      let original: unknown;
      try {
        original = JSON.parse(live.metadata?.annotations?.[LAST_APPLIED] ?? 'null');
      } catch {
        original = undefined;
      }
      const computed = threeWayPatch(mapping, original, modified, live);
      if (Object.keys(computed.patch).length === 0) continue;
      // The Patcher is given the live object's resourceVersion: a change made meanwhile is a conflict.
      const patch = marshalOrder({ ...computed.patch, metadata: { ...(computed.patch.metadata as object), resourceVersion: live.metadata?.resourceVersion } });
      const patchType = computed.patchType;
      const res = conn.request<KubeObject>({
        ...base, verb: 'patch', name, patchType, body: patch, query: { dryRun: 'All', fieldManager: 'kubectl-client-side-apply' },
      });
      if (res.code >= 300) throw new KubectlError(statusText(res.body));
      merged = res.body as KubeObject;
    }
    const file = `${mapping.group ? mapping.group + '.' : ''}${mapping.version}.${mapping.kind}.${namespace ? namespace + '.' : ''}${name}`;
    const hunks = unifiedDiff(clean(live), clean(merged));
    if (hunks.length === 0) continue;
    differs = true;
    inv.out(`diff -u -N ${liveDir}/${file} ${mergedDir}/${file}\n`);
    inv.out(`--- ${liveDir}/${file}\t${stamp(now)}\n+++ ${mergedDir}/${file}\t${stamp(now)}\n`);
    inv.out(hunks.join('\n') + '\n');
  }
  return differs ? 1 : 0;
}

register('diff', diff);
