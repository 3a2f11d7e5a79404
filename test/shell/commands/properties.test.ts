/**
 * Property tests: sed, awk and grep never throw out to the user on arbitrary scripts and input;
 * they return a status, and a failing status comes with a message on stderr.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgv, UsageError } from '../../../src/shell/commands/lib/args';
import { translateRegex, RegexError } from '../../../src/shell/commands/lib/regex';
import { makeEnv, populate, runLine, StringInput, tokenize } from './harness';

const SCRIPT_CHARS = fc.constantFrom(...'sSpPdDnNgGhHxyaic=qQlbtT{}!;,$/\\|()[]*+?.^&~:#0123 \nabcXYZ12E{}-rw'.split(''));
const scriptArb = fc.array(SCRIPT_CHARS, { maxLength: 24 }).map((a) => a.join(''));
const textArb = fc.array(fc.constantFrom('a', 'b', 'x y', '', '1 2 3', 'foo:bar', '\t', 'ab\\c'), { maxLength: 6 }).map((l) => l.join('\n') + '\n');

async function run(argv: string[], stdin: string) {
  const env = makeEnv(Date.UTC(2026, 0, 15, 8));
  populate(env, {}, env.clock.now());
  // Build the line with single quotes so the harness passes words through untouched.
  const line = argv.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
  const status = await runLine(env, line, new StringInput(stdin), env.stdout);
  return { status, stdout: env.stdout.text, stderr: env.stderr.text };
}

const checkResult = (r: { status: number; stderr: string }) => {
  expect(Number.isInteger(r.status)).toBe(true);
  if (r.status !== 0 && r.status !== 1) expect(r.stderr.length).toBeGreaterThan(0);
};

describe('programs never throw on random programs', () => {
  it('sed', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, textArb, fc.boolean(), async (script, text, ere) => {
        const r = await run(ere ? ['sed', '-E', script] : ['sed', script], text);
        expect(Number.isInteger(r.status)).toBe(true);
        if (r.status !== 0 && !/q|Q/.test(script)) expect(r.stderr).toMatch(/^(sed: |Usage: sed)/);
      }),
      { numRuns: 400 },
    );
  });

  it('awk', async () => {
    const awkChars = fc.constantFrom(...'{}()[];$NF NR print printf "x" /a/ + - * % ^ = == < > ! && || ? : , if else while for in getline length substr split gsub BEGIN END 1 0 a b'.split(' '));
    const awkArb = fc.array(awkChars, { maxLength: 14 }).map((a) => a.join(' '));
    await fc.assert(
      fc.asyncProperty(awkArb, textArb, async (prog, text) => {
        const r = await run(['awk', prog], text);
        checkResult(r);
        if (r.status === 2) expect(r.stderr).toMatch(/^awk: /);
      }),
      { numRuns: 300 },
    );
  });

  // `$n = v` and `NF = n` grew the field array one push at a time: a huge or infinite n
  // aborted the worker. Messages recorded from mawk 1.3.4 (under `ulimit -v` for the huge ones).
  it('awk refuses absurd field counts as mawk does when memory runs out', async () => {
    const where = '\tFILENAME="-" FNR=1 NR=1\n';
    expect(await run(['awk', '{x=2^1024; $x=1}'], 'a\n')).toEqual({ status: 2, stdout: '', stderr: `awk: run time error: out of memory\n${where}` });
    expect(await run(['awk', '{NF=99999999}'], 'a\n')).toEqual({ status: 2, stdout: '', stderr: `awk: run time error: out of memory\n${where}` });
    expect(await run(['awk', '{NF=-1}'], 'a\n')).toEqual({ status: 2, stdout: '', stderr: `awk: run time error: negative value assigned to NF\n${where}` });
    expect(await run(['awk', '{$32768=1; print NF; NF=2; print NF}'], 'a\n')).toEqual({ status: 0, stdout: '32768\n2\n', stderr: '' });
  });

  it('grep', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, textArb, fc.constantFrom('-E', '-F', '-G', '-w', '-o', '-c', '-v'), async (pattern, text, flag) => {
        const r = await run(['grep', flag, '--', pattern], text);
        expect([0, 1, 2]).toContain(r.status);
        if (r.status === 2) expect(r.stderr).toMatch(/^grep: /);
      }),
      { numRuns: 400 },
    );
  });

  it('jq', async () => {
    const jqChars = fc.constantFrom(...'. .a .[] [ ] { } ( ) | , select( map( keys length == "x" 1 + - // and or not if then else end $x as reduce'.split(' '));
    const jqArb = fc.array(jqChars, { maxLength: 10 }).map((a) => a.join(' '));
    await fc.assert(
      fc.asyncProperty(jqArb, fc.constantFrom('{"a":[1,2]}', '[1,"x",null]', '"s"', '3', 'nope'), async (filter, input) => {
        const r = await run(['jq', filter], input);
        expect([0, 2, 3, 4, 5]).toContain(r.status);
        if (r.status !== 0) expect(r.stderr.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('jq ranges', () => {
  // range filled an array one number at a time: range(1e9) or range(0; 1e300) took the worker
  // down. Real jq gives up the same way when its allocator fails (`[range(nan)]` on jq 1.6).
  it('a range too long to hold is jq\'s allocation failure, not an endless fill', async () => {
    expect(await run(['jq', '-n', '[range(1e9)] | length'], '')).toEqual({ status: 134, stdout: '', stderr: 'error: cannot allocate memory\n' });
    // Collected into an array it fills memory; at the top level it streams (test/shell/runaway.test.ts).
    expect(await run(['jq', '-n', '-c', '[1, range(0; 1e300)]'], '')).toEqual({ status: 134, stdout: '', stderr: 'error: cannot allocate memory\n' });
    expect(await run(['jq', '-n', '-c', '[range(1000)] | length'], '')).toEqual({ status: 0, stdout: '1000\n', stderr: '' });
  });
});

describe('regex translation', () => {
  it('either translates to a valid JS RegExp or reports a POSIX error', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'ab.*+?^$[]()|{}\\1:[:alpha:]-,2'.split('')), { maxLength: 16 }).map((a) => a.join('')), fc.boolean(), (p, ere) => {
        try {
          const t = translateRegex(p, { extended: ere });
          new RegExp(t.source, 's');
        } catch (e) {
          expect(e).toBeInstanceOf(RegexError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  // Found by the property above (seed 21416918): a range ending in an unclosed `[.` sent the
  // bracket scan back to the start of the pattern, forever. Messages are GNU grep's.
  it('reports an unclosed collating symbol as a range end instead of looping', () => {
    const message = (p: string, extended = false) => {
      try {
        return translateRegex(p, { extended }).source;
      } catch (e) {
        return (e as RegexError).message;
      }
    };
    expect(message(',[+*-[.:}')).toBe('Unmatched [, [^, [:, [., or [=');
    expect(message('[a-[.b]')).toBe('Unmatched [, [^, [:, [., or [=');
    expect(message('x[a-[.b.]', true)).toBe('Unmatched [, [^, [:, [., or [=');
    expect(message('[a-[.')).toBe('Unmatched [, [^, [:, [., or [=');
    expect(message('[a-[.zz.]]')).toBe('Invalid collation character');
    expect(message('[[=ab=]]')).toBe('Invalid collation character');
    expect(message('[.-[:alpha:]]')).toBe('Invalid range end');
    expect(message('[b-[.a.]]')).toBe('Invalid range end');
    expect(message('[a-[.z.]]')).toBe('[a-z]');
    expect(message('[[.-.]-z]')).toBe('[\\--z]');
  });

  it('grep says so like GNU grep', async () => {
    const r = await run(['grep', '[a-[.b]'], 'abz\n');
    expect(r).toEqual({ status: 2, stdout: '', stderr: 'grep: Unmatched [, [^, [:, [., or [=\n' });
  });
});

describe('option parser', () => {
  const specs = [
    { short: 'n', long: 'lines', key: 'n', arg: 'required' as const },
    { short: 'v', long: 'verbose', key: 'v', arg: 'none' as const },
    { short: 'q', long: 'quiet', key: 'q', arg: 'none' as const },
  ];
  it('parses clusters, attached and separate values and long forms alike', () => {
    for (const argv of [['-vn5', 'f'], ['-v', '-n', '5', 'f'], ['--verbose', '--lines=5', 'f'], ['--verb', '--lin', '5', 'f'], ['f', '-vn', '5']]) {
      const r = parseArgv('head', argv, specs);
      expect(r.last('n')).toBe('5');
      expect(r.has('v')).toBe(true);
      expect(r.operands).toEqual(['f']);
    }
  });
  it('reports GNU messages', () => {
    const msg = (argv: string[]) => {
      try {
        parseArgv('sort', argv, specs);
        return '';
      } catch (e) {
        return (e as UsageError).message;
      }
    };
    expect(msg(['-z'])).toBe("sort: invalid option -- 'z'\nTry 'sort --help' for more information.\n");
    expect(msg(['--foo'])).toBe("sort: unrecognized option '--foo'\nTry 'sort --help' for more information.\n");
    expect(msg(['-n'])).toBe("sort: option requires an argument -- 'n'\nTry 'sort --help' for more information.\n");
    expect(msg(['--lines'])).toBe("sort: option '--lines' requires an argument\nTry 'sort --help' for more information.\n");
    expect(msg(['--verbose=1'])).toBe("sort: option '--verbose' doesn't allow an argument\nTry 'sort --help' for more information.\n");
    expect(msg(['--'])).toBe('');
  });
  it('never throws anything but UsageError on random argv', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('-n', '-v', '-q', '-x', '--lines', '--lines=3', '--l', '--verbose=2', '--', 'f', '-', '-vn', '3'), { maxLength: 6 }), (argv) => {
        try {
          parseArgv('x', argv, specs);
        } catch (e) {
          expect(e).toBeInstanceOf(UsageError);
        }
      }),
    );
  });
});

describe('harness tokenizer', () => {
  it('keeps quoted words whole', () => {
    expect(tokenize(`a 'b c' "d\\"e" f\\ g | h`)).toEqual([{ word: 'a' }, { word: 'b c' }, { word: 'd"e' }, { word: 'f g' }, { op: '|' }, { word: 'h' }]);
  });
});
