/** Property tests for the parsers and printers every command relies on. */
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, splitCsv } from '../../src/kubectl/flags/parse';
import { flagsFor } from '../../src/kubectl/flags/spec';
import { toYaml } from '../../src/sim/go-yaml/emit';
import { toJson } from '../../src/kubectl/printers/json';
import { executeJsonPath, parseJsonPath } from '../../src/kubectl/printers/jsonpath';
import { executeGoTemplate } from '../../src/kubectl/printers/gotemplate';

const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._/-]{0,10}$/);
// A lone "." is a plain string for go-yaml; YAML readers disagree on it, so the oracle skips it.
const scalar = fc.oneof(
  fc.string({ maxLength: 30 }).filter((s) => s !== '.'),
  fc.constantFrom('true', 'no', '1', '0x1F', '1.5e3', '~', 'null', '', '- a', ': b', '#c', 'a: b', '*/1 * * * *', '2026-01-15', 'line1\nline2\n', ' lead', 'trail '),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
})).v;

describe('YAML printer', () => {
  it('prints YAML that reads back as the same value (every ambiguous scalar quoted)', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), (obj) => {
        const back = parse(toYaml(obj));
        expect(back).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts map keys as Go does (bytewise)', () => {
    expect(toYaml({ b: 1, B: 2, a: { d: 1, c: 2 } })).toBe('B: 2\na:\n  c: 2\n  d: 1\nb: 1\n');
  });
});

describe('JSON printer', () => {
  it('is valid JSON equal to the input', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(JSON.stringify(JSON.parse(toJson(v)))).toBe(JSON.stringify(v ?? null));
      }),
      { numRuns: 200 },
    );
  });
});

describe('flag parser', () => {
  const get = flagsFor('get');
  it('finds -n VALUE, -nVALUE, -n=VALUE and --namespace=VALUE alike', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), (ns) => {
        for (const argv of [['-n', ns], [`-n${ns}`], [`-n=${ns}`], [`--namespace=${ns}`], ['--namespace', ns]]) {
          expect(parseFlags(['pods', ...argv], get).given.get('namespace')).toBe(ns);
        }
      }),
    );
  });

  it('keeps every argument after -- as an argument', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 6 }), (rest) => {
        const parsed = parseFlags(['x', '--', ...rest], flagsFor('run'));
        expect(parsed.args).toEqual(['x', ...rest]);
        expect(parsed.argsLenAtDash).toBe(1);
      }),
    );
  });

  it('rejects unknown long flags with pflag wording', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^zz[a-z]{1,8}$/), (name) => {
        expect(() => parseFlags([`--${name}`], get)).toThrow(new FlagError(`unknown flag: --${name}`));
      }),
    );
  });

  it('splits StringSlice values as CSV and keeps StringArray values whole', () => {
    expect(splitCsv('a,b,"c,d"')).toEqual(['a', 'b', 'c,d']);
    const run = parseFlags(['--env=A=1,2', '--env', 'B=x'], flagsFor('run'));
    expect(run.given.get('env')).toEqual(['A=1,2', 'B=x']);
    const dep = parseFlags(['--image=a,b', '--image=c'], flagsFor('create deployment'));
    expect(dep.given.get('image')).toEqual(['a', 'b', 'c']);
  });
});

