import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLabelSelector, matchesLabels, parseFieldSelector, type LabelRequirement } from '../../../src/sim/apiserver/selectors';

const token = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const requirement: fc.Arbitrary<LabelRequirement> = fc.oneof(
  fc.record({ op: fc.constant('exists' as const), key: token }),
  fc.record({ op: fc.constant('!' as const), key: token }),
  fc.record({ op: fc.constantFrom('=' as const, '!=' as const), key: token, value: token }),
  fc.record({ op: fc.constantFrom('in' as const, 'notin' as const), key: token, values: fc.array(token, { minLength: 1, maxLength: 3 }) }),
);

function format(r: LabelRequirement): string {
  switch (r.op) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case '=':
    case '!=':
      return `${r.key}${r.op}${r.value}`;
    case 'in':
    case 'notin':
      return `${r.key} ${r.op} (${r.values.join(',')})`;
  }
}

describe('label selector parser', () => {
  it('parses what it formats', () => {
    fc.assert(
      fc.property(fc.array(requirement, { maxLength: 5 }), (reqs) => {
        expect(parseLabelSelector(reqs.map(format).join(','))).toEqual(reqs);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = parseLabelSelector(s);
        expect(Array.isArray(r) || typeof (r as { error: string }).error === 'string').toBe(true);
        parseFieldSelector(s);
      }),
      { numRuns: 500 },
    );
  });

  it('matches like apimachinery', () => {
    const sel = parseLabelSelector('env in (prod,qa),tier!=db,!legacy');
    if (!Array.isArray(sel)) throw new Error(sel.error);
    expect(matchesLabels(sel, { env: 'prod', tier: 'web' })).toBe(true);
    expect(matchesLabels(sel, { env: 'prod' })).toBe(true);
    expect(matchesLabels(sel, { env: 'dev' })).toBe(false);
    expect(matchesLabels(sel, { env: 'qa', legacy: 'y' })).toBe(false);
    expect(matchesLabels(sel, { env: 'qa', tier: 'db' })).toBe(false);
    expect(parseLabelSelector('a==b')).toEqual([{ op: '=', key: 'a', value: 'b' }]);
  });
});
