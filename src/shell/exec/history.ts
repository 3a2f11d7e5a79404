/**
 * History expansion of interactive shells (!!, !$, !*, !n, !-n, !prefix), done on the whole
 * input line before parsing, as bash does. The expanded line is echoed before it runs.
 */

export type HistoryResult = { ok: true; text: string; changed: boolean } | { ok: false; error: string };

/** Words of a history line (quotes kept together), for !$ and !*. */
function words(line: string): string[] {
  return line.match(/(?:[^\s'"]+|'[^']*'|"(?:[^"\\]|\\.)*")+/g) ?? [];
}

export function expandHistory(line: string, history: string[]): HistoryResult {
  if (!line.includes('!')) return { ok: true, text: line, changed: false };
  let out = '';
  let changed = false;
  let inSingle = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" ) inSingle = !inSingle;
    if (c === '\\' && line[i + 1] === '!') {
      out += '\\!';
      i++;
      continue;
    }
    if (c !== '!' || inSingle) {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    if (rest === '' || /^[\s=(]/.test(rest) || (rest[0] === '"' && !line.slice(0, i).includes('"'))) {
      out += c;
      continue;
    }
    const last = history[history.length - 1];
    let m: RegExpExecArray | null;
    let event: string | undefined;
    let consumed = 0;
    let designator: 'all' | 'last' | 'args' = 'all';
    if (rest[0] === '!') {
      event = last;
      consumed = 1;
    } else if (rest[0] === '$') {
      event = last;
      consumed = 1;
      designator = 'last';
    } else if (rest[0] === '*') {
      event = last;
      consumed = 1;
      designator = 'args';
    } else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0]);
      event = n < 0 ? history[history.length + n] : history[n - 1];
      consumed = m[0].length;
    } else if ((m = /^[^\s;&|<>()'"`]+/.exec(rest))) {
      const prefix = m[0].replace(/[:$^*].*$/, '');
      for (let h = history.length - 1; h >= 0; h--) {
        if (history[h].startsWith(prefix)) {
          event = history[h];
          break;
        }
      }
      consumed = prefix.length;
      if (!event) return { ok: false, error: `!${prefix}: event not found` };
    } else {
      out += c;
      continue;
    }
    if (event === undefined) return { ok: false, error: `!${rest.slice(0, consumed)}: event not found` };
    // word designators after the event (:$ :* :n)
    const after = rest.slice(consumed);
    const wd = /^:(\$|\*|\d+)/.exec(after);
    if (wd) {
      consumed += wd[0].length;
      designator = wd[1] === '$' ? 'last' : wd[1] === '*' ? 'args' : 'all';
      if (/^\d+$/.test(wd[1])) {
        const w = words(event)[Number(wd[1])];
        if (w === undefined) return { ok: false, error: `:${wd[1]}: bad word specifier` };
        event = w;
      }
    }
    const ws = words(event);
    out += designator === 'last' ? ws[ws.length - 1] ?? '' : designator === 'args' ? ws.slice(1).join(' ') : event;
    changed = true;
    i += consumed;
  }
  return { ok: true, text: out, changed };
}