describe('jsonpath', () => {
  const data = { items: [{ metadata: { name: 'a', labels: { app: 'x' } }, n: 1 }, { metadata: { name: 'b' }, n: 2 }] };
  it('joins several results with single spaces and supports range/end and filters', () => {
    expect(executeJsonPath(parseJsonPath('{.items[*].metadata.name}'), data)).toBe('a b');
    expect(executeJsonPath(parseJsonPath('{range .items[*]}{.metadata.name}{"\\n"}{end}'), data)).toBe('a\nb\n');
    expect(executeJsonPath(parseJsonPath('{.items[?(@.n==2)].metadata.name}'), data)).toBe('b');
    expect(executeJsonPath(parseJsonPath('{..app}'), data)).toBe('x');
    expect(executeJsonPath(parseJsonPath('{.items[-1:].n}'), data)).toBe('2');
  });
  it('prints any name list in order', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 6 }), (names) => {
        const d = { items: names.map((name) => ({ metadata: { name } })) };
        expect(executeJsonPath(parseJsonPath('{.items[*].metadata.name}'), d)).toBe(names.join(' '));
      }),
    );
  });

  const templateError = (e: unknown) => /Error executing template: (.*)\. Printing more/.exec((e as Error).message)?.[1] ?? (e as Error).message;
  const slice = (path: string, items: unknown[]) => {
    try {
      return executeJsonPath(parseJsonPath(`{.items${path}}`), { items });
    } catch (e) {
      return `error: ${templateError(e)}`;
    }
  };

  // A step of 0 or below never reached the end of the slice: the worker ran out of memory.
  // Messages recorded from kubectl 1.33 (-o jsonpath on a three-container deployment).
  it('refuses a slice step that is not positive, as client-go does', () => {
    const items = ['a', 'b', 'c'];
    expect(slice('[0:2:0]', items)).toBe('error: step must be > 0');
    expect(slice('[0:2:-1]', items)).toBe('error: step must be > 0');
    expect(slice('[::0]', items)).toBe('error: step must be > 0');
    expect(slice('[::2]', items)).toBe('a c');
    expect(slice('[1:0]', items)).toBe('error: starting index 1 is greater than ending index 0');
    expect(slice('[0:5]', items)).toBe('error: array index out of bounds: index 4, length 3');
    expect(slice('[-5:]', items)).toBe('error: array index out of bounds: index -2, length 3');
    expect(slice('[5]', items)).toBe('error: array index out of bounds: index 5, length 3');
    expect(slice('[0:0]', items)).toBe('');
    expect(slice('[:-1]', items)).toBe('a b');
  });

  it('ends every slice with the selected items or a kubectl error', () => {
    const bound = fc.option(fc.integer({ min: -6, max: 6 }), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.nat(9), { maxLength: 5 }), bound, bound, bound, (items, start, end, step) => {
        const path = `[${start ?? ''}:${end ?? ''}${step === undefined ? '' : `:${step}`}]`;
        const out = slice(path, items);
        if (out.startsWith('error: ')) expect(out).toMatch(/^error: (step must be > 0|array index out of bounds: index -?\d+, length \d+|starting index -?\d+ is greater than ending index -?\d+)$/);
        else {
          const s = (start ?? 0) < 0 ? (start ?? 0) + items.length : start ?? 0;
          const e = (end ?? items.length) < 0 ? (end ?? 0) + items.length : end ?? items.length;
          expect(out).toBe(items.filter((_, i) => i >= s && i < e && (i - s) % (step ?? 1) === 0).join(' '));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('go-template', () => {
  const data = { metadata: { name: 'x' }, items: [{ n: 1 }, { n: 2 }] };
  const run = (t: string) => {
    try {
      return executeGoTemplate(t, data);
    } catch (e) {
      return (e as Error).message;
    }
  };

  // An {{if}} without {{end}} kept the executor asking for the next block forever.
  // Messages recorded from kubectl 1.33 (-o go-template on a dry-run deployment).
  it('reports unbalanced blocks as the Go parser does, before running anything', () => {
    expect(run('{{if .metadata}}x')).toBe('error: error parsing template {{if .metadata}}x, template: output:1: unexpected EOF');
    expect(run('{{if .metadata}}x{{else}}y')).toBe('error: error parsing template {{if .metadata}}x{{else}}y, template: output:1: unexpected EOF');
    expect(run('{{range .items}}x')).toBe('error: error parsing template {{range .items}}x, template: output:1: unexpected EOF');
    expect(run('{{if .metadata}}\nx\n\n')).toBe('error: error parsing template {{if .metadata}}\nx\n\n, template: output:4: unexpected EOF');
    expect(run('a\n\n{{end}}\nb')).toBe('error: error parsing template a\n\n{{end}}\nb, template: output:3: unexpected {{end}}');
    expect(run('{{else}}')).toBe('error: error parsing template {{else}}, template: output:1: unexpected {{else}}');
    expect(run('{{if .x}}{{else}}{{else if .y}}{{end}}')).toBe('error: error parsing template {{if .x}}{{else}}{{else if .y}}{{end}}, template: output:1: expected end; found {{else}}');
    expect(run('{{if .x}}1{{else if .metadata}}2{{else}}3{{end}}')).toBe('2');
    expect(run('{{range .items}}{{.n}}{{end}}{{with .metadata}}{{.name}}{{end}}')).toBe('12x');
  });

  it('ends on any sequence of block actions', () => {
    const actions = fc.constantFrom('{{if .metadata}}', '{{if .nope}}', '{{range .items}}', '{{with .metadata}}', '{{else}}', '{{else if .items}}', '{{end}}', '{{.n}}', 'x', '\n');
    fc.assert(
      fc.property(fc.array(actions, { maxLength: 12 }), (parts) => {
        const out = run(parts.join(''));
        expect(typeof out).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
