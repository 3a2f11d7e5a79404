/**
 * recordManagedFields builds the sets of an Update on FieldsV1 trees, keeping the sets nothing
 * touched. This checks it against structured-merge-diff's Updater written plainly on sets of
 * paths: the manager owns (what it owned − removed) ∪ modified ∪ added, every other manager loses
 * added, modified and removed paths, and a manager left with nothing has no entry. The comparison
 * itself (compareObjects) is checked against real managedFields in field-sets.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { recordManagedFields, type ManagedFieldsEntry } from '../../../src/sim/apiserver/patch/managed-fields';
import { compareObjects } from '../../../src/sim/apiserver/patch/field-sets';
import { definitionFor } from '../../../src/sim/apiserver/schema';
import { deepFreeze } from '../../../src/sim/apiserver/json-copy';
import type { RequestContext } from '../../../src/sim/apiserver/context';
import type { KubeObject } from '../../../src/sim/apiserver/types';

const NOW = '2026-01-15T08:00:00Z';
const ctx = { info: { group: '', version: 'v1', kind: 'Pod' }, server: { clock: { rfc3339: () => NOW } } } as unknown as RequestContext;
type Obj = Record<string, unknown>;

/** The member paths of a FieldsV1 set ('/'-joined keys). */
function members(set: Obj, prefix = '', out = new Set<string>()): Set<string> {
  const keys = Object.keys(set).filter((k) => k !== '.');
  if (prefix && (!keys.length || '.' in set)) out.add(prefix);
  for (const k of keys) members(set[k] as Obj, prefix + '/' + k, out);
  return out;
}

/** The Updater on plain sets: entries as manager → member paths. */
function reference(written: KubeObject, old: KubeObject, managerName: string, subresource?: string): Map<string, Set<string>> {
  const cmp = compareObjects(old, written, definitionFor('', 'v1', 'Pod'), subresource === 'status' ? 'status' : 'main');
  const changed = members(cmp.changed ?? {});
  const removed = members(cmp.removed ?? {});
  const sub = subresource ?? '';
  const out = new Map<string, Set<string>>();
  for (const e of (old.metadata?.managedFields ?? []) as ManagedFieldsEntry[]) {
    const id = `${e.manager}|${e.subresource ?? ''}`;
    const set = members(e.fieldsV1 ?? {});
    if (e.manager === managerName && (e.subresource ?? '') === sub) {
      out.set(id, new Set([...set].filter((p) => !removed.has(p)).concat([...changed])));
    } else out.set(id, new Set([...set].filter((p) => !changed.has(p) && !removed.has(p))));
  }
  const id = `${managerName}|${sub}`;
  if (!out.has(id)) out.set(id, changed);
  for (const [k, v] of out) if (!v.size) out.delete(k);
  return out;
}

function actual(entries: ManagedFieldsEntry[]): Map<string, Set<string>> {
  return new Map(entries.map((e) => [`${e.manager}|${e.subresource ?? ''}`, members(e.fieldsV1 ?? {})]));
}

