/**
 * The shared getopt's long options against the rules of glibc's process_long_option, over random
 * tables: an exact name wins; a prefix of exactly one option is that option; a prefix of several is
 * ambiguous, listed in the order of the real table; an argument no option starts with is
 * unrecognized, quoted whole (`--foo=bar`).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseArgv, UsageError, type OptionSpec } from '../../src/shell/commands/lib/args';

const name = fc.stringMatching(/^[a-z][a-z-]{0,8}$/);
/** A table of distinct long names, each its own option, in a random "real" order. */
const table = fc.uniqueArray(name, { minLength: 1, maxLength: 8 }).chain((names) => fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }).map((order) => ({ names, order })));

function specsOf(names: string[]): OptionSpec[] {
  return names.map((long) => ({ long, key: long, arg: 'none' }));
}

function outcome(args: string[], specs: OptionSpec[], order: string[]): { key?: string; error?: string } {
  try {
    const parsed = parseArgv('prog', args, specs, { longOrder: order });
    return { key: parsed.order[0]?.key };
  } catch (e) {
    if (e instanceof UsageError) return { error: e.message.split('\n')[0] };
    throw e;
  }
}

describe('getopt long options', () => {
  it('resolves exact names, unique prefixes, ambiguity in table order, and unrecognized arguments', () => {
    fc.assert(
      fc.property(table, name, ({ names, order }, typed) => {
        const matches = order.filter((n) => n.startsWith(typed));
        const got = outcome([`--${typed}`], specsOf(names), order);
        if (names.includes(typed)) expect(got).toEqual({ key: typed });
        else if (matches.length === 1) expect(got).toEqual({ key: matches[0] });
        else if (matches.length === 0) expect(got).toEqual({ error: `prog: unrecognized option '--${typed}'` });
        else expect(got).toEqual({ error: `prog: option '--${typed}' is ambiguous; possibilities: ${matches.map((m) => `'--${m}'`).join(' ')}` });
      }),
    );
  });

  it('quotes the whole argument, value included, when nothing matches or several do', () => {
    fc.assert(
      fc.property(table, fc.stringMatching(/^[a-z0-9=]{0,6}$/), ({ names, order }, value) => {
        const got = outcome([`--=${value}`], specsOf(names), order);
        if (names.length === 1) expect(got).toEqual({ error: `prog: option '--${names[0]}' doesn't allow an argument` });
        else expect(got).toEqual({ error: `prog: option '--=${value}' is ambiguous; possibilities: ${order.map((m) => `'--${m}'`).join(' ')}` });
        expect(outcome([`--zz${names.join('')}=${value}`], specsOf(names), order)).toEqual({ error: `prog: unrecognized option '--zz${names.join('')}=${value}'` });
      }),
    );
  });

  // glibc compares each later match with the first one only: an alias of the first does not count,
  // aliases of another option are each listed.
  it('counts aliases of the first match once, and real options the program lacks as others', () => {
    const specs: OptionSpec[] = [{ long: 'color', key: 'color' }, { long: 'colour', key: 'color' }, { long: 'count', key: 'c' }];
    expect(outcome(['--colo'], specs, ['count', 'color', 'colour'])).toEqual({ key: 'color' });
    expect(outcome(['--co'], specs, ['count', 'color', 'colour'])).toEqual({ error: "prog: option '--co' is ambiguous; possibilities: '--count' '--color' '--colour'" });
    expect(outcome(['--coun'], specs, ['count', 'counter', 'color'])).toEqual({ error: "prog: option '--coun' is ambiguous; possibilities: '--count' '--counter'" });
  });
});
