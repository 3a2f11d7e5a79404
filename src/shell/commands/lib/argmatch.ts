/**
 * gnulib's argmatch, as coreutils checks the word of an option such as --backup, --sort or --time:
 * an exact word, else a prefix whose words all mean one thing; otherwise `invalid` (or `ambiguous`)
 * `argument 'WORD' for 'CONTEXT'`, then the valid words grouped by meaning (argmatch_valid).
 */
export type ArgTable<T> = readonly (readonly [string, T])[];

export function argmatch<T>(word: string, table: ArgTable<T>, context: string): { value: T } | string {
  const exact = table.find(([w]) => w === word);
  if (exact) return { value: exact[1] };
  const values = new Set(table.filter(([w]) => w.startsWith(word)).map(([, v]) => v));
  if (values.size === 1 && word) return { value: [...values][0] };
  return `${values.size > 1 && word ? 'ambiguous' : 'invalid'} argument '${word}' for '${context}'\n${validArguments(table)}`;
}

/** "Valid arguments are:" with the words of one meaning on one line. */
function validArguments<T>(table: ArgTable<T>): string {
  const lines: string[] = [];
  let last: T | undefined;
  table.forEach(([w, v], i) => {
    if (i > 0 && v === last) lines[lines.length - 1] += `, '${w}'`;
    else lines.push(`  - '${w}'`);
    last = v;
  });
  return `Valid arguments are:\n${lines.join('\n')}\n`;
}
