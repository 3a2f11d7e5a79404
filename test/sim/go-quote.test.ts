/** Go's strconv.Quote, as %q prints a string. */
import { describe, expect, it } from 'vitest';
import { goQuote } from '../../src/sim/go-quote';

describe('goQuote', () => {
  it('keeps printable text, escapes quotes and backslashes', () => {
    expect(goQuote('kube-apiserver')).toBe('"kube-apiserver"');
    expect(goQuote('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(goQuote('')).toBe('""');
  });

  it('names \\a \\b \\f \\n \\r \\t \\v; other control characters and DEL as \\x', () => {
    expect(goQuote('\x07\b\f\n\r\t\v')).toBe('"\\a\\b\\f\\n\\r\\t\\v"');
    expect(goQuote('\x00\x1b\x7f')).toBe('"\\x00\\x1b\\x7f"');
  });

  it('keeps printable Unicode; escapes the rest by code point', () => {
    expect(goQuote('µs 日本 é')).toBe('"µs 日本 é"');
    expect(goQuote('\u00a0\u0085')).toBe('"\\u00a0\\u0085"');
    expect(goQuote('\u2028')).toBe('"\\u2028"');
    expect(goQuote('\u{e0001}')).toBe('"\\U000e0001"');
  });
});
