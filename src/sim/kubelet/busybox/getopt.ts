/**
 * getopt as busybox's own applets call it (getopt32 over the libc's getopt): letters cluster, a
 * letter that takes an argument takes the rest of its word or the next one, `--` ends the options,
 * and they end at the first operand unless the option string permutes (no leading '+').
 */
export interface Options {
  /** Each letter given, with the arguments of those that take one, in order. */
  seen: Map<string, string[]>;
  operands: string[];
  /** GNU getopt's complaint about the first letter refused, for the busybox entry to word as the libc does. */
  refused?: string;
}

export function getopt(args: readonly string[], letters: string, withArg: string, permute: boolean): Options {
  const seen = new Map<string, string[]>();
  const operands: string[] = [];
  const take = (c: string, value = '') => seen.set(c, [...(seen.get(c) ?? []), value]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return { seen, operands: [...operands, ...args.slice(i + 1)] };
    if (!a.startsWith('-') || a === '-') {
      if (!permute) return { seen, operands: [...operands, ...args.slice(i)] };
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (withArg.includes(c)) {
        const value = j < a.length - 1 ? a.slice(j + 1) : args[++i];
        if (value === undefined) return { seen, operands, refused: `option requires an argument -- '${c}'` };
        take(c, value);
        break;
      }
      if (!letters.includes(c)) return { seen, operands, refused: `invalid option -- '${c}'` };
      take(c);
    }
  }
  return { seen, operands };
}
