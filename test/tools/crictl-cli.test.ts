/**
 * crictl's command-line parser against the rules it copies: Go's flag package
 * ((*FlagSet).parseOne in go/src/flag/flag.go: one or two dashes, `=value` or the next argument,
 * a bool takes only `=value`, "--" ends the flags, parsing stops at the first non-flag; the errors
 * "flag provided but not defined: -x", "flag needs an argument: -x", "invalid value %q for flag
 * -x: parse error", "invalid boolean value %q for -x: parse error", "bad flag syntax: %s"; ints
 * read by strconv.ParseInt(s, 0, 64)), urfave/cli v2.27.6's parse.go (short option splitting),
 * flag.go normalizeFlags ("Cannot use two forms of the same flag") and StringSlice.Set (commas).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, type CliFlag } from '../../src/tools/runtime/crictl-cli';
import { CRICTL_COMMANDS } from '../../src/tools/runtime/crictl-commands';
import { HELP_FLAG } from '../../src/tools/runtime/crictl-help';

const PS = [...CRICTL_COMMANDS.find((c) => c.name === 'ps')!.flags, HELP_FLAG];
const parse = (...args: string[]) => parseCommandLine(PS, args, true);
const ok = (...args: string[]) => {
  const r = parse(...args);
  if ('error' in r) throw new Error(r.error);
  return r;
};

describe('crictl flag parsing (Go flag package rules)', () => {
  it('takes one dash or two, =value or the next argument, whatever that argument looks like', () => {
    expect(ok('-name', 'x').values.get('name')).toBe('x');
    expect(ok('--name=x').values.get('name')).toBe('x');
    expect(ok('--name=').values.get('name')).toBe('');
    expect(ok('--name', '-a').values.get('name')).toBe('-a');
    expect(ok('--name', '-a').values.get('all')).toBe(false);
    expect(ok('--name=a=b').values.get('name')).toBe('a=b');
  });

  it('stops at the first argument that is not a flag, at a lone dash, and after --', () => {
    expect(ok('-a', 'x', '--bogus').args).toEqual(['x', '--bogus']);
    expect(ok('-', '-a').args).toEqual(['-', '-a']);
    expect(ok('-a', '--', '-q').args).toEqual(['-q']);
    expect(ok('-a', '--', '-q').values.get('quiet')).toBe(false);
  });

  it('gives a bool a value only with =, and reads Go booleans', () => {
    expect(ok('-a', 'false').values.get('all')).toBe(true);
    expect(ok('-a', 'false').args).toEqual(['false']);
    for (const t of ['1', 't', 'T', 'true', 'TRUE', 'True']) expect(ok(`--all=${t}`).values.get('all')).toBe(true);
    for (const f of ['0', 'f', 'F', 'false', 'FALSE', 'False']) expect(ok(`--all=${f}`).values.get('all')).toBe(false);
    expect(parse('--all=yes')).toEqual({ error: 'invalid boolean value "yes" for -all: parse error' });
    expect(parse('-a=')).toEqual({ error: 'invalid boolean value "" for -a: parse error' });
  });

  it('reads ints as strconv.ParseInt(s, 0, 64)', () => {
    expect(ok('--last', '0x10').values.get('last')).toBe(16);
    expect(ok('--last', '010').values.get('last')).toBe(8);
    expect(ok('--last', '0o17').values.get('last')).toBe(15);
    expect(ok('--last', '0b11').values.get('last')).toBe(3);
    expect(ok('--last', '1_000').values.get('last')).toBe(1000);
    expect(ok('--last', '-3').values.get('last')).toBe(-3);
    expect(ok('--last', '+3').values.get('last')).toBe(3);
    for (const bad of ['08', '1__0', '1_', '', ' 1', '1.5', 'x']) expect(parse('--last', bad)).toEqual({ error: `invalid value "${bad}" for flag -last: parse error` });
    expect(parse('-n', '-9223372036854775809')).toEqual({ error: 'invalid value "-9223372036854775809" for flag -n: value out of range' });
    expect(ok('-n', '-9223372036854775808').values.get('last')).toBe(-9223372036854775808);
  });

  it('refuses what Go refuses', () => {
    expect(parse('--bogus')).toEqual({ error: 'flag provided but not defined: -bogus' });
    expect(parse('--bogus=1')).toEqual({ error: 'flag provided but not defined: -bogus' });
    expect(parse('--name')).toEqual({ error: 'flag needs an argument: -name' });
    expect(parse('---name')).toEqual({ error: 'bad flag syntax: ---name' });
    expect(parse('-=x')).toEqual({ error: 'bad flag syntax: -=x' });
    expect(parse('--=x')).toEqual({ error: 'bad flag syntax: --=x' });
  });

  it('splits combined short flags when every letter is a flag (UseShortOptionHandling)', () => {
    const r = ok('-aqn', '2', 'rest');
    expect([r.values.get('all'), r.values.get('quiet'), r.values.get('last'), r.args]).toEqual([true, true, 2, ['rest']]);
    expect(parse('-aZ')).toEqual({ error: 'flag provided but not defined: -aZ' });
    // Without short option handling -aq is one unknown flag.
    expect(parseCommandLine(PS, ['-aq'])).toEqual({ error: 'flag provided but not defined: -aq' });
    // Double dashes are never split.
    expect(parse('--aq')).toEqual({ error: 'flag provided but not defined: -aq' });
  });

  it('refuses two names of one flag, naming the later name first', () => {
    expect(parse('-a', '--all')).toEqual({ error: 'Cannot use two forms of the same flag: a all' });
    expect(parse('--all', '-a')).toEqual({ error: 'Cannot use two forms of the same flag: a all' });
    expect(ok('-a', '-a').values.get('all')).toBe(true);
  });

  it('collects a string slice across repeats and commas, each piece trimmed', () => {
    expect(ok('--label', 'a=1, b=2', '--label=c=3').values.get('label')).toEqual(['a=1', 'b=2', 'c=3']);
    expect(ok().values.get('label')).toEqual([]);
    expect(ok().set.size).toBe(0);
  });
});

describe('crictl flag parsing properties', () => {
  const bools = PS.filter((f) => f.kind === 'bool');
  const strings = PS.filter((f) => f.kind === 'string');
  /** One use of a flag: the tokens, and what it sets. */
  const use = (f: CliFlag) =>
    fc.record({ nameIdx: fc.nat(), dashes: fc.constantFrom('-', '--'), inline: fc.boolean(), value: fc.string({ maxLength: 6 }), flag: fc.constant(f) });
  const positional = fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 });

  it('sets each flag given once, by any of its names, and leaves what follows as arguments', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...bools, ...strings), { selector: (f) => f.name, maxLength: 6 }).chain((fs) => fc.tuple(fc.tuple(...fs.map(use)), positional)), ([uses, rest]) => {
        const tokens: string[] = [];
        for (const u of uses) {
          const names = [u.flag.name, ...(u.flag.aliases ?? [])];
          const name = `${u.dashes}${names[u.nameIdx % names.length]}`;
          if (u.flag.kind === 'bool') tokens.push(u.inline ? `${name}=true` : name);
          else tokens.push(...(u.inline ? [`${name}=${u.value}`] : [name, u.value]));
        }
        const args = rest.length ? ['arg', ...rest] : [];
        const r = ok(...tokens, ...args);
        for (const u of uses) expect(r.values.get(u.flag.name)).toBe(u.flag.kind === 'bool' ? true : u.value);
        expect(r.set).toEqual(new Set(uses.map((u) => u.flag.name)));
        expect(r.args).toEqual(args);
      }),
    );
  });

  it('reads combined short bools as the same letters given one by one', () => {
    const letters = bools.flatMap((f) => (f.aliases ?? []).filter((a) => a.length === 1));
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...letters), { minLength: 2, maxLength: letters.length }), (ls) => {
        const together = ok(`-${ls.join('')}`);
        const apart = ok(...ls.map((l) => `-${l}`));
        expect([...together.values]).toEqual([...apart.values]);
      }),
    );
  });
});
