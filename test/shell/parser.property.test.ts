/**
 * Properties of the parser and interpreter: any input — random bytes or random mixes of shell
 * syntax — parses to a result (never throws, never loops) and runs to some output and status.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Parser } from '../../src/shell/parse/parser';
import { runScript } from './differential/harness';

const atoms = [
  'echo', 'a', 'b c', '"x y"', "'q'", '$x', '${x:-d}', '${#x}', '$((1+2))', '$(echo hi)', '`echo b`', '|', '||', '&&', ';', '&',
  '(', ')', '{', '}', 'if', 'then', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'case', 'esac', ';;', '<', '>', '>>', '2>&1',
  '<<EOF', 'EOF', '<<<', '\n', '\\', '"', "'", '$(', '${', '[[', ']]', '[', ']', '!', '*', '?', '~', '#', '=', 'x=1', 'f()', 'true',
  'false', 'exit', 'return', 'break', 'local', 'export', 'set -e', 'read v', '$@', '"$@"', '{1..3}', '$((', '))', '<(', 'cat',
];

const shellish = fc.array(fc.constantFrom(...atoms), { maxLength: 25 }).map((xs) => xs.join(' '));

describe('parser properties', () => {
  it('never throws on arbitrary text and always classifies it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), shellish), (text) => {
        const r = Parser.parseAll(text);
        expect(['ok', 'incomplete', 'error']).toContain(r.kind);
        expect(typeof Parser.isIncomplete(text)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('reports a syntax error in bash words, never an exception message', () => {
    fc.assert(
      fc.property(shellish, (text) => {
        const r = Parser.parseAll(text);
        if (r.kind === 'error') expect(r.error.message).toMatch(/^(syntax error|unexpected|`|.*: not a valid identifier|.*conditional)/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('interpreter properties', () => {
  it('runs any input to a status with output, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(shellish.filter((t) => !/while|for|\{1\.\.3\}/.test(t)), async (text) => {
        const started = Date.now();
        const r = await runScript(text + '\n');
        expect(Number.isInteger(r.status)).toBe(true);
        expect(r.status).toBeGreaterThanOrEqual(0);
        expect(r.status).toBeLessThan(256);
        expect(typeof r.stdout).toBe('string');
        expect(Date.now() - started).toBeLessThan(5000);
      }),
      { numRuns: 150 },
    );
  });
});
