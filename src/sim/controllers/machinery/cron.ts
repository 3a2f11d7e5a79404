/**
 * Cron schedules as robfig/cron (the parser of the CronJob controller) reads them: five fields
 * (minute hour day-of-month month day-of-week) with `*`, `?`, lists, ranges, steps and names
 * (jan…dec, sun…sat), or a macro (@yearly, @annually, @monthly, @weekly, @daily, @midnight,
 * @hourly). Times are UTC. Day-of-month and day-of-week combine with OR when both are restricted.
 */
export interface CronSchedule {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Both day fields restricted (not `*`): a day matches if either matches. */
  dayOr: boolean;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function parseField(text: string, min: number, max: number, names?: string[], nameBase = 0): Set<number> | string {
  const out = new Set<number>();
  const value = (s: string): number | undefined => {
    const lower = s.toLowerCase();
    if (names) {
      const i = names.indexOf(lower);
      if (i >= 0) return i + nameBase;
    }
    return /^\d+$/.test(s) ? Number(s) : undefined;
  };
  for (const part of text.split(',')) {
    const [rangeText, stepText] = part.split('/');
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) === 0) return `failed to parse int from ${stepText}: strconv.Atoi: parsing "${stepText}": invalid syntax`;
      step = Number(stepText);
    }
    let lo: number;
    let hi: number;
    if (rangeText === '*' || rangeText === '?') {
      lo = min;
      hi = max;
    } else {
      const [a, b] = rangeText.split('-');
      const va = value(a);
      if (va === undefined) return `failed to parse int from ${a}: strconv.Atoi: parsing "${a}": invalid syntax`;
      lo = va;
      if (b !== undefined) {
        const vb = value(b);
        if (vb === undefined) return `failed to parse int from ${b}: strconv.Atoi: parsing "${b}": invalid syntax`;
        hi = vb;
      } else hi = stepText !== undefined ? max : va;
    }
    if (lo < min) return `beginning of range (${lo}) below minimum (${min}): ${part}`;
    if (hi > max) return `end of range (${hi}) above maximum (${max}): ${part}`;
    if (lo > hi) return `beginning of range (${lo}) beyond end of range (${hi}): ${part}`;
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/** Parse a schedule; a string is the parser's error text. */
export function parseCron(schedule: string): CronSchedule | string {
  let text = schedule.trim();
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) text = text.slice(text.indexOf(' ') + 1).trim();
  if (text.startsWith('@')) {
    const m = MACROS[text];
    if (!m) return `unrecognized descriptor: ${text}`;
    text = m;
  }
  const fields = text.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  const minutes = parseField(fields[0], 0, 59);
  const hours = parseField(fields[1], 0, 23);
  const days = parseField(fields[2], 1, 31);
  const months = parseField(fields[3], 1, 12, MONTHS, 1);
  const weekdays = parseField(fields[4], 0, 7, DAYS, 0);
  for (const f of [minutes, hours, days, months, weekdays]) if (typeof f === 'string') return f;
  const wd = weekdays as Set<number>;
  if (wd.has(7)) wd.add(0);
  const starDay = fields[2] === '*' || fields[2] === '?';
  const starWeek = fields[4] === '*' || fields[4] === '?';
  return { minutes: minutes as Set<number>, hours: hours as Set<number>, days: days as Set<number>, months: months as Set<number>, weekdays: wd, dayOr: !starDay && !starWeek };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.days.has(d.getUTCDate());
  const dow = s.weekdays.has(d.getUTCDay());
  return s.dayOr ? dom || dow : dom && dow;
}

/** The first scheduled instant strictly after `afterMs` (at most ~5 years ahead), or undefined. */
export function nextRun(s: CronSchedule, afterMs: number): number | undefined {
  const t = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const limit = afterMs + 5 * 366 * 24 * 3600_000;
  while (t.getTime() <= limit) {
    if (!s.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return t.getTime();
  }
  return undefined;
}

/** The most recent scheduled instant in (afterMs, nowMs], and how many were missed. */
export function lastMissed(s: CronSchedule, afterMs: number, nowMs: number): { at?: number; missed: number } {
  let at: number | undefined;
  let missed = 0;
  let t = nextRun(s, afterMs);
  while (t !== undefined && t <= nowMs) {
    at = t;
    missed++;
    if (missed > 100) break;
    t = nextRun(s, t);
  }
  return { at, missed };
}
