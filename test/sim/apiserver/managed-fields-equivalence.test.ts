/**
 * recordManagedFields takes shortcuts (a walk of both objects along their field sets, whole
 * shared subtrees skipped, the manager's own set reused when it took nothing new). This checks
 * them against the plain definition of an Update — taken = leaves new or changed, others lose
 * taken and removed leaves, the manager owns what it had plus what it took — on random pods.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fieldsOf, leafPaths, pathsToFields, recordManagedFields, valueAt, type ManagedFieldsEntry } from '../../../src/sim/apiserver/patch/managed-fields';
import { carryNote } from '../../../src/sim/apiserver/storage';
import { definitionFor } from '../../../src/sim/apiserver/schema';
import { deepFreeze } from '../../../src/sim/apiserver/json-copy';
import type { RequestContext } from '../../../src/sim/apiserver/context';
import type { KubeObject } from '../../../src/sim/apiserver/types';

const NOW = '2026-01-15T08:00:00Z';
const ctx = { info: { group: '', version: 'v1', kind: 'Pod' }, server: { clock: { rfc3339: () => NOW } } } as unknown as RequestContext;

/** The definition, written plainly (what the code did before its shortcuts). */
function reference(obj: KubeObject, old: KubeObject, managerName: string, subresource?: string): ManagedFieldsEntry[] {
  const defName = definitionFor('', 'v1', 'Pod');
  const part = subresource === 'status' ? 'status' : 'main';
  const sub = subresource === 'status' ? 'status' : '';
  const source = (Array.isArray(obj.metadata?.managedFields) ? obj.metadata!.managedFields : (old.metadata?.managedFields ?? [])) as ManagedFieldsEntry[];
  const newLeaves = leafPaths(fieldsOf(obj, defName, true, part));
  const oldLeaves = leafPaths(fieldsOf(old, defName, true, part));
  const newSet = new Set(newLeaves);
  const oldSet = new Set(oldLeaves);
  const removed = oldLeaves.filter((p) => !newSet.has(p));
  const taken = newLeaves.filter((p) => !oldSet.has(p) || valueAt(old, p) !== valueAt(obj, p));
  const prev = source.find((e) => e.manager === managerName && e.operation === 'Update' && (e.subresource ?? '') === sub);
  const prevPaths = prev ? leafPaths(prev.fieldsV1 ?? {}) : [];
  const owned = [...new Set([...prevPaths, ...taken])].filter((p) => newSet.has(p));
  const drop = new Set([...taken, ...removed]);
  const kept: ManagedFieldsEntry[] = [];
  for (const e of source) {
    if (e.manager === managerName && e.operation === 'Update' && (e.subresource ?? '') === sub) continue;
    if ((e.subresource ?? '') !== sub || !drop.size) {
      kept.push(e);
      continue;
    }
    const paths = leafPaths(e.fieldsV1 ?? {}).filter((p) => !drop.has(p));
    if (paths.length) kept.push({ ...e, fieldsV1: pathsToFields(paths) });
  }
  if (!owned.length) return kept;
  const entry: ManagedFieldsEntry = { manager: managerName, operation: 'Update', apiVersion: 'v1', time: NOW, fieldsType: 'FieldsV1', fieldsV1: pathsToFields(owned) };
  if (subresource) entry.subresource = subresource;
  return [...kept, entry];
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

type Step = { manager: string; status: boolean; next: ReturnType<typeof pod extends fc.Arbitrary<infer T> ? () => T : never>; shareSpec: boolean; shareMeta: boolean };
const step = fc.record({ manager: fc.constantFrom('kubectl', 'kubelet', 'controller'), status: fc.boolean(), next: pod, shareSpec: fc.boolean(), shareMeta: fc.boolean() });

function asPod(p: unknown, managedFields: unknown): KubeObject {
  const o = JSON.parse(JSON.stringify(p)) as KubeObject;
  return { apiVersion: 'v1', kind: 'Pod', ...o, metadata: { name: 'p', namespace: 'default', ...o.metadata, ...(managedFields ? { managedFields } : {}) } } as KubeObject;
}

describe('recordManagedFields equals the definition of an Update', () => {
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
          expect(JSON.parse(JSON.stringify(written.metadata!.managedFields))).toEqual(JSON.parse(JSON.stringify(want)));
          // as the storage keeps it: a frozen copy carrying the written object's note
          const next = JSON.parse(JSON.stringify(written)) as KubeObject;
          carryNote(written, next);
          deepFreeze(next);
          stored = next;
        }
      }),
      { numRuns: 300 },
    );
  });
});
