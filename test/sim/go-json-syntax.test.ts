/**
 * Go's JSON syntax errors, as the real kubectl 1.33 printed them for the same documents
 * (`kubectl patch --local -f cm.yaml --type=json -p DOC`: a document starting with "{" reaches
 * encoding/json untouched).
 */
import { describe, expect, it } from 'vitest';
import { goJsonSyntaxError } from '../../src/sim/go-json-syntax';

const REAL: [string, string][] = [
  ['{bad', "invalid character 'b' looking for beginning of object key string"],
  ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
  ['{"a" 1}', "invalid character '1' after object key"],
  ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
  ['{"a":[1 2]}', "invalid character '2' after array element"],
  ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
  ['{"a":-x}', "invalid character 'x' in numeric literal"],
  ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
  ['{"a":1e+}', "invalid character '}' in exponent of numeric literal"],
  ['{"a":"\\q"}', "invalid character 'q' in string escape code"],
  ['{"a":"\\u12x4"}', "invalid character 'x' in \\u hexadecimal character escape"],
  ['{"a":1}}', "invalid character '}' after top-level value"],
  ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
  ['{"a":', 'unexpected end of JSON input'],
  ['{"a":[1,]}', "invalid character ']' looking for beginning of value"],
  ['{"a":01}', "invalid character '1' after object key:value pair"],
  ['{"a":nul}', "invalid character '}' in literal null (expecting 'l')"],
  ['{"a":"x', 'unexpected end of JSON input'],
  ['{"a":--1}', "invalid character '-' in numeric literal"],
  ['{"a":.5}', "invalid character '.' looking for beginning of value"],
  ['{"a":{"b":1}]}', "invalid character ']' after object key:value pair"],
  ['{"a"}', "invalid character '}' after object key"],
  ['{,}', "invalid character ',' looking for beginning of object key string"],
];

describe('goJsonSyntaxError', () => {
  it('gives what encoding/json gives', () => {
    expect(REAL.map(([doc]) => [doc, goJsonSyntaxError(doc)])).toEqual(REAL);
  });
  it('accepts well-formed documents', () => {
    for (const doc of ['{}', ' [1, -0.5e+3, "a\\u00e9", true, null, {"a": []}] ', '"x"']) expect(goJsonSyntaxError(doc)).toBeUndefined();
  });
});