const name = fc.constantFrom('a', 'b', 'c');
const value = fc.oneof(fc.constantFrom('x', 'y'), fc.integer({ min: 0, max: 2 }), fc.boolean());
const labels = fc.dictionary(fc.constantFrom('app', 'tier', 'env'), fc.constantFrom('web', 'db'), { maxKeys: 3 });
const container = fc.record({ name, image: fc.constantFrom('nginx', 'redis'), ports: fc.option(fc.uniqueArray(fc.record({ containerPort: fc.constantFrom(80, 443), protocol: fc.constant('TCP') }), { selector: (p) => p.containerPort, maxLength: 2 }), { nil: undefined }), env: fc.option(fc.uniqueArray(fc.record({ name, value: fc.constantFrom('1', '2') }), { selector: (e) => e.name, maxLength: 2 }), { nil: undefined }) }, { requiredKeys: ['name', 'image'] });
const condition = fc.record({ type: fc.constantFrom('Ready', 'Initialized', 'PodScheduled'), status: fc.constantFrom('True', 'False'), reason: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }) }, { requiredKeys: ['type', 'status'] });
const containerStatus = fc.record({ name, ready: fc.boolean(), restartCount: fc.integer({ min: 0, max: 2 }), state: fc.oneof(fc.constant({ running: { startedAt: NOW } }), fc.record({ waiting: fc.record({ reason: fc.constantFrom('ContainerCreating', 'CrashLoopBackOff') }) })) });
const pod = fc.record({
  metadata: fc.record({ labels: fc.option(labels, { nil: undefined }), finalizers: fc.option(fc.uniqueArray(fc.constantFrom('f1', 'f2'), { maxLength: 2 }), { nil: undefined }) }, { requiredKeys: [] }),
  spec: fc.record({ containers: fc.uniqueArray(container, { selector: (c) => c.name, minLength: 1, maxLength: 2 }), nodeName: fc.option(fc.constantFrom('n1', 'n2'), { nil: undefined }), priority: fc.option(value.filter((v) => typeof v === 'number'), { nil: undefined }) }, { requiredKeys: ['containers'] }),
  status: fc.record({ phase: fc.constantFrom('Pending', 'Running'), conditions: fc.option(fc.uniqueArray(condition, { selector: (c) => c.type, maxLength: 3 }), { nil: undefined }), containerStatuses: fc.option(fc.uniqueArray(containerStatus, { selector: (c) => c.name, maxLength: 2 }), { nil: undefined }) }, { requiredKeys: ['phase'] }),
});

const step = fc.record({ manager: fc.constantFrom('kubectl', 'kubelet', 'controller'), status: fc.boolean(), next: pod, shareSpec: fc.boolean(), shareMeta: fc.boolean() });

function asPod(p: unknown, managedFields: unknown): KubeObject {
  const o = JSON.parse(JSON.stringify(p)) as KubeObject;
  return { apiVersion: 'v1', kind: 'Pod', ...o, metadata: { name: 'p', namespace: 'default', ...o.metadata, ...(managedFields ? { managedFields } : {}) } } as KubeObject;
}

describe('recordManagedFields equals the Updater on sets of paths', () => {
  it('for sequences of updates by several managers, main and status', () => {
    fc.assert(
      fc.property(pod, fc.array(step, { minLength: 1, maxLength: 5 }), (first, steps) => {
        let stored = asPod(first, undefined);
        recordManagedFields(ctx, stored, undefined, { name: 'creator', operation: 'Update' });
        stored = deepFreeze(stored);
        for (const s of steps) {
          // The written object keeps the stored spec/metadata objects themselves sometimes, as
          // components that spread the cached object do.
          const fresh = asPod(s.next, undefined);
          const written: KubeObject = s.status
            ? { ...stored, status: fresh.status }
            : { ...fresh, status: stored.status, spec: s.shareSpec ? stored.spec : fresh.spec };
          written.metadata = { ...(s.shareMeta || s.status ? stored.metadata : fresh.metadata) };
          delete written.metadata.managedFields;
          const want = reference({ ...written, metadata: { ...written.metadata } }, stored, s.manager, s.status ? 'status' : undefined);
          recordManagedFields(ctx, written, stored, { name: s.manager, operation: 'Update' }, s.status ? 'status' : undefined);
          const entries = (written.metadata!.managedFields ?? []) as ManagedFieldsEntry[];
          expect(actual(entries)).toEqual(want);
          // FieldsV1 as SMD writes it: '.' only beside members below, keys sorted, '.' first
          for (const e of entries) expect(JSON.stringify(e.fieldsV1)).toBe(JSON.stringify(canonical(e.fieldsV1)));
          stored = deepFreeze(JSON.parse(JSON.stringify(written)) as KubeObject);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** A FieldsV1 set rewritten from its members: '.' first where a member has members below, keys sorted. */
function canonical(set: Obj): Obj {
  const keys = Object.keys(set).filter((k) => k !== '.').sort();
  const out: Obj = {};
  if ('.' in set && keys.length) out['.'] = {};
  for (const k of keys) out[k] = canonical(set[k] as Obj);
  return out;
}
