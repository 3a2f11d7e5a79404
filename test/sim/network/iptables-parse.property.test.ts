/**
 * What iptables-save prints is what iptables-restore reads back to the same rule: for any rule a
 * command line can make, its saved text parses to a rule whose saved text is the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInvocation } from '../../../src/sim/network/netfilter/parse';
import { splitRuleLine } from '../../../src/sim/network/netfilter/restore';
import { ruleSpec } from '../../../src/sim/network/netfilter/rule';

const octet = fc.integer({ min: 0, max: 255 });
const address = fc.tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 }), fc.boolean()).map(([a, b, c, d, len, withLen]) => `${a}.${b}.${c}.${d}${withLen ? `/${len}` : ''}`);
const negated = (flag: string, value: fc.Arbitrary<string>) => fc.option(fc.tuple(fc.boolean(), value).map(([neg, v]) => [...(neg ? ['!'] : []), flag, v]), { nil: undefined });
const port = fc.integer({ min: 0, max: 65535 });
const ports = fc.oneof(port.map(String), fc.tuple(port, port).map(([a, b]) => `${Math.min(a, b)}:${Math.max(a, b)}`));
const text = fc.stringMatching(/^[A-Za-z0-9 _./:>-]{1,30}$/);
const states = fc.subarray(['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'], { minLength: 1 }).map((s) => s.join(','));
const target = fc.oneof(
  fc.constantFrom(['-j', 'ACCEPT'], ['-j', 'DROP'], ['-j', 'RETURN'], ['-j', 'REJECT']),
  fc.integer({ min: 1, max: 0xffff }).map((m) => ['-j', 'MARK', '--or-mark', String(m)]),
  text.map((p) => ['-j', 'LOG', '--log-prefix', p]),
);

const ruleArgs = fc
  .record({
    src: negated('-s', address),
    dst: negated('-d', address),
    proto: fc.option(fc.tuple(fc.constantFrom('tcp', 'udp'), fc.boolean(), fc.option(ports, { nil: undefined }), fc.option(ports, { nil: undefined })), { nil: undefined }),
    comment: fc.option(text, { nil: undefined }),
    ctstate: fc.option(fc.tuple(fc.boolean(), states), { nil: undefined }),
    mark: fc.option(fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.option(fc.integer({ min: 1, max: 0xffffffff }), { nil: undefined })), { nil: undefined }),
    target,
  })
  .map((r) => {
    const args: string[] = [...(r.src ?? []), ...(r.dst ?? [])];
    if (r.proto) {
      const [p, explicit, sport, dport] = r.proto;
      args.push('-p', p, ...(explicit ? ['-m', p] : []), ...(sport ? ['--sport', sport] : []), ...(dport ? ['--dport', dport] : []));
    }
    if (r.comment) args.push('-m', 'comment', '--comment', r.comment);
    if (r.ctstate) args.push('-m', 'conntrack', ...(r.ctstate[0] ? ['!'] : []), '--ctstate', r.ctstate[1]);
    if (r.mark) args.push('-m', 'mark', '--mark', r.mark[1] === undefined ? String(r.mark[0]) : `${r.mark[0]}/${r.mark[1]}`);
    return [...args, ...r.target];
  });

const parse = (args: string[]) => parseInvocation(['-A', 'INPUT', ...args], () => undefined).rule;

describe('iptables rule texts', () => {
  it('read back to themselves', () => {
    fc.assert(
      fc.property(ruleArgs, (args) => {
        const saved = ruleSpec(parse(args));
        expect(ruleSpec(parse(splitRuleLine(saved)))).toBe(saved);
      }),
      { numRuns: 400 },
    );
  });

  it('save addresses as their network', () => {
    fc.assert(
      fc.property(octet, octet, fc.integer({ min: 0, max: 32 }), (a, b, len) => {
        const saved = ruleSpec(parse(['-s', `10.${a}.${b}.77/${len}`, '-j', 'ACCEPT']));
        const [ip, prefix] = saved.split(' ')[1].split('/');
        const n = ip.split('.').reduce((x, o) => x * 256 + Number(o), 0);
        expect(Number(prefix)).toBe(len);
        expect(len === 32 || n % 2 ** (32 - len) === 0).toBe(true);
      }),
    );
  });
});
