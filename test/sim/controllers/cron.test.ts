import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lastMissed, nextRun, parseCron, type CronSchedule } from '../../../src/sim/controllers/machinery/cron';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('cron schedules', () => {
  it('computes the next run of common schedules', () => {
    const from = at('2026-01-15T08:07:30Z'); // a Thursday
    const next = (s: string) => iso(nextRun(parseCron(s) as CronSchedule, from));
    expect(next('*/5 * * * *')).toBe('2026-01-15T08:10:00.000Z');
    expect(next('0 * * * *')).toBe('2026-01-15T09:00:00.000Z');
    expect(next('@hourly')).toBe('2026-01-15T09:00:00.000Z');
    expect(next('@daily')).toBe('2026-01-16T00:00:00.000Z');
    expect(next('30 2 * * 1-5')).toBe('2026-01-16T02:30:00.000Z');
    expect(next('0 0 * * sun')).toBe('2026-01-18T00:00:00.000Z');
    expect(next('0 0 1 feb *')).toBe('2026-02-01T00:00:00.000Z');
    expect(next('0 0 13 * 5')).toBe('2026-01-16T00:00:00.000Z'); // day-of-month OR day-of-week
    expect(next('@yearly')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('rejects malformed schedules with the parser texts', () => {
    expect(parseCron('* * * *')).toBe('expected exactly 5 fields, found 4: [* * * *]');
    expect(parseCron('61 * * * *')).toBe('end of range (61) above maximum (59): 61');
    expect(parseCron('@every-day')).toBe('unrecognized descriptor: @every-day');
    expect(parseCron('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  });

  it('finds the latest missed time and counts the missed ones', () => {
    const s = parseCron('*/10 * * * *') as CronSchedule;
    expect(lastMissed(s, at('2026-01-15T08:00:00Z'), at('2026-01-15T08:35:00Z'))).toEqual({ at: at('2026-01-15T08:30:00Z'), missed: 3 });
  });

  it('nextRun is after the start, on a whole minute, and matches every field (property)', () => {
    const field = (min: number, max: number) => fc.oneof(fc.constant('*'), fc.integer({ min, max }).map(String), fc.integer({ min: 1, max: 15 }).map((n) => `*/${n}`));
    fc.assert(
      fc.property(field(0, 59), field(0, 23), field(1, 28), field(1, 12), field(0, 6), fc.integer({ min: 0, max: 4e11 }), (mi, h, d, mo, w, offset) => {
        const s = parseCron(`${mi} ${h} ${d} ${mo} ${w}`) as CronSchedule;
        const from = at('2026-01-01T00:00:00Z') + offset;
        const n = nextRun(s, from)!;
        expect(n).toBeGreaterThan(from);
        expect(n % 60_000).toBe(0);
        const t = new Date(n);
        expect(s.minutes.has(t.getUTCMinutes()) && s.hours.has(t.getUTCHours()) && s.months.has(t.getUTCMonth() + 1)).toBe(true);
        const dom = s.days.has(t.getUTCDate());
        const dow = s.weekdays.has(t.getUTCDay());
        expect(s.dayOr ? dom || dow : dom && dow).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
