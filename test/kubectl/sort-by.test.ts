/**
 * kubectl get --sort-by as sorter.go compares: missing or null first, numbers by value, quantities
 * as quantities, other strings in natural order; a field no object has fails the table.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { naturalLess, sortByField } from '../../src/kubectl/printers/sort-by';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('naturalLess (sortorder.NaturalLess)', () => {
  it('orders digit runs by value, digits before letters, fewer leading zeros first', () => {
    expect(naturalLess('pod-9', 'pod-10')).toBe(true);
    expect(naturalLess('pod-10', 'pod-9')).toBe(false);
    expect(naturalLess('a1', 'ab')).toBe(true);
    expect(naturalLess('x01', 'x1')).toBe(false);
    expect(naturalLess('x1', 'x01')).toBe(true);
    expect(naturalLess('abc', 'abcd')).toBe(true);
    expect(naturalLess('same', 'same')).toBe(false);
  });

  it('is a strict weak order (property)', () => {
    const word = fc.stringMatching(/^[a-c0-2]{0,6}$/);
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(naturalLess(a, a)).toBe(false);
        if (naturalLess(a, b)) expect(naturalLess(b, a)).toBe(false);
        if (naturalLess(a, b) && naturalLess(b, c)) expect(naturalLess(a, c)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('sortByField', () => {
  const obj = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name }, ...extra });
  it('puts a missing field first, then null, and keeps equal keys in their order', () => {
    const items = [obj('b', { spec: { n: 2 } }), obj('null', { spec: { n: null } }), obj('a', { spec: { n: 1 } }), obj('none'), obj('c', { spec: { n: 1 } })];
    expect(sortByField(items, '.spec.n').map((o) => o.metadata.name)).toEqual(['none', 'null', 'a', 'c', 'b']);
  });

  it('compares quantities as amounts and other strings naturally', () => {
    const items = ['1Gi', '512Mi', '2', '100m'].map((q) => obj(q, { q }));
    expect(sortByField(items, '.q').map((o) => o.metadata.name)).toEqual(['100m', '2', '512Mi', '1Gi']);
    const pods = ['web-10', 'web-9', 'web-1'].map((n) => obj(n));
    expect(sortByField(pods, '.metadata.name').map((o) => o.metadata.name)).toEqual(['web-1', 'web-9', 'web-10']);
  });

  it("fails the table when no object has the field, as kubectl's TableSorter does", () => {
    expect(() => sortByField([obj('a')], '.spec.nothing', { table: true })).toThrow(`couldn't find any field with path "{.spec.nothing}" in the list of objects`);
    expect(sortByField([obj('a')], '.spec.nothing').map((o) => o.metadata.name)).toEqual(['a']);
  });
});

describe('kubectl get --sort-by in the cluster', () => {
  it('sorts events with no lastTimestamp (the scheduler\'s) first', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', "kubectl get events -A --sort-by=.lastTimestamp -o custom-columns=T:.lastTimestamp --no-headers | uniq | head -2\nkubectl get pods -n kube-system --sort-by=.spec.nothing; echo \"rc=$?\"");
    expect(r.stdout.split('\n')[0]).toBe('<nil>');
    expect(r.stdout).toContain('rc=1');
    expect(r.stderr).toBe('error: couldn\'t find any field with path "{.spec.nothing}" in the list of objects\n');
  });
});
