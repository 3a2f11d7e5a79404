/**
 * structured-merge-diff's comparison and sets, case by case (the end-to-end test in
 * test/kubectl/managed-fields.test.ts checks whole objects against real clusters' managedFields).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareObjects, difference, fieldSetOf, union } from '../../../src/sim/apiserver/patch/field-sets';
import { definitionFor } from '../../../src/sim/apiserver/schema';

const POD = definitionFor('', 'v1', 'Pod');
const DEPLOYMENT = definitionFor('apps', 'v1', 'Deployment');
const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...metadata }, spec });

describe('compareObjects', () => {
  it('a create: value structs existed in the zero object, maps and list items are added whole', () => {
    const d = compareObjects(undefined, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { app: 'd' } }, spec: { replicas: 1, strategy: { type: 'Recreate' }, selector: { matchLabels: { app: 'd' } } } }, DEPLOYMENT);
    expect(d.changed).toEqual({ 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } }, 'f:spec': { 'f:replicas': {}, 'f:selector': {}, 'f:strategy': { 'f:type': {} } } });
    expect(d.removed).toBeUndefined();
  });

  it('null where the zero object has null is no change; absent → null is', () => {
    expect(compareObjects(undefined, { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, eventTime: null, reportingComponent: '' }, definitionFor('', 'v1', 'Event')).changed).toBeUndefined();
    expect(compareObjects(pod({ nodeName: 'a' }), pod({ nodeName: 'a', hostname: null }), POD).changed).toEqual({ 'f:spec': { 'f:hostname': {} } });
  });

  it('an empty list or map on both sides is one leaf ([] and null differ), an atomic list one value', () => {
    expect(compareObjects(pod({ containers: null }), pod({ containers: [] }), POD).changed).toEqual({ 'f:spec': { 'f:containers': {} } });
    expect(compareObjects(pod({ containers: [] }), pod({ containers: [] }), POD).changed).toBeUndefined();
    expect(compareObjects(pod({ tolerations: [{ key: 'a' }] }), pod({ tolerations: [{ key: 'b' }] }), POD).changed).toEqual({ 'f:spec': { 'f:tolerations': {} } });
  });

  it('a removed map is removed with what was in it; a changed item only where it changed', () => {
    const d = compareObjects(pod({ containers: [{ name: 'c', image: 'a' }] }, { labels: { x: '1' } }), pod({ containers: [{ name: 'c', image: 'b' }] }), POD);
    expect(d.removed).toEqual({ 'f:metadata': { 'f:labels': { '.': {}, 'f:x': {} } } });
    expect(d.changed).toEqual({ 'f:spec': { 'f:containers': { 'k:{"name":"c"}': { 'f:image': {} } } } });
  });

  it('the same value on both sides is no change, whatever its key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('1', '2')), (labels) => {
        const reversed = Object.fromEntries(Object.entries(labels).reverse());
        expect(compareObjects(pod({}, { labels }), pod({}, { labels: reversed }), POD)).toEqual({});
      }),
    );
  });
});

describe('sets', () => {
  const set = (s: string) => JSON.parse(s) as Record<string, unknown>;

  it('union keeps a member that gets members below it as "."; difference leaves a member whose members went', () => {
    expect(union(set('{"f:spec":{"f:a":{}}}'), set('{"f:spec":{"f:a":{"f:b":{}}}}'))).toEqual(set('{"f:spec":{"f:a":{".":{},"f:b":{}}}}'));
    expect(difference(set('{"f:spec":{"f:a":{".":{},"f:b":{}}}}'), set('{"f:spec":{"f:a":{"f:b":{}}}}'))).toEqual(set('{"f:spec":{"f:a":{}}}'));
    expect(difference(set('{"f:spec":{"f:a":{}}}'), set('{"f:spec":{"f:a":{}}}'))).toBeUndefined();
  });

  it('union and difference agree with sets of paths', () => {
    const paths = fc.uniqueArray(fc.constantFrom('a', 'a/b', 'a/c', 'a/b/d', 'e', 'e/f'), { maxLength: 6 });
    const toSet = (ps: string[]) => {
      const root: Record<string, Record<string, unknown>> = {};
      for (const p of ps) {
        let cur: Record<string, unknown> = root;
        for (const seg of p.split('/')) cur = (cur[`f:${seg}`] ??= {}) as Record<string, unknown>;
        cur['.'] = {};
      }
      // a member without members below is a plain leaf
      const tidy = (o: Record<string, unknown>): Record<string, unknown> => {
        const keys = Object.keys(o).filter((k) => k !== '.').sort();
        const out: Record<string, unknown> = {};
        if ('.' in o && keys.length) out['.'] = {};
        for (const k of keys) out[k] = tidy(o[k] as Record<string, unknown>);
        return out;
      };
      return ps.length ? tidy(root) : undefined;
    };
    fc.assert(
      fc.property(paths, paths, (a, b) => {
        expect(union(toSet(a), toSet(b))).toEqual(toSet([...new Set([...a, ...b])]));
        const left = toSet(a);
        if (left) expect(difference(left, toSet(b))).toEqual(toSet(a.filter((p) => !b.includes(p))));
      }),
    );
  });

  it('fieldSetOf: what an applier owns (ToFieldSet): no "." on struct fields or maps, list items with theirs', () => {
    expect(fieldSetOf(pod({ containers: [{ name: 'c', image: 'x', resources: {} }] }, { labels: { a: '1' } }), POD)).toEqual(
      set('{"f:metadata":{"f:labels":{"f:a":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{},"f:name":{},"f:resources":{}}}}}'),
    );
  });
});

describe('fieldSetOf and metadata', () => {
  it('never owns metadata itself, even when only the name was applied', () => {
    const set = fieldSetOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }, definitionFor('', 'v1', 'ConfigMap'));
    expect(set).toEqual({ 'f:data': { 'f:a': {} } });
  });
});

describe('compareObjects and metadata', () => {
  it('never owns metadata itself, even for a custom resource created with only a name', () => {
    const d = compareObjects(undefined, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } }, undefined);
    expect(d.changed).toEqual({ 'f:spec': { '.': {}, 'f:size': {} } });
  });
});
