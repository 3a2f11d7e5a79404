/** nl: number lines; -b a|t|n, -w width, -s separator, -n ln|rn|rz, -v start, -i increment. */
import type { Program } from '../command';
import { flag, parseArgs, withArg } from './lib/args';
import { forEachLineBlock } from './lib/lineprogram';
import { readInput } from './lib/io';

const SPECS = [
  withArg('h', 'header-numbering'), withArg('b', 'body-numbering'), withArg('f', 'footer-numbering'), withArg('v', 'starting-line-number'), withArg('i', 'line-increment'),
  flag('p', 'no-renumber'), withArg('l', 'join-blank-lines'), withArg('s', 'number-separator'), withArg('w', 'number-width'), withArg('n', 'number-format'), withArg('d', 'section-delimiter'),
];

/** The numbering styles nl.c accepts for -h, -b and -f: a, t, n, or pBRE. */
const STYLE = /^([atn]|p[^]*)$/;
const SECTION_NAMES: Record<string, string> = { h: 'header', b: 'body', f: 'footer' };

export const nl: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  // nl checks each style as getopt returns it (nl.c build_type_arg); input without section
  // delimiters is all body, so the header and footer styles only need to be valid.
  for (const { key, value } of args.order) {
    if (SECTION_NAMES[key] && !STYLE.test(value)) {
      ctx.stderr.write(`nl: invalid ${SECTION_NAMES[key]} numbering style: '${value}'\nTry 'nl --help' for more information.\n`);
      return 1;
    }
  }
  // -l N: of a run of empty lines numbered by -ba, only every Nth is numbered.
  const joinBlank = Number(args.last('l') ?? 1);
  let blanks = 0;
  const style = args.last('b') ?? 't';
  const width = Number(args.last('w') ?? 6);
  const sep = args.last('s') ?? '\t';
  const format = args.last('n') ?? 'rn';
  let n = Number(args.last('v') ?? 1);
  const inc = Number(args.last('i') ?? 1);
  const numberText = (text: string): string => {
    if (!text) return '';
    const lines = text.split('\n');
    if (text.endsWith('\n')) lines.pop();
    let out = '';
    lines.forEach((line, i) => {
      let numbered = style === 'a' || (style === 't' && line !== '') || (style.startsWith('p') && new RegExp(style.slice(1)).test(line));
      if (style === 'a' && joinBlank > 1) {
        blanks = line === '' ? blanks + 1 : 0;
        numbered = line !== '' || blanks === joinBlank;
        if (blanks === joinBlank) blanks = 0;
      }
      if (numbered) {
        const s = String(n);
        const num = format === 'ln' ? s.padEnd(width) : format === 'rz' ? s.padStart(width, '0') : s.padStart(width);
        out += num + sep + line;
        n += inc;
      } else out += ' '.repeat(width + sep.length) + line;
      // GNU nl ends every line it prints, the last one too.
      out += '\n';
    });
    return out;
  };
  let status = 0;
  for (const f of args.operands.length ? args.operands : ['-']) {
    // Standard input is numbered as it arrives (`yes | nl | head`).
    if (f === '-') {
      if (await forEachLineBlock(ctx, '\n', numberText)) return 130;
      continue;
    }
    const text = await readInput(ctx, f);
    if (text === null) status = 1;
    else ctx.stdout.write(numberText(text));
  }
  return status;
};
