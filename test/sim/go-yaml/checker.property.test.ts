/**
 * Properties of the go-yaml checker: it never throws (whatever the text, it returns go-yaml's
 * verdict), and it accepts what the YAML library writes and reads back without error: valid
 * documents, block or flow, with any keys and strings the library cares to quote.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { goYamlCheck, splitYamlStream, yamlToJsonError } from '../../../src/sim/go-yaml';
import { BASE_MANIFESTS, allMutations } from '../../../scripts/golden/goyaml-cases';

const SEED = 20261123;
const YAMLISH = fc.string({ unit: fc.constantFrom(...' \t\n\r:-?,[]{}#&*!|>\'"%@`abc01.~\\\ufeff'.split('')), maxLength: 80 });

describe('go-yaml checker properties', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(YAMLISH, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 })), (text) => {
        const verdict = goYamlCheck(text);
        expect(verdict === undefined || verdict.startsWith('yaml: ')).toBe(true);
        yamlToJsonError(text);
        splitYamlStream(text);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('never throws on mutated manifests', () => {
    const all = Object.values(BASE_MANIFESTS).flatMap((m) => allMutations(m));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all.length - 1 }), fc.integer({ min: 0, max: all.length - 1 }), (i, j) => {
        // Two mutations spliced: a second fault after the first.
        const text = all[i].content.slice(0, all[i].pos) + all[j].content.slice(all[i].pos);
        const verdict = goYamlCheck(text);
        expect(verdict === undefined || verdict.startsWith('yaml: ')).toBe(true);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('accepts the valid base manifests', () => {
    for (const [name, text] of Object.entries(BASE_MANIFESTS)) expect(goYamlCheck(text), name).toBeUndefined();
  });

  const key = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('apiVersion', 'kind', 'metadata', 'name', 'app.kubernetes.io/name', 'a b', '- x', '? y', 'k: v', '#c'));
  const leaf = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('yes', 'no', '0x1F', '1e3', '~', '', ' x ', 'a: b', '- c', '"q"', "'s'", '\t', 'line\nbreak'));
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
  })).node;

  it('agrees with the YAML library on the valid documents it writes', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (doc, flow) => {
        const text = stringify(doc, flow ? { collectionStyle: 'flow' } : {});
        const [parsed] = parseAllDocuments(text);
        fc.pre(!!parsed && parsed.errors.length === 0);
        // In a flow collection libyaml takes every '?' for an indicator (it ends a plain scalar) and a
        // ':' starting one, where YAML 1.2 reads "?x", "a?b" and ":x" as text (checked
        // against kubectl 1.33: "a: { ?!: {} }" is "yaml: invalid map key: map[interface {}]interface {}{}",
        // "a: [ { :!: false } ]" is "yaml: did not find expected node content").
        fc.pre(!(flow && /\?|(^|[\s{[,]):\S/.test(text)));
        expect(goYamlCheck(text)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });
});
