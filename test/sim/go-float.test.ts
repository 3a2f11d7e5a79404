/** strconv.FormatFloat(f, 'g', -1, 64): the shortest digits, %e from exponent 6 up or below -4 (Prometheus sample values). */
import { describe, expect, it } from 'vitest';
import { goFormatFloat } from '../../src/sim/go-float';

describe('goFormatFloat', () => {
  it('writes the values the kubelet’s resource metrics show as Go does', () => {
    // Values as they appear in real /metrics/resource output (kubernetes-sigs/metrics-server#1680 and others).
    expect(goFormatFloat(14635008)).toBe('1.4635008e+07');
    expect(goFormatFloat(1137475584)).toBe('1.137475584e+09');
    expect(goFormatFloat(753.998393487)).toBe('753.998393487');
    expect(goFormatFloat(1750607841.8297591)).toBe('1.7506078418297591e+09');
    expect(goFormatFloat(0)).toBe('0');
    expect(goFormatFloat(1)).toBe('1');
  });

  it('switches to the exponent form at 1e6 and below 1e-4', () => {
    expect(goFormatFloat(999999)).toBe('999999');
    expect(goFormatFloat(1e6)).toBe('1e+06');
    expect(goFormatFloat(123456.7)).toBe('123456.7');
    expect(goFormatFloat(0.0001)).toBe('0.0001');
    expect(goFormatFloat(0.00001)).toBe('1e-05');
    expect(goFormatFloat(-2.5e-7)).toBe('-2.5e-07');
    expect(goFormatFloat(1e21)).toBe('1e+21');
    expect(goFormatFloat(1.5e300)).toBe('1.5e+300');
  });
});
