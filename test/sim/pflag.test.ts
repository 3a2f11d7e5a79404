/**
 * pflag's parsing: any mix of known flags (`--x=v`, `--x v`, bare booleans, `_` for `-`) and
 * positional words parses to those words; the first flag it does not know fails with pflag's text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePflags, type FlagSet } from '../../src/sim/pflag';

const SET: FlagSet = {
  flags: { 'dry-run': 'bool', 'node-name': 'value', ttl: 'duration', replicas: 'int', 'v': 'int', help: 'bool' },
  shorthands: { v: 'v', h: 'help' },
};

const word = fc.stringMatching(/^[a-z0-9][a-z0-9.]{0,8}$/);
const flagArg = fc.oneof(
  fc.constant(['--dry-run']),
  fc.constantFrom('true', 'false', '1', 'F').map((b) => [`--dry-run=${b}`]),
  word.map((w) => ['--node-name', w]),
  word.map((w) => [`--node_name=${w}`]),
  fc.constantFrom('1h', '90m', '1h30m', '0', '2.5s').map((d) => [`--ttl=${d}`]),
  fc.integer({ min: -1000, max: 1000 }).map((n) => ['--replicas', String(n)]),
  fc.integer({ min: 0, max: 9 }).map((n) => [`-v${n}`]),
  fc.constant(['-h']),
);

describe('parsePflags', () => {
  it('parses known flags anywhere among positional words, and returns the words', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(flagArg, word.map((w) => [w])), { maxLength: 12 }), (parts) => {
        const args = parts.flat();
        const words = parts.filter((p) => p.length === 1 && !p[0].startsWith('-')).map((p) => p[0]);
        expect(parsePflags(SET, args)).toEqual({ positional: words });
      }),
    );
  });

  it('fails at the first unknown flag with its name as typed', () => {
    fc.assert(
      fc.property(fc.array(flagArg, { maxLength: 5 }), fc.stringMatching(/^[a-z][a-z_-]{0,10}$/), fc.array(flagArg, { maxLength: 5 }), (before, name, after) => {
        fc.pre(!(name.replaceAll('_', '-') in SET.flags));
        expect(parsePflags(SET, [...before.flat(), `--${name}`, ...after.flat()])).toEqual({ error: `unknown flag: --${name}` });
      }),
    );
  });

  it('gives pflag texts for values and syntax', () => {
    expect(parsePflags(SET, ['--node-name'])).toEqual({ error: 'flag needs an argument: --node-name' });
    expect(parsePflags(SET, ['--replicas=two'])).toEqual({ error: 'invalid argument "two" for "--replicas" flag: strconv.ParseInt: parsing "two": invalid syntax' });
    expect(parsePflags(SET, ['--ttl=5 min'])).toEqual({ error: 'invalid argument "5 min" for "--ttl" flag: time: unknown unit " min" in duration "5 min"' });
    expect(parsePflags(SET, ['-q'])).toEqual({ error: "unknown shorthand flag: 'q' in -q" });
    expect(parsePflags(SET, ['-vx'])).toEqual({ error: 'invalid argument "x" for "-v, --v" flag: strconv.ParseInt: parsing "x": invalid syntax' });
    expect(parsePflags(SET, ['a', '--', '--not-a-flag'])).toEqual({ positional: ['a', '--not-a-flag'] });
  });
});
