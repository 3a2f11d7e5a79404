/**
 * Our go-cmp against the real one: test/sim/apiserver/go-cmp-golden.json holds go-cmp v0.7.0's
 * cmp.Diff for each case of scripts/golden/go-cmp/cases.json, recorded by
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

const cases: Case[] = JSON.parse(readFileSync(new URL('../../../scripts/golden/go-cmp/cases.json', import.meta.url), 'utf8'));
const golden: Record<string, string> = JSON.parse(readFileSync(new URL('../apiserver/go-cmp-golden.json', import.meta.url), 'utf8'));

describe('cmp.Diff of the internal storage types', () => {
  it('has a recorded output for every case', () => {
    expect(Object.keys(golden).sort()).toEqual(cases.map((c) => c.name).sort());
  });
  for (const c of cases) {
    it(c.name, () => {
      const t = c.type === 'pvc' ? PVC_SPEC : PV_SOURCE;
      expect(cmpDiff(t, fromJson(t, c.old), fromJson(t, c.new))).toBe(golden[c.name]);
    });
  }
});
