/** Date formatting (strftime subset, always UTC as the simulated machines are) and `date -d` parsing. */

export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const p2 = (n: number) => String(n).padStart(2, '0');

export function strftime(fmt: string, ms: number, tz = 'UTC'): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const w = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, m, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  return fmt.replace(/%([-_0^#]?)(:{0,2})([a-zA-Z%+])/g, (all, flag: string, colons: string, c: string) => {
    let v: string;
    let numeric = true;
    switch (c) {
      case 'Y': v = String(Y); break;
      case 'C': v = p2(Math.floor(Y / 100)); break;
      case 'y': v = p2(Y % 100); break;
      case 'm': v = p2(m + 1); break;
      case 'd': v = p2(day); break;
      case 'e': v = String(day).padStart(2, ' '); break;
      case 'H': v = p2(H); break;
      case 'k': v = String(H).padStart(2, ' '); break;
      case 'I': v = p2(H % 12 || 12); break;
      case 'l': v = String(H % 12 || 12).padStart(2, ' '); break;
      case 'M': v = p2(M); break;
      case 'S': v = p2(S); break;
      case 'N': v = String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0'); break;
      case 'j': v = String(yday).padStart(3, '0'); break;
      case 's': v = String(Math.floor(ms / 1000)); break;
      case 'u': v = String(w || 7); break;
      case 'w': v = String(w); break;
      case 'a': v = DAYS[w].slice(0, 3); numeric = false; break;
      case 'A': v = DAYS[w]; numeric = false; break;
      case 'b':
      case 'h': v = MONTHS[m].slice(0, 3); numeric = false; break;
      case 'B': v = MONTHS[m]; numeric = false; break;
      case 'p': v = H < 12 ? 'AM' : 'PM'; numeric = false; break;
      case 'P': v = H < 12 ? 'am' : 'pm'; numeric = false; break;
      case 'Z': v = tz; numeric = false; break;
      case 'z': v = colons === ':' ? '+00:00' : colons === '::' ? '+00:00:00' : '+0000'; numeric = false; break;
      case 'T': v = `${p2(H)}:${p2(M)}:${p2(S)}`; numeric = false; break;
      case 'R': v = `${p2(H)}:${p2(M)}`; numeric = false; break;
      case 'D': v = `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`; numeric = false; break;
      case 'F': v = `${Y}-${p2(m + 1)}-${p2(day)}`; numeric = false; break;
      case 'c': v = `${DAYS[w].slice(0, 3)} ${MONTHS[m].slice(0, 3)} ${String(day).padStart(2, ' ')} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`; numeric = false; break;
      case 'x': v = `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`; numeric = false; break;
      case 'X': v = `${p2(H)}:${p2(M)}:${p2(S)}`; numeric = false; break;
      case 'r': v = `${p2(H % 12 || 12)}:${p2(M)}:${p2(S)} ${H < 12 ? 'AM' : 'PM'}`; numeric = false; break;
      case 'V': {
        const t = new Date(Date.UTC(Y, m, day));
        const dayNum = (w + 6) % 7;
        t.setUTCDate(t.getUTCDate() - dayNum + 3);
        const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
        v = p2(1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7));
        break;
      }
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return all;
    }
    if (flag === '-' && numeric) v = v.replace(/^[0 ]+(?=.)/, '');
    else if (flag === '_' && numeric) v = v.replace(/^0/, ' ');
    else if (flag === '^') v = v.toUpperCase();
    return v;
  });
}

const UNITS: Record<string, number> = { second: 1000, sec: 1000, minute: 60000, min: 60000, hour: 3600000, day: 86400000, week: 7 * 86400000, fortnight: 14 * 86400000 };

/** Parse the date strings learners use with `date -d`; null when not understood. */
export function parseDate(input: string, now: number): number | null {
  const s = input.trim().toLowerCase();
  if (s === '' || s === 'now' || s === 'today') return now;
  if (s === 'yesterday') return now - 86400000;
  if (s === 'tomorrow') return now + 86400000;
  let m = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (m) return Math.round(Number(m[1]) * 1000);
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(z|utc|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m) {
    let t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
    if (m[7] && m[7] !== 'z' && m[7] !== 'utc') {
      const off = m[7].replace(':', '');
      t -= (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(3, 5))) * 60000;
    }
    if (Number(m[2]) > 12 || Number(m[3]) > 31 || Number(m[4] ?? 0) > 23) return null;
    return t;
  }
  m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (m) {
    const d = new Date(now);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(m[1]), Number(m[2]), Number(m[3] ?? 0));
  }
  // Relative items: "2 days ago", "+3 hours", "1 hour", "next day", "last week".
  let total = 0;
  let matched = false;
  const re = /([+-]?\d+|next|last|a)?\s*(seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|fortnights?|months?|years?)\s*(ago)?/g;
  let rest = s;
  for (const r of s.matchAll(re)) {
    matched = true;
    rest = rest.replace(r[0], '');
    const n = r[1] === undefined || r[1] === 'a' || r[1] === 'next' ? 1 : r[1] === 'last' ? -1 : Number(r[1]);
    const unit = r[2].replace(/s$/, '');
    const sign = r[3] ? -1 : 1;
    if (unit === 'month' || unit === 'year') {
      const d = new Date(now + total);
      if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + sign * n);
      else d.setUTCFullYear(d.getUTCFullYear() + sign * n);
      total = d.getTime() - now;
    } else total += sign * n * UNITS[unit];
  }
  if (matched && rest.trim() === '') return now + total;
  return null;
}
