/**
 * kubectl get --sort-by as kubectl 1.33's sorter.go compares (checked against the real client over
 * a stub API server): missing or null first, numbers by value, quantities as quantities, other
 * strings bytewise; a field no object has fails the table.
 */
import { describe, expect, it } from 'vitest';
import { sortByField } from '../../src/kubectl/printers/sort-by';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('sortByField', () => {
  const obj = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name }, ...extra });
  it('puts a missing field first, then null, and keeps equal keys in their order', () => {
    const items = [obj('b', { spec: { n: 2 } }), obj('null', { spec: { n: null } }), obj('a', { spec: { n: 1 } }), obj('none'), obj('c', { spec: { n: 1 } })];
    expect(sortByField(items, '.spec.n').map((o) => o.metadata.name)).toEqual(['none', 'null', 'a', 'c', 'b']);
  });

  it('compares quantities as amounts and other strings bytewise', () => {
    const items = ['1Gi', '512Mi', '2', '100m'].map((q) => obj(q, { q }));
    expect(sortByField(items, '.q').map((o) => o.metadata.name)).toEqual(['100m', '2', '512Mi', '1Gi']);
    const ips = ['10.244.2.8', '10.244.1.5', '10.244.2.10'].map((ip) => obj(ip, { ip }));
    expect(sortByField(ips, '.ip').map((o) => o.metadata.name)).toEqual(['10.244.1.5', '10.244.2.10', '10.244.2.8']);
    const pods = ['web-10', 'web-9', 'web-1'].map((n) => obj(n));
    expect(sortByField(pods, '.metadata.name').map((o) => o.metadata.name)).toEqual(['web-1', 'web-10', 'web-9']);
  });

  it('ends on values of different kinds or of no order, as isLess returns an error for them', () => {
    const ports = [obj('named', { p: 'http' }), obj('number', { p: 80 })];
    expect(() => sortByField(ports, '.p', { table: true })).toThrow('Field {.p} in [][][]reflect.Value is an unsortable type: interface, err: unsortable interface: interface');
    const flags = [obj('a', { f: true }), obj('b', { f: false })];
    expect(() => sortByField(flags, '.f')).toThrow('Field {.f} in *unstructured.Unstructured is an unsortable type: interface, err: unsortable type: bool');
    expect(() => sortByField([obj('a', { m: {} }), obj('b', { m: {} })], '.m', { table: true })).toThrow('err: unsortable type: map[string]interface {}');
    // Only cka03 has the field: Less never compares two values, so nothing is unsortable.
    expect(sortByField([obj('cka01'), obj('cka03', { f: true }), obj('cka02')], '.f', { table: true }).map((o) => o.metadata.name)).toHaveLength(3);
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
