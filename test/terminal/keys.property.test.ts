/** Terminal input parsing: every character of input belongs to exactly one key, in order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKeys, parseKeysWithRaw } from '../../src/terminal/readline/keys';

const INPUT = fc.array(fc.oneof(fc.string(), fc.constantFrom('\x1b', '\x1b[', '\x1b[A', '\x1b[1;5C', '\x1bO', '\x1bOB', '\x1b[3~', '\x1b[200~', '\x1b[201~', '\r', '\t', '\x7f', '\x03', '\x1b\x7f', 'é', '中文')), { maxLength: 12 }).map((parts) => parts.join(''));

describe('parseKeysWithRaw', () => {
  it('covers the input exactly: the raw pieces joined give it back', () => {
    fc.assert(fc.property(INPUT, (data) => {
      expect(parseKeysWithRaw(data).map((k) => k.raw).join('')).toBe(data);
    }), { numRuns: 2000 });
  });

  it('gives the same keys as parseKeys', () => {
    fc.assert(fc.property(INPUT, (data) => {
      expect(parseKeysWithRaw(data).map((k) => k.key)).toEqual(parseKeys(data));
    }), { numRuns: 500 });
  });

  it('keeps what a raw-mode program reads: Escape then a capital letter stays two keys of input', () => {
    expect(parseKeysWithRaw('ihi\x1bA!').map((k) => k.raw)).toEqual(['ihi', '\x1bA', '!']);
  });
});
