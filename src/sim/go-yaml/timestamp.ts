/**
 * yaml.v3's timestamps (resolve.go, parseTimestamp): a plain text that time.Parse reads with one
 * of its layouts (date and time with a zone, with a space and no zone, or a date alone) decodes
 * into a time.Time, which encoding/json writes as RFC 3339 with nanoseconds (trailing zeros
 * cut, "Z" for UTC). kustomize's output shows them so: `2001-12-14` becomes
 * "2001-12-14T00:00:00Z". yaml.v2 leaves them strings.
 */
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The text as a decoded timestamp written by encoding/json, or undefined when it is none. */
export function goTimestampJson(text: string): string | undefined {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[+-]\d\d:\d\d))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?))?$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number);
  const [hh, mm, ss, frac, zone] = m[4] !== undefined ? [m[4], m[5], m[6], m[7], m[8]] : [m[9] ?? '0', m[10] ?? '0', m[11] ?? '0', m[12], 'Z'];
  const [hour, minute, second] = [hh, mm, ss].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  const nanos = (frac ?? '').slice(0, 9).replace(/0+$/, '');
  return `${m[1]}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${nanos ? `.${nanos}` : ''}${zone === '+00:00' || zone === '-00:00' ? 'Z' : zone}`;
}
