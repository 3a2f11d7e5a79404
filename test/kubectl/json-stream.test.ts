/**
 * A JSON stream of several values as kubectl's YAMLOrJSONDecoder (apimachinery v0.33) reads it,
 * where the goldens cannot show it (nothing answers the schema download, so validation stops at
 * the first object): every value is read; after two good values the stream is JSON for good and
 * a bad value fails with encoding/json's own words, without the "json: offset" prefix.
 */
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../src/kubectl/resource/files';

const cm = (name: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}"}}`;
const names = (text: string) => parseManifests(text, 'x.json').map((o) => o.metadata?.name);

describe('JSON streams', () => {
  it('reads values back to back, on lines or not', () => {
    expect(names(`${cm('a')}${cm('b')}\n  ${cm('c')}\n`)).toEqual(['a', 'b', 'c']);
  });

  it('after two good values a bad one is a plain encoding/json error', () => {
    expect(() => names(`${cm('a')}${cm('b')}\n{bad}\n`)).toThrow(/^error: error parsing x\.json: invalid character 'b' looking for beginning of object key string$/);
    expect(() => names(`${cm('a')}${cm('b')}\n{"kind":\n`)).toThrow(/^error: error parsing x\.json: unexpected EOF$/);
  });

  it('after one good value the rest is read as YAML from the next line', () => {
    expect(names(`${cm('a')}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n`)).toEqual(['a', 'second']);
    // YAML fails too: the JSON error is reported, its offset in bytes from the start of the stream
    // (kubectl 1.33 says 71 here: 63 bytes of the first value, 8 of the second up to the 'x').
    expect(() => names(`${cm('é')}\n{"é" x}\n`)).toThrow(/^error: error parsing x\.json: json: offset 71: invalid character 'x' after object key$/);
  });
});
