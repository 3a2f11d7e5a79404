/** `openssl rand [-hex|-base64] [-out F] num`: bytes from the world's seeded generator. */
import type { CommandContext } from '../../shell/command';
import type { World } from '../../sim/world';
import { encodeBase64 } from '../../shell/commands/base64';
import { writeOutput } from './io';
import { parseOpts } from './opts';

/** n random bytes from the world's seeded generator, so a replayed session prints the same. */
export function randomBytes(ctx: CommandContext, n: number): number[] {
  const world = ctx.world as World | undefined;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(world?.random ? world.random.int(256) : Math.floor(Math.random() * 256));
  return out;
}

/** Bytes made per step: whole base64 lines (48 bytes each), so the pieces join seamlessly. */
const CHUNK = 48 * 1024;

export async function rand(ctx: CommandContext, args: string[]): Promise<number> {
  const o = parseOpts(ctx, 'rand', args, { hex: 'flag', base64: 'flag', out: 'value', help: 'flag' });
  if (typeof o === 'number') return o;
  if (o.operands.length !== 1) {
    ctx.stderr.write('rand: Use -help for summary.\n');
    return 1;
  }
  const raw = o.operands[0];
  // OpenSSL 3.0 reads num as an int: digits only, at most INT_MAX, above zero.
  const problem = !/^\d+$/.test(raw) ? `Can't parse "${raw}" as a number` : BigInt(raw) > 2147483647n ? `Value "${raw}" outside integer range` : undefined;
  if (problem) {
    ctx.stderr.write(`rand: ${problem}\nrand: Use -help for summary.\n`);
    return 1;
  }
  const n = Number(raw);
  if (n === 0) {
    ctx.stderr.write('rand: Use -help for summary.\n');
    return 1;
  }
  const encode = (bytes: number[], last: boolean): string => {
    if (o.has('hex')) return bytes.map((b) => b.toString(16).padStart(2, '0')).join('') + (last ? '\n' : '');
    if (o.has('base64')) return `${(encodeBase64(Uint8Array.from(bytes)).match(/.{1,64}/g) ?? []).join('\n')}\n`;
    return String.fromCharCode(...bytes.map((b) => (b < 0x80 ? b : 0x3f)));
  };
  const out = o.get('out');
  if (out !== undefined && out !== '-') {
    let text = '';
    for (let done = 0; done < n; done += CHUNK) text += encode(randomBytes(ctx, Math.min(CHUNK, n - done)), done + CHUNK >= n);
    return writeOutput(ctx, out, text) ? 0 : 1;
  }
  // Up to INT_MAX bytes: write them as they are made, as openssl does, and stop on Ctrl-C.
  for (let done = 0; done < n; done += CHUNK) {
    if (ctx.signal.aborted) return 130;
    ctx.stdout.write(encode(randomBytes(ctx, Math.min(CHUNK, n - done)), done + CHUNK >= n));
    if (n > CHUNK) {
      await ctx.clock.sleep(0, ctx.signal);
      await Promise.resolve();
    }
  }
  return 0;
}
