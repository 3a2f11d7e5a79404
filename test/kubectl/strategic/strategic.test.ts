/**
 * Our strategic merge patch creation against apimachinery v0.33's own test cases (fixtures.json,
 * extracted by extract-fixtures.ts): for each case, the two-way patch (kubectl edit) and the
 * three-way patch (kubectl apply) must be the bytes json.Marshal writes for the expected patch, list
 * order included; likewise the three-way JSON merge patch (custom resources). The cases use the test package's MergeItem type, described here as our schema
 * tables describe a kind.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../../src/sim/apiserver/schema';
import { goJson } from '../../../src/sim/go-json';
import { SchemaPatchMeta } from '../../../src/kubectl/util/strategic/meta';
import { createThreeWayMergePatch, createTwoWayMergePatch } from '../../../src/kubectl/util/strategic/three-way';
import { createThreeWayJsonMergePatch } from '../../../src/kubectl/util/json-merge-three-way';

interface Fixture {
  description: string;
  original?: unknown;
  modified?: unknown;
  current?: unknown;
  twoWay?: unknown;
  threeWay?: unknown;
  expectedError?: string;
}

const { cases, jsonMergeCases } = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures.json'), 'utf8')) as { cases: Fixture[]; jsonMergeCases: Fixture[] };

/** The struct tags of MergeItem and RetainKeysMergeItem (patch_test.go) as schema tables. */
const MERGE_ITEM_TABLES: Record<string, Definition> = {
  MergeItem: {
    p: {
      name: 'string',
      value: 'string',
      other: 'string',
      mergingList: { t: '[]#MergeItem', s: 'merge', k: 'name' },
      nonMergingList: '[]#MergeItem',
      mergingIntList: { t: '[]integer', s: 'merge' },
      nonMergingIntList: '[]integer',
      mergeItemPtr: { t: '#MergeItem', s: 'merge', k: 'name' },
      simpleMap: '{}string',
      replacingItem: { t: 'object', s: 'replace' },
      retainKeysMap: { t: '#RetainKeysMergeItem', s: 'retainKeys' },
      retainKeysMergingList: { t: '[]#MergeItem', s: 'merge,retainKeys', k: 'name' },
    },
  },
  RetainKeysMergeItem: {
    p: {
      name: 'string',
      value: 'string',
      other: 'string',
      simpleMap: '{}string',
      mergingIntList: { t: '[]integer', s: 'merge' },
      mergingList: { t: '[]#MergeItem', s: 'merge', k: 'name' },
      nonMergingList: '[]#MergeItem',
    },
  },
};

const schema = () => SchemaPatchMeta.forDefinition('MergeItem', (name) => MERGE_ITEM_TABLES[name]);
/** What Go's json.Marshal writes for a decoded map (keys sorted). */
const marshalled = (v: unknown) => goJson(v ?? {}, true);
/** What our patch is when written in its own key order. */
const asSent = (v: unknown) => goJson(v, false);

describe('strategic merge patch creation as apimachinery v0.33 tests it', () => {
  it('has the fixtures', () => expect(cases.length).toBeGreaterThan(80));
  for (const c of cases) {
    if (c.twoWay !== undefined) {
      it(`two-way: ${c.description}`, () => {
        expect(asSent(createTwoWayMergePatch(c.original, c.modified, schema()))).toBe(marshalled(c.twoWay));
      });
    }
    if (c.threeWay !== undefined) {
      it(`three-way: ${c.description}`, () => {
        expect(asSent(createThreeWayMergePatch(c.original, c.modified, c.current, schema()))).toBe(marshalled(c.threeWay));
      });
    }
  }
});

describe('three-way JSON merge patch creation as apimachinery v0.33 tests it', () => {
  it('has the fixtures', () => expect(jsonMergeCases.length).toBeGreaterThan(10));
  for (const c of jsonMergeCases) {
    it(c.description, () => {
      expect(asSent(createThreeWayJsonMergePatch(c.original, c.modified, c.current))).toBe(marshalled(c.threeWay));
    });
  }
});
