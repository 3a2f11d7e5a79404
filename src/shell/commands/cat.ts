/** cat: concatenate files; -n -b -s -E -T -v -A like GNU. */
import type { CommandContext, InputStream, Program } from '../command';
import { endlessDevice } from '../exec/devices';
import { TimeSlice } from '../exec/time-slice';
import { flag, parseArgs } from './lib/args';
import { readInput } from './lib/io';

const SPECS = [
  flag('n', 'number'),
  flag('b', 'number-nonblank'),
  flag('s', 'squeeze-blank'),
  flag('E', 'show-ends'),
  flag('T', 'show-tabs'),
  flag('v', 'show-nonprinting'),
  flag('A', 'show-all'),
  flag('e', undefined, 'e'),
  flag('t', undefined, 't'),
  flag('u', undefined, 'u'),
];

/** GNU cat -v notation for control and high characters. */
export function showNonprinting(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 9 || c === 10) return ch;
  if (c < 32) return '^' + String.fromCharCode(c + 64);
  if (c === 127) return '^?';
  if (c >= 128 && c < 160) return 'M-^' + String.fromCharCode(c - 128 + 64);
  if (c >= 160 && c < 255) return 'M-' + String.fromCharCode(c - 128);
  if (c === 255) return 'M-^?';
  return ch;
}

export const cat: Program = async (ctx) => {
  const args = parseArgs(ctx, SPECS);
  if (typeof args === 'number') return args;
  const all = args.has('A');
  const showEnds = all || args.has('E') || args.has('e');
  const showTabs = all || args.has('T') || args.has('t');
  const nonPrint = all || args.has('v') || args.has('e') || args.has('t');
  const numberNonBlank = args.has('b');
  const number = args.has('n') || numberNonBlank;
  const squeeze = args.has('s');
  const plain = !showEnds && !showTabs && !nonPrint && !number && !squeeze;
  const files = args.operands.length ? args.operands : ['-'];
  let status = 0;
  let lineNo = 0;
  let prevBlank = false;
  let atLineStart = true;
  for (const f of files) {
    if (f === '-' && plain) {
      // Pass a pipe through as it arrives (`tail -f x | cat`, `yes | cat | head`).
      if (await passThrough(ctx, ctx.stdin, false)) return 130;
      continue;
    }
    const device = plain ? endlessDevice(ctx.fs, f) : undefined;
    if (device) {
      if (await passThrough(ctx, device, true)) return 130;
      continue;
    }
    const text = await readInput(ctx, f);
    if (text === null) {
      status = 1;
      continue;
    }
    if (plain) {
      ctx.stdout.write(text);
      continue;
    }
    let out = '';
    const parts = text.split('\n');
    for (let i = 0; i < parts.length; i++) {
      const hasNewline = i < parts.length - 1;
      let line = parts[i];
      if (!hasNewline && line === '') break;
      const blank = line === '' && atLineStart;
      if (squeeze && blank && prevBlank && hasNewline) continue;
      if (atLineStart && number && !(numberNonBlank && blank)) {
        lineNo++;
        out += String(lineNo).padStart(6) + '\t';
      }
      if (nonPrint || showTabs) {
        let conv = '';
        for (const ch of line) {
          if (ch === '\t') conv += showTabs ? '^I' : ch;
          else conv += nonPrint ? showNonprinting(ch) : ch;
        }
        line = conv;
      }
      out += line;
      if (hasNewline) {
        out += (showEnds ? '$' : '') + '\n';
        prevBlank = blank;
        atLineStart = true;
      } else {
        atLineStart = false;
      }
    }
    ctx.stdout.write(out);
  }
  return status;
};

/**
 * An input to standard output as it arrives, at the reader's pace; true when interrupted.
 * `endless`: a device that never ends (/dev/zero) paces itself to the screen, a chunk per turn of
 * the clock; a pipe is paced by its writer.
 */
async function passThrough(ctx: CommandContext, input: InputStream, endless: boolean): Promise<boolean> {
  const slice = new TimeSlice(ctx.signal, { checkEvery: 16 });
  for (let chunk = await input.read(); chunk !== null; chunk = await input.read()) {
    ctx.stdout.write(chunk);
    const full = ctx.stdout.drain?.();
    if (full) await full;
    // The screen takes a chunk per turn of the clock (`cat /dev/zero` must not flood the page).
    else if (endless && ctx.isTTY) await ctx.clock.sleep(0, ctx.signal);
    const turn = slice.step();
    if (turn && (await turn)) return true;
  }
  return false;
}
