/**
 * Timestamps as journalctl 249's --since/--until read them (time-util.c parse_timestamp): `now`,
 * `today`, `yesterday`, `tomorrow`, `+5min`, `-1h`, `10 min ago`, `2 h left`, `@1700000000`,
 * `2026-01-15 08:00:00[.123]`, `26-01-15 08:00`, `2026-01-15`, `08:00:00`, `08:00`, an optional
 * weekday before and ` UTC` after. The nodes keep UTC, so local time is UTC. Milliseconds
 * since the epoch, or undefined where journalctl says `Failed to parse timestamp`.
 */

const MS_PER: Record<string, number> = {};
// extract_multiplier's table, in its order: the first prefix that matches wins ("ms" before "m", "min" before "m").
for (const [suffix, ms] of [
  ['seconds', 1000], ['second', 1000], ['sec', 1000], ['s', 1000],
  ['minutes', 60_000], ['minute', 60_000], ['min', 60_000],
  ['months', 2_629_800_000], ['month', 2_629_800_000], ['M', 2_629_800_000],
  ['msec', 1], ['ms', 1], ['m', 60_000],
  ['hours', 3_600_000], ['hour', 3_600_000], ['hr', 3_600_000], ['h', 3_600_000],
  ['days', 86_400_000], ['day', 86_400_000], ['d', 86_400_000],
  ['weeks', 604_800_000], ['week', 604_800_000], ['w', 604_800_000],
  ['years', 31_557_600_000], ['year', 31_557_600_000], ['y', 31_557_600_000],
  ['usec', 0.001], ['us', 0.001], ['µs', 0.001],
] as const)
  MS_PER[suffix] = ms;
const SUFFIXES = Object.keys(MS_PER);

/** A time span as parse_sec reads it (`5min`, `1h 30m`, `2.5s`; a bare number is seconds). */
export function parseSpan(text: string): number | undefined {
  let p = text.replace(/^\s+/, '');
  if (p.startsWith('infinity')) return p.slice(8).trim() ? undefined : Infinity;
  let total = 0;
  let something = false;
  for (;;) {
    p = p.replace(/^\s+/, '');
    if (!p) return something ? total : undefined;
    const m = /^(\d+)(\.(\d*))?/.exec(p);
    if (!m) return undefined;
    if (m[2] !== undefined && !m[3]) return undefined;
    p = p.slice(m[0].length);
    const rest = p.replace(/^\s+/, '');
    const suffix = SUFFIXES.find((s) => rest.startsWith(s));
    if (!suffix && rest === p && p !== '') return undefined;
    const unit = suffix ? MS_PER[suffix] : 1000;
    if (suffix) p = rest.slice(suffix.length);
    total += Number(m[1]) * unit + (m[3] ? Number(`0.${m[3]}`) * unit : 0);
    something = true;
  }
}

const WEEKDAYS: [string, number][] = [
  ['Sunday', 0], ['Sun', 0], ['Monday', 1], ['Mon', 1], ['Tuesday', 2], ['Tue', 2], ['Wednesday', 3], ['Wed', 3],
  ['Thursday', 4], ['Thu', 4], ['Friday', 5], ['Fri', 5], ['Saturday', 6], ['Sat', 6],
];

/** strptime's %y: two digits at most, 69–99 in the 1900s. */
const year2 = (y: string) => (Number(y) < 69 ? 2000 : 1900) + Number(y);

interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  frac?: string;
}

/** The date and time forms tried in order (strptime: %y before %Y, with seconds before without). */
function parseDateTime(t: string, today: Fields): Fields | undefined {
  const date = (y: number, mo: string, d: string) => ({ y, mo: Number(mo), d: Number(d) });
  let m = /^(\d{1,2})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d*))?$/.exec(t);
  if (m) return { ...date(year2(m[1]), m[2], m[3]), h: +m[4], mi: +m[5], s: +m[6], frac: m[7] };
  m = /^(\d{1,4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d*))?$/.exec(t);
  if (m) return { ...date(+m[1], m[2], m[3]), h: +m[4], mi: +m[5], s: +m[6], frac: m[7] };
  m = /^(\d{1,2})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})$/.exec(t);
  if (m) return { ...date(year2(m[1]), m[2], m[3]), h: +m[4], mi: +m[5], s: 0 };
  m = /^(\d{1,4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2})$/.exec(t);
  if (m) return { ...date(+m[1], m[2], m[3]), h: +m[4], mi: +m[5], s: 0 };
  m = /^(\d{1,2})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return { ...date(year2(m[1]), m[2], m[3]), h: 0, mi: 0, s: 0 };
  m = /^(\d{1,4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return { ...date(+m[1], m[2], m[3]), h: 0, mi: 0, s: 0 };
  m = /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.(\d*))?$/.exec(t);
  if (m) return { ...today, h: +m[1], mi: +m[2], s: +m[3], frac: m[4] };
  m = /^(\d{1,2}):(\d{1,2})$/.exec(t);
  if (m) return { ...today, h: +m[1], mi: +m[2], s: 0 };
  return undefined;
}

function inRange(f: Fields): boolean {
  return f.mo >= 1 && f.mo <= 12 && f.d >= 1 && f.d <= 31 && f.h <= 23 && f.mi <= 59 && f.s <= 61;
}

export function parseTimestamp(text: string, nowMs: number): number | undefined {
  if (text.startsWith('@')) {
    const span = parseSpan(text.slice(1));
    return span === undefined || !Number.isFinite(span) ? undefined : span;
  }
  const relative = (span: number | undefined, sign: number) => (span === undefined || !Number.isFinite(span) || (sign < 0 && span > nowMs) ? undefined : nowMs + sign * span);
  if (text === 'now') return nowMs;
  if (text.startsWith('+')) return relative(parseSpan(text.slice(1)), 1);
  if (text.startsWith('-')) return relative(parseSpan(text.slice(1)), -1);
  if (text.endsWith(' ago')) return relative(parseSpan(text.slice(0, -4)), -1);
  if (text.endsWith(' left')) return relative(parseSpan(text.slice(0, -5)), 1);
  let t = /\sUTC$/i.test(text) ? text.slice(0, -4) : text;
  const d = new Date(nowMs);
  const today: Fields = { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: 0, mi: 0, s: 0 };
  const midnight = (days: number) => Date.UTC(today.y, today.mo - 1, today.d + days);
  if (t === 'today') return midnight(0);
  if (t === 'yesterday') return midnight(-1);
  if (t === 'tomorrow') return midnight(1);
  let weekday = -1;
  for (const [name, nr] of WEEKDAYS) {
    if (t.toLowerCase().startsWith(name.toLowerCase()) && t[name.length] === ' ') {
      weekday = nr;
      t = t.slice(name.length + 1);
      break;
    }
  }
  const f = parseDateTime(t, today);
  if (!f || !inRange(f) || (f.frac !== undefined && !/^\d+$/.test(f.frac))) return undefined;
  const ms = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) + (f.frac ? Number(`0.${f.frac.slice(0, 6)}`) * 1000 : 0);
  if (weekday >= 0 && new Date(ms).getUTCDay() !== weekday) return undefined;
  return ms;
}
