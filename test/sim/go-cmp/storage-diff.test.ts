/**
 * Our go-cmp against the real one: test/sim/apiserver/go-cmp-golden*.json hold go-cmp v0.7.0's
 * cmp.Diff for each case of scripts/golden/go-cmp/cases*.json, recorded by
 * scripts/golden/go-cmp/record.sh (a Go program over the same internal types).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cmpDiff } from '../../../src/sim/go-cmp';
import { fromJson } from '../../../src/sim/go-cmp/types';
import { PV_SOURCE, PVC_SPEC } from '../../../src/sim/apiserver/validation/internal-storage-types';

interface Case {
  name: string;
  type: 'pvc' | 'pv';
  old: unknown;
  new: unknown;
}

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const suites: [string, Case[], Record<string, string>][] = [
  ['hand-written cases', read('../../../scripts/golden/go-cmp/cases.json'), read('../apiserver/go-cmp-golden.json')],
  ['random pairs (random-cases.py)', read('../../../scripts/golden/go-cmp/cases-random.json'), read('../apiserver/go-cmp-golden-random.json')],
];

describe.each(suites)('cmp.Diff of the internal storage types: %s', (_name, cases, golden) => {
  it('has a recorded output for every case', () => {
    expect(Object.keys(golden).sort()).toEqual(cases.map((c) => c.name).sort());
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const t = c.type === 'pvc' ? PVC_SPEC : PV_SOURCE;
    expect(cmpDiff(t, fromJson(t, c.old), fromJson(t, c.new))).toBe(golden[c.name]);
  });
});
